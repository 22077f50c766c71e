"""The page cache hardened: what one request sends cannot change what others get, search entries
are bounded, and after an edit readers get the previous page while one worker renders the new one."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client, RequestFactory

from briefing.models import Briefing
from newsroom.cache import RENDER_LOCK_SECONDS, SEARCH_MAX_CHARACTERS, _page_key
from symposia.models import Attendee, Symposium

SITE = settings.SITE_URL


def absolute_urls(body):
    return re.findall(r'(?:href|src)="(https?://[^"]+)"|<(?:loc|link|id)>(https?://[^<]+)<', body)


# --- what a request sends cannot change what others get -----------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/zh-hans/priorities/",
        "/en/feeds/briefings/rss/",
        "/zh-hans/feeds/symposia/atom/",
        "/sitemap.xml",
    ],
)
def test_the_host_header_cannot_change_what_others_get(client, seed, path):
    # An allowed host other than the site's own, with a proxy's headers as a client could send them.
    first = client.get(
        path, HTTP_HOST="localhost:8000", HTTP_X_FORWARDED_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https"
    )
    assert "X-Page-Cache" not in first  # rendered for this request, and stored
    hit = client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    body = hit.content.decode()
    assert "localhost" not in body and "evil.example" not in body
    urls = [a or b for a, b in absolute_urls(body)]
    assert urls and all(url.startswith(SITE + "/") for url in urls)


def test_robots_txt_and_the_feedback_mail_name_the_site_not_the_host(client, seed, mailoutbox, settings):
    settings.FEEDBACK_NOTIFY_EMAILS = ["editors@example.org"]
    client.get("/robots.txt", HTTP_HOST="localhost")
    assert f"Sitemap: {SITE}/sitemap.xml" in client.get("/robots.txt").content.decode()
    client.post(
        "/en/feedback/",
        {"name": "R", "email": "r@example.org", "subject": "Hi", "message": "Hello"},
        HTTP_HOST="localhost",
    )
    assert f"{SITE}/admin/newsroom/feedback/" in mailoutbox[0].body
    assert "localhost" not in mailoutbox[0].body


@pytest.mark.parametrize("junk", ["utm_source=mail", "x=%3Cscript%3E", "page=2", "q=x", "_=1700000000"])
def test_junk_parameters_cannot_change_what_others_get_nor_force_a_render(
    client, seed, django_assert_num_queries, junk
):
    polluted = client.get(f"/en/symposia/?{junk}")
    assert polluted.status_code == 200
    # What it rendered and stored is the page of the clean URL: no trace of the parameters.
    body = polluted.content.decode()
    assert (
        "utm_source" not in body
        and "script" not in body
        and "?" not in "".join(re.findall(r'href="([^"]+)"', body))
    )
    with django_assert_num_queries(0):
        clean = client.get("/en/symposia/")
        again = client.get(f"/en/symposia/?{junk}&another=1")
    assert clean["X-Page-Cache"] == again["X-Page-Cache"] == "hit"
    assert clean.content == polluted.content == again.content


def test_search_entries_are_keyed_on_the_query_the_page_reads(client, seed, django_assert_num_queries):
    first = client.get("/en/search/", {"q": "  Ningbo  "})
    with django_assert_num_queries(0):
        same = client.get("/en/search/", {"q": "Ningbo", "utm_source": "x", "page": "1"})
    assert same["X-Page-Cache"] == "hit"
    assert same.content == first.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "customs " * (SEARCH_MAX_CHARACTERS // 7 + 1)},
        {"q": "customs", "page": "99"},
        {"q": "customs", "page": "x"},
    ],
)
def test_long_searches_and_far_pages_are_never_stored(client, seed, params):
    assert client.get("/en/search/", params).status_code == 200
    assert "X-Page-Cache" not in client.get("/en/search/", params)


@pytest.fixture
def lifetimes(monkeypatch):
    """{key: timeout} of every cache.set from here on (the cache still stores them)."""
    found = {}
    real_set = cache.set

    def recording_set(key, value, timeout=None, **kw):
        found[key] = timeout
        return real_set(key, value, timeout, **kw)

    monkeypatch.setattr(cache, "set", recording_set)
    return found


def test_search_entries_are_not_kept_stale(client, seed, lifetimes):
    client.get("/en/search/", {"q": "Ningbo"})
    client.get("/en/priorities/")
    # A query's page lives only while fresh (no stale copies of arbitrary queries); a page lives on
    # stale, to be served while it is rendered again.
    assert lifetimes[_page_key("en", "/en/search/", "q=Ningbo")] == settings.PUBLIC_CACHE_SECONDS
    assert lifetimes[_page_key("en", "/en/priorities/", "")] == (
        settings.PUBLIC_CACHE_SECONDS + settings.PUBLIC_CACHE_STALE_SECONDS
    )


def test_archive_pages_are_kept_stale_like_every_page_but_a_search(client, seed, lifetimes):
    client.get("/en/briefings/?page=2")
    client.get("/en/sections/newsroom/?page=2")
    # Their query is a page number (bounded by ARCHIVE_MAX_PAGES), not a reader's words: after an
    # edit they are served stale while one worker renders them again, as the first page is.
    stale_too = settings.PUBLIC_CACHE_SECONDS + settings.PUBLIC_CACHE_STALE_SECONDS
    assert lifetimes[_page_key("en", "/en/briefings/", "page=2")] == stale_too
    assert lifetimes[_page_key("en", "/en/sections/newsroom/", "page=2")] == stale_too


# --- readers never wait for a render ------------------------------------------------------------------


def edit_the_briefing():
    briefing = Briefing.objects.get()
    briefing.title_en = "Briefing, corrected"
    briefing.save()


def edit_a_symposium(**fields):
    symposium = Symposium.objects.get(slug="2008-ningbo-customs-automation")
    for name, value in (fields or {"title_en": "Symposium, corrected"}).items():
        setattr(symposium, name, value)
    symposium.save()


def test_while_one_worker_renders_others_get_the_previous_page(client, seed, django_assert_num_queries):
    path = "/en/briefings/china-asean-customs-cooperation/"
    before = client.get(path)
    edit_the_briefing()
    # Another worker holds the render lock (it is rendering the new page right now).
    lock = _page_key("en", path, "") + ":render"
    assert cache.add(lock, True, RENDER_LOCK_SECONDS)
    for _reader in range(3):
        with django_assert_num_queries(0):
            stale = client.get(path)
        assert stale.status_code == 200
        assert stale["X-Page-Cache"] == "stale"
        assert stale.content == before.content  # the previous page, at once
        assert stale["Cache-Control"] == before["Cache-Control"]
    # Nobody else rendered it meanwhile: the lock is still the other worker's.
    assert cache.get(lock) is True
    # Its render done (or given up), the lock goes: the next reader to find the page stale starts a render.
    cache.delete(lock)
    assert client.get(path)["X-Page-Cache"] == "stale"
    fresh = client.get(path)
    assert fresh["X-Page-Cache"] == "hit"
    assert "Briefing, corrected" in fresh.content.decode()
    assert cache.get(lock) is None  # the renderer let go of its lock


def test_the_reader_who_finds_a_page_stale_does_not_wait_for_its_render(seed, django_assert_num_queries):
    """The page goes out first; the worker renders the new one when the server closes the response
    (WSGI's close(), which Django's test client also calls before it returns: so here by hand)."""
    path = "/en/"
    Client().get(path)
    edit_the_briefing()
    handler = BaseHandler()
    handler.load_middleware()
    with django_assert_num_queries(0):
        response = handler.get_response(RequestFactory().get(path))
    assert response["X-Page-Cache"] == "stale"
    assert "Briefing, corrected" not in response.content.decode()
    assert "Briefing, corrected" not in Client().get(path).content.decode()  # not rendered yet
    request_finished.disconnect(close_old_connections)  # as the test client does: keep the test's
    try:
        response.close()  # the server has sent the page: now the render
    finally:
        request_finished.connect(close_old_connections)
    fresh = Client().get(path)
    assert fresh["X-Page-Cache"] == "hit"
    assert "Briefing, corrected" in fresh.content.decode()


def test_each_page_is_rendered_once_after_an_edit(client, seed):
    path = "/en/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    edit_the_briefing()
    answers = [client.get(path)["X-Page-Cache"] for _ in range(4)]
    assert answers == ["stale", "hit", "hit", "hit"]


def test_a_page_an_edit_did_not_change_keeps_its_etag(client, seed):
    first = client.get("/en/priorities/")
    edit_a_symposium(narrative_en="Corrected narrative.")  # the priorities page shows no narrative
    assert client.get("/en/priorities/")["X-Page-Cache"] == "stale"  # rendered again: it shows symposia
    again = client.get("/en/priorities/")
    assert again["X-Page-Cache"] == "hit"
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    assert client.get("/en/priorities/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    client.get("/en/symposia/2008-ningbo-customs-automation/")
    changed = client.get("/en/symposia/2008-ningbo-customs-automation/")
    assert "Corrected narrative." in changed.content.decode()


def test_an_edit_makes_stale_only_the_pages_that_show_what_it_changed(client, seed):
    pages = [
        "/en/",
        "/en/priorities/",
        "/en/symposia/",
        "/en/symposia/statistics/",
        "/en/feeds/briefings/rss/",
        "/en/symposia/2008-ningbo-customs-automation/",
    ]
    for page in pages:
        client.get(page)
    # A registrar's import: attendee counts show on a symposium's page and the statistics only.
    Attendee.objects.create(symposium=Symposium.objects.get(slug="2008-ningbo-customs-automation"), name="A")
    answers = {page: client.get(page)["X-Page-Cache"] for page in pages}
    assert answers == {
        "/en/": "hit",
        "/en/priorities/": "hit",
        "/en/symposia/": "hit",
        "/en/symposia/statistics/": "stale",
        "/en/feeds/briefings/rss/": "hit",
        "/en/symposia/2008-ningbo-customs-automation/": "stale",
    }


def test_an_unpublished_page_drops_its_stale_copy(client, seed):
    path = "/en/briefings/china-asean-customs-cooperation/"
    client.get(path)
    briefing = Briefing.objects.get()
    briefing.status = "draft"
    briefing.save()
    assert client.get(path)["X-Page-Cache"] == "stale"  # while its new render is under way
    assert client.get(path).status_code == 404  # the render found no page: the copy is gone
    assert client.get(path).status_code == 404


def test_a_failing_render_keeps_the_previous_page(client, seed, monkeypatch):
    path = "/en/symposia/"
    before = client.get(path)
    edit_a_symposium()

    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr("symposia.selectors.symposium_list", broken)
    client.raise_request_exception = False
    for _reader in range(2):
        response = client.get(path)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "stale"
        assert response.content == before.content


def test_cache_control_lets_a_proxy_serve_stale_while_it_revalidates(client, seed, settings):
    response = client.get("/en/")
    assert response["Cache-Control"] == (
        f"public, max-age=0, s-maxage={settings.PUBLIC_PROXY_SECONDS}, "
        f"stale-while-revalidate={settings.PUBLIC_CACHE_STALE_SECONDS}"
    )


def test_a_page_is_rendered_again_at_most_once_per_minimum_interval(client, seed, settings):
    settings.PUBLIC_CACHE_MIN_SECONDS = 60
    path = "/en/"
    client.get(path)
    for revision in range(3):  # an edit storm: the page is younger than the minimum, still served
        briefing = Briefing.objects.get()
        briefing.title_en = f"Revision {revision}"
        briefing.save()
        assert client.get(path)["X-Page-Cache"] == "hit"
    # Once the minimum has passed, the page is stale again: one render shows the last revision.
    key = _page_key("en", path, "")
    entry = cache.get(key)
    entry["stored"] -= 61
    cache.set(key, entry)
    assert client.get(path)["X-Page-Cache"] == "stale"
    fresh = client.get(path)
    assert fresh["X-Page-Cache"] == "hit" and "Revision 2" in fresh.content.decode()
