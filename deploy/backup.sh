#!/bin/sh
# The nightly backup (intranet-backup.service, as the intranet user): SQLite by `db backup`
# (SQLite's online backup), PostgreSQL by pg_dump; kept 30 days in /var/backups/intranet,
# which the intranet user owns (docs/operations.md, "Backups and restores").
set -eu
folder=${INTRANET_BACKUPS:-/var/backups/intranet}
stamp=$(date +%F)
umask 077
case "${DATABASE_URL:-}" in
    postgres*) pg_dump --format=custom --file "$folder/intranet-$stamp.dump" "$DATABASE_URL" ;;
    *) "$(dirname "$0")/run.sh" db backup "$folder/intranet-$stamp.sqlite3" ;;
esac
find "$folder" -name 'intranet-*' -mtime +30 -delete
