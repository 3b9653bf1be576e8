"""A partner's proposed contribution to a meeting's programme, e.g. for the LEFtival.

A contactpersoon submits a proposal (title, description, partners involved, what it needs)
to a meeting that asks for contributions: ingediend. The projectleider, or the zichthouder
of the network it is for, asks for more information (the partner answers and it is ingediend
again), accepts it or rejects it, always with a motivation. An accepted contribution is
added to the meeting's programme. The partner is told each step by mail.
"""

from intranet import mail
from intranet.models import User
from intranet.network.models import Contribution, NetworkMember, ProgrammePart
from intranet.workflows.definition import Transition, Workflow
from intranet.workflows.states import ContributionState

NAME = "bijdrage"
INGEDIEND, MEER_INFORMATIE = ContributionState.SUBMITTED, ContributionState.MORE_INFORMATION
GEACCEPTEERD, AFGEWEZEN = ContributionState.ACCEPTED, ContributionState.REJECTED
STATES = {
    INGEDIEND: "Ingediend",
    MEER_INFORMATIE: "Meer informatie gevraagd",
    GEACCEPTEERD: "Geaccepteerd",
    AFGEWEZEN: "Afgewezen",
}
OWN = "eigen_contactpersoon"
ZICHTHOUDER = "zichthouder"
DECIDERS = frozenset({"projectleider", ZICHTHOUDER})


def roles_on(contribution, user):
    """The submitting organisation's contactpersonen; the zichthouder of its network."""
    roles = set()
    if contribution.organisation_id in user.organisation_ids:
        roles.add(OWN)
    if contribution.network_id and contribution.network_id in NetworkMember.zichthouder_of(user):
        roles.add(ZICHTHOUDER)
    return roles


def may_view(contribution, user):
    """The deciders and the submitting organisation."""
    return user.has_role("projectleider") or bool(roles_on(contribution, user))


def tell_partner(event):
    """Mail the person who submitted the proposal what was decided or asked."""
    contribution = event.case
    if contribution.submitted_by_id is None:
        return
    mail.queue(
        contribution.submitted_by.email,
        f"Uw voorstel ‘{contribution.title}’: {STATES[contribution.state].lower()}",
        "network_contribution_step",
        contribution=contribution,
        state_label=STATES[contribution.state],
        comment=event.comment,
        url=mail.external_url("network.contribution", case_id=contribution.id),
    )


def tell_deciders(event):
    """Mail the projectleiders and the network's zichthouders that a proposal waits."""
    contribution = event.case
    people = User.in_group("projectleider")
    if contribution.network_id:
        holders = NetworkMember.select(NetworkMember.user).where(
            NetworkMember.network == contribution.network_id, NetworkMember.zichthouder
        )
        people = User.select().where((User.id.in_(people.select(User.id))) | User.id.in_(holders))
    for person in people:
        mail.queue(
            person.email,
            f"Voorstel voor {contribution.meeting.title}: {contribution.title}",
            "network_contribution_new",
            contribution=contribution,
            url=mail.external_url("network.contribution", case_id=contribution.id),
        )


def add_to_programme(event):
    """An accepted contribution becomes a part of the meeting's programme."""
    contribution = event.case
    ProgrammePart.create(
        meeting=contribution.meeting_id,
        position=1000 + contribution.id,
        title=contribution.title,
        description=contribution.description,
        network=contribution.network_id,
        contribution=contribution,
    )


def _decision(trigger, dest, label, style=""):
    return Transition(
        trigger,
        INGEDIEND,
        dest,
        label,
        DECIDERS,
        comment="required",
        comment_label="Motivatie",
        style=style,
    )


WORKFLOW = Workflow(
    name=NAME,
    label="Voorstel voor een bijdrage",
    model=Contribution,
    states=STATES,
    initial=INGEDIEND,
    transitions=[
        Transition(
            "informatie_vragen",
            INGEDIEND,
            MEER_INFORMATIE,
            "Meer informatie vragen",
            DECIDERS,
            comment="required",
            comment_label="Uw vraag",
            style="secondary",
        ),
        Transition(
            "aanvullen",
            MEER_INFORMATIE,
            INGEDIEND,
            "Aanvulling versturen",
            frozenset({OWN}),
            comment="required",
            comment_label="Uw aanvulling",
        ),
        _decision("accepteren", GEACCEPTEERD, "Accepteren"),
        _decision("afwijzen", AFGEWEZEN, "Afwijzen", style="contrast"),
    ],
    case_roles=roles_on,
    on_enter={
        INGEDIEND: [tell_deciders],
        MEER_INFORMATIE: [tell_partner],
        GEACCEPTEERD: [add_to_programme, tell_partner],
        AFGEWEZEN: [tell_partner],
    },
    case_endpoint="network.contribution",
    can_view=may_view,
)
