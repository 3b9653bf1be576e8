"""deploy/ as a whole (issue 23): the units start the code through the release `current`
points to, by its real path, so a gunicorn worker that recycles never loads a release
switched to later; the instance folder stays outside the releases; the backup unit may
write its folder; every script is valid sh."""

import configparser
import os
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).parent.parent / "deploy"
SCRIPTS = sorted(DEPLOY.glob("*.sh"))


def _unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / name)
    return parser["Service"]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_every_script_is_valid_sh_and_executable(script):
    assert subprocess.run(["sh", "-n", str(script)], check=False).returncode == 0
    assert os.access(script, os.X_OK)


@pytest.mark.parametrize(
    "unit", ["intranet-web.service", "intranet-tick.service", "intranet-backup.service"]
)
def test_units_run_the_current_release_with_the_instance_outside_it(unit):
    service = _unit(unit)
    start = service["ExecStart"]
    assert start.startswith("/srv/intranet/current/deploy/")
    assert (DEPLOY / start.split()[0].rsplit("/", 1)[1]).exists()
    assert service["Environment"] == "INTRANET_INSTANCE=/srv/intranet/instance"
    assert "/srv/intranet/instance" in service["ReadWritePaths"].split()
    assert "WorkingDirectory" not in service  # the scripts go to the release's real path


def test_the_web_server_and_commands_start_from_the_real_path_of_current():
    for name in ("serve.sh", "run.sh"):
        text = (DEPLOY / name).read_text()
        assert 'release=$(readlink -f "${INTRANET_ROOT:-/srv/intranet}/current")' in text
        assert 'cd "$release"' in text and 'exec "$release/.venv/bin/' in text


def test_the_backup_unit_may_write_the_backup_folder():
    assert "/var/backups/intranet" in _unit("intranet-backup.service")["ReadWritePaths"].split()


def test_run_sh_runs_flask_from_the_resolved_release(tmp_path):
    """run.sh in a fake root: `current` is a link to a release whose .venv/bin/flask says
    where it runs; switching the link changes only the next command."""
    for name in ("one", "two"):
        flask = tmp_path / "releases" / name / ".venv" / "bin" / "flask"
        flask.parent.mkdir(parents=True)
        flask.write_text('#!/bin/sh\necho "$(pwd -P) $*"\n')
        flask.chmod(0o755)
    (tmp_path / "current").symlink_to("releases/one")
    environment = {**os.environ, "INTRANET_ROOT": str(tmp_path)}
    run = [str(DEPLOY / "run.sh"), "db", "upgrade"]
    first = subprocess.run(run, env=environment, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == f"{tmp_path / 'releases' / 'one'} --app wsgi db upgrade"
    (tmp_path / "current").unlink()
    (tmp_path / "current").symlink_to("releases/two")
    second = subprocess.run(run, env=environment, capture_output=True, text=True, check=True)
    assert second.stdout.startswith(str(tmp_path / "releases" / "two"))
