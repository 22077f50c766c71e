"""Our middlewares: a JSON log line per request; the client's address from a
trusted proxy's X-Forwarded-For; and the security headers Django 5.2 does not
send by itself (Content-Security-Policy, Permissions-Policy).
"""

import ipaddress
import logging
import re
import time
import uuid

from django.conf import settings

from .logging import request_id_var

logger = logging.getLogger("newsroom.request")

# An id handed in by the proxy (nginx: proxy_set_header X-Request-ID $request_id)
# is kept when it looks like one; anything else is replaced, never logged.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestLogMiddleware:
    """One line per request: method, path (never the query string: it may carry
    an e-mail address or a search), status, duration and the request id. No
    client address, no body, no user: nothing that identifies a person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            match = getattr(request, "resolver_match", None)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path[:300],
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "view": match.view_name if match else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def _policy(directives, relax_style=False):
    parts = []
    for name, sources in directives.items():
        sources = list(sources)
        if relax_style and name == "style-src":
            sources.append("'unsafe-inline'")
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Content-Security-Policy from settings.SECURE_CSP and Permissions-Policy
    from settings.PERMISSIONS_POLICY, on every response that has none yet.

    The one exception is an error page (status 500 and up): templates/500.html
    must render without static files, so it carries its own <style>, which the
    policy allows there and nowhere else. It has no script and no user input.
    Under DEBUG, Django's technical error pages get the same allowance.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        directives = getattr(settings, "SECURE_CSP", None) or {}
        self.csp = _policy(directives) if directives else ""
        self.csp_error_page = _policy(directives, relax_style=True) if directives else ""
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response:
            error_page = response.status_code >= 500 or (settings.DEBUG and response.status_code == 404)
            response["Content-Security-Policy"] = self.csp_error_page if error_page else self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response


class TrustedProxyMiddleware:
    """Behind nginx or a load balancer every request comes from the proxy, and
    per-client limits (the feedback form's rate limit, django-axes' lockout)
    would count the proxy. When the peer is one of settings.TRUSTED_PROXIES
    (addresses or networks), REMOTE_ADDR becomes the nearest address in
    X-Forwarded-For that is not itself a trusted proxy. A client cannot forge
    it: what it writes there lies to the left of what our proxies append."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = [
            ipaddress.ip_network(p, strict=False) for p in getattr(settings, "TRUSTED_PROXIES", [])
        ]

    def trusted(self, address):
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.proxies)

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if self.proxies and forwarded and self.trusted(request.META.get("REMOTE_ADDR", "")):
            for hop in reversed(forwarded.split(",")):
                try:
                    ip = ipaddress.ip_address(hop.strip())
                except ValueError:
                    break  # garbage (from the client): keep the proxy's address
                if not any(ip in network for network in self.proxies):
                    request.META["REMOTE_ADDR"] = str(ip)
                    break
        return self.get_response(request)
