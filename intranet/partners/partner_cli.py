"""`flask partners import FILE [--dry-run]` and `flask partners export FILE`."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from intranet.formats import count_of
from intranet.partners import table
from intranet.partners.import_apply import import_rows
from intranet.partners.network_export import export
from intranet.refusals import Refused

partners_cli = AppGroup("partners", help="Het netwerk importeren en exporteren.")
STATUS = {"nieuw": "nieuw", "gewijzigd": "gewijzigd", "ongewijzigd": "ongewijzigd"}


def describe(row_plan):
    """One line of the preview for a row, in Dutch."""
    if row_plan.errors:
        return f"regel {row_plan.line}: fout: {' '.join(row_plan.errors)}"
    if row_plan.status == "gewijzigd":
        return f"regel {row_plan.line}: {row_plan.name}: gewijzigd ({', '.join(row_plan.changes)})"
    return f"regel {row_plan.line}: {row_plan.name}: {row_plan.status}"


def read_file(path):
    """The bytes of a file, at most the import limit; Refused when too large or unreadable."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise Refused(f"Het bestand kan niet worden geopend: {error.strerror}.") from error
    if len(data) > limit:
        raise Refused(too_large(limit))
    return data


def too_large(limit):
    """The refusal for a file above the limit."""
    return f"Het bestand is te groot: de grens is {limit // (1024 * 1024)} MB."


@partners_cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Alleen laten zien wat er zou gebeuren.")
def import_command(path, dry_run):
    """Import the partners in FILE (CSV with ; or .xlsx); any error changes nothing."""
    try:
        result = import_rows(table.read(read_file(path), path), None, dry_run=dry_run)
    except Refused as error:
        click.echo(f"Fout: {error.message} Er is niets gewijzigd.", err=True)
        sys.exit(1)
    for row_plan in result.plans:
        click.echo(describe(row_plan))
    totals = ", ".join(f"{result.count(s)} {s}" for s in ("nieuw", "gewijzigd", "ongewijzigd"))
    if result.errors:
        wrong = count_of(len(result.errors), "regel", "regels")
        click.echo(f"{wrong} met een fout: er is niets gewijzigd.", err=True)
        sys.exit(1)
    if dry_run:
        click.echo(f"Proefdraai ({totals}): er is niets gewijzigd.")
    else:
        click.echo(f"Geïmporteerd: {totals}.")


@partners_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_command(path):
    """Write the current partners to FILE (.xlsx by its name, otherwise CSV with ;)."""
    kind = "xlsx" if path.lower().endswith(".xlsx") else "csv"
    with open(path, "wb") as handle:
        handle.write(export(kind))
    click.echo(f"Geëxporteerd naar {path}.")
