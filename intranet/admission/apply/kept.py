"""The answers of the application form, kept on the server between its steps.

Each step has its own address and is posted, saved here and redirected (post/redirect/get),
so the browser's Back button shows the step before and a closed tab loses nothing. The
browser holds a secret in its session; the row holds only its digest. A newcomer gets a
link by e-mail once they name their address, to come back to the form later (on another
device as well); a logged-in applicant finds their form again after logging in.
"""

import hashlib
import json
import secrets

from flask import current_app, session
from flask_login import current_user

from intranet import mail, throttle, tokens
from intranet.clock import now
from intranet.db import write_transaction
from intranet.models import FormAnswers

SESSION_KEY = "apply_form"
SAVED_KEY = "apply_saved"  # the draft this browser's form became (Back after saving)
RETURN_PURPOSE = "aanmeldformulier-terug"
GONE = (
    "Deze aanmelding is al opgeslagen of na lange tijd verwijderd. Log in om een opgeslagen "
    "aanmelding te zien, of begin opnieuw."
)


def _digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _mine(row):
    """True when this browser's person may continue this form."""
    if row is None:
        return False
    if row.user_id is None:
        return True
    return current_user.is_authenticated and row.user_id == current_user.id


def load():
    """This browser's form, or (for someone logged in) their latest unsaved one, or None."""
    secret = session.get(SESSION_KEY)
    row = None
    if isinstance(secret, str) and secret:
        row = FormAnswers.get_or_none(FormAnswers.key == _digest(secret))
    if row is None and current_user.is_authenticated:
        row = (
            FormAnswers.select()
            .where(FormAnswers.user == current_user.id)
            .order_by(FormAnswers.updated_at.desc(), FormAnswers.id.desc())
            .first()
        )
    return row if _mine(row) else None


def values_of(row):
    """(answers, steps done) of a kept form; empty for none."""
    if row is None:
        return {}, []
    try:
        values, done = json.loads(row.values), json.loads(row.done)
    except ValueError:
        return {}, []
    if not isinstance(values, dict) or not isinstance(done, list):
        return {}, []
    return {str(k): str(v) for k, v in values.items()}, [str(s) for s in done]


def _new_key():
    secret = secrets.token_urlsafe(24)
    session[SESSION_KEY] = secret
    return _digest(secret)


def keep(row, values, done, nonce):
    """Store the answers so far (a new row for a new form); returns the row."""
    user = current_user.id if current_user.is_authenticated else None
    fields = {
        "values": json.dumps(values, ensure_ascii=False, sort_keys=True),
        "done": json.dumps(list(done)),
        "updated_at": now(),
    }
    with write_transaction():
        if row is None:
            row = FormAnswers.create(key=_new_key(), user=user, nonce=nonce, **fields)
        else:
            if user is not None:
                fields["user"] = user
            FormAnswers.update(**fields).where(FormAnswers.id == row.id).execute()
            row = FormAnswers.get_by_id(row.id)
    session.pop(SAVED_KEY, None)
    return row


def offer_return(row, email):
    """E-mail a newcomer the link back to their form, once per address they name.

    Naming one address after another would make the form mail whoever its visitor likes:
    past RATE_LIMITS["form-return"] (per client address and per e-mail address) no link
    leaves; the answers are kept all the same.
    """
    email = (email or "").strip().lower()
    if not email or row.email == email:
        return
    try:
        throttle.hit("form-return", email)
    except throttle.Throttled:
        return
    with write_transaction():
        FormAnswers.update(email=email).where(FormAnswers.id == row.id).execute()
        link = mail.external_url(
            "apply.resume", token=tokens.make(RETURN_PURPOSE, row.id, bound_to=email)
        )
        mail.queue(
            email,
            "Uw aanmelding bij De Leidse Aanpak: later verder",
            "admission_form_return",
            link=link,
            days=current_app.config["KEEP_UNSAVED_FORMS"].days,
        )


def resume(token):
    """Open a form again from the e-mailed link, in this browser; raises LinkError."""
    payload = tokens.read(RETURN_PURPOSE, token, current_app.config["KEEP_UNSAVED_FORMS"])
    row = FormAnswers.get_or_none(FormAnswers.id == payload["s"])
    if row is None:
        raise tokens.LinkError(GONE)
    tokens.check_bound(payload, row.email)
    with write_transaction():  # a new secret: the link opens it here, not a copy
        FormAnswers.update(key=_new_key()).where(FormAnswers.id == row.id).execute()
    return row


def saved(application_id):
    """The form became a draft: forget it here, and remember which draft it became."""
    session.pop(SESSION_KEY, None)
    session[SAVED_KEY] = application_id


def saved_draft():
    """The draft this browser's form became, if any (Back after saving)."""
    value = session.get(SAVED_KEY)
    return value if isinstance(value, int) else None
