"""The multi-step form before a draft exists: one address per step, answers kept between.

The answers are kept on the server (kept.py) from the first step. The last step shows every
answer: then the account (if new), the organisation and the draft are saved at once, and
submitted unless the applicant keeps it as a draft. The password is asked there and never
kept. The form has a nonce, so submitting it twice saves it once.
"""

import secrets

from flask import request
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from intranet import security, throttle
from intranet.admission.models import ROUTES

from . import kept, queries, steps

NOT_KEPT = {"csrf_token", "password", "step", "go", "done", "submission"}
KNOWN_FIELDS = {
    name
    for step in steps.STEPS
    for newcomer in (True, False)
    for name in steps.field_names(steps.form_class(step, newcomer))
}
TOO_MANY_ATTEMPTS = "Te veel mislukte pogingen om in te loggen. Probeer het later opnieuw."


class Wizard:
    """Where an applicant is in the form, and what they answered so far.

    Only the answers the chosen route asks are kept: after a change of route the others
    (a count for basis, a profile after leaving uitgebreid) are dropped, never carried.
    """

    def __init__(self, values, done, nonce, row=None):
        self.row = row
        self.newcomer = not current_user.is_authenticated
        self.values = values
        if self.route in ROUTES:
            asked = {
                name
                for step in self.steps()
                for name in steps.shown_fields(step, self.newcomer, self.route)
            }
            self.values = {name: value for name, value in values.items() if name in asked}
        self.done = [step for step in self.steps() if step in done]
        self.nonce = nonce

    @classmethod
    def fresh(cls):
        """An empty form."""
        return cls({}, [], secrets.token_urlsafe(16))

    @classmethod
    def load(cls, posted_step=None, posted=False):
        """The kept form, with the fields of `posted_step` as now posted over it (with
        `posted`, every known field posted: a field checked as it is left)."""
        row = kept.load()
        values, done = kept.values_of(row)
        if posted:
            values.update(
                (name, request.form[name])
                for name in KNOWN_FIELDS - NOT_KEPT
                if name in request.form
            )
        elif posted_step is not None:
            newcomer = not current_user.is_authenticated
            route = request.form.get("route", "") if posted_step == "route" else ""
            names = steps.shown_fields(posted_step, newcomer, route or values.get("route", ""))
            for name in names:
                if name in KNOWN_FIELDS and name not in NOT_KEPT:
                    values[name] = request.form.get(name, "")
        nonce = row.nonce if row is not None else secrets.token_urlsafe(16)
        return cls(values, done, nonce, row)

    def keep(self):
        """Keep the answers so far on the server (the password never)."""
        values = {k: v for k, v in self.values.items() if k not in NOT_KEPT}
        self.row = kept.keep(self.row, values, self.done, self.nonce)
        return self.row

    @property
    def route(self):
        """The route chosen so far."""
        return self.values.get("route", "")

    def steps(self):
        """The steps of the chosen route, the last one to check and submit."""
        return [*steps.steps_for(self.route), steps.REVIEW]

    def first_open(self, step):
        """`step` when every step before it is done, else the first that is not."""
        order = self.steps()
        if step not in order:
            return next((s for s in order if s not in self.done), steps.REVIEW)
        return next((s for s in order[: order.index(step)] if s not in self.done), step)

    def previous(self, step):
        """The step before this one (the first stays the first)."""
        order = self.steps()
        return order[max(0, order.index(step) - 1)]

    def following(self, step):
        """The next step not yet done: after a change, the others need not be passed again.
        The route step always leads to the organisation, whose fields depend on the route."""
        order = self.steps()
        later = order[order.index(step) + 1 :]
        if step == "route":
            return later[0]
        return next((s for s in later if s not in self.done), steps.REVIEW)

    def add_referee(self):
        """Show one referee more on the referees' step; the number of the one shown last."""
        form = self.form("referenten")
        added = form.add_referee()
        self.values["referee_count"] = form.referee_count.data
        return added

    def context(self):
        """What the rules need: every answer, the namesake lookup, the account lookup."""
        return steps.Context(
            values=self.values,
            namesake=queries.namesake,
            applicant_email="" if self.newcomer else current_user.email,
            account_exists=lambda email: queries.account_for(email) is not None,
        )

    def form(self, step):
        """A step's form, filled in from the answers (and, when posted, the password)."""
        data = MultiDict(self.values)
        if request.method == "POST":
            for name in ("csrf_token", "password"):
                if name in request.form:
                    data[name] = request.form[name]
        return steps.make_form(step, self.newcomer, self.route, formdata=data)

    def check(self, upto):
        """Validate step `upto`, then every earlier one: (the first failing step, its form),
        or (None, every validated answer)."""
        earlier = self.steps()[: self.steps().index(upto)]
        answers = {}
        for step in [upto, *earlier]:
            form = self.form(step)
            if not steps.validate(form, self.context()):
                return step, form
            if step not in self.done and step != steps.REVIEW:
                self.done.append(step)
            answers.update(form.data)
        answers.pop("csrf_token", None)
        return None, answers


def sign_in(email, password):
    """Log in inside the form with an existing account: (user, None) or (None, message)."""
    try:
        user, problem = security.authenticate(email, password)
    except throttle.Throttled:
        return None, TOO_MANY_ATTEMPTS
    return (user, None) if problem is None else (None, steps.EXISTING_ACCOUNT)
