"""Demo data: the 2018 convenant as history, a period about to end, and two live rounds.

The real convenant De Leidse Aanpak 2.0 ran from 31 October 2018 to 31 July 2022. So that
the demo shows rounds that are running, the later periods have dates relative to today:
the current period ends in about four months, its successor's signing round is open with
mixed answers, and the vriend round of LEF is running with mixed answers. The pages say so.
"""

from datetime import date, timedelta

from intranet.clock import today
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
from intranet.rounds.models import ContinuationDecision, ConvenantPeriod, RenewalInvitation
from intranet.rounds.periods import DEMO_NOTE_KEY, convenant_2018, create_period
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent
from intranet.workflows.states import ContinuationState as C
from intranet.workflows.states import OrganisationStatus, PeriodState

NOTE = (
    "Demo: de lopende periode, de ondertekenronde en de vriendenronde hebben data ten opzichte "
    "van vandaag, zodat u ze kunt zien lopen; de periodes 3.0 en 4.0 bestaan alleen in de demo. "
    "In werkelijkheid liep het convenant De Leidse Aanpak 2.0 af op 31 juli 2022 en ging het "
    "netwerk verder als zichtlijn Talentontwikkeling van LEF, onder de gezamenlijke stuurgroep "
    "‘Leidse Aanpak met LEF’."
)
FIRST, CURRENT, NEXT = "De Leidse Aanpak 2.0", "De Leidse Aanpak 3.0", "De Leidse Aanpak 4.0"
SIGNED = [
    "Gemeente Leiden",
    "Hogeschool Leiden",
    "Universiteit Leiden",
    "SCOL",
    "PROOLEiden",
    "Scholengroep Leonardo Da Vinci",
    "BplusC",
    "Adelbert College",
    "Marecollege",
    "Stedelijk Gymnasium Leiden",
    "Vlietlandcollege",
    "Museum Volkenkunde",
    "Stadspodia Leiden",
    "Erfgoed Leiden en Omstreken",
    "JES Rijnland",
    "Kindkracht",
    "SPL",
    "Smallsteps",
    "Haanstrabasisschool",
    "Nutsbasisschool Voorschoten",
]
DECLINED = {
    "Aiolos": "Wij richten ons de komende jaren op andere netwerken.",
    "Bright Kids": "",
    "Coaching Kids": "De bijdrage past niet meer in onze begroting.",
    "Fijn Talent": "",
    "XL-leren": "Wij stoppen met onze activiteiten in de regio.",
    "Debatunie": "",
}
VRIEND = ["Aiolos", "Bright Kids", "Fijn Talent", "Debatunie", "Stadslab"]
NOT_VRIEND = {"Coaching Kids": "Wij stoppen met onze activiteiten in de regio.", "XL-leren": ""}
FUNCTIONS = ["directeur", "bestuurder", "directeur-bestuurder", "voorzitter college van bestuur"]
FIRST_DECISION = (  # the letter of 22 June 2022 (the seeds): who decided, and what followed
    "Besproken in de gezamenlijke stuurgroep ‘Leidse Aanpak met LEF’, waarin de regiegroep en "
    "de stuurgroep van LEF sinds september 2021 samenkomen. Het netwerk werkt en de partners "
    "willen door. Vanaf 2022/2023 gaat De Leidse Aanpak verder als zichtlijn Talentontwikkeling "
    "van LEF; partners die nog geen LEF-partner zijn, worden uitgenodigd als vriend van LEF."
)
CURRENT_DECISION = "De evaluatie met de partners is positief: wij zetten het convenant voort."


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
        partners = partners.where(Organisation.name.in_(signatories))
    rollover.enrol(record, partners, via="ondertekend")
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
        CURRENT, date(2022, 8, 1), ends, PeriodState.RUNNING, leader, previous=first
    )
    _past_decision(current, chair, CURRENT_DECISION, weeks_from_deadline=-5)

    starts = ends + timedelta(days=1)
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

    friends = opening.open_vriend_round(current, leader, today() + timedelta(weeks=6))
    model = vriend_workflow.WORKFLOW.model
    for name in VRIEND:
        _answer(vriend_workflow.WORKFLOW, model, friends, name, "aanvaarden")
    for name, reason in NOT_VRIEND.items():
        _answer(vriend_workflow.WORKFLOW, model, friends, name, "afslaan", comment=reason)
    Setting.write(DEMO_NOTE_KEY, NOTE)
