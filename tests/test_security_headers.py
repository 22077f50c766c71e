"""Security headers: a Content-Security-Policy that allows only our own origin,
Permissions-Policy, and under production settings HSTS, nosniff, Referrer-Policy
and secure cookies. The browser side (nothing blocked, admin tabs still switch)
is tests/e2e/test_csp.py."""

import pytest

from tests.production_env import run_json_script


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "url",
    ["/en/", "/zh-hans/", "/en/briefings/china-asean-customs-cooperation/", "/admin/login/", "/healthz"],
)
def test_every_response_carries_a_policy_of_our_own_origin_only(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    for name in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert csp[name] == ["'self'"], name  # no 'unsafe-inline', no CDN, no data:
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_public_pages_have_no_inline_script_or_style(client, seed):
    for url in ("/en/", "/zh-hans/", "/en/briefings/china-asean-customs-cooperation/", "/en/priorities/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html, url
        assert " style=" not in html and " onclick=" not in html, url


def test_the_error_page_alone_may_use_its_own_inline_style(rf):
    from django.http import HttpResponse, HttpResponseServerError

    from config.middleware import SecurityHeadersMiddleware

    error = SecurityHeadersMiddleware(lambda request: HttpResponseServerError("x"))(rf.get("/"))
    ok = SecurityHeadersMiddleware(lambda request: HttpResponse("x"))(rf.get("/"))
    assert directives(error["Content-Security-Policy"])["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives(error["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert directives(ok["Content-Security-Policy"])["style-src"] == ["'self'"]


PRODUCTION_RESPONSES = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
out = {}
c = Client()
r = c.get("/healthz", HTTP_HOST="news.example.org")
out["http"] = [r.status_code, r.headers.get("Location")]
r = c.get("/admin/login/", HTTP_HOST="news.example.org", secure=True)
out["https"] = [r.status_code, dict(r.headers)]
cookie = r.cookies["csrftoken"]
out["csrf_cookie"] = {"secure": bool(cookie["secure"]), "samesite": cookie["samesite"]}
r = c.get("/admin/login/", HTTP_HOST="evil.example.com", secure=True)
out["other_host"] = r.status_code
print(json.dumps(out))
"""


def test_production_headers_and_cookies(tmp_path):
    out = run_json_script(PRODUCTION_RESPONSES, tmp_path)
    assert out["http"] == [301, "https://news.example.org/healthz"]
    status, headers = out["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert directives(headers["Content-Security-Policy"])["default-src"] == ["'self'"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert out["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
    assert out["other_host"] == 400
