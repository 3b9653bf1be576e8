"""Observing: a JSON line per request and per event, a request id, no secrets; /healthz."""

import json
import re
from datetime import timedelta

import pytest

from intranet import health
from intranet.app import create_app
from intranet.clock import now
from intranet.db import db, is_sqlite
from intranet.models import OutboxMessage, Setting
from intranet.workflows.models import Deadline
from intranet.workflows.timers import record_tick
from tests.conftest import PASSWORD, TEST_CONFIG


def log_lines(capsys):
    """The JSON log lines written to stderr so far."""
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]


def test_every_request_is_one_json_line_with_its_request_id(client, capsys):
    capsys.readouterr()
    response = client.get("/inloggen", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    [line] = [line for line in log_lines(capsys) if line["message"] == "request"]
    assert line["method"] == "GET" and line["path"] == "/inloggen" and line["status"] == 200
    assert line["request_id"] == "abc-123" and line["duration_ms"] >= 0
    assert line["user_id"] is None and line["level"] == "INFO"


def test_a_request_without_a_sane_request_id_gets_a_fresh_one(client, capsys):
    response = client.get("/", headers={"X-Request-ID": "x" * 200 + "\t{}"})
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32 and request_id.isalnum()
    assert any(line.get("request_id") == request_id for line in log_lines(capsys))


def test_login_failure_logout_and_password_change_are_events(client, make_user, capsys):
    user = make_user()
    client.post("/inloggen", data={"email": user.email, "password": "fout"})
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    client.post(
        "/account/wachtwoord",
        data={
            "current": PASSWORD,
            "password": "een nieuw lang wachtwoord",
            "confirm": "een nieuw lang wachtwoord",
        },
    )
    client.post("/uitloggen")
    lines = log_lines(capsys)
    events = [line["event"] for line in lines if "event" in line]
    assert events[:2] == ["login_failed", "login"] and events[-1] == "logout"
    assert "password_changed" in events
    logged_in = [line for line in lines if line.get("path") == "/uitloggen"]
    assert logged_in[0]["user_id"] == user.id


def test_no_password_or_token_reaches_the_log(client, make_user, capsys):
    user = make_user()
    client.post("/inloggen", data={"email": user.email, "password": "geheim-fout-wachtwoord"})
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    link = next(
        word for word in OutboxMessage.get().body.split() if "/wachtwoord-herstellen/" in word
    )
    token = link.rsplit("/", 1)[1]
    client.get(link)
    client.post(
        link, data={"password": "nieuw-geheim-wachtwoord", "confirm": "nieuw-geheim-wachtwoord"}
    )
    output = capsys.readouterr().err
    assert output.count("\n") >= 4
    for secret in (
        token,
        token.split(".")[0],
        "geheim-fout-wachtwoord",
        "nieuw-geheim-wachtwoord",
        "test-secret",
    ):
        assert secret not in output
    assert "/wachtwoord-herstellen/<token>" in output


def test_a_token_in_a_log_message_is_blanked_out(app, capsys):
    from intranet import tokens

    token = tokens.make("password-reset", 1)
    app.logger.warning("link %s opened", f"http://localhost/wachtwoord-herstellen/{token}")
    [line] = log_lines(capsys)
    assert token not in json.dumps(line) and "[verborgen]" in line["message"]


@pytest.mark.fresh_app
def test_an_error_goes_to_the_log_with_its_traceback_not_to_the_page(app, client, capsys):
    def broken():
        raise RuntimeError("kapot van binnen")

    app.add_url_rule("/kapot", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    response = client.get("/kapot")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "kapot van binnen" not in page
    [error] = [line for line in log_lines(capsys) if line["level"] == "ERROR"]
    assert "RuntimeError: kapot van binnen" in error["exc_info"]
    assert error["request_id"] == response.headers["X-Request-ID"]
    assert f"<code>{error['request_id']}</code>" in page  # the page names it for the helpdesk


def test_healthz_answers_ok_when_the_database_answers_and_tick_ran(client):
    record_tick(now() - timedelta(seconds=30))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok" and 29 <= response.json["tick_age_s"] <= 60
    assert response.json["problems"] == []
    assert set(response.json) == {"database", "tick_age_s", "mail", "problems"}
    assert response.json["mail"] == {"oldest_due_s": None, "failures": 0}


def test_healthz_is_unhealthy_while_a_deadline_names_an_unknown_workflow(client):
    record_tick()
    Deadline.create(workflow="verdwenen", case_id=1, action="sluiten", due_at=now())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["problems"] == ["1 open termijn(en) van onbekende workflow 'verdwenen'"]


def test_healthz_is_unhealthy_when_tick_is_late_or_never_ran(app, client):
    assert client.get("/healthz").status_code == 503
    late = now() - app.config["TICK_WARNING_AFTER"] - timedelta(minutes=1)
    record_tick(late)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "ok"


def test_healthz_is_unhealthy_when_the_database_does_not_answer(app, tmp_path):
    gone = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path}/weg/niet.sqlite3"})
    response = gone.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"database": "error", "tick_age_s": None}


def test_a_token_in_an_error_is_blanked_out_of_the_traceback(app, capsys):
    from intranet import tokens

    token = tokens.make("referee", 1)
    try:
        raise ValueError(f"bad link /referentie/{token}")
    except ValueError:
        app.logger.exception("failed")
    [line] = log_lines(capsys)
    assert "ValueError: bad link /referentie/[verborgen]" in line["exc_info"]
    assert token not in json.dumps(line)


def test_a_change_made_on_a_page_is_an_event_with_who_and_what(client, make_user, login, capsys):
    OutboxMessage.create(to="a@example.org", subject="Weg", body="x", status="failed")
    leader = make_user("projectleider")
    login(leader)
    capsys.readouterr()
    message = OutboxMessage.get(OutboxMessage.subject == "Weg")
    client.post(f"/beheer/outbox/{message.id}/opnieuw")
    client.get("/beheer/outbox")  # reading changes nothing
    changes = [line for line in log_lines(capsys) if line.get("event") == "change"]
    assert len(changes) == 1
    assert changes[0]["endpoint"] == "outbox.resend" and changes[0]["user_id"] == leader.id
    assert changes[0]["target"] == {"message_id": message.id}


_FULL_SQLITE = [
    f"CREATE TRIGGER setting_full_{op} BEFORE {op} ON setting "
    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    for op in ("INSERT", "UPDATE")
]
_FULL_POSTGRES = [
    "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; "
    "END $$",
    "CREATE TRIGGER setting_full BEFORE INSERT OR UPDATE ON setting "
    "FOR EACH ROW EXECUTE FUNCTION disk_full()",
]
_UNFULL_SQLITE = ["DROP TRIGGER setting_full_INSERT", "DROP TRIGGER setting_full_UPDATE"]
_UNFULL_POSTGRES = ["DROP TRIGGER setting_full ON setting", "DROP FUNCTION disk_full()"]


def test_healthz_is_unhealthy_when_the_database_refuses_writes(app, client, monkeypatch):
    record_tick(now())
    monkeypatch.setitem(health._last_committed, "at", float("-inf"))
    assert client.get("/healthz").status_code == 200  # committed its probe
    full, unfull = (
        (_FULL_SQLITE, _UNFULL_SQLITE) if is_sqlite() else (_FULL_POSTGRES, _UNFULL_POSTGRES)
    )
    for statement in full:  # every write now fails, as on a full disk
        db.execute_sql(statement)
    try:
        response = client.get("/healthz")  # within the minute: a write that is rolled back
        assert response.status_code == 503 and response.json["database"] == "error"
        monkeypatch.setitem(health._last_committed, "at", float("-inf"))
        assert client.get("/healthz").status_code == 503  # and the committed one
    finally:
        for statement in unfull:
            db.execute_sql(statement)
    assert client.get("/healthz").status_code == 200


def test_healthz_writes_no_new_rows(app, client, monkeypatch):
    record_tick(now())
    for _ in range(5):
        monkeypatch.setitem(health._last_committed, "at", float("-inf"))
        assert client.get("/healthz").status_code == 200
        assert client.get("/healthz").status_code == 200
    assert [s.key for s in Setting.select()] == [health.PROBE_KEY]


def test_an_error_page_shows_its_request_id(client):
    response = client.get("/bestaat-niet")
    request_id = response.headers["X-Request-ID"]
    assert response.status_code == 404 and re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert f"Verzoekcode: <code>{request_id}</code>" in response.get_data(as_text=True)
