"""deploy/ as a whole (issue 23): the environment file is read as systemd reads it (a `$`
stays a `$`); the units start the code through the release `current` points to, by its real
path, so a gunicorn worker that recycles never loads a release switched to later; the
instance folder stays outside the releases; the backup unit may write its folder; every
script is valid sh."""

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

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
    "unit",
    [
        "intranet-web.service",
        "intranet-tick.service",
        "intranet-backup.service",
        "intranet-mail.service",
    ],
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


ENV_FILE = r"""
# comment
; also a comment
SECRET_KEY=ab$cd$$ef
MAIL_PASSWORD="p@ss $HOME \"quoted\" back\\slash"
NETWORK_NAME='De Leidse $Aanpak'
PLAIN = spaced out value
EMPTY=
"""


def _run_with(tmp_path, text, *names):
    env_file = tmp_path / "intranet.env"
    env_file.write_text(text)
    code = "import os, sys; print('\\n'.join(os.environ[n] for n in sys.argv[1:]))"
    result = subprocess.run(
        [
            sys.executable,
            str(DEPLOY / "with_env.py"),
            str(env_file),
            sys.executable,
            "-c",
            code,
            *names,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_a_dollar_in_the_environment_file_stays_a_dollar(tmp_path):
    values = _run_with(tmp_path, ENV_FILE, "SECRET_KEY", "MAIL_PASSWORD", "NETWORK_NAME", "PLAIN")
    assert values == [
        "ab$cd$$ef",
        'p@ss $HOME "quoted" back\\slash',
        "De Leidse $Aanpak",
        "spaced out value",
    ]


def test_the_example_environment_file_reads(tmp_path):
    text = (DEPLOY / "intranet.env.example").read_text()
    assert _run_with(tmp_path, text, "NETWORK_NAME", "MAIL_USE_TLS") == ["De Leidse Aanpak", "1"]


def test_a_broken_line_is_refused(tmp_path):
    env_file = tmp_path / "intranet.env"
    env_file.write_text("dit is geen instelling\n")
    result = subprocess.run(
        [sys.executable, str(DEPLOY / "with_env.py"), str(env_file), "true"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "line 1: not KEY=VALUE" in result.stderr


def test_flask_sh_never_sources_the_environment_file():
    script = (DEPLOY / "flask.sh").read_text()
    assert ". /etc/intranet" not in script and "deploy/with_env.py" in script


def test_the_mail_unit_runs_the_mail_worker():
    unit = (DEPLOY / "intranet-mail.service").read_text()
    assert "ExecStart=/srv/intranet/current/deploy/run.sh mail work" in unit
    assert "EnvironmentFile=/etc/intranet/intranet.env" in unit and "Restart=always" in unit


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_script_reads_the_environment_file_with_the_shell(script):
    text = script.read_text()
    assert "set -a" not in text and ". /etc" not in text and '. "$0"' not in text
