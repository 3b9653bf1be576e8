"""The intranet of De Leidse Aanpak / LEF."""

import os

from flask import Flask

from intranet import config as default_config


def create_app(config=None):
    """Create and configure an instance of the intranet."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    default_config.apply_environment(app.config)
    if config:
        app.config.from_mapping(config)
    os.makedirs(app.instance_path, exist_ok=True)

    from intranet import auth, db, errors, extensions, mail, security, views
    from intranet.workflows import cli as workflow_cli

    app.url_map.converters["int"] = security.DatabaseInteger  # before any route is added
    db.init_app(app)
    extensions.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    mail.init_app(app)
    auth.init_app(app)
    views.init_app(app)
    workflow_cli.init_app(app)

    from intranet import admission, beheer, dashboard, demo, fees, partners, people, rounds

    for feature in (admission, rounds, partners, people, fees, dashboard, beheer, demo):
        feature.init_app(app)
    return app
