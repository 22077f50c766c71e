"""Structured logs: one JSON line per request with method, path, status, duration
and request id, and nothing that identifies a person."""

import io
import json
import logging

import pytest

from config.logging import JsonFormatter, RequestIdFilter


@pytest.fixture
def log_lines():
    """What the configured loggers write, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("newsroom.request"), logging.getLogger("django.request")]
    for logger in loggers:
        logger.addHandler(handler)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    lines.raw = stream.getvalue
    yield lines
    for logger in loggers:
        logger.removeHandler(handler)


def test_settings_log_json_lines_per_request():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "config.logging.JsonFormatter"
    assert settings.MIDDLEWARE[0] == "config.middleware.RequestLogMiddleware"
    assert logging.getLogger("newsroom.request").isEnabledFor(logging.INFO)


def test_one_json_line_per_request(client, seed, log_lines):
    response = client.get("/en/briefings/china-asean-customs-cooperation/")
    assert response.status_code == 200
    [line] = [line for line in log_lines() if line["logger"] == "newsroom.request"]
    assert line["method"] == "GET"
    assert line["path"] == "/en/briefings/china-asean-customs-cooperation/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")


def test_no_query_string_no_address_no_form_body(client, seed, log_lines, django_user_model):
    client.get(
        "/en/search/?q=sokha.private%40customs.example&email=sokha.private@customs.example",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        HTTP_USER_AGENT="Secret-Agent/1.0",
    )
    client.post(
        "/admin/login/",
        {"username": "registrar.wang@customs.example", "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.77",
    )
    text = log_lines.raw()
    lines = [line for line in log_lines() if line["logger"] == "newsroom.request"]
    assert [(line["method"], line["path"]) for line in lines] == [
        ("GET", "/en/search/"),
        ("POST", "/admin/login/"),
    ]
    for secret in (
        "sokha",
        "customs.example",
        "@",
        "203.0.113.77",
        "198.51.100.23",
        "Secret-Agent",
        "registrar.wang",
        "correct horse",
        "?",
    ):
        assert secret not in text, secret


def test_request_id_from_the_proxy_is_kept_when_well_formed(client, db, log_lines):
    good = client.get("/healthz", HTTP_X_REQUEST_ID="f3a9c2e1b7d84c05a1e2f3a4b5c6d7e8")
    assert good["X-Request-ID"] == "f3a9c2e1b7d84c05a1e2f3a4b5c6d7e8"
    bad = client.get("/healthz", HTTP_X_REQUEST_ID="someone@example.org\nforged line")
    assert bad["X-Request-ID"] != "someone@example.org\nforged line"
    assert len(bad["X-Request-ID"]) == 32
    ids = [line["request_id"] for line in log_lines() if line["logger"] == "newsroom.request"]
    assert ids == ["f3a9c2e1b7d84c05a1e2f3a4b5c6d7e8", bad["X-Request-ID"]]
    assert "someone@example.org" not in log_lines.raw()


def test_lines_logged_while_serving_carry_the_request_id(client, db, log_lines):
    response = client.get("/en/briefings/no-such-briefing/")
    assert response.status_code == 404
    lines = log_lines()
    django_line = next(line for line in lines if line["logger"] == "django.request")
    request_line = next(line for line in lines if line["logger"] == "newsroom.request")
    assert django_line["level"] == "WARNING"
    assert django_line["request_id"] == request_line["request_id"] == response["X-Request-ID"]
    assert request_line["status"] == 404


LOG_EACH_KIND_ONCE = """
import logging
import django
django.setup()
logging.getLogger("django.request").warning("Not Found: /missing/")
logging.getLogger("django.template").warning("a template warning")
logging.getLogger("newsroom.request").info("GET / 200")
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 5')
"""


def test_make_run_prints_each_log_line_once():
    """`make run`'s settings (DEBUG on), in a fresh process as manage.py runserver starts: Django's
    default "django" console handler used to print each Django line a second time beside our JSON
    line, and runserver's access line repeated our request line."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="1", REDIS_URL="")
    done = subprocess.run(
        [sys.executable, "-c", LOG_EACH_KIND_ONCE],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stderr.splitlines()
    assert [json.loads(line)["message"] for line in lines] == [
        "Not Found: /missing/",
        "a template warning",
        "GET / 200",
    ]
