"""Behind nginx or a load balancer: the client's address comes from a trusted
proxy's X-Forwarded-For, so per-client limits count clients, not the proxy."""

import pytest
from django.http import HttpResponse
from django.test import override_settings

from config.middleware import TrustedProxyMiddleware


def address_seen(rf, remote, forwarded=None, proxies=("127.0.0.1", "10.0.0.0/8")):
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXIES=list(proxies)):
        TrustedProxyMiddleware(view)(rf.get("/", **headers))
    return seen["address"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # nginx on the same machine
        ("10.0.0.5", "203.0.113.9, 10.0.0.7", "203.0.113.9"),  # load balancer, then nginx
        ("127.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the client's own header is ignored
        ("198.51.100.50", "203.0.113.9", "198.51.100.50"),  # not a proxy of ours: no trust
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_behind_trusted_proxies(rf, remote, forwarded, expected):
    assert address_seen(rf, remote, forwarded) == expected


def test_no_trusted_proxies_means_the_peer_address(rf):
    assert address_seen(rf, "127.0.0.1", "203.0.113.9", proxies=()) == "127.0.0.1"


def test_it_runs_before_sessions_and_sign_in(settings):
    # django-axes and the feedback form's rate limit read REMOTE_ADDR after it.
    order = settings.MIDDLEWARE
    assert order.index("config.middleware.TrustedProxyMiddleware") < order.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
