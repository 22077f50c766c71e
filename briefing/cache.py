"""The public-page cache: whole responses, per language, for anonymous readers only.

How it works
- `PublicPageCacheMiddleware` stores the 200 responses of the views marked with
  `@public_page` under a key made of the content version and the full path
  (the path carries the language prefix, so each language has its own entry).
- A request that carries a session cookie may belong to signed-in staff, who
  can preview drafts: it is never answered from the cache and its response is
  never stored. Readers have no session cookie, so telling them apart costs no
  query: a cache hit runs no database query at all.
- Every save or delete of content (any model of the briefing and symposia apps,
  site settings and attendee counts included) bumps the content version from a
  signal, once right away and once more when the transaction commits, so no
  page rendered from the old content survives. The signal only talks to the
  cache: no e-mail, no other network.
- Each stored page has an ETag and a Last-Modified; a conditional GET
  (If-None-Match / If-Modified-Since) that matches gets 304 Not Modified.
- Only the query parameters a page understands (`q`, `page`) make a separate
  entry; a request with any other parameter is rendered and not stored.
- Entries also expire after `PUBLIC_CACHE_SECONDS` (default five minutes), so
  an item whose publish date arrives while its page sits in the cache shows up
  soon without a save.

The cache is Django's default cache: Redis when REDIS_URL is set (shared by
every app server), local memory otherwise.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
# Query parameters a public page understands (search). A request with any other
# parameter, as cache-busting crawlers send, is rendered but never stored, so
# nobody can fill the cache with copies of one page.
CACHEABLE_PARAMETERS = {"q", "page"}
# Models whose changes never show on a public page.
IGNORED_MODELS = {"feedback", "importrecord"}
WATCHED_APPS = {"briefing", "symposia"}


def cache_seconds():
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 300)


def content_version():
    """The current content version (an integer kept in the cache; created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version():
    """Make every cached page (and search corpus) stale: they are keyed by the version."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.add(VERSION_KEY, int(time.time()), None)


def public_page(view):
    """Mark a view whose anonymous GET responses may be cached by the middleware."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.public_page_cache = True
    return wrapper


def _may_be_staff(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _page_key(request, version):
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"public-page:{version}:{get_language()}:{digest}"


class PublicPageCacheMiddleware:
    """Serve and store anonymous readers' copies of `@public_page` views (see the module docstring).

    Place it after AuthenticationMiddleware: it runs in `process_view`, once the
    URL is resolved and LocaleMiddleware has chosen the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Only a guess that saves a round trip: always checked against the cache.
        self._last_version = None

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_public_page_key", None)
        if key is not None and self._storable(request, response):
            self._store(key, response)
            conditional = get_conditional_response(
                request, etag=response["ETag"], last_modified=_parse_seconds(response)
            )
            if conditional is not None:
                return conditional
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "public_page_cache", False):
            return None
        if request.method not in ("GET", "HEAD") or _may_be_staff(request):
            return None
        if not CACHEABLE_PARAMETERS.issuperset(request.GET):
            return None
        key, cached = self._lookup(request)
        request._public_page_key = key
        if cached is None:
            return None
        request._public_page_key = None  # already stored
        conditional = get_conditional_response(
            request, etag=cached["etag"], last_modified=cached["last_modified"]
        )
        if conditional is not None:
            return conditional
        return _rebuild(cached, request)

    def _lookup(self, request):
        """The page's key under the current version, and its entry if cached: one cache round
        trip when the version is the one this process saw last (the usual case)."""
        guess = self._last_version
        if guess is not None:
            guessed_key = _page_key(request, guess)
            found = cache.get_many([VERSION_KEY, guessed_key])
            if found.get(VERSION_KEY) == guess:
                request.content_version = guess
                return guessed_key, found.get(guessed_key)
        version = content_version()
        self._last_version = version
        request.content_version = version  # for the context processor's site settings
        key = _page_key(request, version)
        return key, cache.get(key)

    @staticmethod
    def _storable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _may_be_staff(request)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _store(key, response):
        if hasattr(response, "render") and callable(response.render):
            response.render()
        body = response.content
        etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        last_modified = int(time.time())
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        _cache_headers(response)
        cache.set(
            key,
            {
                "content": body,
                "content_type": response["Content-Type"],
                "etag": etag,
                "last_modified": last_modified,
                "headers": {
                    name: value
                    for name, value in response.items()
                    if name.lower() in ("content-language", "x-frame-options", "x-robots-tag", "vary")
                },
            },
            cache_seconds(),
        )


def _parse_seconds(response):
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(response["Last-Modified"])


def _cache_headers(response):
    # Browsers and proxies revalidate every time (cheap: 304), so an edit shows at once.
    response["Cache-Control"] = "max-age=0, must-revalidate"
    patch_vary_headers(response, ("Cookie",))


def _rebuild(cached, request):
    from django.http import HttpResponse

    response = HttpResponse(
        b"" if request.method == "HEAD" else cached["content"], content_type=cached["content_type"]
    )
    for name, value in cached["headers"].items():
        response[name] = value
    response["ETag"] = cached["etag"]
    response["Last-Modified"] = http_date(cached["last_modified"])
    response["Content-Length"] = str(len(cached["content"]))
    _cache_headers(response)
    response["X-Page-Cache"] = "hit"
    return response


def _content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.model_name in IGNORED_MODELS:
        return
    bump_content_version()
    # Again after commit: a reader may have cached the old page between the
    # first bump and the commit.
    transaction.on_commit(bump_content_version)


def connect_signals():
    """Called from BriefingConfig.ready()."""
    post_save.connect(_content_changed, dispatch_uid="public-cache-save")
    post_delete.connect(_content_changed, dispatch_uid="public-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-cache-m2m")


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _content_changed(kwargs["model"])
        _content_changed(kwargs["instance"].__class__)
