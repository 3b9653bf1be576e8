#!/bin/sh
# Run a `flask --app wsgi` command on the server as the intranet user, with the production
# settings of /etc/intranet/intranet.env, e.g.:
#   sudo /srv/intranet/current/deploy/flask.sh db upgrade
#   sudo /srv/intranet/current/deploy/flask.sh users create pl@example.org --role projectleider
# The file is read as systemd reads it (deploy/with_env.py), never by /bin/sh: a `$` in a
# password stays a `$`. The command runs from the current release (deploy/run.sh).
set -eu
current=/srv/intranet/current
exec runuser -u intranet -- "$current/.venv/bin/python" "$current/deploy/with_env.py" \
	/etc/intranet/intranet.env env INTRANET_INSTANCE=/srv/intranet/instance \
	"$current/deploy/run.sh" "$@"
