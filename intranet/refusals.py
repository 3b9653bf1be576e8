"""One way to refuse: `raise Refused(message, status, field)`; nothing has changed.

Uncaught, a refusal is answered by the one error handler (intranet/errors.py): a notice for
htmx, else the error page, with the refusal's status. A route catches a refusal only to show
its own form or block again with the message (at `field`, when the refusal names one).

One status per meaning, everywhere:

- 400 a link that cannot be used: tampered with, expired, used, replaced by a newer one
- 403 not allowed: not this user's role, case or organisation
- 404 unknown: no such case, account, seat, step
- 409 stale: someone acted first, or it is not the moment (answered, closed, not begun)
- 422 invalid: what was sent breaks a rule the user can mend (the default)
- 429 too many tries

This module imports nothing, so every layer (the engine too) can raise a refusal.
"""


class Refused(Exception):
    """A request that is refused; `message` says why, in Dutch, for the user."""

    status = 422

    def __init__(self, message, status=None, field=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.field = field  # the form field the message belongs at, if any
