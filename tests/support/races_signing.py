"""The renewal round's signing as a race: every contactpersoon of a partner signs at once.

Played by tests/test_races_at_scale.py beside the deciding votes.
"""

from datetime import timedelta

from peewee import fn

from intranet.clock import now, today
from intranet.db import db
from intranet.models import Contact, Membership, Organisation, OutboxMessage, User
from intranet.rounds import opening, renewal_workflow
from intranet.rounds.models import RenewalInvitation
from intranet.workflows import engine
from intranet.workflows.models import AuditEvent, Deadline
from tests.support.races import Scenario
from tests.support.world_rounds import periods

SIGNERS = 3  # contactpersonen per partner (the last is the achtervang), all signing at once


def _bulk_partners(rounds):
    """`rounds` partners with SIGNERS contactpersonen each; {organisation id: [user ids]}."""
    Organisation.insert_many(
        [
            {"name": f"Tekenaar {n:03}", "sector": "PO", "municipality": "Leiden"}
            | {"status": "partner"}
            for n in range(rounds)
        ]
    ).execute()
    User.insert_many(
        [
            {
                "email": f"teken{n:03}.{k}@example.org",
                "name": f"Tekenaar {n:03} {k}",
                "email_confirmed_at": now(),
            }
            for n in range(rounds)
            for k in range(SIGNERS)
        ]
    ).execute()
    organisations = dict(
        Organisation.select(Organisation.name, Organisation.id)
        .where(Organisation.name.startswith("Tekenaar "))
        .tuples()
    )
    users = dict(User.select(User.email, User.id).where(User.email.startswith("teken")).tuples())
    signers = {
        organisations[f"Tekenaar {n:03}"]: [
            users[f"teken{n:03}.{k}@example.org"] for k in range(SIGNERS)
        ]
        for n in range(rounds)
    }
    Contact.insert_many(
        [
            {"organisation": organisation, "user": user}
            | {"kind": "achtervang" if k == SIGNERS - 1 else "primary"}
            for organisation, users_ in signers.items()
            for k, user in enumerate(users_)
        ]
    ).execute()
    return signers


def open_signing_round(rounds):
    """A signing round over `rounds` partners; the plan: every contactpersoon signs at once."""
    voorzitter = User.create(email="vz@example.org", name="Voorzitter", email_confirmed_at=now())
    Membership.create(user=voorzitter, group="regiegroep", voorzitter=True)
    with db.atomic():
        signers = _bulk_partners(rounds)
    _, following = periods(None, voorzitter)
    round_ = opening.open_renewal_round(following, None, today() + timedelta(days=30))
    invitations = dict(
        RenewalInvitation.select(RenewalInvitation.organisation, RenewalInvitation.id)
        .where(RenewalInvitation.round == round_)
        .tuples()
    )
    return [
        [(invitations[organisation], user) for user in users]
        for organisation, users in sorted(signers.items())
    ]


def sign(invitation_id, user_id):
    """A racer's move: sign for the organisation, as the sign form does."""
    user = User.get_by_id(user_id)
    signature = {
        "signer_name": user.name,
        "signer_function": "directeur",
        "signed_on": today().isoformat(),
        "authorised": True,
    }
    engine.fire(
        renewal_workflow.WORKFLOW,
        invitation_id,
        "tekenen",
        user,
        expected_state="uitgenodigd",
        data=signature,
    )
    return "getekend"


def each_invitation_signed_once(plan, results):
    """One signature per partner, by the racer who won, with one set of confirmations."""
    rounds = len(plan)
    invitations = [arguments[0][0] for arguments in plan]
    winners = {
        plan[n][racer][0]: plan[n][racer][1]
        for n, outcomes in results.items()
        for racer, outcome in enumerate(outcomes)
        if outcome[0] == "done"
    }
    signed = RenewalInvitation.select().where(RenewalInvitation.id.in_(invitations))
    assert sorted((i.id, i.state, i.answered_by_id) for i in signed) == sorted(
        (i, "getekend", winners[i]) for i in invitations
    )
    names = dict(User.select(User.id, User.name).tuples())
    assert all(i.signer_name == names[winners[i.id]] for i in signed)
    events = AuditEvent.select().where(
        AuditEvent.workflow == renewal_workflow.NAME, AuditEvent.trigger == "tekenen"
    )
    counts = dict(
        events.select(AuditEvent.case_id, fn.COUNT(AuditEvent.id))
        .group_by(AuditEvent.case_id)
        .tuples()
    )
    assert sorted(counts.items()) == [(i, 1) for i in sorted(invitations)]
    confirmations = OutboxMessage.select().where(OutboxMessage.subject.startswith("Bevestiging"))
    assert sorted(m.to for m in confirmations) == sorted(
        f"teken{n:03}.{k}@example.org" for n in range(rounds) for k in range(SIGNERS)
    )
    assert {m.status for m in confirmations} == {"stored"}  # delivered after each commit
    pending = Deadline.select().where(
        Deadline.workflow == renewal_workflow.NAME, Deadline.fired_at.is_null()
    )
    assert not pending.exists()  # no reminder and no expiry left for a signed invitation


SIGNING = Scenario(
    name="renewal signing",
    prepare=open_signing_round,
    act=sign,
    refusal="AlreadyHandled",
    check=each_invitation_signed_once,
)
