"""Privacy (AVG): the privacy statement, a person's data export and anonymisation, pruning."""


def init_app(app):
    """Register the pages and the `people` commands."""
    from intranet.privacy import cli, routes

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.people_cli)
