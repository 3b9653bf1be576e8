"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py` (see docs/operations.md)."""

import multiprocessing
import os

from intranet.logs import gunicorn_logconfig

wsgi_app = "wsgi:app"
# Only Caddy on this machine talks to gunicorn; it terminates TLS (deploy/intranet.caddy).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
# A fresh worker now and then: a slow leak never grows for months.
max_requests = 2000
max_requests_jitter = 200
# Every line is JSON, so `journalctl -o cat | jq` reads them all. The app logs one line per
# request itself (with its request id and user); gunicorn's access log would repeat it, so
# it is off unless GUNICORN_ACCESS_LOG=1. gunicorn's own messages (starts, stops, killed
# workers) go to stderr, which systemd hands to journald.
logconfig_dict = gunicorn_logconfig(access_log=os.environ.get("GUNICORN_ACCESS_LOG") == "1")
loglevel = "info"
# X-Forwarded-* are read by the app (TRUSTED_PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
proc_name = "intranet"
# No control socket: systemd starts, reloads (HUP) and stops gunicorn, and the unit's
# filesystem is read-only outside the instance folder.
control_socket_disable = True
