"""Entry point for `flask --app wsgi` and gunicorn (`gunicorn wsgi:app`)."""

import sys

from intranet.app import create_app
from intranet.config import ConfigurationError

try:
    app = create_app()
except ConfigurationError as error:
    sys.exit(f"intranet: {error}")  # one clear line, exit status 1
