"""Short names for the admission cases the weekly tests need, built with factories.Case."""

from tests.support.factories import Case


def application(applicant, route="uitgebreid", name=None):
    """A complete draft."""
    return Case(applicant, route=route, name=name).get()


def with_leader(applicant, route="uitgebreid", name=None):
    """Submitted (references in when needed): with the projectleider."""
    return Case(applicant, route=route, name=name).with_leader().get()


def at_vote(applicant, leader, name=None):
    """Put to the projectgroep's vote."""
    return Case(applicant, name=name).nominated(leader).get()


def escalated(applicant, leader):
    """Put before the regiegroep."""
    return Case(applicant).escalated(leader).get()
