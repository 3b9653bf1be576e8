"""The app as gunicorn serves it in the load benchmark, plus a bare Flask "hello" beside it."""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from intranet.app import create_app
from intranet.config import from_environment

hello = Flask("hello")


@hello.get("/")
def say_hello():
    """The baseline: the cheapest page Flask can serve."""
    return "hello"


# The benchmark speaks plain http on the loopback, so cookies cannot be Secure here.
# DATABASE_URL and SECRET_KEY come from the environment bench/load.py sets.
intranet = create_app(
    {
        **from_environment(),
        "DEVELOPMENT": True,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
    }
)
app = DispatcherMiddleware(intranet, {"/hello": hello})
