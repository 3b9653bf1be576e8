"""`flask --app wsgi workflows tick|check`."""

from datetime import datetime

import click

from intranet.workflows import check, timers


@click.group("workflows")
def workflows_cli():
    """Workflow deadlines and consistency."""


@workflows_cli.command("tick")
@click.option(
    "--now",
    "moment",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
    help="Pretend it is this UTC moment (tests, catching up).",
)
def tick_command(moment: datetime | None):
    """Fire every due deadline and reminder exactly once (run it from cron every few minutes)."""
    counts = timers.tick(moment)
    click.echo(", ".join(f"{outcome}: {count}" for outcome, count in counts.items()))
    if counts[timers.UNKNOWN] or counts[timers.FAILED]:
        for problem in timers.problems():
            click.echo(f"error: {problem}", err=True)
        raise SystemExit(1)


@workflows_cli.command("check")
def check_command():
    """List cases whose state their workflow no longer declares; exit 1 if there are any."""
    lines = check.stray_cases()
    for line in lines:
        click.echo(line)
    if lines:
        raise SystemExit(1)
    click.echo("every case stands in a declared state")
