"""`flask --app wsgi people export|anonymise EMAIL`."""

import click

from intranet.models import User
from intranet.privacy import operations
from intranet.refusals import Refused


def _person(email):
    user = User.by_email(email)
    if user is None:
        raise click.ClickException(f"no account with the address {email}")
    return user


@click.group("people")
def people_cli():
    """A person's data: export it, or close and anonymise the account (AVG)."""


@people_cli.command("export")
@click.argument("email")
def export_command(email):
    """Write everything stored about the person with this address as JSON to stdout."""
    click.echo(operations.export(_person(email)))


@people_cli.command("anonymise")
@click.argument("email")
@click.confirmation_option(prompt="Close this account and replace the name everywhere?")
def anonymise_command(email):
    """Close the account and replace name and address in every record; events stay."""
    try:
        name = operations.anonymise(_person(email))
    except Refused as error:  # the voorzitter while others sit in the regiegroep, say
        raise click.ClickException(error.message) from error
    click.echo(f"account closed; the person is now '{name}'")
