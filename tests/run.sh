#!/usr/bin/env bash
# `make test`: lint, the suite on SQLite (browser and once-only tests included), then on
# PostgreSQL (without the tests marked `once`), each on two pytest-xdist workers that take
# whole modules (`--dist loadscope`: a module's fixtures, such as the page walk of every role
# or the Caddy site, are built once, not once per worker); prints the time of each part.
# TEST_DATABASE_URL names the PostgreSQL server (default below); REQUIRE_POSTGRES=1 (CI)
# makes the PostgreSQL pass mandatory. Line coverage is `make coverage`, not part of this:
# it doubled the time of every run.
set -uo pipefail
BIN=.venv/bin
PG_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
WORKERS="${TEST_WORKERS:-2}"
times=()
failed=0

part() {  # part NAME COMMAND...: run it, note its time, remember a failure
    local name=$1 start=$SECONDS
    shift
    echo "== $name"
    "$@" || failed=1
    times+=("$(printf '%-12s %4ds' "$name" $((SECONDS - start)))")
}

part lint make --no-print-directory lint
part sqlite "$BIN/pytest" -n "$WORKERS" --dist loadscope --durations=10
if "$BIN/python" -m tests.support.pg_available "$PG_URL"; then
    part postgresql env TEST_DATABASE_URL="$PG_URL" "$BIN/pytest" -n "$WORKERS" --dist loadscope --durations=10 -m "not once"
elif [ -n "${REQUIRE_POSTGRES:-}" ]; then
    echo "PostgreSQL is required here but does not answer at $PG_URL" >&2
    failed=1
else
    echo "PostgreSQL does not answer at $PG_URL: PostgreSQL pass left out"
fi

echo "== time of each part"
printf '%s\n' "${times[@]}"
exit $failed
