#!/bin/sh
# Run a `flask --app wsgi` command on the server as the intranet user, with the production
# settings of /etc/intranet/intranet.env, e.g.:
#   sudo /srv/intranet/deploy/flask.sh db upgrade
#   sudo /srv/intranet/deploy/flask.sh users create pl@example.org --role projectleider
# The file is read as systemd reads it (deploy/with_env.py), never by /bin/sh: a `$` in a
# password stays a `$`.
set -eu
cd /srv/intranet
exec runuser -u intranet -- .venv/bin/python deploy/with_env.py /etc/intranet/intranet.env \
	.venv/bin/flask --app wsgi "$@"
