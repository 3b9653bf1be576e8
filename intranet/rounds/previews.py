"""What opening a round or sending a mailing will do: who gets mail, and the message."""

import re

from intranet import mail
from intranet.deadlines import end_of
from intranet.models import Organisation
from intranet.rounds.inviting import INVITATIONS
from intranet.rounds.models import Round, contacts_of, vriend_organisations
from intranet.rounds.opening import vriend_candidates
from intranet.workflows.states import OrganisationStatus

LINK = "(de persoonlijke link naar de uitnodiging van de organisatie)"
# A typed text that opens with its own greeting or ends with its own closing: the mailing adds
# both ("Beste <naam>," and the projectleider's groet), so they would read twice.
OWN_GREETING = re.compile(r"^\s*(beste|geachte|hallo|hoi|dag|goedemorgen|goedemiddag)\b", re.I)
OWN_CLOSING = re.compile(r"(met )?(vriendelijke|hartelijke) groet(en)?\b", re.I)
DOUBLED = (
    "Uw tekst heeft een eigen aanhef of groet. Het intranet zet ‘Beste [naam],’ en de groet van "
    "de projectleider er al omheen, zodat ze nu dubbel staan: kies ‘Wijzigen’ om ze weg te halen."
)


def invited(period, kind):
    """The organisations a new round of this kind would invite (a subquery of ids)."""
    if kind == "renewal":
        return Organisation.select(Organisation.id).where(
            Organisation.status == OrganisationStatus.PARTNER
        )
    return vriend_candidates(period)


def _recipients(pairs):
    return [(f"{user.name} <{user.email}>", organisation.name) for organisation, user in pairs]


def _without_contact(organisations, pairs):
    reached = {organisation.id for organisation, _ in pairs}
    missing = [o for (o,) in organisations.tuples() if o not in reached]
    return len(missing)


def round_preview(period, kind, actor, deadline_day):
    """(organisation count, recipients, (subject, body), how many have no contactpersoon)."""
    organisations = invited(period, kind)
    pairs = contacts_of(organisations)
    round_ = Round(period=period, kind=kind, deadline=end_of(deadline_day), opened_by=actor)
    subject, template = INVITATIONS[kind]
    subject = subject.format(period=period.name)
    preview = None
    if pairs:
        organisation, user = pairs[0]
        body = mail.render(template, user=user, organisation=organisation, round=round_, link=LINK)
        preview = (subject, body)
    count = organisations.count()
    return count, _recipients(pairs), preview, _without_contact(organisations, pairs)


def mailing_notes(body):
    """What to know about a mailing's typed text before it goes (a greeting typed twice)."""
    if OWN_GREETING.search(body) or OWN_CLOSING.search(body):
        return [DOUBLED]
    return []


def mailing_preview(subject, body):
    """(recipients, (subject, body)) of a mailing to every vriend's contactpersonen: the body
    exactly as the first of them receives it, greeting and closing included."""
    pairs = contacts_of(vriend_organisations().select(Organisation.id))
    preview = None
    if pairs:
        organisation, user = pairs[0]
        text = mail.render("vriend_mailing", user=user, organisation=organisation, body=body)
        preview = (subject, text)
    return _recipients(pairs), preview
