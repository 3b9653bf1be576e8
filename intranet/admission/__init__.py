"""Workflow 1, toetreding: apply, references, the projectleider, the vote, the regiegroep."""


def init_app(app):
    """Register the admission blueprints and the workflow."""
    from intranet.admission.apply import routes as apply
    from intranet.admission.decide import inbox, regiegroep
    from intranet.admission.referees import routes as referee
    from intranet.admission.votes import routes as votes
    from intranet.workflows import admission  # noqa: F401 - registers the workflow

    for module in (apply, referee, inbox, votes, regiegroep):
        app.register_blueprint(module.bp)
    from intranet.admission.dashboard import provide_sections

    provide_sections(app)

    from intranet import demo
    from intranet.admission.demo import seed

    demo.register(app, seed)
