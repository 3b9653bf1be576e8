"""The network side of the test world: a network, a published meeting, a proposal, news, a
concept newsletter and an activity the organisation submitted.

Built by tests/support/world.py for the authorization matrix: the world's contactpersoon is a member
of the network, the other organisation's contactpersoon its zichthouder; the meeting invites
every contactpersoon and asks for contributions; the world's organisation proposed one.
"""

from datetime import timedelta

from intranet.activities.models import Activity
from intranet.clock import now, today
from intranet.network.contribution_workflow import WORKFLOW as CONTRIBUTION
from intranet.network.meeting_workflow import WORKFLOW as MEETING
from intranet.network.models import Invitation, Network, NetworkMember, Registration
from intranet.news.models import NewsItem
from intranet.newsletters.models import Newsletter
from intranet.workflows import engine


def build(leader, member, holder, organisation):
    """{name: record} of the network world."""
    network = Network.create(slug="duurzaamheid", name="Duurzaamheid", kind="dwarslijn")
    NetworkMember.create(network=network, user=member)
    NetworkMember.create(network=network, user=holder, zichthouder=True)
    starts = now().replace(microsecond=0) + timedelta(days=30)
    meeting = engine.create_case(
        MEETING,
        leader,
        kind="netwerkbijeenkomst",
        title="Netwerkbijeenkomst",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        audience="contactpersonen",
        asks_contributions=True,
        created_by=leader.id,
    )
    engine.fire(MEETING, meeting.id, "publiceren", leader)
    contribution = engine.create_case(
        CONTRIBUTION,
        member,
        meeting=meeting.id,
        organisation=organisation.id,
        network=network.id,
        submitted_by=member.id,
        title="Buitenlab",
        description="Leren over de natuur.",
    )
    public = engine.create_case(
        MEETING,
        leader,
        kind="onderwijscafe",
        title="Onderwijscafé",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        audience="publiek",
        created_by=leader.id,
    )
    engine.fire(MEETING, public.id, "publiceren", leader)
    registration = Registration.create(
        meeting=public.id,
        name="Zoë de Vries",
        email="zoe@example.org",
        organisation=organisation.id,
        answer="komt",
        code="matrix-registration-code",
    )
    news = NewsItem.create(
        kind="nieuws", title="Nieuws", summary="Kort.", published_at=now(), created_by=leader.id
    )
    newsletter = Newsletter.create(
        subject="Nieuwsbrief PO", introduction="Hallo.", werkvelden="PO", created_by=leader.id
    )
    activity = Activity.create(
        organisation=organisation.id,
        submitted_by=member.id,
        title="Buitenlab",
        audience="groep 6",
        werkveld="PO",
        starts_on=today() + timedelta(days=30),
        description="Leren over de natuur.",
    )
    return {
        "activity": activity,
        "newsletter": newsletter,
        "news": news,
        "network": network,
        "public_meeting": public,
        "registration": registration,
        "meeting": meeting,
        "invitation": Invitation.get(
            Invitation.meeting == meeting.id, Invitation.user == member.id
        ),
        "contribution": contribution,
    }
