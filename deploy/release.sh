#!/bin/sh
# Upgrade to a release, or roll back to an earlier one (docs/operations.md, "Upgrades and
# rollback"). Run as root:
#   release.sh prepare REF                # only install REF in /srv/intranet/releases/SHA
#   release.sh upgrade REF                # a tag or commit of /srv/intranet/repository
#   release.sh rollback RELEASE BACKUP
#
# upgrade: the release is checked out and its venv installed in /srv/intranet/releases/SHA
# while the old one serves; then both units stop, a backup is made, `db upgrade` runs with
# the new code (all or nothing: if it refuses, the old release starts again on the
# unchanged database), `current` is switched in one rename, and the units start.
# rollback: the units stop, `current` goes back to RELEASE, BACKUP (made before the upgrade)
# is restored with that release's `db restore`, and the units start.
set -eu
root=${INTRANET_ROOT:-/srv/intranet}
repository=$root/repository
backups=${INTRANET_BACKUPS:-/var/backups/intranet}
env_file=${INTRANET_ENV:-/etc/intranet/intranet.env}
units="intranet-web.service intranet-mail.service intranet-tick.timer intranet-backup.timer"

here=$(cd "$(dirname "$0")" && pwd -P)

as_intranet() {  # a command of the given release, as the intranet user, with the settings
    release=$1  # (read as systemd reads them, by with_env.py: a `$` in a password stays)
    shift
    runuser -u intranet -- env -i PATH=/usr/bin:/bin INTRANET_INSTANCE="$root/instance" \
        /usr/bin/python3 "$here/with_env.py" "$env_file" \
        sh -c 'cd "$0"; exec .venv/bin/flask --app wsgi "$@"' "$release" "$@"
}

switch_to() {  # point `current` at a release in one rename
    ln -sfn "releases/$1" "$root/current.new"
    mv -T "$root/current.new" "$root/current"
}

stop_units() {  # a tick or backup under way is waited for
    systemctl stop $units intranet-tick.service intranet-backup.service
}

start_units() {
    systemctl start $units
}

prepare() {  # check out a commit into releases/SHA with its own venv; prints SHA
    git -C "$repository" fetch --quiet --tags origin >&2
    sha=$(git -C "$repository" rev-parse --verify "$1^{commit}")
    release=$root/releases/$sha
    if [ ! -d "$release" ]; then
        rm -rf "$release.new"
        mkdir -p "$release.new"
        git -C "$repository" archive "$sha" | tar -x -C "$release.new"
        python3 -m venv "$release.new/.venv" >&2
        "$release.new/.venv/bin/pip" install --quiet --require-hashes -r "$release.new/requirements-pip.lock" >&2
        "$release.new/.venv/bin/pip" install --quiet --require-hashes -r "$release.new/requirements.lock" >&2
        mv -T "$release.new" "$release"
    fi
    echo "$sha"
}

case "${1:-}" in
prepare)
    prepare "${2:?which tag or commit?}"
    ;;
upgrade)
    sha=$(prepare "${2:?which tag or commit?}")
    release=$root/releases/$sha
    previous=$(basename "$(readlink -f "$root/current")")
    stop_units
    backup=$backups/before-$sha
    case "$(. "$env_file"; echo "${DATABASE_URL:-}")" in
        postgres*)
            backup=$backup.dump
            runuser -u intranet -- /usr/bin/python3 "$here/with_env.py" "$env_file" \
                sh -c 'pg_dump --format=custom --file "$0" "$DATABASE_URL"' "$backup"
            ;;
        *)
            backup=$backup.sqlite3
            as_intranet "$root/releases/$previous" db backup "$backup"
            ;;
    esac
    if ! as_intranet "$release" db upgrade; then
        echo "db upgrade refused: nothing changed; $previous serves again" >&2
        start_units
        exit 1
    fi
    switch_to "$sha"
    start_units
    echo "now serving $sha (was $previous); backup before the upgrade: $backup"
    echo "to go back: $0 rollback $previous $backup"
    ;;
rollback)
    sha=${2:?which release?}
    backup=${3:?which backup (made before the upgrade)?}
    [ -d "$root/releases/$sha" ] || { echo "no release $sha in $root/releases" >&2; exit 1; }
    stop_units
    switch_to "$sha"
    as_intranet "$root/releases/$sha" db restore "$backup"
    start_units
    echo "now serving $sha on the restored backup $backup"
    ;;
*)
    echo "usage: $0 prepare REF | upgrade REF | rollback RELEASE BACKUP" >&2
    exit 2
    ;;
esac
