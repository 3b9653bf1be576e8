"""Entry point for `flask --app wsgi` and gunicorn (`gunicorn wsgi:app`)."""

import sys

from intranet.app import create_app
from intranet.config import ConfigurationError

try:
    app = create_app()
except ConfigurationError as error:
    print(f"intranet: {error}", file=sys.stderr)  # one clear line
    # Status 3 is gunicorn's "worker failed to boot": it stops instead of retrying forever.
    sys.exit(3)
