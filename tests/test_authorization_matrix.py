"""Every route × every role × every method answers as tests/support/matrix.py declares.

A route that is not in the table fails the suite with its name; so does any answer that
differs from the table (above all an unexpected 2xx), and any 500. The same answers are
checked for their security headers at the end: in one module, the run is made once per
pass (the suite's workers take whole modules).
"""

from intranet.workflow_registry import WORKFLOWS
from tests.support.csp import htmx_config, inline_code, is_mail_preview, missing_security_headers
from tests.support.decide import HTMX
from tests.support.matrix import LOGIN, TABLE, arguments_for
from tests.support.matrix_run import report
from tests.support.visitors import Visitors, methods, rules
from tests.support.world import (
    ANONYMOUS,
    CONTACTPERSOON,
    CONTACTPERSOON_ELDERS,
    PROJECTGROEP,
    REGIEGROEP,
    ROLES,
    VOORZITTER,
    build_world,
    path_for,
    snapshot,
    url_arguments,
)


def test_every_route_and_method_is_declared_in_the_table(matrix):
    missing = [
        f"declare {endpoint} {method} in the authorization table (tests/support/matrix.py TABLE)"
        for endpoint, method in sorted(matrix.declared_routes - TABLE.keys())
    ]
    assert not missing + matrix.unbuildable, report(missing + matrix.unbuildable)


def test_the_table_names_no_route_that_is_gone(matrix):
    expected = TABLE.keys()
    stale = [
        f"{endpoint} {method} is in tests/support/matrix.py TABLE but the app has no such route"
        for endpoint, method in sorted(expected - matrix.declared_routes)
    ]
    assert not stale, report(stale)


def _mismatch(answer, expected):
    """Why an answer differs from the expected one, or None."""
    if answer.htmx:  # htmx is sent to log in by HX-Redirect, never a 302 into a swap
        to_login = answer.status == 204 and answer.headers.get("HX-Redirect", "").startswith(
            "/inloggen"
        )
    else:
        to_login = answer.status == 302 and answer.location.startswith("/inloggen")
    if expected == LOGIN:
        return None if to_login else f"expected a redirect to /inloggen, got {answer.status}"
    if answer.status != expected:
        got = f"{answer.status} to {answer.location}" if answer.location else answer.status
        return f"expected {expected}, got {got}"
    if to_login:
        return f"expected {expected} past the guard, got sent to the login page"
    return None


def test_every_role_gets_the_declared_answer_on_every_route(matrix):
    problems = []
    for answer in matrix.answers:
        expect = TABLE.get((answer.endpoint, answer.method))
        if expect is None:
            continue  # reported by the test above
        why = _mismatch(answer, expect.for_role(answer.role))
        if why:
            problems.append(f"{answer.where()}: {why}")
    assert not problems, report(problems)


def test_no_route_answers_500_to_anyone(matrix):
    # /healthz answers 503 on purpose: the world's tick never ran.
    errors = [
        answer.where()
        for answer in matrix.answers
        if answer.status >= 500 and (answer.endpoint, answer.status) != ("health.healthz", 503)
    ]
    assert not errors, report(errors)


def test_a_method_a_route_does_not_take_is_a_405(matrix):
    wrong = [
        f"{endpoint} {method} {path}: expected 405, got {status}"
        for endpoint, method, path, status in matrix.unaccepted
        if status != 405
    ]
    assert matrix.unaccepted and not wrong, report(wrong)


def test_the_matrix_asks_every_role_on_every_route(matrix):
    asked = {(a.endpoint, a.method) for a in matrix.answers}
    assert asked == matrix.declared_routes
    for endpoint, method in asked:
        roles = [a.role for a in matrix.answers if (a.endpoint, a.method) == (endpoint, method)]
        assert set(roles) == set(ROLES), (endpoint, method)


# One-click unsubscribing (RFC 8058): the mail program's POST carries no token; the link's
# own secret is the protection (tests/test_newsletters.py).
CSRF_EXEMPT = {"newsletters.unsubscribe"}


def test_every_post_route_refuses_a_form_without_its_csrf_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    world = build_world()
    visitors = Visitors(app, world)
    before = snapshot()
    wrong = []
    for rule in rules(app):
        if "POST" not in rule.methods or rule.endpoint in CSRF_EXEMPT:
            continue
        expect = TABLE.get((rule.endpoint, "POST"))
        allowed = sorted(expect.allowed) if expect else [ANONYMOUS]
        for htmx in ({}, HTMX):  # htmx sends the token as a header; here there is none
            path = path_for(rule, world)
            response = visitors.request(allowed[-1], "POST", path, headers=htmx)
            if response.status_code != 400 or "beveiligingscode" not in response.text:
                wrong.append(f"{rule.endpoint} as {allowed[-1]}: {response.status_code}")
    assert not wrong, report(wrong)
    assert snapshot() == before


NOT_YET_SHARED = (CONTACTPERSOON, CONTACTPERSOON_ELDERS, PROJECTGROEP, REGIEGROEP, VOORZITTER)


def test_a_case_not_yet_before_a_group_stays_closed_to_it_on_every_case_route(app):
    """Before nomination the projectgroep, before escalation the regiegroep sees nothing."""
    world = build_world()
    waiting = world.more_cases[1]  # with the projectleider: never voted on, never escalated
    assert waiting.state == "bij_projectleider"
    visitors, before, opened = Visitors(app, world), snapshot(), []
    for rule in rules(app):
        if "case_id" not in rule.arguments or "case_id" in arguments_for(rule.endpoint):
            continue  # not an application's route
        values = {**url_arguments(rule, world), "case_id": waiting.id}
        path = rule.build(values, append_unknown=False)[1]
        for method in methods(rule):
            for role in NOT_YET_SHARED:
                status = visitors.request(role, method, path).status_code
                if status not in (403, 404):
                    opened.append(f"{rule.endpoint} {method} {path} as {role}: {status}")
    assert not opened, report(opened)
    assert snapshot() == before


def test_every_generic_case_route_of_every_workflow_answers_without_a_5xx(app):
    """The timeline, the diagram and every step of every workflow, as every role, empty and
    with a comment and the confirmation: never a 5xx (a step whose case page needs another
    argument than case_id once committed and then failed with a BuildError)."""
    world = build_world()
    visitors = Visitors(app, world)
    errors, without_case = [], []
    for workflow in WORKFLOWS:
        case = workflow.model.select().order_by(workflow.model.id).first()
        if case is None:
            without_case.append(workflow.name)
            continue
        base = f"/zaak/{workflow.name}/{case.id}"
        asked = [
            ("GET", f"{base}/tijdlijn", None),
            ("GET", f"/workflow/{workflow.name}/diagram.svg", None),
        ]
        for transition in workflow.transitions:
            for data in ({"form": "leeg"}, {"comment": "Een reden.", "bevestigd": "ja"}):
                asked.append(("POST", f"{base}/stap/{transition.trigger}", data))
        for role in ROLES:
            for method, path, data in asked:
                for headers in ({}, HTMX):
                    kwargs = {"headers": headers} | ({"data": data} if data else {})
                    status = visitors.request(role, method, path, **kwargs).status_code
                    if status >= 500:
                        errors.append(f"{method} {path} {data} as {role}: {status}")
    assert not without_case, f"the world has no case of {without_case}"
    assert not errors, report(errors)


# The security headers of every answer (tests/test_security_headers.py has the rest).


def test_every_answer_the_matrix_got_carries_the_security_headers(matrix):
    problems = [
        f"{answer.where()} ({answer.status}): {missing}"
        for answer in matrix.answers
        if (missing := missing_security_headers(answer.headers))
    ]
    assert not problems, report(problems)


def test_no_page_or_fragment_the_matrix_got_has_inline_script_or_style(matrix):
    pages = [
        answer
        for answer in matrix.answers
        if answer.mimetype == "text/html" and answer.body and not is_mail_preview(answer.headers)
    ]
    problems = [
        f"{answer.where()} ({answer.status}): {problem}"
        for answer in pages
        for problem in sorted(set(inline_code(answer.body)))
    ]
    assert len(pages) > 300 and not problems, report(problems)


def test_every_full_page_tells_htmx_not_to_inject_styles_or_eval(matrix):
    pages = [
        a
        for a in matrix.answers
        if a.mimetype == "text/html"
        and "<html" in a.body
        and not 300 <= a.status < 400
        and not is_mail_preview(a.headers)
    ]
    problems = []
    for answer in pages:
        config = htmx_config(answer.body)
        if config is None:
            problems.append(f"{answer.where()}: no htmx-config meta")
        elif config.get("includeIndicatorStyles") is not False or config.get("allowEval"):
            problems.append(f"{answer.where()}: htmx-config {config}")
    assert pages and not problems, report(problems)


def test_every_answer_to_a_logged_in_role_is_never_stored_by_a_cache(matrix):
    problems = [
        f"{answer.where()} ({answer.status}): Cache-Control {answer.headers.get('Cache-Control')}"
        for answer in matrix.answers
        if answer.role != "anonymous"
        and answer.endpoint != "auth.logout"
        and answer.headers.get("Cache-Control") != "no-store"
    ]
    assert not problems, report(problems)
