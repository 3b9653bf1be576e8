"""Helpers for the deciders' tests: the people, cases at each step, acting through HTTP."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from intranet.admission.models import Application
from intranet.clock import today
from intranet.models import User

HTMX = {"HX-Request": "true"}
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class People:
    """Everyone an admission case involves."""

    applicant: User
    leader: User
    members: list = field(default_factory=list)
    chair: User = None
    regie: User = None
    outsider: User = None


def people(make_user, members=3):
    """An applicant, the projectleider, a projectgroep, a regiegroep with its voorzitter."""
    return People(
        applicant=make_user(),
        leader=make_user("projectleider"),
        members=[make_user("projectgroep") for _ in range(members)],
        chair=make_user("regiegroep", voorzitter=True),
        regie=make_user("regiegroep"),
        outsider=make_user(),
    )


def fresh(case):
    """The case as stored now."""
    return Application.get_by_id(case.id)


def nominate(client, login, leader, case, days=14):
    """The projectleider nominates the case through the form."""
    login(leader)
    deadline = (today() + timedelta(days=days)).isoformat()
    return client.post(
        f"/aanmeldingen/{case.id}/voordragen",
        data={"deadline": deadline, "expected_state": "bij_projectleider"},
    )


def vote(client, login, member, case, choice, motivation="", headers=None):
    """A member votes through the vote page."""
    login(member)
    return client.post(
        f"/stemmen/{case.id}",
        data={"choice": choice, "motivation": motivation},
        headers=headers or {},
    )


def step(client, case, trigger, comment="", expected_state=None, headers=None, next=None):
    """Take a workflow step through the generic case route (confirmed, where it asks first)."""
    data = {
        "comment": comment,
        "expected_state": expected_state or fresh(case).state,
        "bevestigd": "ja",
    }
    if next:
        data["next"] = next
    return client.post(
        f"/zaak/toetreding/{case.id}/stap/{trigger}", data=data, headers=headers or {}
    )


def link_path(body, prefix):
    """The path of the first link in a mail body that starts with the prefix."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"\S*)", body)
    assert match, body
    return match.group(1)


def text(response):
    """The response body as text."""
    return response.get_data(as_text=True)


def csrf_token(page):
    """The CSRF token in the first form of a page."""
    return CSRF.search(page).group(1)
