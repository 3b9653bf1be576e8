"""A partner's convenant and membership history and open cases, from the rounds feature.

The rounds feature (intranet/rounds/models.py) provides `periods_of(organisation)` and
`open_invitations_for(organisation)`. Until it is there, the partner page shows the section
with a note instead of the lists.
"""

import importlib
import importlib.util

ROUNDS = "intranet.rounds.models"


def _rounds_function(name):
    """A function of the rounds feature, or None while that feature is not installed."""
    if importlib.util.find_spec("intranet.rounds") is None:
        return None
    if importlib.util.find_spec(ROUNDS) is None:
        return None
    return getattr(importlib.import_module(ROUNDS), name, None)


def membership_history(organisation):
    """{'periods': [...], 'invitations': [...]} for the partner page, or None if unavailable."""
    periods_of = _rounds_function("periods_of")
    open_invitations_for = _rounds_function("open_invitations_for")
    if periods_of is None or open_invitations_for is None:
        return None
    return {
        "periods": list(periods_of(organisation)),
        "invitations": list(open_invitations_for(organisation)),
    }
