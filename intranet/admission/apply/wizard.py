"""The multi-step form before a draft exists: answers travel along as hidden fields.

Nothing is stored until the last step: then the account (if new), the organisation and the
draft are saved at once. The form carries a nonce, so submitting it twice saves it once.
"""

import secrets

from flask import request
from flask_login import current_user

from intranet import security, throttle

from . import queries, steps

NOT_CARRIED = {"csrf_token", "password", "step", "go", "done", "submission"}
KNOWN_FIELDS = {
    name
    for step in steps.STEPS
    for newcomer in (True, False)
    for name in steps.field_names(steps.form_class(step, newcomer))
}
TOO_MANY_ATTEMPTS = "Te veel mislukte pogingen om in te loggen. Probeer het later opnieuw."


class Wizard:
    """Where an applicant is in the form, and what they answered so far."""

    def __init__(self, values, done, nonce):
        self.values = values
        self.done = [step for step in steps.STEPS if step in done]
        self.nonce = nonce
        self.newcomer = not current_user.is_authenticated

    @classmethod
    def fresh(cls):
        """An empty form."""
        return cls({}, [], secrets.token_urlsafe(16))

    @classmethod
    def from_request(cls):
        """The form as posted."""
        form = request.form
        values = {name: form.get(name, "") for name in KNOWN_FIELDS if name in form}
        nonce = form.get("submission", "")[:64] or secrets.token_urlsafe(16)
        return cls(values, set(form.getlist("done")), nonce)

    @property
    def route(self):
        """The route chosen so far."""
        return self.values.get("route", "")

    def steps(self):
        """The steps of the chosen route."""
        return steps.steps_for(self.route)

    def current(self):
        """The step that was posted (the first one if unknown)."""
        step = request.form.get("step", "")
        return step if step in self.steps() else self.steps()[0]

    def neighbour(self, step, offset):
        """The step before (-1) or after (+1), staying within the form."""
        order = self.steps()
        index = order.index(step) + offset
        return order[max(0, min(index, len(order) - 1))]

    def context(self):
        """What the rules need: every answer, the namesake lookup, the account lookup."""
        return steps.Context(
            values=self.values,
            namesake=queries.namesake,
            applicant_email="" if self.newcomer else current_user.email,
            account_exists=lambda email: queries.account_for(email) is not None,
        )

    def form(self, step):
        """A step's form, filled in from what was posted."""
        return steps.make_form(step, self.newcomer, self.route, formdata=request.form)

    def carried(self, step):
        """The answers of the other steps, as hidden fields."""
        own = set(steps.field_names(steps.form_class(step, self.newcomer)))
        return [
            (name, value)
            for name, value in sorted(self.values.items())
            if name not in own and name not in NOT_CARRIED
        ]

    def skip(self, step):
        """Leave an optional step for later: forget its answers."""
        for name in steps.field_names(steps.form_class(step, self.newcomer)):
            self.values.pop(name, None)
        self.done = [done for done in self.done if done != step]

    def check(self, upto):
        """Validate step `upto`, then the earlier ones: (the first failing step, its form),
        or (None, every validated answer)."""
        earlier = self.steps()[: self.steps().index(upto)]
        wanted = [s for s in earlier if s in self.done or s not in steps.OPTIONAL_STEPS]
        answers = {}
        for step in [upto, *wanted]:
            form = self.form(step)
            if not steps.validate(form, self.context()):
                return step, form
            if step not in self.done:
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
