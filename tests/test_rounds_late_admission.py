"""A partner admitted while a signing round is open is invited to that round at once, and its
welcome mail says so."""

from intranet.models import Organisation
from intranet.rounds.models import RenewalInvitation
from tests.support import factories
from tests.support.decide import people
from tests.support.factories import cast_vote
from tests.support.mails import mails_to
from tests.support.rounds_support import open_renewal, renewal_setup


def admitted(make_user):
    """An application admitted by a majority of the projectgroep; returns its applicant."""
    cast = people(make_user)
    case = factories.Case(cast.applicant, name="Techniek Lab").nominated(cast.leader).get()
    cast_vote(case.id, cast.members[0], "voor")
    cast_vote(case.id, cast.members[1], "voor")
    return cast.applicant


def test_a_partner_admitted_during_a_signing_round_is_invited_to_it(make_user, make_organisation):
    make_organisation(name="Museum Boerhaave")
    _, following = renewal_setup()
    round_ = open_renewal(following)
    applicant = admitted(make_user)
    organisation = Organisation.get(Organisation.name == "Techniek Lab")
    assert organisation.status == "partner"
    invitation = RenewalInvitation.get(
        RenewalInvitation.round == round_, RenewalInvitation.organisation == organisation
    )
    assert invitation.state == "uitgenodigd"
    welcome = mails_to(applicant.email, "Welkom als partner")[0]
    assert (
        "convenant Volgende periode" in welcome.body and "is daarvoor uitgenodigd" in welcome.body
    )
    assert mails_to(applicant.email, "onderteken het convenant Volgende periode")


def test_without_an_open_signing_round_the_welcome_says_nothing_of_it(make_user):
    applicant = admitted(make_user)
    assert not RenewalInvitation.select().exists()
    welcome = mails_to(applicant.email, "Welkom als partner")[0]
    assert "ondertekenen" not in welcome.body
