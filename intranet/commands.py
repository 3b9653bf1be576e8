"""The command line of the intranet besides `mail` and `workflows`: database, demo, accounts."""

import click

from intranet import db
from intranet.auth.accounts import create_user
from intranet.clock import today
from intranet.demo import (
    DEMO_PASSWORD,
    activities,
    applications,
    core,
    fees,
    network,
    news,
    professionals,
    rounds,
)
from intranet.models import Contact, Organisation, User
from intranet.models.people import GROUPS, HOOFDTHEMAS, WERKVELDEN
from intranet.people import seats
from intranet.refusals import Refused
from intranet.workflows import check

DEMO_SEEDERS = (
    core.seed,
    applications.seed,
    rounds.seed,
    fees.seed,
    network.seed,
    professionals.seed,
    activities.seed,
    news.seed,
)
DEMO_DOMAIN = "@example.org"  # every demo account's address; anything else is real data


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed a database without organisations.")
def seed_demo_command(if_empty):
    """Fill the database with demo data (safe to run again: nothing is added twice)."""
    if if_empty and Organisation.select().exists():
        click.echo("database already has data: demo not seeded")
        return
    real = User.select().where(~User.email.endswith(DEMO_DOMAIN)).first()
    if real is not None:
        raise click.ClickException(
            f"this database holds real accounts (e.g. {real.email}): demo data not added"
        )
    for seed in DEMO_SEEDERS:
        with db.write_transaction():
            seed()
    click.echo("demo data present")


@click.command("demo-logins")
def demo_logins_command():
    """Print the demo accounts to log in with."""
    click.echo(f"\nDemo-accounts (wachtwoord: {DEMO_PASSWORD}) op http://127.0.0.1:5000/inloggen")
    for role, email in core.demo_logins():
        click.echo(f"  {role:<32} {email}")
    click.echo("")


@click.group("users")
def users_cli():
    """Accounts."""


@users_cli.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, type=click.Choice([*GROUPS, "voorzitter"]))
@click.option("--name", default="", help="Full name (default: the part before @).")
@click.option(
    "--organisation", default="", help="Make the user contactpersoon of this organisation."
)
@click.option(
    "--werkveld", default="", type=click.Choice(["", *WERKVELDEN]), help="A projectgroep seat's."
)
@click.option(
    "--hoofdthema",
    default="",
    type=click.Choice(["", *HOOFDTHEMAS]),
    help="A projectgroep seat's hoofdthema (required where its werkveld asks for one).",
)
@click.password_option()
def create_user_command(email, roles, name, organisation, werkveld, hoofdthema, password):
    """Create an account with its roles.

    Each role is a seat from today, given as the Leden page gives it (seats.add_seat): the
    projectgroep's werkveld rule, one voorzitter of the regiegroep (a new one takes over),
    an audit record, and open votes weighed again.
    """
    if User.by_email(email):
        raise click.ClickException(f"{email} bestaat al")
    org = None
    if organisation:
        org = Organisation.get_or_none(Organisation.name == organisation)
        if org is None:
            raise click.ClickException(f"organisatie {organisation!r} bestaat niet")
    groups = sorted({"regiegroep" if role == "voorzitter" else role for role in roles})
    try:
        with db.write_transaction():  # all of it, or nothing
            user = create_user(
                email,
                name or email.split("@")[0],
                password,
                confirmed=True,  # whoever runs the command vouches for the address
            )
            if org:
                Contact.create(organisation=org, user=user)
            for group in groups:
                seats.add_seat(
                    user,
                    group,
                    today(),
                    None,
                    None,  # the system: whoever runs the command
                    werkveld=werkveld,
                    hoofdthema=hoofdthema,
                    voorzitter="voorzitter" in roles,
                )
    except Refused as error:
        raise click.ClickException(error.message) from error
    user = User.load(user.id)
    click.echo(f"created {user.email} ({', '.join(sorted(user.roles)) or 'geen rol'})")


@click.group("db")
def db_cli():
    """Database schema and backups."""


@db_cli.command("upgrade")
def upgrade_command():
    """Bring the database to the current schema, all or nothing (safe to run again).

    The migrations run, then the check that every case stands in a state its workflow
    declares; if a migration fails or the check finds cases, nothing is changed.
    """
    try:
        applied = db.upgrade(check=check.stray_cases)
    except db.UpgradeRefused as refused:
        for line in refused.problems:
            click.echo(f"problem: {line}", err=True)
        raise click.ClickException(
            "nothing was changed: the upgrade stopped (above). Cases in states their "
            "workflow no longer declares need a migration that moves them (see `flask --app "
            "wsgi workflows check`)"
        ) from refused
    for name in applied:
        click.echo(f"applied: {name}")
    if not applied:
        click.echo("schema is current")


@db_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path):
    """Write a consistent copy of the SQLite database to PATH while the app serves."""
    if not db.is_sqlite():
        raise click.ClickException(
            "PostgreSQL: use pg_dump (docs/operations.md, 'Backups and restores')"
        )
    db.backup_to(path)
    click.echo(f"backup written to {path}")


@db_cli.command("restore")
@click.argument("backup", type=click.Path(dir_okay=False))
def restore_command(backup):
    """Restore BACKUP: a `db backup` file (SQLite) or a `pg_dump --format=custom` file.

    SQLite: the backup replaces the database in one step (SQLite's backup API), safe while
    the app serves. PostgreSQL: restored into a new database that takes the old one's name;
    the old one is kept, renamed. Either way, a backup that is damaged, not the intranet's,
    or made by newer code is refused and nothing changes.
    """
    try:
        if db.is_sqlite():
            pending = db.restore_sqlite(backup)
            click.echo(f"restored {backup}")
        else:
            kept = db.restore_postgres(backup)
            pending = db.pending_after_restore()
            click.echo(f"restored {backup}; the database as it was is kept as {kept}")
    except db.RestoreRefused as refused:
        raise click.ClickException(f"nothing was restored: {refused}") from refused
    if pending:
        click.echo(
            f"the backup predates {len(pending)} migration(s): run `db upgrade` before "
            "starting the app"
        )
