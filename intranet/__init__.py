"""The intranet of De Leidse Aanpak / LEF."""

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intranet import config as default_config


def create_app(config=None):
    """Create and configure an instance of the intranet.

    Without `config` the settings come from the defaults, `instance/config.py` and the
    environment; with it (tests, benchmarks) from the defaults and `config` alone, so a test
    never reads the developer's instance file or exported MAIL_SERVER.
    """
    # INTRANET_INSTANCE moves the instance folder (config.py, the SQLite file) elsewhere.
    instance = os.environ.get("INTRANET_INSTANCE") if config is None else None
    app = Flask(__name__, instance_path=instance or None, instance_relative_config=True)
    app.config.from_object(default_config)
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_mapping(default_config.from_environment())
    else:
        app.config.from_mapping(config)
    default_config.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )

    from intranet import auth, db, errors, extensions, health, logs, mail, security, views
    from intranet.workflows import cli as workflow_cli

    logs.init_app(app)
    app.url_map.converters["int"] = security.DatabaseInteger  # before any route is added
    db.init_app(app)
    extensions.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    mail.init_app(app)
    auth.init_app(app)
    views.init_app(app)
    health.init_app(app)
    workflow_cli.init_app(app)

    from intranet import admission, beheer, dashboard, demo, fees, partners, privacy, rounds

    for feature in (admission, rounds, partners, fees, dashboard, beheer, privacy, demo):
        feature.init_app(app)
    return app
