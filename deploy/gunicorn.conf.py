"""gunicorn settings for the intranet: `gunicorn -c deploy/gunicorn.conf.py`.

See docs/operations.md.
"""

import multiprocessing
import os

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
# The app logs one JSON line per request itself (with its request id and user); gunicorn's
# access log would only repeat it. Its error log (starts, stops, crashed workers) goes to
# stderr, which systemd hands to journald.
accesslog = None
errorlog = "-"
loglevel = "info"
# X-Forwarded-* are read by the app (TRUSTED_PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = "127.0.0.1"
proc_name = "intranet"
# No control socket: systemd starts, reloads (HUP) and stops gunicorn, and the unit's
# filesystem is read-only outside the instance folder.
control_socket_disable = True
