"""Database: migrations from empty and again, schema in step with the models, seeding."""

from datetime import timedelta

from playhouse.schema_diff import diff_models

from intranet.clock import today
from intranet.db import database_for, db, migration_runner, upgrade
from intranet.models import Membership, Organisation, User
from intranet.schema import MODELS
from intranet.workflows.models import AuditEvent
from tests.conftest import PG_URL
from tests.support import factories


def test_upgrade_twice_is_harmless(app):
    assert upgrade() == []
    assert upgrade() == []


def test_upgrade_from_empty_builds_every_table(app, tmp_path):
    if PG_URL:  # the session fixture migrated PostgreSQL from an empty schema already
        assert set(db.get_tables()) >= {m._meta.table_name for m in MODELS}
        return
    empty = database_for(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    db.initialize(empty)
    applied = upgrade()
    assert applied and applied == [m.name for m in migration_runner().status()]
    assert set(empty.get_tables()) >= {m._meta.table_name for m in MODELS}


def test_migrations_match_the_models(app):
    assert not diff_models(db.obj, MODELS), "write a migration for the model change"


def test_db_upgrade_command_reports_current_schema(runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and "schema is current" in result.output


def _row_counts():
    return {model.__name__: model.select().count() for model in MODELS}


def test_seed_demo_is_idempotent(runner):
    """The one test that seeds the demo itself (the others read the `demo` fixture's copy):
    from an empty database, then again, which adds no row to any table."""
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = _row_counts()
    assert counts["Organisation"] >= 52
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert _row_counts() == counts


def test_seed_demo_if_empty_leaves_a_used_database_alone(runner, make_organisation):
    make_organisation()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "not seeded" in result.output and Organisation.select().count() == 1


def test_users_create_makes_an_account_with_roles(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "pl@example.org",
            "--role",
            "projectleider",
            "--password",
            "x" * 12,
        ],
    )
    assert result.exit_code == 0, result.output
    assert User.by_email("pl@example.org").roles == {"projectleider"}


def _create(runner, email, *options):
    args = ["users", "create", email, *options, "--password", "x" * 12]
    return runner.invoke(args=args)


def test_users_create_gives_seats_as_the_leden_page_does(runner):
    """One voorzitter at a time, the werkveld rule, an audit record per seat."""
    first = _create(runner, "eerste@example.org", "--role", "voorzitter")
    second = _create(runner, "tweede@example.org", "--role", "voorzitter")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    chairs = Membership.current("regiegroep").where(Membership.voorzitter)
    assert [seat.user.email for seat in chairs] == ["tweede@example.org"]  # took over
    assert "voorzitter" in User.load(User.by_email("tweede@example.org").id).roles
    seats = AuditEvent.select().where(AuditEvent.trigger == "zetel")
    assert seats.count() == 2


def test_users_create_refuses_a_projectgroep_seat_without_werkveld_and_creates_nothing(runner):
    refused = _create(runner, "lid@example.org", "--role", "projectgroep")
    assert refused.exit_code != 0 and "werkveld" in refused.output
    assert User.by_email("lid@example.org") is None
    seat = ["--werkveld", "PO", "--hoofdthema", "maatwerk"]
    made = _create(runner, "lid@example.org", "--role", "projectgroep", *seat)
    assert made.exit_code == 0, made.output
    assert "projectgroep" in made.output


def test_connections_return_to_the_pool_after_a_request(client):
    client.get("/inloggen")
    assert db.is_closed()


def test_member_ids_are_the_active_people_with_a_seat_on_the_day(app):
    member, left = factories.person("projectgroep"), factories.person("projectgroep")
    Membership.update(ends_on=today() - timedelta(days=1)).where(
        Membership.user == left.id
    ).execute()
    chair = factories.person("regiegroep")
    gone = factories.person("projectgroep")
    User.update(active=False).where(User.id == gone.id).execute()
    Membership.update(starts_on=today() - timedelta(days=10)).execute()
    assert Membership.member_ids("projectgroep") == {member.id}
    earlier = today() - timedelta(days=2)
    assert Membership.member_ids("projectgroep", earlier) == {member.id, left.id}
    assert Membership.member_ids("regiegroep") == {chair.id}
    assert Membership.member_ids("geen") == set()
