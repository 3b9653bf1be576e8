"""Test clients that act as each role of the world, and the routes they visit."""

from intranet.models import User


class Visitors:
    """One test client per role, logged in (again) before every request.

    A request may end the session (logout, a password change); logging in through the
    session with the user's current login id keeps each role what it is.
    """

    def __init__(self, app, world):
        self.app, self.world = app, world
        self.clients = {}

    def request(self, role, method, path, **kwargs):
        """Send a request as this role (earlier flashed messages are dropped first)."""
        client = self.clients.setdefault(role, self.app.test_client())
        user = self.world.users.get(role)
        with client.session_transaction() as session:
            session.pop("_flashes", None)
            if user is None:  # a link may have logged the visitor in: not any more
                session.pop("_user_id", None)
            else:
                session["_user_id"] = User.get_by_id(user.id).get_id()
                session["_fresh"] = True
        if method == "POST" and "data" not in kwargs:
            # A real form always carries its CSRF token: an otherwise empty form is not
            # an empty body (Flask-WTF would then fill the form from its defaults).
            kwargs["data"] = {"form": "leeg"}
        return client.open(path, method=method, **kwargs)

    def flashes(self, role):
        """The messages the last request flashed for this role: [(category, text)]."""
        with self.clients[role].session_transaction() as session:
            return list(session.get("_flashes", []))


def rules(app):
    """Every rule of the app but static files, in a stable order."""
    found = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    return sorted(found, key=lambda rule: (rule.endpoint, rule.rule))


def methods(rule):
    """The methods the matrix sends to a rule (HEAD and OPTIONS come free with GET)."""
    return sorted(rule.methods & {"GET", "POST"})
