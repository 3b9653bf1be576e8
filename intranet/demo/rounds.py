"""Demo data: the convenant as the seeds tell it up to 2022, and after it two live rounds.

Up to 2022, as it happened: the convenant De Leidse Aanpak 2.0 ran from 31 October 2018 to
31 July 2022. The regiegroep and the stuurgroep of LEF met as the joint stuurgroep 'Leidse
Aanpak met LEF' and decided (late, on 11 September 2021) that the network goes on as LEF's
zichtlijn Talentontwikkeling. After the convenant had ended, its partners that were LEF
partners continued as LEF-partner, and the others were invited to become vriend of LEF by
the Talentenfestival of 29 September 2022; every answer of that round is from 2022.

After 2022, invented so that the demo shows rounds that are running (the demo note says
so): the zichtlijn Talentontwikkeling has a convenant period of its own since 1 August 2022,
whose partners are those of 2022 that did not become LEF-partner or vriend. It ends in about
four months; the joint stuurgroep decided to continue it, the signing round of the next
period is open with mixed answers, and the partners that do not sign are invited to become
vriend of LEF, with mixed answers too.
"""

from contextlib import contextmanager
from datetime import date, time, timedelta

from peewee import fn

from intranet.clock import today, utc
from intranet.deadlines import end_of, start_of, year_before
from intranet.demo.core import PARTNERS, PROJECTLEIDER, REGIEGROEP, contact_email
from intranet.models import Organisation, Setting, User
from intranet.rounds import (
    continuation_workflow,
    opening,
    period_workflow,
    renewal_workflow,
    rollover,
    vriend_workflow,
)
from intranet.rounds.models import (
    ContinuationDecision,
    ConvenantPeriod,
    RenewalInvitation,
    Round,
    VriendInvitation,
)
from intranet.rounds.periods import DEMO_NOTE_KEY, convenant_2018, create_period
from intranet.statuses import change_organisation_status
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ContinuationState as C
from intranet.workflows.states import OrganisationStatus, PeriodState
from intranet.workflows.states import VriendState as V

NOTE = (
    "Demo: tot en met 2022 volgt de demo wat er gebeurde. Het convenant De Leidse Aanpak 2.0 "
    "liep af op 31 juli 2022; de gezamenlijke stuurgroep ‘Leidse Aanpak met LEF’ besloot dat "
    "het netwerk verdergaat als zichtlijn Talentontwikkeling van LEF. LEF-partners gingen door "
    "als LEF-partner, de andere partners werden uitgenodigd om vóór het Talentenfestival van "
    "29 september 2022 vriend van LEF te worden. Wat daarna komt, is voor de demo verzonnen: "
    "een convenant van de zichtlijn zelf, met de partners die geen LEF-partner of vriend "
    "werden, en een ondertekenronde en vriendenronde met data ten opzichte van vandaag, zodat "
    "u ze kunt zien lopen."
)
FIRST = "De Leidse Aanpak 2.0"
CURRENT = "Zichtlijn Talentontwikkeling"  # invented: the demo's period after 2022
NEXT = "Zichtlijn Talentontwikkeling, vervolg"  # invented: its successor, being signed
ZICHTLIJN_START = date(2022, 8, 1)  # schooljaar 2022/2023
# The vriend round of 2022: opened after the convenant had ended, answered by the
# Talentenfestival (the seeds); who answered what is the demo's.
OPENED_2022 = utc(date(2022, 9, 1), time(10))
FESTIVAL = date(2022, 9, 29)
VRIEND_2022 = {  # accepted, on the day: (day, hour)
    "Aiolos": (date(2022, 9, 6), 11),
    "Bright Kids": (date(2022, 9, 12), 14),
    "Coaching Kids": (date(2022, 9, 29), 16),
    "Debatunie": (date(2022, 9, 29), 17),
    "Fijn Talent": (date(2022, 9, 20), 10),
    "OnderwijsAdvies": (date(2022, 9, 29), 16),
    "XL-leren": (date(2022, 9, 14), 9),
}
EXPIRED_2022 = {"AED", "Winford / Vrijbergen"}  # no answer by the Talentenfestival
STAY = "Wij blijven partner van de zichtlijn Talentontwikkeling."
# The others declined in September 2022: they stay partner of the zichtlijn (the demo's).
SIGNED = [
    "Adelbert College",
    "Marecollege",
    "Stedelijk Gymnasium Leiden",
    "Vlietlandcollege",
    "Leidse Instrumentenmakersschool",
    "Stadspodia Leiden",
    "Erfgoed Leiden en Omstreken",
    "JES Rijnland",
    "Kindkracht",
    "SPL",
    "Smallsteps",
    "Haanstrabasisschool",
    "Nutsbasisschool Voorschoten",
    "Er-Risèlèh",
]
DECLINED = {
    "Stadslab": "Wij richten ons de komende jaren op andere netwerken.",
    "Bureau Talent": "De bijdrage past niet meer in onze begroting.",
    "Onderwijszaken": "",
    "Winford / Vrijbergen": "Wij stoppen met onze activiteiten in de regio.",
}
VRIEND = ["Stadslab", "Bureau Talent", "Onderwijszaken"]
NOT_VRIEND = {"Winford / Vrijbergen": "Wij stoppen met onze activiteiten in de regio."}
FUNCTIONS = ["directeur", "bestuurder", "directeur-bestuurder", "voorzitter college van bestuur"]
FIRST_DECISION = (  # the letter of 22 June 2022 (the seeds): who decided, and what followed
    "Besproken in de gezamenlijke stuurgroep ‘Leidse Aanpak met LEF’, waarin de regiegroep en "
    "de stuurgroep van LEF sinds september 2021 samenkomen. Het convenant De Leidse Aanpak 2.0 "
    "loopt af met de zomer van 2022. Vanaf schooljaar 2022/2023 gaan we verder met het thema "
    "Talentontwikkeling als zichtlijn van LEF, en bouwen we voort op het netwerk, de kennis en "
    "de activiteiten van de Leidse Aanpak. Partners die al LEF-partner zijn, gaan door als "
    "LEF-partner; de andere partners worden uitgenodigd om zich als vriend aan LEF te "
    "verbinden."
)
CURRENT_DECISION = (
    "De gezamenlijke stuurgroep ‘Leidse Aanpak met LEF’ heeft de zichtlijn met de partners "
    "geëvalueerd: wij zetten het convenant van de zichtlijn Talentontwikkeling voort."
)


def _history(workflow, case, steps):
    """Record past steps of a case: (moment, source, dest, trigger, actor, comment)."""
    for at, source, dest, trigger, actor, comment in steps:
        AuditEvent.create(
            workflow=workflow.name,
            case_id=case.id,
            from_state=source,
            to_state=dest,
            trigger=trigger,
            actor=actor,
            actor_label=actor.name if actor else "systeem",
            at=at,
            comment=comment,
        )


def _past_period(name, starts_on, ends_on, state, leader, previous=None, signatories=None):
    """A period that has started (and maybe ended), with its history."""
    created = start_of(starts_on) - timedelta(days=60)
    record = ConvenantPeriod.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        text=f"*Demotekst: de artikelen van het convenant van 2018.*\n\n{convenant_2018()}"
        if previous
        else convenant_2018(),
        previous=previous,
        state=state,
        created_at=created,
        created_by=leader,
    )
    steps = [(created, None, PeriodState.PLANNED, "aanmaken", leader, "")]
    steps.append(
        (start_of(starts_on), PeriodState.PLANNED, PeriodState.RUNNING, "starten", None, "")
    )
    if state == PeriodState.ENDED:
        steps.append((end_of(ends_on), PeriodState.RUNNING, PeriodState.ENDED, "aflopen", None, ""))
    else:
        engine.schedule(period_workflow.WORKFLOW, record, "aflopen", end_of(ends_on))
    _history(period_workflow.WORKFLOW, record, steps)
    partners = Organisation.select(Organisation.id).where(
        Organisation.status == OrganisationStatus.PARTNER
    )
    if signatories is not None:
        rollover.enrol(record, partners.where(Organisation.name.in_(signatories)), "ondertekend")
        return record
    # No signing round: the previous period's partners carry over; the partners admitted
    # since (intranet/demo/applications.py) joined it.
    carried = Organisation.id.in_(previous.member_ids())
    rollover.enrol(record, partners.where(carried), via="start")
    rollover.enrol(record, partners.where(~carried), via="toegetreden")
    return record


def _past_decision(record, chair, motivation, weeks_from_deadline):
    """The regiegroep's decision on a period, taken some weeks after its deadline (a year
    before the end; negative: before it)."""
    due = continuation_workflow.due_at(record)
    decided = start_of(year_before(record.ends_on)) + timedelta(weeks=weeks_from_deadline, hours=15)
    decision = ContinuationDecision.create(
        period=record,
        state=C.CONTINUED,
        due_at=due,
        motivation=motivation,
        decided_by=chair,
        decided_at=decided,
    )
    _history(
        continuation_workflow.WORKFLOW,
        decision,
        [
            (record.created_at, None, C.PLANNED, "aanmaken", record.created_by, ""),
            (due, C.PLANNED, C.TO_DECIDE, "agenderen", None, ""),
            (decided, C.TO_DECIDE, C.CONTINUED, "voortzetten", chair, motivation),
        ],
    )


def _contact(name):
    """The demo contactpersoon of a partner."""
    return User.by_email(contact_email(name))


def _answer(workflow, model, round_, name, trigger, comment="", data=None):
    """Let the partner's contactpersoon answer its invitation."""
    organisation = Organisation.get(Organisation.name == name)
    case = model.get(model.round == round_, model.organisation == organisation)
    engine.fire(workflow, case.id, trigger, _contact(name), comment=comment, data=data)


def _end_of_month(day):
    """The last day of the month of a day."""
    following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


@contextmanager
def _dated(moment):
    """The audit events written inside are dated `moment`: a step of the past."""
    last = AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() or 0
    yield
    AuditEvent.update(at=moment).where(AuditEvent.id > last).execute()


def _organisations(query):
    """{name: organisation} of a query of organisation ids."""
    return {o.name: o for o in Organisation.select().where(Organisation.id.in_(query))}


def _answered_2022(invitation, name):
    """The 2022 answer of one invitation: (moment, dest, trigger, actor, comment)."""
    if name in VRIEND_2022:
        day, hour = VRIEND_2022[name]
        contact = _contact(name)
        moment = utc(day, time(hour))
        with _dated(moment):
            change_organisation_status(
                [invitation.organisation_id],
                OrganisationStatus.VRIEND,
                "vriend_geworden",
                contact,
                only_from=(OrganisationStatus.PARTNER, OrganisationStatus.OUD_PARTNER),
                on=ZICHTLIJN_START,
            )
        return moment, V.VRIEND, "aanvaarden", contact, ""
    if name in EXPIRED_2022:
        return end_of(FESTIVAL), V.EXPIRED, "verlopen", None, ""
    day = FESTIVAL - timedelta(days=invitation.organisation_id % 21)
    reason = STAY if invitation.organisation_id % 2 else ""
    return utc(day, time(13)), V.DECLINED, "afslaan", _contact(name), reason


def _vriend_round_2022(first, leader):
    """The vriend round on the ended convenant of 2018, answered by the Talentenfestival."""
    round_ = Round.create(
        period=first,
        kind="vriend",
        deadline=end_of(FESTIVAL),
        opened_at=OPENED_2022,
        opened_by=leader,
    )
    members = Organisation.id.in_(first.member_ids())  # not those admitted since
    invited = _organisations(opening.vriend_candidates(first).where(members))
    with _dated(OPENED_2022):  # the LEF partners continue as LEF-partner (opening._open)
        change_organisation_status(
            opening.lef_continuing(first).select(Organisation.id).where(members),
            OrganisationStatus.LEF_PARTNER,
            "lef_partner",
            leader,
            only_from=(OrganisationStatus.PARTNER, OrganisationStatus.OUD_PARTNER),
            on=first.ends_on + timedelta(days=1),
        )
    for name, organisation in sorted(invited.items()):
        invitation = VriendInvitation.create(
            round=round_, organisation=organisation, state=V.INVITED
        )
        moment, dest, trigger, actor, reason = _answered_2022(invitation, name)
        invitation.state = dest
        if actor is not None:
            invitation.answered_at, invitation.answered_by = moment, actor
            invitation.decline_reason = reason
        invitation.save()
        _history(
            vriend_workflow.WORKFLOW,
            invitation,
            [
                (OPENED_2022, None, V.INVITED, "aanmaken", leader, ""),
                (moment, V.INVITED, dest, trigger, actor, reason),
            ],
        )
    return round_


def _signing_round(leader, starts):
    """The next period of the zichtlijn, and its signing round with mixed answers."""
    deadline = today() + timedelta(weeks=5)
    following = create_period(
        leader,
        name=NEXT,
        starts_on=starts,
        ends_on=starts.replace(year=starts.year + 4) - timedelta(days=1),
        signing_deadline=deadline,
        text=f"*Demotekst: de artikelen van het convenant van 2018.*\n\n{convenant_2018()}",
    )
    signing = opening.open_renewal_round(following, leader, deadline)
    for index, name in enumerate(SIGNED):
        user = _contact(name)
        signature = {
            "signer_name": user.name,
            "signer_function": FUNCTIONS[index % len(FUNCTIONS)],
            "signed_on": today().isoformat(),
            "authorised": True,
        }
        _answer(
            renewal_workflow.WORKFLOW, RenewalInvitation, signing, name, "tekenen", data=signature
        )
    for name, reason in DECLINED.items():
        _answer(
            renewal_workflow.WORKFLOW, RenewalInvitation, signing, name, "opzeggen", comment=reason
        )


def seed():
    """The convenant history and the live rounds (once; idempotent)."""
    if ConvenantPeriod.select().where(ConvenantPeriod.name == FIRST).exists():
        return
    leader, chair = User.by_email(PROJECTLEIDER[1]), User.by_email(REGIEGROEP[0][1])
    signed_2018 = [partner[0] for partner in PARTNERS]  # the convenant of 31 October 2018
    first = _past_period(
        FIRST,
        date(2018, 10, 31),
        date(2022, 7, 31),
        PeriodState.ENDED,
        leader,
        signatories=signed_2018,
    )
    _past_decision(first, chair, FIRST_DECISION, weeks_from_deadline=6)  # 11-09-2021: late
    ends = _end_of_month(today() + timedelta(days=120))
    current = _past_period(
        CURRENT, ZICHTLIJN_START, ends, PeriodState.RUNNING, leader, previous=first
    )
    _vriend_round_2022(first, leader)
    _past_decision(current, chair, CURRENT_DECISION, weeks_from_deadline=-5)
    _signing_round(leader, ends + timedelta(days=1))

    friends = opening.open_vriend_round(current, leader, today() + timedelta(weeks=6))
    model = vriend_workflow.WORKFLOW.model
    for name in VRIEND:
        _answer(vriend_workflow.WORKFLOW, model, friends, name, "aanvaarden")
    for name, reason in NOT_VRIEND.items():
        _answer(vriend_workflow.WORKFLOW, model, friends, name, "afslaan", comment=reason)
    Setting.write(DEMO_NOTE_KEY, NOTE)
