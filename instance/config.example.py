# Copy to instance/config.py (make run does so and appends a fresh SECRET_KEY).
# Every setting may also come from the environment: SECRET_KEY, DATABASE_URL, MAIL_*.

# DATABASE_URL = "postgresql://intranet@127.0.0.1:5432/intranet"

# MAIL_SERVER = "smtp.example.org"
# MAIL_PORT = 587
# MAIL_USE_TLS = True
# MAIL_USERNAME = "..."
# MAIL_PASSWORD = "..."

# Local development over plain http://127.0.0.1:5000; delete these two lines in production
# (behind HTTPS), where cookies must be Secure.
SESSION_COOKIE_SECURE = False
REMEMBER_COOKIE_SECURE = False

# make run: development, so the app starts with the key make run appended (production
# refuses a missing or example SECRET_KEY).
DEVELOPMENT = True
STRICT_TRANSPORT_SECURITY = None  # plain http: no HSTS
TRUSTED_HOSTS = ["127.0.0.1", "localhost"]  # the hosts `make run` answers on

# The demo tells the convenant's story as the network's sources do: since September 2021 the
# regiegroep decides with LEF's stuurgroep as one body (intranet/config.py, DECIDING_BODY).
DECIDING_BODY = "stuurgroep Leidse Aanpak met LEF"
