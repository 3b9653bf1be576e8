#!/bin/sh
# Run a `flask --app wsgi` command from the current release, by its real path (the tick and
# backup units, and deploy/flask.sh). Runs as whoever calls it; the units call it as intranet.
set -eu
release=$(readlink -f "${INTRANET_ROOT:-/srv/intranet}/current")
cd "$release"
exec "$release/.venv/bin/flask" --app wsgi "$@"
