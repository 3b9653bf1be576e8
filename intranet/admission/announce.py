"""What a decision on an application will say, and to whom: the confirmation before
toelaten, afwijzen or intrekken, and the words after it."""

from intranet import mail
from intranet.models import User
from intranet.rounds.inviting import open_signing_round, signing_note

PLACEHOLDER_LINK = "(de link naar het intranet)"


def _applicant(application):
    user = application.applicant
    return (f"{user.name} <{user.email}>", "aanvrager, wordt contactpersoon")


def _backup(application):
    email = application.backup_email.strip().lower()
    if not email or email == application.applicant.email:
        return []
    name = application.backup_name or email
    return [(f"{name} <{email}>", "achtervang, krijgt een account")]


SIGNS = "; krijgt ook een aparte e-mail om het convenant te tekenen"


def admit_preview(application, comment):
    """Whom admitting mails, and the welcome exactly as the applicant will read it: with the
    paragraph about an open signing round, whose separate mails the recipients list names."""
    round_ = open_signing_round()
    body = mail.render(
        "admission_welcome",
        application=application,
        motivation=comment,
        notes=[signing_note(round_)] if round_ else [],
        link=PLACEHOLDER_LINK,
    )
    subject = f"Welkom als partner, {application.organisation.name}"
    recipients = [_applicant(application), *_backup(application)]
    if round_:
        recipients = [(who, role + SIGNS) for who, role in recipients]
    return recipients, (subject, body)


def reject_preview(application, comment):
    """Whom rejecting mails, and the message as the applicant will read it."""
    body = mail.render(
        "admission_rejected", application=application, motivation=comment, link=PLACEHOLDER_LINK
    )
    user = application.applicant
    return [(f"{user.name} <{user.email}>", "aanvrager")], ("Besluit over uw aanmelding", body)


def withdraw_preview(application, comment):
    """Whom withdrawing mails: the projectleiders, only once the application was submitted
    (effects.withdraw); a draft is withdrawn without any e-mail."""
    if application.submitted_at is None:
        return [], None
    leaders = list(User.in_group("projectleider"))
    if not leaders:
        return [], None
    body = mail.render(
        "admission_withdrawn", user=leaders[0], application=application, reason=comment
    )
    subject = f"Aanmelding ingetrokken: {application.organisation.name}"
    return [(f"{u.name} <{u.email}>", "projectleider") for u in leaders], (subject, body)


def admitted(application):
    """After admitting: who became what, by name, and who was told how."""
    applicant = application.applicant
    said = [
        f"{application.organisation.name} is toegelaten als partner.",
        f"{applicant.name} (de aanvrager) is nu contactpersoon en krijgt de welkomstmail.",
    ]
    if _backup(application):
        said.append(_backup_became(application))
    return " ".join(said)


def _backup_became(application):
    """The achtervang's part: not a contactpersoon, but the one who stands in."""
    backup = User.by_email(application.backup_email)
    name = application.backup_name or application.backup_email
    account = (
        "krijgt een e-mail om een wachtwoord te kiezen"
        if backup is None or backup.password_hash is None
        else "logt in met het bestaande account"
    )
    return (
        f"{name} is nu achtervang (geen contactpersoon): {account} en neemt het over als de "
        "contactpersoon er niet is."
    )


def rejected(application):
    """After rejecting, in words."""
    return (
        f"De aanmelding van {application.organisation.name} is afgewezen; de aanvrager krijgt "
        "bericht met de motivering."
    )


def withdrawn(application):
    """After withdrawing, in words."""
    told = "; de projectleider krijgt bericht" if application.submitted_at else ""
    return f"De aanmelding van {application.organisation.name} is ingetrokken{told}."


def said(text):
    """A fixed sentence with the organisation's name filled in."""
    return lambda application: text.format(organisation=application.organisation.name)
