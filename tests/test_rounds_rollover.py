"""Period rollover: who signed is partner of the new period, the others lapse."""

from datetime import timedelta

from intranet.clock import today
from intranet.deadlines import start_of
from intranet.rounds import opening, period_workflow, renewal_workflow, vriend_workflow
from intranet.rounds.models import (
    ConvenantPeriod,
    RenewalInvitation,
    VriendInvitation,
    periods_of,
    rounds_in_progress,
)
from intranet.workflows import engine
from tests.support import factories
from tests.support.rounds_support import (
    SIGNING_STEP_DATA,
    decide,
    open_renewal,
    renewal_setup,
    started,
    status_of,
    tick,
)


def _answer(workflow, model, round_, organisation, user, trigger, **kwargs):
    case = model.get(model.round == round_, model.organisation == organisation)
    engine.fire(workflow, case.id, trigger, user, **kwargs)


def test_when_the_new_period_starts_signers_continue_and_the_others_lapse(
    make_organisation, make_user
):
    signer = make_organisation(name="Tekent")
    decliner = make_organisation(name="Zegt op")
    silent = make_organisation(name="Zwijgt")
    lef = make_organisation(name="LEF-partner", lef_partner=True)
    friend = make_organisation(name="Wordt vriend")
    users = {org.name: make_user(organisation=org) for org in (signer, decliner, lef, friend)}
    current, following = renewal_setup(starts=60)
    signing = open_renewal(following)
    renewal = renewal_workflow.WORKFLOW
    _answer(
        renewal,
        RenewalInvitation,
        signing,
        signer,
        users["Tekent"],
        "tekenen",
        data=SIGNING_STEP_DATA,
    )
    for org in (decliner, lef, friend):
        _answer(
            renewal_workflow.WORKFLOW, RenewalInvitation, signing, org, users[org.name], "opzeggen"
        )
    friends = opening.open_vriend_round(current, None, today() + timedelta(days=30))
    _answer(
        vriend_workflow.WORKFLOW,
        VriendInvitation,
        friends,
        friend,
        users["Wordt vriend"],
        "aanvaarden",
    )

    tick(start_of(following.starts_on) + timedelta(minutes=1))

    assert ConvenantPeriod.get_by_id(following.id).state == "lopend"
    assert ConvenantPeriod.get_by_id(current.id).state == "afgelopen"
    assert [o.name for o in following.members()] == ["Tekent"]
    assert [m.period.name for m in periods_of(signer)] == ["Huidige periode", "Volgende periode"]
    assert [m.period.name for m in periods_of(decliner)] == ["Huidige periode"]
    assert status_of(signer) == "partner"
    assert status_of(decliner) == "oud_partner"
    assert status_of(silent) == "oud_partner"
    assert status_of(lef) == "lef_partner"
    assert status_of(friend) == "vriend"
    assert RenewalInvitation.get(RenewalInvitation.organisation == silent).state == "verlopen"


def test_ending_after_beeindiging_lapses_every_partner(make_organisation):
    partner = make_organisation()
    lef = make_organisation(lef_partner=True)
    current = started(factories.period("Laatste periode", starts=-1000, ends=30))
    decide(current, "beeindigen", motivation="Verder in LEF.")
    tick(start_of(current.ends_on + timedelta(days=1)) + timedelta(minutes=1))
    assert ConvenantPeriod.get_by_id(current.id).state == "afgelopen"
    assert (status_of(partner), status_of(lef)) == ("oud_partner", "lef_partner")


def test_ending_without_a_decision_changes_no_status(make_organisation):
    partner = make_organisation()
    current = started(factories.period("Periode", starts=-1000, ends=-1))
    engine.fire(period_workflow.WORKFLOW, current.id, "aflopen", None)
    assert status_of(partner) == "partner"


def test_rounds_in_progress_gives_totals_per_round(make_organisation, make_user):
    partner = make_organisation()
    make_organisation()
    contact = make_user(organisation=partner)
    _, following = renewal_setup()
    signing = open_renewal(following)
    _answer(renewal_workflow.WORKFLOW, RenewalInvitation, signing, partner, contact, "tekenen",
            data=SIGNING_STEP_DATA)  # fmt: skip
    [running] = rounds_in_progress()
    assert running.id == signing.id
    assert running.totals == {"getekend": 1, "uitgenodigd": 1}
