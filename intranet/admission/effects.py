"""What follows each step of the admission workflow: e-mails, deadlines, the new partner."""

from flask import current_app

from intranet import mail, security
from intranet.admission import referee_links as links
from intranet.admission.models import MEMBERSHIP_FOR_ROUTE, Application, Referee
from intranet.clock import now
from intranet.models import Contact, Membership, User
from intranet.reminders.sending import vote_reminder_due
from intranet.rounds.inviting import invite_to_open_rounds
from intranet.rounds.rollover import join_current_period
from intranet.statuses import change_organisation_status
from intranet.workflows import engine
from intranet.workflows.states import AdmissionState as S
from intranet.workflows.states import OrganisationStatus, RefereeStatus


def _case_link(application):
    return mail.external_url("apply.case", case_id=application.id)


def acknowledge(event):
    """Tell the applicant the application arrived and what happens next."""
    application = event.case
    mail.queue(
        application.applicant.email,
        "Uw aanmelding is ontvangen",
        "admission_received",
        application=application,
        link=_case_link(application),
    )


def invite_referees(event):
    """On submitting the uitgebreid route: invite both referees, plan the reminder."""
    for referee in Referee.current(event.case):
        if referee.status == RefereeStatus.CONCEPT:
            links.invite(referee, event.actor)
    engine.schedule(
        event.workflow,
        event.case,
        "referent_herinnering",
        now() + current_app.config["REFEREE_REMINDER_AFTER"],
    )


def remind_referees(workflow, application, moment):
    """Remind the referees who have not answered yet (once each)."""
    for referee in Referee.current(application):
        if referee.status == RefereeStatus.INVITED and referee.reminded_at is None:
            referee.reminded_at = moment
            referee.save()
            mail.queue(
                referee.email,
                "Herinnering: uw referentie wordt nog verwacht",
                "admission_referee_reminder",
                referee=referee,
                link=links.link(referee),
            )


def tell_projectleider(event):
    """Tell the projectleider there is work: a new application, references, an answer."""
    application = event.case
    if application.submitted_at is None:
        application.submitted_at = now()
        application.save(only=[Application.submitted_at])
    mail.queue_group(
        "projectleider",
        f"Aanmelding {application.organisation.name}: actie nodig",
        "admission_for_projectleider",
        application=application,
        event=event,
        link=mail.external_url("inbox.case", case_id=application.id),
    )


def ask_applicant(event):
    """Send the projectleider's question to the applicant."""
    application = event.case
    mail.queue(
        application.applicant.email,
        "Uw aanmelding: aanvulling gevraagd",
        "admission_question",
        application=application,
        question=event.comment,
        link=_case_link(application),
    )


def open_vote(event):
    """Open the projectgroep's vote with its deadline (workflow.py closes it then), and call
    the members to vote."""
    application = event.case
    deadline = event.data.get("deadline") or now() + current_app.config["VOTE_DURATION"]
    application.vote_deadline = deadline
    application.save(only=[Application.vote_deadline])
    reminder_at = vote_reminder_due(deadline)
    if reminder_at is not None:
        engine.schedule(event.workflow, application, "stem_herinnering", reminder_at)
    link = mail.external_url("votes.vote", case_id=application.id)
    mail.queue_group(
        "projectgroep",
        f"Stemming: {application.organisation.name}",
        "admission_vote",
        application=application,
        link=link,
    )


VOTE_CLOSED = {
    S.ADMITTED: "meerderheid voor: de organisatie is partner",
    S.REJECTED: "meerderheid tegen: de aanmelding is afgewezen",
    S.REGIEGROEP: "geen meerderheid: de regiegroep besluit",
}


def tell_vote_closed(event):
    """The vote closed (a majority, or none at the deadline): tell the projectgroep and the
    projectleider at once, in one statement (the applicant hears from admit or reject)."""
    application = event.case
    seats = (
        Membership.current()
        .select(Membership.user)
        .where(Membership.group.in_(["projectgroep", "projectleider"]))
    )
    mail.queue_for(
        User.select().where(User.id.in_(seats), User.active),
        f"Stemming gesloten: {application.organisation.name}",
        "admission_vote_closed",
        application=application,
        outcome=VOTE_CLOSED.get(event.dest, ""),
        link=mail.external_url("votes.vote", case_id=application.id),
    )


def escalate(event):
    """Put the case before the regiegroep."""
    application = event.case
    application.escalated_at = now()
    application.save(only=[Application.escalated_at])
    engine.cancel_deadlines(event.workflow, application)
    link = mail.external_url("regiegroep.case", case_id=application.id)
    mail.queue_group(
        "regiegroep",
        f"Besluit gevraagd: {application.organisation.name}",
        "admission_escalated",
        application=application,
        reason=event.comment,
        link=link,
    )


def admit(event):
    """Make the organisation a partner and its people its contactpersonen; welcome them."""
    application = event.case
    engine.cancel_deadlines(event.workflow, application)
    organisation = application.organisation
    change_organisation_status(
        organisation,
        OrganisationStatus.PARTNER,
        "toelaten",
        event.actor,
        route=application.route,
        membership_type=MEMBERSHIP_FOR_ROUTE.get(application.route, "convenant"),
    )
    contacts = [{"organisation": organisation, "user": application.applicant, "kind": "primary"}]
    backup = _backup_account(application)
    if backup is not None:
        contacts.append({"organisation": organisation, "user": backup, "kind": "achtervang"})
    Contact.insert_many(contacts).on_conflict_ignore().execute()
    join_current_period(organisation)
    signing = invite_to_open_rounds(organisation)  # a sentence for the welcome, or None
    mail.queue(
        application.applicant.email,
        f"Welkom als partner, {organisation.name}",
        "admission_welcome",
        application=application,
        motivation=event.comment,
        notes=[signing] if signing else [],
        link=mail.external_url("views.home"),
    )


def _backup_account(application):
    email = application.backup_email.strip().lower()
    if not email or email == application.applicant.email:
        return None
    user = User.by_email(email)
    if user is not None:
        user.reclaim_if_unconfirmed()
    if user is None or user.password_hash is None:
        user = user or User.create(email=email, name=application.backup_name or email)
        link = mail.external_url(
            "auth.reset_password", token=security.account_link("password-reset", user)
        )
        mail.queue(
            email,
            "Uw account op het intranet van De Leidse Aanpak",
            "admission_backup",
            user=user,
            application=application,
            link=link,
        )
    else:  # an account already: told what it now is, as a colleague's invitation tells it
        organisation = application.organisation
        mail.queue(
            email,
            f"U bent achtervang van {organisation.name}",
            "partner_added",
            user=user,
            organisation=organisation,
            inviter=application.applicant,
            kind="achtervang",
            link=mail.external_url("partners.show", organisation_id=organisation.id),
        )
    return user


def tell_rejection(event):
    """Tell the applicant the decision and its motivation."""
    application = event.case
    engine.cancel_deadlines(event.workflow, application)
    motivation = event.comment or "De projectgroep heeft met een meerderheid tegen gestemd."
    mail.queue(
        application.applicant.email,
        "Besluit over uw aanmelding",
        "admission_rejected",
        application=application,
        motivation=motivation,
        link=_case_link(application),
    )


def withdraw(event):
    """Stop the clock; tell the projectleider if the application was already submitted."""
    application = event.case
    engine.cancel_deadlines(event.workflow, application)
    if application.submitted_at is not None:
        mail.queue_group(
            "projectleider",
            f"Aanmelding ingetrokken: {application.organisation.name}",
            "admission_withdrawn",
            application=application,
            reason=event.comment,
        )
