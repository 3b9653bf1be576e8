"""Drafting meetings and their programmes, and joining or leaving a network."""

from peewee import fn

from intranet.db import write_transaction
from intranet.network.meeting_workflow import CONCEPT, WORKFLOW
from intranet.network.models import MeetingNetwork, NetworkMember, ProgrammePart
from intranet.workflows import engine

FIELDS = (
    "kind",
    "title",
    "description",
    "location",
    "capacity",
    "audience",
    "named_emails",
    "asks_contributions",
    "contributions_call",
)


def _values(form):
    values = {name: getattr(form, name).data for name in FIELDS}
    values["title"] = values["title"].strip()
    values["named_emails"] = values["named_emails"] or ""
    values["contributions_call"] = values["contributions_call"] or ""
    values["description"] = values["description"] or ""
    values["location"] = (values["location"] or "").strip()
    values["starts_at"], values["ends_at"] = form.starts_at, form.ends_at
    values["walk_in_at"] = form.walk_in_at
    values["registration_closes_at"] = form.registration_closes_at
    return values


def draft(form, user):
    """A new meeting in concept from a valid form."""
    with write_transaction():
        meeting = engine.create_case(WORKFLOW, user, created_by=user.id, **_values(form))
        _set_networks(meeting, form.networks.data)
    return meeting


def update_draft(meeting, form):
    """Change a meeting that is still a concept."""
    with write_transaction():
        for name, value in _values(form).items():
            setattr(meeting, name, value)
        meeting.save()
        MeetingNetwork.delete().where(MeetingNetwork.meeting == meeting.id).execute()
        _set_networks(meeting, form.networks.data)
    return meeting


def _set_networks(meeting, network_ids):
    if meeting.audience == "netwerken":
        rows = [{"meeting": meeting.id, "network": n} for n in sorted(set(network_ids or ()))]
        if rows:
            MeetingNetwork.insert_many(rows).execute()


def is_concept(meeting):
    """True while the meeting may still be changed freely."""
    return meeting.state == CONCEPT


def add_part(meeting, title, description, network_id):
    """Append a part to the programme."""
    with write_transaction():
        last = (
            ProgrammePart.select(fn.MAX(ProgrammePart.position))
            .where(ProgrammePart.meeting == meeting.id, ProgrammePart.contribution.is_null())
            .scalar()
        )
        return ProgrammePart.create(
            meeting=meeting.id,
            position=(last or 0) + 10,
            title=title.strip(),
            description=description or "",
            network=network_id or None,
        )


def join(network, user):
    """Become a member of a network (joining twice is harmless)."""
    with write_transaction():
        NetworkMember.insert(network=network.id, user=user.id).on_conflict_ignore().execute()


def leave(network, user):
    """Stop being a member (a zichthouder stays: the projectleider changes that)."""
    with write_transaction():
        NetworkMember.delete().where(
            NetworkMember.network == network.id,
            NetworkMember.user == user.id,
            ~NetworkMember.zichthouder,
        ).execute()
