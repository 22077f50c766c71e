"""The public-page cache: whole responses, per language, for anonymous readers; readers never wait
for a render after an edit.

Where it sits
- `PublicPageCacheMiddleware` comes right after WhiteNoise in MIDDLEWARE, like
  Django's UpdateCacheMiddleware/FetchFromCacheMiddleware pair in one place. It
  answers before sessions, LocaleMiddleware, CSRF, authentication, messages,
  URL resolution and the view run, so a hit costs about what a bare Django view
  costs; the middlewares above it (the request log line and id, the client
  address, HSTS, CSP and the other security headers) still wrap it.
- Only paths where public pages can be are looked up (a language prefix, or an
  un-prefixed `@public_page` route such as /sitemap.xml), told apart without
  resolving the URL. Only 200 responses of `@public_page` views are stored, with
  every header the view and the middlewares below set; a hit carries them.
- A request with a session cookie may come from signed-in staff, who preview
  drafts: it is never answered from the cache nor stored (readers have no
  session cookie, so telling them apart costs no query). A response that sets a
  cookie or says `private` / `no-store` is not stored either.

The key: what a page understands, nothing else
- The language LocaleMiddleware activates (`request_language`), and the path.
  Public pages understand no query parameter, except the search page (`q`,
  `page`) and the archives (`page`, 1 to ARCHIVE_MAX_PAGES: all briefings, each
  section's page). Other parameters (tracking tags, cache busters) are removed
  from the request before the view sees it, so it renders exactly the page of
  the clean URL, and the request is answered from that URL's entry: nobody can
  force renders or fill the cache by adding parameters.
- The search page is keyed on the query as the page reads it (`Query.parse`:
  spaces collapsed, cut at 100 characters) and the page number. Only short
  queries (SEARCH_MAX_CHARACTERS) on the first SEARCH_MAX_PAGES pages are kept,
  for PUBLIC_CACHE_SECONDS and no longer: the number of search entries is
  bounded by that time and the request rate. Longer queries are rendered each
  time, at a bounded cost (the searchable text is cached, queries are cut).
- Never the Host header (checked against ALLOWED_HOSTS here, as CommonMiddleware
  would) or the scheme: the pages take every absolute URL from SITE_URL.

Fresh, stale, and the render lock
- Every save or delete of public content bumps the version of its kind of
  content (newsroom/versions.py: briefings, agreements, priorities, symposia,
  attendee counts, and "site" for the site settings and anything unnamed), at
  once and again when the transaction commits; readers' messages and import
  records bump nothing.
- An entry remembers the versions of what its page shows and is fresh while
  they are current and it is younger than PUBLIC_CACHE_SECONDS (so a publish
  date that arrives shows up without a save); and, whatever the versions, for
  PUBLIC_CACHE_MIN_SECONDS after it was rendered: a page is rendered at most
  once in that time however fast edits come (a script saving every second, an
  import), so the renders an edit storm costs are bounded by the number of
  pages, not by the rate of edits. A fresh entry is served as it is
  (`X-Page-Cache: hit`). The versions and the entry are read in one round trip.
- A stale entry is still served (`X-Page-Cache: stale`), and one worker renders
  the new page: the first request that finds it stale takes a short lock in the
  shared cache (`cache.add`, RENDER_LOCK_SECONDS, longer than any render), gets
  the previous page like everyone else, and once that page has been sent (the
  response's close(), which the WSGI server calls) its worker renders and
  stores the new one, then lets go of the lock. No reader waits for a render,
  and an edit during a traffic spike costs one render per page that shows it,
  not one per reader. Entries are kept PUBLIC_CACHE_STALE_SECONDS past their
  freshness for this. When the new render is no page any more (unpublished:
  404, a changed slug: 301), the stale entry is dropped; when it fails (500),
  the stale page stays.
- A re-rendered page with the same bytes keeps its ETag and Last-Modified, so
  browsers and proxies that revalidate get 304 for the pages an edit did not
  change.

What proxies and browsers are told
- `Cache-Control: public, max-age=0, s-maxage=PUBLIC_PROXY_SECONDS,
  stale-while-revalidate=PUBLIC_CACHE_STALE_SECONDS`: browsers revalidate each
  time (a 304 from the ETag), a proxy or CDN may serve a page for
  PUBLIC_PROXY_SECONDS and then the stale copy while it fetches the new one
  (nginx does, with `proxy_cache_background_update`: see the README's Deploy).
- A conditional GET (If-None-Match / If-Modified-Since) that matches gets 304.

The cache is Django's default cache: Redis when REDIS_URL is set (shared by
every app server), local memory otherwise.
"""

import functools
import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import ResolverMatch, URLPattern, get_resolver, get_urlconf, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from publishing.signals import content_changed

from .search import Query
from .versions import VERSION_KEYS, bump, cache_seconds, current_versions, scope_of, scopes_of

logger = logging.getLogger(__name__)

# Part of every page key: entries of another layout are never read.
ENTRY_FORMAT = 3
# Longer than any render (gunicorn's timeout is 30 s): a worker that dies while it holds the
# lock leaves readers on the stale page for this long at most.
RENDER_LOCK_SECONDS = 30
SEARCH_MAX_CHARACTERS = 30
SEARCH_MAX_PAGES = 5
# Archive pages (all briefings, a section's) kept in the cache: 20 briefings each, so the
# newest 1,000; a page further back is rendered each time, at the cost of any archive page.
ARCHIVE_MAX_PAGES = 50
# Models whose changes never show on a public page.
IGNORED_MODELS = {"feedback", "importrecord"}
WATCHED_APPS = {"briefing", "symposia", "publishing", "newsroom", "library"}


def cache_control():
    return (
        f"public, max-age=0, s-maxage={settings.PUBLIC_PROXY_SECONDS}, "
        f"stale-while-revalidate={settings.PUBLIC_CACHE_STALE_SECONDS}"
    )


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


def _page_key(language, path, query):
    digest = hashlib.sha256(f"{path}?{query}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"public-page:{ENTRY_FORMAT}:{language}:{digest}"


@functools.cache
def _public_paths(urlconf):
    """Where public pages can be, told apart without resolving the URL: the language
    prefixes ("/en/", "/zh-hans/") and the un-prefixed `@public_page` routes of the root
    URLconf ("/sitemap.xml", "/robots.txt"); the search page in each language; and the
    archives that are paginated (the briefings, and the prefix of the section pages)."""
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    exact = {
        "/" + str(pattern.pattern)
        for pattern in get_resolver(urlconf).url_patterns
        if isinstance(pattern, URLPattern) and getattr(pattern.callback, "public_page_cache", False)
    }
    search, archives, section_prefixes = set(), set(), []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search.add(reverse("newsroom:search", urlconf=urlconf))
            archives.add(reverse("briefing:briefing_archive", urlconf=urlconf))
            section = reverse("briefing:section_detail", kwargs={"slug": "s"}, urlconf=urlconf)
            section_prefixes.append(section[: -len("s/")])
    return prefixes, frozenset(exact), frozenset(search), frozenset(archives), tuple(section_prefixes)


def _search_path(urlconf, path):
    return path in _public_paths(urlconf)[2]


def _archive_path(urlconf, path):
    _prefixes, _exact, _search, archives, section_prefixes = _public_paths(urlconf)
    return path in archives or (path.startswith(section_prefixes) and path.count("/") == 4)


def _cacheable_request(request):
    """A request the cache may answer: an anonymous reader's GET or HEAD for a path where
    public pages are. Checked before the URL is resolved; other paths (the admin,
    /healthz) never cost a cache round trip."""
    if request.method not in ("GET", "HEAD") or _may_be_staff(request):
        return False
    # CommonMiddleware's refusals and redirects, which a hit would skip.
    if settings.DISALLOWED_USER_AGENTS or settings.PREPEND_WWW:
        return False
    prefixes, exact = _public_paths(get_urlconf())[:2]
    path = request.path_info
    return path.startswith(prefixes) or path in exact


def understood_query(request):
    """The query string as the page understands it, or None when the page is not to be cached.

    The search page understands `q` (as `Query.parse` reads it) and `page`, the archives
    `page`; every other page understands nothing. The request is rewritten to that query, so
    the view renders the page that the key names whatever else the URL carried."""
    urlconf = get_urlconf()
    if _archive_path(urlconf, request.path_info):
        page = request.GET.get("page", "1")
        if not page.isdigit() or not 1 <= int(page) <= ARCHIVE_MAX_PAGES:
            return None
        query = f"page={int(page)}" if int(page) != 1 else ""
    elif not _search_path(urlconf, request.path_info):
        query = ""
    else:
        text = Query.parse(request.GET.get("q", "")).text
        page = request.GET.get("page", "1")
        if len(text) > SEARCH_MAX_CHARACTERS or page not in {str(n) for n in range(1, SEARCH_MAX_PAGES + 1)}:
            return None
        query = urlencode({"q": text, **({"page": page} if page != "1" else {})}) if text else ""
    if request.META.get("QUERY_STRING", "") != query:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return query


class PublicPageCacheMiddleware:
    """Serve and store anonymous readers' copies of `@public_page` views, stale while one
    worker renders the new one (see the module docstring).

    Place it right after WhiteNoiseMiddleware. `process_view` only notes that the resolved
    view is a public page; the response is stored on its way out here, with the headers the
    middlewares below it added, so a hit carries the same headers as the page it copies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it (DisallowedHost: 400)
        query = understood_query(request)
        if query is None:
            return self.get_response(request)
        language = request_language(request)
        key = _page_key(language, request.path_info, query)
        try:
            found = cache.get_many([*VERSION_KEYS, key])
            versions = current_versions(found)
        except Exception:  # the cache is down: serve as if there were none (/healthz says 503)
            logger.warning("page cache: lookup failed", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry is None:
            return self._render(request, key, language, versions, None)
        if _fresh(entry, versions):
            return _serve(entry, request, "hit")
        lock = key + ":render"
        if not cache.add(lock, True, RENDER_LOCK_SECONDS):
            return _serve(entry, request, "stale")  # another worker is rendering it

        def render_again():
            """Once the stale page has been sent: this worker renders the new one."""
            try:
                self._render(request, key, language, versions, entry)
            except Exception:
                logger.exception("page cache: rendering %s again failed", request.path)
            finally:
                cache.delete(lock)

        return _serve(entry, request, "stale", then=render_again)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "public_page_cache", False):
            request._public_page_view = True
        return None

    def _render(self, request, key, language, versions, stale):
        """The view's response, stored when it is a page; `stale` is the entry it replaces."""
        response = self.get_response(request)
        # Stored under the language of the lookup, only if LocaleMiddleware chose the same.
        if getattr(request, "LANGUAGE_CODE", None) != language:
            return response
        if _storable(request, response):
            entry = _store(key, request, response, versions, stale)
            return _conditional(request, response, entry["etag"], entry["last_modified"])
        if stale is not None and getattr(request, "_public_page_view", False) and response.status_code < 500:
            cache.delete(key)  # no page here any more (unpublished, moved): not the old copy
        return response


def _fresh(entry, versions):
    """Younger than PUBLIC_CACHE_MIN_SECONDS; or made under the current versions of what the page
    shows and younger than PUBLIC_CACHE_SECONDS."""
    age = time.time() - entry["stored"]
    if age < settings.PUBLIC_CACHE_MIN_SECONDS:
        return True
    return age < cache_seconds() and all(
        versions[scope] == version for scope, version in entry["versions"].items()
    )


def _storable(request, response):
    cache_control_header = response.get("Cache-Control", "")
    return (
        getattr(request, "_public_page_view", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control_header
        and "no-store" not in cache_control_header
    )


def _store(key, request, response, versions, stale):
    if hasattr(response, "render") and callable(response.render):
        response.render()
    body = response.content
    etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    unchanged = stale is not None and stale["etag"] == etag
    last_modified = stale["last_modified"] if unchanged else int(time.time())
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control()
    patch_vary_headers(response, ("Cookie",))
    match = request.resolver_match
    view_name = match.view_name if match else None
    entry = {
        "content": body,
        "etag": etag,
        "last_modified": last_modified,
        # The versions read before the view ran, of what it shows: an edit committed meanwhile
        # leaves the entry stale, never a page of old content passing for new.
        "versions": {scope: versions[scope] for scope in scopes_of(view_name)},
        "stored": time.time(),
        # Everything the view and the middlewares below this one set (Content-Type,
        # Content-Length, Content-Language, Vary, X-Frame-Options, ...); no cookies.
        "headers": dict(response.items()),
        "view_name": view_name,
    }
    # A reader's search is kept only while fresh; every other page (the empty search form, an
    # archive's page number) lives on stale, to be served while it is rendered again.
    searching = bool(request.META.get("QUERY_STRING")) and _search_path(get_urlconf(), request.path_info)
    lifetime = cache_seconds() if searching else cache_seconds() + settings.PUBLIC_CACHE_STALE_SECONDS
    cache.set(key, entry, lifetime)
    return entry


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


class ThenResponse(HttpResponse):
    """A response that runs `then` once the server has sent it and closes it (WSGI's close()):
    the reader has the page; the worker goes on with the work it left for afterwards."""

    then = None

    def close(self):
        try:
            super().close()
        finally:
            then, self.then = self.then, None
            if then is not None:
                then()


def _serve(entry, request, state, then=None):
    """A response from `entry`; with `then`, the full page (never a 304, which would be another
    object), and `then` runs after it has been sent."""
    body = b"" if request.method == "HEAD" else entry["content"]
    response = (ThenResponse if then else HttpResponse)(body, headers=entry["headers"])
    response["X-Page-Cache"] = state
    if entry["view_name"]:
        request.resolver_match = ResolverMatch(_serve_from_cache, (), {}, url_name=entry["view_name"])
    if then is not None:
        response.then = then
        return response
    return _conditional(request, response, entry["etag"], entry["last_modified"])


def _watched(sender):
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in WATCHED_APPS and meta.model_name not in IGNORED_MODELS


def _content_changed(sender, **kwargs):
    if not _watched(sender):
        return
    scope = scope_of(sender)
    bump(scope)
    # Again after commit: a reader may have cached the old page between the
    # first bump and the commit.
    transaction.on_commit(lambda: bump(scope))


def _bulk_change(sender, **kwargs):
    """publishing.signals.content_changed: rows of `sender` changed without model signals."""
    if _watched(sender):
        scope = scope_of(sender)
        transaction.on_commit(lambda: bump(scope))


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
