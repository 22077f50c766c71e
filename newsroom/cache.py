"""The public-page cache: whole responses, per language, for anonymous readers only.

How it works
- `PublicPageCacheMiddleware` sits right after WhiteNoise in MIDDLEWARE, like
  Django's UpdateCacheMiddleware/FetchFromCacheMiddleware pair in one place. It
  answers a hit before sessions, LocaleMiddleware, CSRF, authentication,
  messages, URL resolution and the view run, so a hit costs about what a bare
  Django view costs; the middlewares above it (the request log line and id,
  the client address, HSTS, CSP and the other security headers) still wrap it.
- It stores the 200 responses of the views marked with `@public_page` (its
  `process_view` notes them) on their way out, with every header the view and
  the middlewares below it set (Content-Language, Vary, X-Frame-Options, ...),
  so a hit carries the headers of the page it copies, plus `X-Page-Cache: hit`.
  Only paths where public pages can be are looked up (a language prefix, or an
  un-prefixed `@public_page` route such as /sitemap.xml), told apart without
  resolving the URL; the admin, /healthz and the rest never pay a round trip.
  Of those, only public pages are ever stored, so the others simply miss.
- The key is the content version, the language and the full path. The language
  is the one LocaleMiddleware activates (`request_language`, which mirrors it:
  the path prefix, else the language cookie, else Accept-Language, else
  LANGUAGE_CODE), computed before LocaleMiddleware runs; a response is stored
  only when LocaleMiddleware chose the same. So /sitemap.xml and /robots.txt,
  which have no prefix, have an entry per language too.
- A request that carries a session cookie may belong to signed-in staff, who
  can preview drafts: it is never answered from the cache and its response is
  never stored. Readers have no session cookie, so telling them apart costs no
  query: a cache hit runs no database query at all. A response that sets a
  cookie or says `private` / `no-store` is not stored either.
- The lookup is one cache round trip in the usual case (the page and the
  version together, under the version this process saw last).
- Every save or delete of content (any model of the briefing and symposia apps,
  site settings and attendee counts included) bumps the content version from a
  signal, once right away and once more when the transaction commits, so no
  page rendered from the old content survives. The signal only talks to the
  cache: no e-mail, no other network.
- Each stored page has an ETag and a Last-Modified; a conditional GET
  (If-None-Match / If-Modified-Since) that matches gets 304 Not Modified, from
  the cache or from the fresh render alike.
- Only the query parameters a page understands (`q`, `page`) make a separate
  entry; a request with any other parameter is rendered and not stored.
- Entries also expire after `PUBLIC_CACHE_SECONDS` (default five minutes), so
  an item whose publish date arrives while its page sits in the cache shows up
  soon without a save.
- What CommonMiddleware would have done before a hit is kept: the Host header is
  checked against ALLOWED_HOSTS (400 otherwise), and with DISALLOWED_USER_AGENTS
  or PREPEND_WWW set the cache is not used at all.

The cache is Django's default cache: Redis when REDIS_URL is set (shared by
every app server), local memory otherwise.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import ResolverMatch, URLPattern, get_resolver, get_urlconf
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from publishing.signals import content_changed

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
# Part of every page key: entries of another layout are never read.
ENTRY_FORMAT = 2
# Query parameters a public page understands (search). A request with any other
# parameter, as cache-busting crawlers send, is rendered but never stored, so
# nobody can fill the cache with copies of one page.
CACHEABLE_PARAMETERS = {"q", "page"}
# Models whose changes never show on a public page.
IGNORED_MODELS = {"feedback", "importrecord"}
WATCHED_APPS = {"briefing", "symposia", "publishing", "newsroom", "library"}


def cache_seconds():
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 300)


def content_version():
    """The current content version (an integer kept in the cache; created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        first = _first_version()
        cache.add(VERSION_KEY, first, None)
        version = cache.get(VERSION_KEY, first)
    return version


def bump_content_version():
    """Make every cached page (and search corpus) stale: they are keyed by the version."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.add(VERSION_KEY, _first_version(), None)


def _first_version():
    """Where a new count starts (the cache was emptied or restarted): the time in microseconds,
    above any version counted before, so that nothing kept under an old version (a page in
    the cache, a search corpus) can pass for current."""
    return time.time_ns() // 1000


def _may_be_staff(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def request_language(request):
    """The language LocaleMiddleware activates for this request, computed the way its
    `process_request` does (django/middleware/locale.py), so the page cache can key a
    request before LocaleMiddleware has run: the path prefix, else the language
    cookie, else Accept-Language, else LANGUAGE_CODE. Both the lookup and the store
    use it, and a response is only stored when LocaleMiddleware agreed with it."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    if (
        i18n_patterns_used
        and not prefixed_default_language
        and not translation.get_language_from_path(request.path_info)
    ):
        language = settings.LANGUAGE_CODE
    return language


def _page_key(request, version, language):
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"public-page:{ENTRY_FORMAT}:{version}:{language}:{digest}"


@functools.cache
def _public_paths(urlconf):
    """Where public pages can be, told apart without resolving the URL: the language
    prefixes ("/en/", "/zh-hans/") and the un-prefixed `@public_page` routes of the root
    URLconf ("/sitemap.xml", "/robots.txt")."""
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    exact = {
        "/" + str(pattern.pattern)
        for pattern in get_resolver(urlconf).url_patterns
        if isinstance(pattern, URLPattern) and getattr(pattern.callback, "public_page_cache", False)
    }
    return prefixes, frozenset(exact)


def _may_be_public_page(request):
    prefixes, exact = _public_paths(get_urlconf())
    path = request.path_info
    return path.startswith(prefixes) or path in exact


def _cacheable_request(request):
    """A request the cache may answer: an anonymous reader's GET or HEAD, with only the
    parameters a page understands, for a path where public pages are. Checked before the
    URL is resolved; other paths (the admin, /healthz) never cost a cache round trip."""
    return (
        request.method in ("GET", "HEAD")
        and not _may_be_staff(request)
        and _may_be_public_page(request)
        and CACHEABLE_PARAMETERS.issuperset(request.GET)
        # CommonMiddleware's refusals and redirects, which a hit would skip.
        and not settings.DISALLOWED_USER_AGENTS
        and not settings.PREPEND_WWW
    )


class PublicPageCacheMiddleware:
    """Serve and store anonymous readers' copies of `@public_page` views (see the module docstring).

    Place it right after WhiteNoiseMiddleware, like Django's cache middleware pair in
    one: a hit is answered before sessions, LocaleMiddleware, CSRF, authentication,
    messages, URL resolution and the view; the middlewares above it (request log,
    proxy address, security headers) still wrap every response. `process_view` only
    notes that the resolved view is a public page; the response is stored on its
    way out here, with the headers the middlewares below it added, so a hit carries
    the same headers as the page it copies.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Only a guess that saves a round trip: always checked against the cache.
        self._last_version = None

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it (DisallowedHost: 400)
        language = request_language(request)
        try:
            key, cached = self._lookup(request, language)
        except Exception:  # the cache is down: serve as if there were none (/healthz says 503)
            logger.warning("page cache: lookup failed", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return _serve(cached, request)
        response = self.get_response(request)
        # Stored under the language of the lookup, only if LocaleMiddleware chose the same.
        if getattr(request, "LANGUAGE_CODE", None) == language and self._storable(request, response):
            self._store(key, request, response)
            return _conditional(request, response, response["ETag"], _parse_seconds(response))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "public_page_cache", False):
            request._public_page_view = True
        return None

    def _lookup(self, request, language):
        """The page's key under the current version, and its entry if cached: one cache round
        trip when the version is the one this process saw last (the usual case). Only
        `@public_page` responses are ever stored, so other paths miss."""
        guess = self._last_version
        if guess is not None:
            guessed_key = _page_key(request, guess, language)
            found = cache.get_many([VERSION_KEY, guessed_key])
            if found.get(VERSION_KEY) == guess:
                return guessed_key, found.get(guessed_key)
        version = content_version()
        self._last_version = version
        key = _page_key(request, version, language)
        return key, cache.get(key)

    @staticmethod
    def _storable(request, response):
        return (
            getattr(request, "_public_page_view", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _store(key, request, response):
        if hasattr(response, "render") and callable(response.render):
            response.render()
        body = response.content
        etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        last_modified = int(time.time())
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        # Browsers and proxies revalidate every time (cheap: 304), so an edit shows at once.
        response["Cache-Control"] = "max-age=0, must-revalidate"
        patch_vary_headers(response, ("Cookie",))
        match = request.resolver_match
        cache.set(
            key,
            {
                "content": body,
                "etag": etag,
                "last_modified": last_modified,
                # Everything the view and the middlewares below this one set
                # (Content-Type, Content-Length, Content-Language, Vary,
                # X-Frame-Options, ...); a stored response has no cookies.
                "headers": dict(response.items()),
                "view_name": match.view_name if match else None,
            },
            cache_seconds(),
        )


def _parse_seconds(response):
    return parse_http_date_safe(response["Last-Modified"])


# Headers a 304 or 412 used to get from the middlewares below the cache, which
# Django's conditional response does not copy from the full response.
_KEPT_ON_CONDITIONAL = ("Content-Language", "X-Frame-Options")


def _conditional(request, response, etag, last_modified):
    """`response`, or the 304 Not Modified (or 412) its ETag / Last-Modified call for."""
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    if conditional is not response:
        for name in _KEPT_ON_CONDITIONAL:
            if name in response:
                conditional.headers.setdefault(name, response[name])
    return conditional


def _serve_from_cache(request, *args, **kwargs):  # pragma: no cover - never called
    """Stands for the cached view in `request.resolver_match` on a hit (the request log names it)."""
    raise AssertionError("a cache hit does not run the view")


def _serve(cached, request):
    response = HttpResponse(b"" if request.method == "HEAD" else cached["content"], headers=cached["headers"])
    response["X-Page-Cache"] = "hit"
    if cached["view_name"]:
        request.resolver_match = ResolverMatch(_serve_from_cache, (), {}, url_name=cached["view_name"])
    return _conditional(request, response, cached["etag"], cached["last_modified"])


def _content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.model_name in IGNORED_MODELS:
        return
    bump_content_version()
    # Again after commit: a reader may have cached the old page between the
    # first bump and the commit.
    transaction.on_commit(bump_content_version)


def _bulk_change(sender, **kwargs):
    """publishing.signals.content_changed: rows of `sender` changed without model signals."""
    transaction.on_commit(bump_content_version)


def connect_signals():
    """Called from NewsroomConfig.ready()."""
    content_changed.connect(_bulk_change, dispatch_uid="public-cache-bulk")
    post_save.connect(_content_changed, dispatch_uid="public-cache-save")
    post_delete.connect(_content_changed, dispatch_uid="public-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-cache-m2m")


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _content_changed(kwargs["model"])
        _content_changed(kwargs["instance"].__class__)
