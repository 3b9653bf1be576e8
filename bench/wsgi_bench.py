"""The app as gunicorn serves it in the load benchmark, plus a bare Flask "hello" beside it."""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from intranet.app import create_app

hello = Flask("hello")


@hello.get("/")
def say_hello():
    """The baseline: the cheapest page Flask can serve."""
    return "hello"


# The benchmark speaks plain http on the loopback, so cookies cannot be Secure here.
intranet = create_app({"SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})
app = DispatcherMiddleware(intranet, {"/hello": hello})
