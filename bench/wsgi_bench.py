"""The app as gunicorn serves it in the load benchmark, plus a bare Flask "hello" beside it."""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from intranet import create_app

hello = Flask("hello")


@hello.get("/")
def say_hello():
    """The baseline: the cheapest page Flask can serve."""
    return "hello"


app = DispatcherMiddleware(create_app(), {"/hello": hello})
