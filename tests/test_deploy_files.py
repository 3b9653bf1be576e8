"""The files in deploy/: the environment file is read as systemd reads it (a `$` stays a
`$`), and the systemd units start what the docs say."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"

pytestmark = pytest.mark.once

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
    assert "ExecStart=/srv/intranet/.venv/bin/flask --app wsgi mail work" in unit
    assert "EnvironmentFile=/etc/intranet/intranet.env" in unit and "Restart=always" in unit
