"""Partners' activities as tests make them: through the pages, as the people do."""

from datetime import timedelta

from intranet.activities.models import Activity
from intranet.clock import today


def activity_fields(organisation, **changes):
    """The activity form's fields, filled in, for an activity two weeks from now."""
    first = today() + timedelta(days=14)
    return {
        "organisation": str(organisation.id),
        "title": "Techniekdag voor docenten",
        "audience": "docenten natuur en techniek",
        "werkveld": "VO",
        "starts_on": first.isoformat(),
        "ends_on": (first + timedelta(days=1)).isoformat(),
        "link": "www.rijksmuseumboerhaave.nl",
        "description": "Een middag proeven in het museumlab.",
        **changes,
    }


def submit_activity(client, organisation, **changes):
    """Submit an activity on the form; the new activity."""
    response = client.post("/activiteiten/nieuw", data=activity_fields(organisation, **changes))
    assert response.status_code == 303, response.get_data(as_text=True)
    return Activity.select().order_by(Activity.id.desc()).first()


def publish_activity(reviewer, activity):
    """The projectleider (their client) publishes a submitted activity."""
    assert reviewer.post(f"/activiteiten/{activity.id}/publiceren").status_code == 303
