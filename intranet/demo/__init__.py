"""Demo data (`flask --app wsgi seed-demo`) and the CLI that manages accounts."""

import click
from flask import current_app

from intranet.auth.accounts import create_user
from intranet.db import write_transaction
from intranet.models import Contact, Organisation, User
from intranet.models.people import GROUPS

DEMO_PASSWORD = "leidseaanpak"  # demo only; printed by `make run`


def register(app, seed):
    """Let a feature add its demo data; seeders run after the core's, in registration order."""
    app.extensions.setdefault("demo_seeders", []).append(seed)


def seeders():
    """Every demo seeder of this app, the core's first."""
    from intranet.demo import core

    return [core.seed, *current_app.extensions.get("demo_seeders", [])]


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
    for seed in seeders():
        with write_transaction():
            seed()
    click.echo("demo data present")


DEMO_DOMAIN = "@example.org"  # every demo account's address; anything else is real data


@click.command("demo-logins")
def demo_logins_command():
    """Print the demo accounts to log in with."""
    from intranet.demo.core import demo_logins

    click.echo(f"\nDemo-accounts (wachtwoord: {DEMO_PASSWORD}) op http://127.0.0.1:5000/inloggen")
    for role, email in demo_logins():
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
@click.password_option()
def create_user_command(email, roles, name, organisation, password):
    """Create an account with its roles."""
    if User.by_email(email):
        raise click.ClickException(f"{email} bestaat al")
    org = None
    if organisation:
        org = Organisation.get_or_none(Organisation.name == organisation)
        if org is None:
            raise click.ClickException(f"organisatie {organisation!r} bestaat niet")
    groups = {"regiegroep" if role == "voorzitter" else role for role in roles}
    with write_transaction():
        user = create_user(
            email,
            name or email.split("@")[0],
            password,
            groups,
            "voorzitter" in roles,
            confirmed=True,
        )
        if org:
            Contact.create(organisation=org, user=user)
    click.echo(f"created {user.email} ({', '.join(sorted(user.roles)) or 'geen rol'})")


def init_app(app):
    """Register the CLI commands."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(demo_logins_command)
    app.cli.add_command(users_cli)
