"""The pages of one route module, written as on a blueprint and added to one explicitly.

A feature whose pages live in several modules has one blueprint, made in its `blueprint.py`,
which names each of those modules and adds their pages to it: nothing is added to a blueprint
by being imported.
"""


class Pages:
    """Routes and hooks recorded with a blueprint's own decorators, for `add_to(blueprint)`."""

    def __init__(self):
        self._recorded = []

    def _record(self, name, *args, **options):
        def decorator(function):
            self._recorded.append((name, args, options, function))
            return function

        return decorator

    def route(self, rule, **options):
        return self._record("route", rule, **options)

    def get(self, rule, **options):
        return self._record("get", rule, **options)

    def post(self, rule, **options):
        return self._record("post", rule, **options)

    def errorhandler(self, code_or_exception):
        return self._record("errorhandler", code_or_exception)

    def context_processor(self, function):
        return self._record("context_processor")(function)

    def url_value_preprocessor(self, function):
        return self._record("url_value_preprocessor")(function)

    def add_to(self, blueprint):
        """Add every recorded route and hook to `blueprint`, in the order they were written."""
        for name, args, options, function in self._recorded:
            decorate = getattr(blueprint, name)
            (decorate(*args, **options) if args or options else decorate)(function)
