"""Load benchmark: a large database, the app under gunicorn, wrk with logged-in sessions.

    .venv/bin/python bench/load.py [--postgres SERVER_URL] [--workers 4] [--connections 8]
                                   [--duration 10]

Seeds 5,000 organisations, 2,000 applications with votes and one full renewal round into a
fresh database (a temporary SQLite file, or with --postgres a database of its own that it
creates on that server and drops afterwards), starts gunicorn on 127.0.0.1 with the app and a bare
Flask "hello" beside it, and drives each page with wrk (Debian's package), hello before and
after the pages (the share is taken of their mean). Prints requests/s,
p50/p95/p99 in ms, each page's throughput as a share of hello's and its SQL statements per
request and the processor time of one request in-process, then a pyinstrument profile of
the slowest page. Not part of `make test`.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[0] = ROOT

from bench.profile import measure  # noqa: E402
from bench.seed import BENCH_SECRET, PASSWORD, seed_large  # noqa: E402


def free_port():
    """A free TCP port on the loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url, workers, port, log):
    """Start gunicorn with the benchmark app, its log lines into `log` (as journald would
    take them, not a terminal); wait until it answers."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": BENCH_SECRET}
    process = subprocess.Popen(
        [
            os.path.join(ROOT, ".venv/bin/gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.wsgi_bench:app",
        ],
        cwd=ROOT,
        env=env,
        stderr=log,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/hello/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    log.seek(0)
    raise SystemExit("gunicorn did not start:\n" + log.read().decode()[-3000:])


def login(base, email):
    """Log in like a browser; returns (cookie header, csrf token)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/inloggen").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD})
    opener.open(base + "/inloggen", data=form.encode())
    page = opener.open(base + "/").read().decode()
    csrf = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, csrf


def run_wrk(url, connections, duration, cookie="", csrf=None, body=None):
    """Drive one URL with wrk; returns the RESULT numbers as a dict."""
    env = {**os.environ, "BENCH_COOKIE": cookie}
    if body is not None:
        env.update(BENCH_METHOD="POST", BENCH_BODY=body, BENCH_CSRF=csrf)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "-s",
            os.path.join(ROOT, "bench/stats.lua"),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def main():
    """Seed, serve, measure, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", metavar="SERVER_URL", help="e.g. postgresql://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    folder = tempfile.mkdtemp()
    with own_database(args.postgres, folder) as url:
        run(url, args)
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def own_database(server_url, folder):
    """A database of the bench's own: a SQLite file, or one created on a PostgreSQL server."""
    if not server_url:
        yield f"sqlite:///{folder}/bench.sqlite3"
        return
    name = f"intranet_bench_{os.getpid()}_{secrets.token_hex(4)}"
    server = psycopg2.connect(server_url)
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(server_url)._replace(path="/" + name))
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def run(url, args):
    """Seed, serve, measure and print one database's figures."""
    print(f"seeding {url.split(':')[0]} ...", flush=True)
    targets = seed_large(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:  # the app's log lines, as journald would take them
        server = start_gunicorn(url, args.workers, port, log)
        vote = {"choice": "twijfel", "motivation": "bench"}
        plan = [
            ("dashboard", targets["dashboard"], "leader", None),
            ("mijn taken", targets["tasks"], "leader", None),
            ("stemmen", targets["votes"], "member", None),
            ("stempagina", targets["vote_page"], "member", None),
            ("stem (htmx)", targets["vote_page"], "member", vote),
            ("partners", targets["directory"], "", None),
        ]
        try:
            sessions = {"": ("", None)}
            sessions["leader"] = login(base, targets["leader"])
            sessions["member"] = login(base, targets["member"])
            # hello before and after the pages: this machine's speed drifts over minutes,
            # so each page's share is taken of the mean of the two
            first_hello = run_wrk(base + "/hello/", args.connections, args.duration)
            results = {"hello": first_hello}
            for name, path, who, body in plan:
                cookie, csrf = sessions[who]
                form = urllib.parse.urlencode(body) if body else None
                results[name] = run_wrk(
                    base + path, args.connections, args.duration, cookie, csrf, form
                )
                print(f"  measured {name}", flush=True)
            last_hello = run_wrk(base + "/hello/", args.connections, args.duration)
        finally:
            server.terminate()
            server.wait()
    slowest = min(plan, key=lambda page: results[page[0]]["rps"])[0]
    statements, processor, profile = measure(url, plan, targets, slowest)
    hello = (first_hello["rps"] + last_hello["rps"]) / 2
    results["hello"] = {key: (first_hello[key] + last_hello[key]) / 2 for key in first_hello}
    for key in ("errors", "non2xx"):  # counted, not averaged
        results["hello"][key] = first_hello[key] + last_hello[key]
    print(f"hello before the pages {first_hello['rps']:.0f} req/s, after {last_hello['rps']:.0f}")
    print(f"\n{url.split(':')[0]}, {args.workers} gunicorn workers, {args.connections} clients")
    print(
        f"{'page':<14}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'of hello':>10}"
        f"{'SQL/req':>9}{'cpu ms':>8}  errors"
    )
    for name, r in results.items():
        print(
            f"{name:<14}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
            f"{r['rps'] / hello:>10.0%}{statements.get(name, 0):>9}"
            f"{processor.get(name, 0):>8.1f}  {int(r['errors'] + r['non2xx'])}"
        )
    print(
        "cpu ms: the least processor time of one request in-process (no HTTP server), "
        "the figure least moved by other work on the machine"
    )
    print(f"\nprofile of the slowest page, {slowest} (pyinstrument, 30 requests in-process):")
    print(profile)


if __name__ == "__main__":
    main()
