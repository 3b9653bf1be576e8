"""Changing a partner's profile, and who may."""

from flask import abort
from flask_login import current_user
from peewee import IntegrityError
from playhouse.flask_utils import get_object_or_404

from intranet.db import write_transaction
from intranet.fees.models import FIRST_SCHOOLJAAR
from intranet.models import Organisation, PupilCount
from intranet.refusals import Refused
from intranet.schooljaar import schooljaar_of

NAME_TAKEN = "Er is al een organisatie met deze naam."


def may_manage(user, organisation):
    """The projectleider manages every partner; a contactpersoon only their own."""
    return user.has_role("projectleider") or organisation.id in user.organisation_ids


def managed_organisation(organisation_id):
    """The organisation if the current user may manage it: 404 if unknown, 403 if not theirs."""
    organisation = get_object_or_404(Organisation, Organisation.id == organisation_id)
    if not may_manage(current_user, organisation):
        abort(403)
    return organisation


def update_profile(organisation, form):
    """Store the profile form's fields on the organisation; a changed count of pupils is
    this schooljaar's count (earlier schooljaren keep theirs)."""
    name = getattr(form, "name", None)
    if name is not None:
        taken = Organisation.select().where(
            Organisation.name == name.data, Organisation.id != organisation.id
        )
        if taken.exists():
            raise Refused(NAME_TAKEN, field="name")
    try:
        with write_transaction():
            count = getattr(form, "pupil_count", None)
            if count is not None and count.data != organisation.pupil_count:
                PupilCount.record(organisation, schooljaar_of(), count.data, FIRST_SCHOOLJAAR)
            form.populate_obj(organisation)
            organisation.save()
    except IntegrityError as error:  # renamed alike at the same moment by someone else
        raise Refused(NAME_TAKEN, field="name") from error
