"""Hypothesis strategies for hostile input: odd text, huge values, wrong types, odd bodies."""

import io
import json

from hypothesis import strategies as st

MAX_CONTENT_LENGTH = 512 * 1024  # intranet/config.py
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eKCATTA",  # right-to-left override
    "\u200f\u200e",  # RTL and LTR marks
    "\ufeff",
    "🙂" * 3,
    "e\u0301" * 4,
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    '\'; DROP TABLE "user"; --',
    "{{ 7 * 7 }}",
    "../../etc/passwd",
    "%00%0d%0a",
    "\r\nSet-Cookie: x=1",
    "NaN",
    "sNaN",
    "Infinity",
    "-0",
    "1e309",
    "9" * 40,
    "-1",
    "0x1F",
    "１２３",  # full-width digits
    "2024-02-30",
    "31-12-2024",
    "0000-00-00",
    "9999-12-31",
    "true",
    "null",
    "[]",
]
HUGE = [
    "x" * 6_000,  # over every length limit, well inside the body limit
    "y" * (MAX_CONTENT_LENGTH - 20_000),  # just inside the body limit
    "z" * (MAX_CONTENT_LENGTH + 1_000),  # beyond it: 413
    "é" * 100_000,  # 200 kB of UTF-8, 600 kB once form-encoded
]

scalar = st.one_of(
    st.text(max_size=40),  # any unicode, NUL included
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    st.dates().map(lambda day: day.strftime("%d-%m-%Y")),
    st.dates().map(str),
)


# Blank values (spaces, tabs, line breaks, Unicode spaces only) and values with a control
# character inside: every field gets them, also around an otherwise plausible value.
BLANK = st.text(alphabet=" \t\r\n\x0b\x0c\u00a0\u2028\u2029\u3000", min_size=1, max_size=6)
CONTROL = st.characters(categories=["Cc"]) | st.sampled_from(["\r\n", "\u2028", "\x85"])
INJECTED = st.sampled_from(["", "x", "Bcc: x@evil.example", "=1+1"])


def _with_control(around):
    """A value with a control character somewhere in it."""
    return st.builds(lambda before, char, after: before + char + after, around, CONTROL, INJECTED)


def weighted(*choices):
    """One of the strategies, each as often as its weight (one_of would treat them alike)."""
    pool = [strategy for strategy, weight in choices for _ in range(weight)]
    return st.sampled_from(pool).flatmap(lambda strategy: strategy)


def field_value(plausible=()):
    """One form value: a plausible one, a hostile scalar, a huge one, or several (a list)."""
    options = [(scalar, 4), (st.lists(scalar, min_size=2, max_size=3), 1)]
    options += [(st.sampled_from(HUGE), 1), (BLANK, 2), (_with_control(st.just("Leiden")), 1)]
    if plausible:
        options.append((st.sampled_from(list(plausible)), 4))
        options.append((_with_control(st.sampled_from(list(plausible))), 2))
    return weighted(*options)


def form(fields, plausible):
    """Some of the fields (missing ones left out) and maybe a stray extra field."""
    known = {name: field_value(plausible.get(name, ())) for name in fields}
    extra = {"onbekend": scalar, "csrf_token": scalar, "id": scalar}
    return st.fixed_dictionaries({}, optional={**known, **extra})


def body(fields, plausible):
    """Request keyword arguments for the test client: a form, multipart, JSON or raw bytes."""
    as_form = form(fields, plausible).map(lambda data: {"data": data})
    as_multipart = form(fields, plausible).map(
        lambda data: {"data": {**data, "bijlage": (io.BytesIO(b"%PDF-1.4 kapot"), "x.pdf")}}
    )
    json_value = st.recursive(
        st.none() | st.booleans() | st.integers() | scalar,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(fields or ["x"]), inner, max_size=3)
        ),
        max_leaves=6,
    )
    as_json = json_value.map(
        lambda value: {"data": json.dumps(value), "content_type": "application/json"}
    )
    as_bytes = st.binary(max_size=200).map(
        lambda raw: {"data": raw, "content_type": "application/x-www-form-urlencoded"}
    )
    return weighted((as_form, 6), (as_multipart, 1), (as_json, 1), (as_bytes, 1))


def _query_value(plausible=()):
    short = st.one_of(st.text(max_size=40), st.sampled_from(NASTY), st.just("x" * 5_000))
    if plausible:
        short = st.sampled_from(list(plausible)) | short
    return short | st.lists(short, min_size=2, max_size=3)


def query(names, plausible):
    """A query string's parameters: the route's filters and a stray one, hostile or plausible."""
    values = {name: _query_value(plausible.get(name, ())) for name in names}
    return st.fixed_dictionaries({}, optional={**values, "onbekend": _query_value()})


headers = st.sampled_from(
    [
        {},
        {"HX-Request": "true"},
        {"HX-Request": "true", "HX-Target": "case", "HX-Current-URL": "http://localhost/"},
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
    ]
)
