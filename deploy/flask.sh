#!/bin/sh
# Run a `flask --app wsgi` command on the server as the intranet user, with the production
# settings of /etc/intranet/intranet.env, e.g.:
#   sudo /srv/intranet/deploy/flask.sh db upgrade
#   sudo /srv/intranet/deploy/flask.sh users create pl@example.org --role projectleider
set -eu
set -a
. /etc/intranet/intranet.env
set +a
cd /srv/intranet
exec runuser -u intranet -- .venv/bin/flask --app wsgi "$@"
