"""Hostile input on every form, htmx endpoint and filter: never a 500, a refusal changes nothing.

Every POST route of the URL map is fuzzed with its declared fields (FIELDS), every GET route
with its query-string filters (QUERY, a stray parameter for the others), as a role the
authorization table (tests/support/matrix.py) allows, with and without htmx, and with odd values in
the URL itself. A new POST route fails here until its fields are declared.
"""

import copy
import os
import sqlite3
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import AnyConverter, IntegerConverter

from intranet import security, tokens
from intranet.admission.eligibility import MAX_REFEREES
from intranet.admission.models import CHOICES, Referee
from intranet.admission.workflow import WORKFLOW as admission
from intranet.app import create_app
from intranet.db import db, is_sqlite
from intranet.fees.forms import BUDGET_LINES
from intranet.fees.models import BASES, KINDS
from intranet.models import SECTORS, User
from intranet.partners.contacts import INVITE
from tests.conftest import TEST_CONFIG
from tests.support import fuzz_inputs
from tests.support.csp import inline_code, is_mail_preview, missing_security_headers
from tests.support.matrix import LOGIN, TABLE
from tests.support.world import (
    AANVRAGER,
    ALTERNATIVES,
    Visitors,
    build_world,
    rules,
    snapshot,
    url_arguments,
)

REFEREE = ("name", "email", "organisation", "relation")
APPLICATION_FIELDS = [
    *("route", "name", "sector", "municipality", "pupils", "website", "profile"),
    *(f"referee{n}_{name}" for n in range(1, MAX_REFEREES + 1) for name in REFEREE),
    "referee_count",
    *("backup_name", "backup_email", "contact_name", "contact_email", "password"),
]
ACTIVITY_FIELDS = (
    *("organisation", "title", "audience", "werkveld", "starts_on", "ends_on", "link"),
    "description",
)
FIELDS = {
    "auth.login": ["email", "password", "remember"],
    "auth.logout": [],
    "outbox.resend": [],
    "outbox.resend_failed": [],
    "privacy.export": [],
    "privacy.anonymise": ["bevestig"],
    "auth.forgot_password": ["email"],
    "auth.change_password": ["current", "password", "confirm"],
    "auth.confirm_email": ["password", "confirm"],
    "auth.login_by_link": [],
    "auth.reset_password": ["password", "confirm"],
    "partners.accept_invite": ["password", "confirm"],
    "referee.answer": ["recommendation", "text"],  # the stub; the merge brings the real form
    "cases.fire": ["comment", "expected_state", "next", "bevestigd"],
    "inbox.nominate": ["deadline", "expected_state"],
    "inbox.record_vote": ["member", "choice", "motivation"],
    "inbox.link_organisation": [],
    "votes.vote": ["choice", "motivation"],
    "regiegroep.comment": ["text"],
    "votes.comment": ["text"],
    "partners.invite_contact": ["name", "email", "kind"],
    "partners.make_achtervang": [],
    "partners.make_primary": [],
    "partners.remove_contact": [],
    "partners.edit_profile": [
        *("name", "sector", "membership_type", "municipality", "website", "profile"),
        "pupil_count",
    ],
    "fees.rates": [f"{part}_{kind}" for kind in KINDS for part in ("basis", "amount")],
    "fees.budget": [f"line_{line}" for line in BUDGET_LINES],
    "fees.agreements": ["organisation", "kind", "amount", "note"],
    "fees.remove_agreement": [],
    "fees.billing": ["address", "reference"],
    "fees.create_invoices": [],
    "fees.pay": ["paid_on", "expected_state"],
    "fees.credit": ["reason", "expected_state"],
    "apply.start": [*APPLICATION_FIELDS, "go", "submission", "confirm"],
    "apply.step": [*APPLICATION_FIELDS, "go", "submission", "confirm"],
    "apply.check": APPLICATION_FIELDS,
    "apply.edit": [*APPLICATION_FIELDS, "go"],
    "apply.replace_referee": [f"r{n}-{name}" for n in (1, 2, 3, 4) for name in REFEREE],
    "rounds.sign": ["signer_name", "signer_function", "signed_on", "authorised"],
    "rounds.decline": ["reason"],
    "rounds.accept": [],
    "calendar.renew": [],
    "reminders.remind_voters": ["next"],
    "reminders.remind_round": ["next"],
    "rounds.refuse": ["reason"],
    "rounds.new_period": ["name", "starts_on", "ends_on", "signing_deadline", "text"],
    "rounds.edit_period": ["name", "starts_on", "ends_on", "signing_deadline", "text"],
    "rounds.open_renewal": ["renewal-deadline", "bevestigd"],
    "rounds.open_vriend": ["vriend-deadline", "bevestigd"],
    "rounds.mailing": ["subject", "body", "bevestigd"],
    "rounds.name_signer": ["delegate_name", "delegate_function", "delegate_email"],
    "rounds.record_paper": ["papier-signer_name", "papier-signer_function", "papier-signed_on"],
    "rounds.sign_by_link": ["signer_name", "signer_function", "signed_on", "authorised"],
    "rounds.preview_text": ["text"],
    "network.join": [],
    "network.leave": [],
    "network.write": ["subject", "body"],
    "network.respond": ["answer"],
    "network.answer_link": ["answer"],
    "network.new_meeting": [
        *("kind", "title", "description", "day", "starts", "ends", "location", "capacity"),
        *("audience", "networks", "named_emails", "asks_contributions", "contributions_call"),
        *("walk_in", "registration_deadline"),
    ],
    "network.edit_meeting": ["capacity"],
    "network.add_part": ["title", "description", "network"],
    "network.mark": ["present"],
    "network.mark_guest": ["present"],
    "professionals.sign_up": ["name", "email", "organisation", "password", "confirm", "consent"],
    "professionals.profile": ["werkvelden"],
    "professionals.remove": [],
    "news.new": [
        *("kind", "title", "summary", "body", "image_alt", "hoofdthema", "network"),
        "werkvelden",
    ],
    "news.edit": [
        *("kind", "title", "summary", "body", "image_alt", "hoofdthema", "network"),
        "werkvelden",
    ],
    "news.publish": [],
    "newsletters.new": ["subject", "introduction", "werkvelden", "news", "meetings", "activities"],
    "newsletters.edit": ["subject", "introduction", "werkvelden", "news", "meetings", "activities"],
    "activities.new": [*ACTIVITY_FIELDS],
    "activities.edit": [*ACTIVITY_FIELDS],
    "activities.publish": [],
    "activities.send_back": ["reason"],
    "activities.take_offline": ["reason", "bevestigd"],
    "newsletters.test": [],
    "newsletters.send": ["bevestig"],
    "newsletters.restore": [],
    "newsletters.unsubscribe": [],
    "network.public_meeting": ["name", "email", "organisation", "organisation_other", "consent"],
    "network.walk_in": ["name", "organisation", "organisation_other"],
    "network.confirm_registration": [],
    "network.cancel_registration": [],
    "network.propose": ["organisation", "title", "description", "partners_involved", "needs"],
    "network.jaargesprek_page": ["planned_on", "who", "held", "notes", "follow_ups"],
    "partners.preview_import": ["file"],
    "partners.confirm_import": ["upload"],
    "people.accept_invite": ["password", "confirm"],
    "people.accounts_page": ["name", "email"],
    "people.add_seat": [
        *("email", "group", "werkveld", "hoofdthema", "starts_on", "ends_on", "voorzitter"),
    ],
    "people.change_email": ["email"],
    "people.confirm_email_change": [],
    "people.end_seat": ["ends_on"],
    "people.make_voorzitter": [],
    "people.decide_voorzitter": [],
    "people.rename": ["name"],
    "people.deactivate": [],
    "people.reactivate": [],
}
QUERY = {
    "partners.directory": ["sector", "gemeente", "pagina"],
    "votes.index": ["pagina"],
    "apply.check": ["case_id"],
    "rounds.round_page": ["status", "zoek", "pagina"],
    "rounds.round_csv": ["status", "zoek"],
    "people.accounts_page": ["zoek", "pagina"],
    "people.leden": ["email", "persoon"],
    "activities.new": ["van"],
    "cases.diagram": ["state"],
    "network.jaargesprekken": ["jaar"],
    "network.jaargesprek_page": ["jaar"],
    "network.meeting": ["pagina"],
    "network.answered": ["answer"],
    "auth.login": ["next"],
}
PLAUSIBLE = {
    "email": ["nieuw@example.org", "contactpersoon@example.org", "NIEUW@Example.org "],
    "remember": ["y"],
    "password": ["een goed wachtwoord"],
    "confirm": ["een goed wachtwoord"],
    "choice": list(CHOICES),
    "expected_state": list(admission.states),
    "next": ["/partners/", "//evil.example.com/", "https://evil.example.com/", "/\\evil"],
    "deadline": ["2030-01-31", "2020-01-01"],
    "member": ["1", "2", "3", "9"],
    "sector": list(SECTORS),
    "membership_type": ["convenant", "basis", "uitgebreid"],
    "state": list(admission.states),
    "pagina": ["1", "2", "0", "-1", "99999999999999999999"],
    "van": ["1", "-1", "9" * 25],  # ids in the query string, beyond any column too
    "persoon": ["1", "-1", "9" * 25],
    "case_id": ["1", "-1", "9" * 25],
    "route": ["basis", "uitgebreid", "school", "vse", "schoolbestuur"],
    "step": ["route", "organisatie", "profiel", "referenten", "contactpersoon", "controle"],
    "go": ["next", "back", "edit-route", "edit-organisatie", "submit", "save", "add-referee"],
    "status": ["uitgenodigd", "getekend", "opgezegd", "verlopen"],
    "signed_on": ["2024-01-31", "2999-01-01"],
    "authorised": ["y"],
    "starts_on": ["2030-10-01"],
    "group": ["projectgroep", "regiegroep", "projectleider"],
    "werkveld": ["PO", "gemeente", "partners"],
    "hoofdthema": ["motivatie", "overgang"],
    "ends_on": ["2034-07-31", "2020-01-01"],
    "renewal-deadline": ["2030-01-31", "2000-01-01"],
    "vriend-deadline": ["2030-01-31"],
    "gemeente": ["Leiden", "Oegstgeest"],
    "website": ["www.example.nl", "javascript:alert(1)"],
    "pupil_count": ["1.200", "12", "-5"],
    "answer": ["komt", "komt_niet", "wachtlijst", "misschien"],
    "audience": ["contactpersonen", "vrienden", "netwerken", "personen", "publiek"],
    "kind": ["primary", "achtervang", "netwerkbijeenkomst", "onderwijscafe"],
    "day": ["2030-04-07", "2020-01-01", "31-12-2030"],
    "starts": ["09:00", "25:00", "9"],
    "ends": ["10:30", "08:00"],
    "capacity": ["1", "0", "-3", "99999999999"],
    "present": ["1", "0"],
    "jaar": ["2025", "1900", "abc", "99999999999999999999"],
    "planned_on": ["2026-12-01", "2026-02-30"],
    "held": ["y"],
    "paid_on": ["2024-01-31", "31-02-2019", "2999-01-01"],
    "address": ["Postbus 1\n2300 AA Leiden", "=HYPERLINK(1)"],
    **{f"basis_{kind}": list(BASES) for kind in KINDS},
    **{f"amount_{kind}": ["1.234,50", "PM", "1,505", "€ 500"] for kind in KINDS},
}
# Valid links for the link routes (a fresh one each time), besides invalid ones.
LINK_PURPOSES = {
    "auth.reset_password": ("password-reset", lambda world: world.users[AANVRAGER].id),
    "auth.confirm_email": ("email-confirm", lambda world: world.users[AANVRAGER].id),
    "auth.login_by_link": (security.LOGIN_LINK, lambda world: world.users[AANVRAGER].id),
    "partners.accept_invite": (INVITE, lambda world: world.users[AANVRAGER].id),
    "referee.answer": ("referee", lambda world: Referee.current(world.submitted).first().id),
    "network.answer_link": ("meeting-answer", lambda world: world.network["invitation"].id),
}
# Tables a refused request may still change, by design: failed logins are counted.
# Tables a refused request may still change, by design: tries are counted (intranet/throttle).
COUNTED = {"login_attempt"}
MAY_CHANGE_WHEN_REFUSED = {
    "auth.login": COUNTED,
    "auth.forgot_password": COUNTED,
    "auth.change_password": COUNTED,
    "apply.start": COUNTED | {"form_answers"},
    "health.healthz": {"setting"},  # the write probe, committed at most once a minute
    "apply.step": COUNTED | {"form_answers"},
    "apply.check": COUNTED,
    "network.public_meeting": COUNTED,
    "professionals.sign_up": COUNTED,
}
# The confirmation link confirms only with its button (a POST); /healthz proves the database
# takes a write (intranet/health.py: one fixed setting row, committed at most once a minute).
GET_WITH_EFFECT = {"health.healthz"}
ERROR_MARKERS = ('aria-invalid="true"', 'class="notice error"', 'class="error-summary"')
ODD_IDS = [0, 2**31 - 1, 2**31, 2**63, 10**40]


def _routes():
    """(endpoint, method) of every route, read from the app's URL map."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": "sqlite:///:memory:"})
    found = {(rule.endpoint, method) for rule in rules(app) for method in rule.methods}
    return sorted(route for route in found if route[1] in {"GET", "POST"})


ROUTES = _routes()


def test_every_post_route_declares_its_fields():
    missing = [e for e, m in ROUTES if m == "POST" and e not in FIELDS]
    assert not missing, f"declare the fields of {missing} in FIELDS (tests/test_fuzz.py)"


GUARDED = (403, LOGIN)


def _allowed_roles(endpoint, method):
    """The roles the authorization table lets past this route's guard."""
    expect = TABLE.get((endpoint, method))
    assert expect, (
        f"declare {endpoint} {method} in the authorization table (tests/support/matrix.py)"
    )
    # a role's own exception is the guard turning it away; the row's status may be the
    # route's refusal of the row's own arguments (deactivating one's own account: 403)
    roles = [role for role in sorted(expect.allowed) if expect.exceptions.get(role) not in GUARDED]
    assert roles, f"no role may use {endpoint} {method}"
    return roles


def _path_values(rule, world, endpoint):
    """The URL's values: mostly real ones from the world, sometimes odd ones."""
    plain, odd = {}, {}
    for name, real in url_arguments(rule, world).items():
        alternatives = ALTERNATIVES.get(name, lambda world, endpoint: [])(world, endpoint)
        plain[name] = st.sampled_from([real, *alternatives])
        if name == "token" and endpoint in LINK_PURPOSES:
            purpose, subject = LINK_PURPOSES[endpoint]
            fresh = st.builds(partial(_fresh_token, purpose, subject(world)))
            plain[name] = st.one_of(fresh, fresh, st.just(real))
        if isinstance(rule._converters.get(name), IntegerConverter):
            odd[name] = plain[name] | st.sampled_from(ODD_IDS)
        elif isinstance(rule._converters.get(name), AnyConverter):  # only its words build a URL
            odd[name] = plain[name]
        else:
            odd[name] = plain[name] | st.text(min_size=1)
    return fuzz_inputs.weighted((st.fixed_dictionaries(plain), 4), (st.fixed_dictionaries(odd), 1))


def _fresh_token(purpose, subject_id):
    """A valid token as the app makes it (account links are bound to the account's stamp)."""
    if purpose in {"password-reset", INVITE, "email-confirm", security.LOGIN_LINK}:
        return security.account_link(purpose, User.get_by_id(subject_id))
    return tokens.make(purpose, subject_id)


def _changed(before, after, allowed=()):
    """The tables whose rows differ, but those allowed to."""
    return sorted(name for name in before if before[name] != after[name] and name not in allowed)


def _refused(response, flashes):
    """True if the app turned the request down (an error status, message or field error)."""
    if response.status_code >= 400:
        return True
    if 300 <= response.status_code < 400:
        return any(category == "error" for category, _ in flashes)
    text = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
    return any(marker in text for marker in ERROR_MARKERS)


_KEPT = {}  # the world, and a copy of the database it was built in, once per worker


def _world():
    """The world in the test's empty database: built once per worker, then restored.

    Building it costs more than a fuzzed route's examples; on SQLite the database it was built
    in is kept (SQLite's backup API) and copied back for each test, with a copy of the
    objects that name its rows.
    """
    if not is_sqlite():
        return build_world()
    if not _KEPT:
        world = build_world()
        kept = sqlite3.connect(":memory:", check_same_thread=False)
        db.connection().backup(kept)
        _KEPT.update(world=world, database=kept)
    else:
        db.close()  # the pool's connection is written to below: start from a fresh one
        _KEPT["database"].backup(db.connection())
    return copy.deepcopy(_KEPT["world"])


SCALE = int(os.environ.get("FUZZ_SCALE", "1"))  # more examples per route, for a deeper search


def _rule(app, endpoint, method):
    """The app's rule for an endpoint and method."""
    return next(r for r in rules(app) if r.endpoint == endpoint and method in r.methods)


@pytest.mark.once
@pytest.mark.parametrize("endpoint, method", ROUTES, ids=[f"{e}-{m}" for e, m in ROUTES])
def test_hostile_input_never_fails_and_a_refusal_changes_nothing(app, endpoint, method):
    world = _world()
    visitors = Visitors(app, world)
    rule = _rule(app, endpoint, method)
    roles = _allowed_roles(endpoint, method)
    fields, post = FIELDS.get(endpoint, []), method == "POST"
    request = (
        fuzz_inputs.body(fields, PLAUSIBLE)
        if post
        else fuzz_inputs.query(QUERY.get(endpoint, []), PLAUSIBLE).map(
            lambda query: {"query_string": query}
        )
    )
    examples = (16 if post else 10 if endpoint in QUERY else 4) * SCALE

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(
        role=st.sampled_from(roles),
        values=_path_values(rule, world, endpoint),
        headers=fuzz_inputs.headers,
        kwargs=request,
    )
    def attempt(role, values, headers, kwargs):
        path = rule.build(values, append_unknown=False)[1]
        before = snapshot()
        response = visitors.request(role, method, path, headers=headers, **kwargs)
        where = f"{endpoint} {method} {path} as {role}"
        unhealthy = endpoint == "health.healthz" and response.status_code == 503  # no tick yet
        assert response.status_code < 500 or unhealthy, where
        assert not missing_security_headers(response.headers), where
        if response.mimetype == "text/html" and not is_mail_preview(response.headers):
            assert not inline_code(response.get_data(as_text=True)), where
        refused = _refused(response, visitors.flashes(role))
        if refused or not (post or endpoint in GET_WITH_EFFECT):
            allowed = MAY_CHANGE_WHEN_REFUSED.get(endpoint, ()) if refused else ()
            changed = _changed(before, snapshot(), allowed)
            assert not changed, f"{where} answered {response.status_code} and changed {changed}"

    attempt()


# What the fuzzing found, kept as plain tests that also run on PostgreSQL.
FOUND = [
    ("GET", "/partners/?gemeente=Lei%00den", {}, 400),  # PostgreSQL refuses NUL in text
    ("POST", "/inloggen", {"data": {"email": "a\x00@example.org", "password": "x"}}, 400),
    ("GET", "/aanmelding/2147483648", {}, 404),  # beyond an integer column: a 404, not a 500
    ("GET", "/aanmelding/9223372036854775808", {}, 404),
    ("POST", "/account/wachtwoord", {"data": "[1]", "content_type": "application/json"}, 415),
    ("POST", "/account/wachtwoord", {"data": "false", "content_type": "application/json"}, 415),
]


@pytest.mark.parametrize("method, path, kwargs, status", FOUND)
def test_input_the_fuzzing_found_is_refused_without_a_500(
    client, make_user, login, method, path, kwargs, status
):
    login(make_user())
    before = snapshot()
    response = client.open(path, method=method, **kwargs)
    assert response.status_code == status
    assert "<h1>" in response.get_data(as_text=True)  # the Dutch error page
    assert not _changed(before, snapshot())
