"""Privacy (AVG): what is stored about a person, and closing and anonymising an account.

Export and anonymisation are audited: an audit event (workflow "personen", case = the
person's account) says who did it and when, and a log line says the same.
"""

import json

from peewee import CharField, ForeignKeyField, fn
from playhouse.shortcuts import model_to_dict

from intranet import logs
from intranet.admission.models import Application, Comment, Referee, Vote
from intranet.clock import now
from intranet.fees.invoices import Invoice
from intranet.models import Contact, LoginAttempt, Membership, OutboxMessage, User
from intranet.people import seats
from intranet.people.models import AddressChange
from intranet.privacy.retention import PRUNED_BODY
from intranet.redaction import redact
from intranet.refusals import Refused
from intranet.schema import MODELS
from intranet.workflows.models import AuditEvent

WORKFLOW = "personen"
SECRET_FIELDS = {"password_hash", "session_epoch", "credential_epoch"}


def _login_records(email):
    """Login tries and known clients kept under this address (intranet/throttle.py's keys)."""
    key = LoginAttempt.key
    return (
        (key == f"account:{email}")
        | key.startswith(f"client:{email}|")
        | key.startswith(f"known:{email}|")
        | key.endswith(f":subject:{email}")
    )


def _rows_about(user):
    """{table: [rows]} of every record that points at the person or carries their address."""
    found = {}
    for model in MODELS:
        conditions = [
            field == user.id
            for field in model._meta.sorted_fields
            if isinstance(field, ForeignKeyField) and field.rel_model is User
        ]
        conditions += [
            field == user.email
            for field in model._meta.sorted_fields
            if isinstance(field, CharField)
            and (field.name in {"email", "to"} or field.name.endswith("_email"))
        ]
        if model is LoginAttempt:
            conditions.append(_login_records(user.email))
        if not conditions or model is User:
            continue
        where = conditions[0]
        for condition in conditions[1:]:
            where |= condition
        rows = [
            _exported(model, row)
            for row in model.select().where(where).order_by(model._meta.primary_key)
        ]
        if rows:
            found[model._meta.table_name] = rows
    return found


def _exported(model, row):
    """A row as the export shows it: a mail's body without its live links."""
    values = model_to_dict(row, recurse=False)
    if model is OutboxMessage:
        values["body"] = redact(row.body, row.to)
    return values


def export(user, actor=None):
    """Everything stored about a person, as JSON text; the export itself is audited."""
    account = {
        k: v for k, v in model_to_dict(user, recurse=False).items() if k not in SECRET_FIELDS
    }
    data = {"exported_at": now(), "account": account, "records": _rows_about(user)}
    _audit(user, "exporteren", "geexporteerd", actor)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str)


def anonymise(user, actor=None):
    """Close the account and replace the name and address everywhere; the events stay.

    The person leaves every group as with deactivation (people/seats.py): the voorzitter only
    once another is chosen, and every open vote is re-counted without them.
    """
    if actor is not None and actor.id == user.id:
        raise Refused("U kunt uw eigen account niet anonimiseren.", 403)
    old_name, old_email = user.name, user.email
    new_name = f"Geanonimiseerd #{user.id}"
    new_email = f"geanonimiseerd-{user.id}@example.invalid"
    # every address the account had or waited for (a pending change's link dies with it)
    changes = AddressChange.select(AddressChange.email).where(AddressChange.user == user.id)
    addresses = sorted({old_email, *(change.email for change in changes)})
    replaced = [(old_name, new_name), *((address, new_email) for address in addresses)]
    with seats.change(user, leaving=True):  # one transaction: the seats and every record
        for model, field in ((AuditEvent, AuditEvent.comment), (AuditEvent, AuditEvent.data),
                             (Comment, Comment.text), (Vote, Vote.motivation)):  # fmt: skip
            for old, new in replaced:
                model.update({field: fn.REPLACE(field, old, new)}).where(
                    field.contains(old)
                ).execute()
        AddressChange.delete().where(AddressChange.user == user.id).execute()
        # Invoices are kept for the fiscal retention period with the organisation's billing
        # details; the person named on them as contact is removed (the privacy statement).
        Invoice.update(contact_name=new_name, contact_email=new_email).where(
            Invoice.contact_email.in_(addresses)
        ).execute()
        AuditEvent.update(actor_label=new_name).where(AuditEvent.actor == user.id).execute()
        Referee.update(name=new_name, email=new_email).where(Referee.email == old_email).execute()
        Application.update(backup_name=new_name, backup_email=new_email).where(
            Application.backup_email == old_email
        ).execute()
        OutboxMessage.update(to=new_email, body=PRUNED_BODY).where(
            OutboxMessage.to.in_(addresses)
        ).execute()
        for address in addresses:
            LoginAttempt.delete().where(_login_records(address)).execute()
        Membership.delete().where(Membership.user == user.id).execute()
        Contact.delete().where(Contact.user == user.id).execute()
        User.update(
            name=new_name,
            email=new_email,
            password_hash=None,
            active=False,
            email_confirmed_at=None,
            session_epoch=User.session_epoch + 1,
            credential_epoch=User.credential_epoch + 1,
        ).where(User.id == user.id).execute()
        _audit(user, "anonimiseren", "geanonimiseerd", actor, label=new_name)
    return new_name


def _audit(user, trigger, state, actor, label=None):
    """An audit event on the person's account, and a log line (without name or address)."""
    label = actor.name if actor is not None else "beheerder (opdrachtregel)"
    AuditEvent.write(WORKFLOW, user.id, None, state, trigger, actor, label)
    logs.event(f"person_{trigger}", person_id=user.id, actor_id=actor.id if actor else None)
