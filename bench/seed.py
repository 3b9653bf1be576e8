"""A large database for the load benchmark: 5,000 organisations, 2,000 applications with
votes, one full renewal round."""

import random
from datetime import timedelta

from intranet.admission.models import Application, Vote
from intranet.app import create_app
from intranet.clock import now
from intranet.db import db, is_sqlite, upgrade, write_transaction
from intranet.demo import DEMO_PASSWORD, core
from intranet.models import Organisation, User

PASSWORD = DEMO_PASSWORD
BENCH_SECRET = "bench-" + "0" * 32  # a throwaway key: the bench serves only the loopback
ORGANISATIONS = 5000
APPLICATIONS = 2000
SECTORS = ["PO", "VO", "VSE", "cultuur", "bedrijf", "overig"]
STATES = [
    "concept",
    "referenties",
    "bij_projectleider",
    "stemming",
    "regiegroep",
    "toegelaten",
    "afgewezen",
]


def _bulk(model, rows, size=500):
    for start in range(0, len(rows), size):
        model.insert_many(rows[start : start + size]).execute()


def seed_large(url, organisations=ORGANISATIONS, applications=APPLICATIONS):
    """Fill a fresh database at url; return the logins and page paths to measure."""
    from flask import url_for

    app = create_app({"SECRET_KEY": BENCH_SECRET, "DEVELOPMENT": True, "DATABASE_URL": url})
    rng = random.Random(2018)
    with app.app_context():
        upgrade()
        with write_transaction():
            core.seed()
            extra = organisations - Organisation.select().count()
            _bulk(
                Organisation,
                [
                    {
                        "name": f"Bench-organisatie {n:05d}",
                        "sector": rng.choice(SECTORS),
                        "municipality": rng.choice(["Leiden", "Leiderdorp", "Oegstgeest"]),
                        "pupil_count": rng.randint(50, 900),
                        "status": "partner",
                        "membership_type": "convenant",
                        "profile": "Partner in de benchmark.",
                        "created_at": now(),
                    }
                    for n in range(extra - applications)
                ]
                + [
                    {
                        "name": f"Bench-aspirant {n:05d}",
                        "sector": "bedrijf",
                        "municipality": "Leiden",
                        "status": "aspirant",
                        "membership_type": "uitgebreid",
                        "created_at": now(),
                    }
                    for n in range(applications)
                ],
            )
            applicant = User.create(email="aanvrager@bench.example.org", name="Bench aanvrager")
            aspirants = Organisation.select(Organisation.id).where(
                Organisation.status == "aspirant"
            )
            _bulk(
                Application,
                [
                    {
                        "organisation": org.id,
                        "applicant": applicant.id,
                        "route": "uitgebreid",
                        "profile": "Benchmark.",
                        "state": STATES[n % len(STATES)],
                        "created_at": now(),
                        "vote_deadline": now() + timedelta(days=14),
                    }
                    for n, org in enumerate(aspirants)
                ],
            )
            members = list(User.in_group("projectgroep"))
            voting = Application.select(Application.id).where(Application.state == "stemming")
            _bulk(
                Vote,
                [
                    {
                        "application": case.id,
                        "member": member.id,
                        "choice": "twijfel",
                        "motivation": "",
                        "cast_at": now(),
                    }
                    for case in voting
                    for member in members[1 : rng.randint(2, 7)]
                ],
            )
        seed_renewal_round(app)
        if not is_sqlite():
            # A PostgreSQL server vacuums and gathers its planner statistics by itself
            # (autovacuum), a minute or so after a bulk load; the test server runs without
            # autovacuum, and without statistics the planner takes 5,000 organisations for
            # one (a nested loop over contacts: 67 ms instead of 3 for the dashboard's
            # achtervang list). Outside a transaction: VACUUM cannot run inside one.
            db.execute_sql("VACUUM ANALYZE")
        target = Application.select().where(Application.state == "stemming").first()
        with app.test_request_context(base_url=app.config["BASE_URL"]):
            return {
                "leader": core.PROJECTLEIDER[1],
                "member": core.PROJECTGROEP[0][1],
                "dashboard": url_for("dashboard.index"),
                "tasks": url_for("tasks.index"),
                "votes": url_for("votes.index"),
                "vote_page": url_for("votes.vote", case_id=target.id),
                "directory": url_for("partners.directory"),
            }


def seed_renewal_round(app):
    """A running period, continued by the regiegroep, and its signing round over every partner."""
    from datetime import timedelta

    from intranet.clock import today
    from intranet.rounds import continuation_workflow, opening, period_workflow
    from intranet.rounds.periods import create_period
    from intranet.workflows import engine

    with app.app_context():
        chair = User.get(User.email == core.REGIEGROEP[0][1])
        current = create_period(
            None,
            name="Bench lopend",
            starts_on=today() - timedelta(days=1000),
            ends_on=today() + timedelta(days=100),
            text="Convenant.",
        )
        engine.fire(period_workflow.WORKFLOW, current.id, "starten", None)
        decision = type(current).get_by_id(current.id).decision
        engine.fire(continuation_workflow.WORKFLOW, decision.id, "agenderen", None)
        engine.fire(
            continuation_workflow.WORKFLOW, decision.id, "voortzetten", chair, comment="Door."
        )
        following = create_period(
            None,
            name="Bench volgend",
            starts_on=today() + timedelta(days=101),
            ends_on=today() + timedelta(days=1500),
            text="Convenant.",
        )
        opening.open_renewal_round(following, None, today() + timedelta(days=60))
