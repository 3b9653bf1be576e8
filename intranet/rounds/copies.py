"""The convenant as signed, as a PDF for the signer's and the contactpersonen's own files: the
outbox attachment "convenant:<renewal invitation id>", made when the message is sent."""

import re

from intranet import printable
from intranet.clock import now
from intranet.rounds.models import RenewalInvitation
from intranet.workflows.states import RenewalState

MAKER = "convenant"


def reference(invitation):
    """The outbox `attachment` naming the signed copy of this invitation's convenant."""
    return f"{MAKER}:{invitation.id}"


def filename(invitation):
    """convenant-2022-2026-museum-boerhaave.pdf: the period and the organisation."""
    words = f"convenant {invitation.round.period.name} {invitation.organisation.name}".lower()
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-") + ".pdf"


def attachment(reference):
    """The outbox's attachment "convenant:<id>": (file name, type, the signed text as a PDF)."""
    invitation = RenewalInvitation.with_context(int(reference))
    if invitation is None or invitation.state != RenewalState.SIGNED:
        raise ValueError(f"getekend convenant {reference} bestaat niet (meer)")
    pdf = printable.pdf_bytes(
        "rounds/convenant_print.html",
        period=invitation.round.period,
        signed=invitation,
        printed_at=now(),
    )
    return filename(invitation), "application/pdf", pdf
