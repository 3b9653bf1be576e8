"""Run a command with the settings of a systemd EnvironmentFile, read as systemd reads it.

    python3 deploy/with_env.py /etc/intranet/intranet.env COMMAND [ARGS...]

`KEY=VALUE` per line; blank lines and lines starting with # or ; are skipped; a value in
single or double quotes loses them (in double quotes, \\" and \\\\ are unescaped). Nothing
else is interpreted: a `$` or a backslash in a password stays what it is, where `. file`
in /bin/sh would expand or eat it. deploy/flask.sh uses this.
"""

import os
import re
import sys

KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse(text):
    """The settings of an environment file, as a dict."""
    settings = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        key, equals, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not KEY.match(key):
            raise ValueError(f"line {number}: not KEY=VALUE")
        if len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1]
        elif len(value) >= 2 and value[0] == value[-1] == '"':
            value = re.sub(r'\\(["\\])', r"\1", value[1:-1])
        settings[key] = value
    return settings


def main(arguments):
    """Read the file, then replace this process by the command with those settings."""
    if len(arguments) < 2:
        sys.exit("usage: with_env.py ENVFILE COMMAND [ARGS...]")
    path, command = arguments[0], arguments[1:]
    with open(path, encoding="utf-8") as file:
        environment = {**os.environ, **parse(file.read())}
    os.execvpe(command[0], command, environment)


if __name__ == "__main__":
    main(sys.argv[1:])
