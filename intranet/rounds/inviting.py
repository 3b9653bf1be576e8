"""Inviting organisations to a round: a case each, its deadlines, a mail to its contacts.
A round's opening invites every partner at once; a partner admitted while a signing round is
open is invited on its own (the admission calls this, so it sits below the features)."""

from flask import current_app

from intranet import mail
from intranet.clock import now
from intranet.formats import deadline_words
from intranet.models import Organisation
from intranet.rounds import renewal_workflow, vriend_workflow
from intranet.rounds.models import RenewalInvitation, Round, contacts_of
from intranet.workflows import engine

SETTINGS = {"renewal": "RENEWAL_REMINDER_INTERVAL", "vriend": "VRIEND_REMINDER_INTERVAL"}
WORKFLOWS = {"renewal": renewal_workflow.WORKFLOW, "vriend": vriend_workflow.WORKFLOW}
INVITATIONS = {
    "renewal": ("Uitnodiging: onderteken het convenant {period}", "renewal_invitation"),
    "vriend": ("Uitnodiging: word vriend van LEF", "vriend_invitation"),
}


def invite(round_, actor, organisations):
    """Create a case per organisation (a subquery of ids, none invited yet), schedule its
    deadlines, mail its contacts."""
    workflow = WORKFLOWS[round_.kind]
    model = workflow.model
    ids = [organisation_id for (organisation_id,) in organisations.tuples()]
    rows = [{"round": round_.id, "organisation": organisation_id} for organisation_id in ids]
    engine.create_cases(workflow, actor, rows)
    cases = {
        organisation_id: case_id
        for case_id, organisation_id in model.select(model.id, model.organisation)
        .where(model.round == round_, model.organisation.in_(organisations))
        .tuples()
    }
    reminder_at = round_.opened_at + current_app.config[SETTINGS[round_.kind]]
    deadlines = [(case_id, "verlopen", round_.deadline) for case_id in cases.values()]
    if now() < reminder_at < round_.deadline:  # a late invitee gets no reminder at once
        deadlines += [(case_id, "herinneren", reminder_at) for case_id in cases.values()]
    engine.schedule_many(workflow, deadlines)
    subject, template = INVITATIONS[round_.kind]
    subject = subject.format(period=round_.period.name)
    messages = []
    for organisation, user in contacts_of(organisations):
        link = mail.external_url(model.endpoint, case_id=cases[organisation.id])
        context = {"user": user, "organisation": organisation, "round": round_, "link": link}
        messages.append((user.email, subject, template, context))
    mail.queue_many(messages)
    return len(cases)


def open_signing_round():
    """The signing round open now (the soonest deadline), or None."""
    return (
        Round.select()
        .where(Round.kind == "renewal", Round.deadline > now())
        .order_by(Round.deadline)
        .first()
    )


def signing_note(round_):
    """The welcome mail's sentence about the open signing round."""
    return (
        f"De partners ondertekenen nu het convenant {round_.period.name}. Ook uw organisatie "
        f"is daarvoor uitgenodigd: teken uiterlijk {deadline_words(round_.deadline)}. U krijgt "
        "daarover een aparte e-mail met een link."
    )


def invite_to_open_rounds(organisation):
    """A partner admitted while a signing round is open is invited to it at once.

    Returns the sentence for the welcome mail, or None when no signing round is open.
    """
    round_ = open_signing_round()
    if round_ is None:
        return None
    invited = RenewalInvitation.select().where(
        RenewalInvitation.round == round_, RenewalInvitation.organisation == organisation.id
    )
    if not invited.exists():
        invite(
            round_,
            None,
            Organisation.select(Organisation.id).where(Organisation.id == organisation.id),
        )
    return signing_note(round_)
