#!/bin/sh
# intranet-web.service starts gunicorn through this: from the release that
# /srv/intranet/current points to *now*, by its real path. gunicorn loads the app in each
# worker (no preload_app), and a worker that recycles (max_requests) imports the code
# again: by the real path it imports the release it started with, never one switched to
# later. A new release runs only after `systemctl restart intranet-web` (deploy/release.sh).
set -eu
release=$(readlink -f "${INTRANET_ROOT:-/srv/intranet}/current")
cd "$release"
exec "$release/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py
