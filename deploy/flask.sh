#!/bin/sh
# Run a `flask --app wsgi` command on the server as the intranet user, with the production
# settings of /etc/intranet/intranet.env, e.g.:
#   sudo /srv/intranet/current/deploy/flask.sh db upgrade
#   sudo /srv/intranet/current/deploy/flask.sh users create pl@example.org --role projectleider
set -eu
set -a
. /etc/intranet/intranet.env
set +a
export INTRANET_INSTANCE=/srv/intranet/instance
exec runuser -u intranet -- /srv/intranet/current/deploy/run.sh "$@"
