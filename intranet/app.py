"""The app factory: every part of the intranet, wired explicitly in one place.

The layers, each importing only those below it (checked by import-linter, see pyproject):
this factory and the command line; the features (their pages and what they do); the
workflows; the engine. Models, mail, links and the database sit beneath them all.
"""

import os
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from intranet import (
    commands,
    db,
    error_reporting,
    errors,
    extensions,
    formats,
    glossary,
    health,
    logs,
    mail,
    outbox,
    security,
    signing,
    static_files,
    views,
    workflow_registry,
)
from intranet import config as default_config
from intranet.activities import blueprint as activities
from intranet.admission.apply import blueprint as apply
from intranet.admission.decide import dossier_printing, inbox, regiegroep
from intranet.admission.referees import routes as referee
from intranet.admission.votes import routes as votes
from intranet.archive import routes as archive
from intranet.auth import routes as auth
from intranet.calendar import routes as calendar
from intranet.dashboard import routes as dashboard
from intranet.fees import blueprint as fees
from intranet.fees import pdf as fee_pdf
from intranet.network import blueprint as network
from intranet.network import calendar as meeting_calendar
from intranet.news import blueprint as news
from intranet.newsletters import blueprint as newsletters
from intranet.partners import blueprint as partners
from intranet.partners import partner_cli
from intranet.people import blueprint as people
from intranet.privacy import privacy_cli
from intranet.privacy import routes as privacy_routes
from intranet.professionals import blueprint as professionals
from intranet.reminders import routes as reminders
from intranet.reminders.sending import reminder_state
from intranet.rounds import blueprint as rounds
from intranet.rounds import copies, text
from intranet.schooljaar import schooljaar_label
from intranet.tasks import routes as tasks
from intranet.workflows import routes as case_routes
from intranet.workflows import workflow_cli
from intranet.workflows.states import (
    ActivityState,
    AdmissionState,
    ContinuationState,
    ContributionState,
    InvoiceState,
    MeetingState,
    PeriodState,
    RefereeStatus,
    RenewalState,
    VriendState,
)

BLUEPRINTS = (
    views.bp,
    auth.bp,
    apply.bp,
    referee.bp,
    inbox.bp,
    votes.bp,
    regiegroep.bp,
    dossier_printing.bp,
    rounds.bp,
    network.bp,
    news.bp,
    activities.bp,
    newsletters.bp,
    partners.bp,
    people.bp,
    professionals.bp,
    fees.bp,
    dashboard.bp,
    outbox.bp,
    case_routes.bp,
    health.bp,
    privacy_routes.bp,
    tasks.bp,
    reminders.bp,
    calendar.bp,
    archive.bp,
)
COMMANDS = (
    commands.db_cli,
    commands.seed_demo_command,
    commands.demo_logins_command,
    commands.users_cli,
    mail.mail_cli,
    privacy_cli.people_cli,
    partner_cli.partners_cli,
    workflow_cli.workflows_cli,
)
TEMPLATE_FILTERS = {
    "dag": formats.day_numbers,
    "dag_kort": formats.short_day,
    "weekdag": formats.weekday_numbers,
    "localtime": formats.moment_numbers,
    "tijd": formats.clock_time,
    "convenant_html": text.to_html,
    "euro": formats.euro,
    "aantal": formats.count_of,
    "datum": formats.day_words,
    "tijdstip": formats.moment_words,
    "uiterlijk": formats.deadline_words,
    "schooljaar": schooljaar_label,
    "web_link": views.web_link,
}
# What an outbox message's `attachment` ("maker:reference") is made by when it is sent.
MAIL_ATTACHMENTS = {
    "factuur": fee_pdf.attachment,
    "bijeenkomst": meeting_calendar.attachment,
    copies.MAKER: copies.attachment,
}
TEMPLATE_GLOBALS = {
    "glossary": glossary,
    "reminder_state": reminder_state,
    "page_warning": views.page_warning,
    "task_count": tasks.task_count,
    # the workflow states, so templates compare `case.state == AdmissionState.VOTING`
    "ActivityState": ActivityState,
    "AdmissionState": AdmissionState,
    "ContinuationState": ContinuationState,
    "ContributionState": ContributionState,
    "InvoiceState": InvoiceState,
    "MeetingState": MeetingState,
    "PeriodState": PeriodState,
    "RefereeStatus": RefereeStatus,
    "RenewalState": RenewalState,
    "VriendState": VriendState,
}


def create_app(config=None):
    """Create and configure an instance of the intranet.

    Without `config` the settings come from the defaults, `instance/config.py` and the
    environment; with it (tests, benchmarks) from the defaults and `config` alone, so a test
    never reads the developer's instance file or exported MAIL_SERVER.
    """
    # INTRANET_INSTANCE moves the instance folder (config.py, the SQLite file, the tick's
    # stamp) elsewhere; with `config` only its stamp and files are kept there (the tests').
    instance = os.environ.get("INTRANET_INSTANCE")
    app = Flask("intranet", instance_path=instance or None, instance_relative_config=True)
    app.config.from_object(default_config)
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_mapping(default_config.from_environment())
    else:
        app.config.from_mapping(config)
    if app.config["TRUSTED_HOSTS"] is None:  # Flask's own setting: other hosts get a 400
        app.config["TRUSTED_HOSTS"] = [urlsplit(app.config["BASE_URL"]).hostname]
    default_config.check(app.config)
    app.session_interface = signing.SessionInterface()  # key fallbacks, clock skew
    default_config.derive(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )

    logs.init_app(app)
    error_reporting.init_app(app)  # only with SENTRY_DSN
    static_files.init_app(app)  # before security: its cache header is the one that stays
    app.url_map.converters["int"] = security.DatabaseInteger  # before any route is added
    db.init_app(app)
    extensions.init_app(app)
    app.extensions["mail_attachments"] = MAIL_ATTACHMENTS
    security.init_app(app)
    errors.init_app(app)
    workflow_registry.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    for command in COMMANDS:
        app.cli.add_command(command)
    for name, function in TEMPLATE_FILTERS.items():
        app.add_template_filter(function, name)
    for name, value in TEMPLATE_GLOBALS.items():
        app.add_template_global(value, name)
    return app
