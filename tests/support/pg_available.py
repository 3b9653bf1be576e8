"""Exit 0 if the PostgreSQL server of the given URL answers (used by `make test`)."""

import sys

import psycopg2


def main(url):
    """Try to connect once, briefly."""
    try:
        psycopg2.connect(url, connect_timeout=3).close()
    except psycopg2.Error:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
