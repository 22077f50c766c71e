"""The public-page cache: per language, anonymous readers only, zero queries on a hit,
invalidated by saving/publishing/deleting content, conditional GET answered with 304."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.http import parse_http_date

from newsroom.models import SiteSettings
from publishing.models import PublishStatus
from tests import factories as f

PAGES = [
    "/{lang}/",
    "/{lang}/briefings/china-asean-customs-cooperation/",
    "/{lang}/agreements/framework-agreement-2002/",
    "/{lang}/priorities/",
    "/{lang}/symposia/",
    "/{lang}/symposia/2008-ningbo-customs-automation/",
    "/{lang}/symposia/statistics/",
    "/{lang}/sitemap/",
    "/{lang}/search/?q=Ningbo",
    "/{lang}/feeds/briefings/rss/",
    "/{lang}/feeds/symposia/atom/",
]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("page", PAGES)
def test_cached_page_makes_no_query(client, seed, django_assert_num_queries, page, lang):
    path = page.format(lang=lang)
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_sitemap_xml_and_robots_are_cached_too(client, seed, django_assert_num_queries):
    for path in ("/sitemap.xml", "/robots.txt"):
        client.get(path)
        with django_assert_num_queries(0):
            assert client.get(path).status_code == 200


def test_each_language_has_its_own_copy(client, seed):
    client.get("/en/symposia/")
    client.get("/zh-hans/symposia/")
    assert "Symposia on China-ASEAN" in client.get("/en/symposia/").content.decode()
    assert '<html lang="zh-Hans">' in client.get("/zh-hans/symposia/").content.decode()


def test_conditional_get_answers_304(client, seed):
    first = client.get("/en/priorities/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get("/en/priorities/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/en/priorities/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/en/priorities/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert "max-age=0" in first["Cache-Control"]  # browsers revalidate (cheap: 304)
    assert "s-maxage=" in first["Cache-Control"] and "stale-while-revalidate=" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]


def test_conditional_get_on_the_first_request_too(client, seed):
    # A browser may still hold the ETag after the cache entry expired: the fresh render matches it.
    etag = client.get("/en/").get("ETag")
    client.get("/en/")  # hit
    from django.core.cache import cache

    cache.clear()
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def after_the_edit(client, path):
    """The reader who finds `path` stale after an edit gets the previous page at once, and its
    worker renders the new one once that page is sent; the next reader's answer."""
    stale = client.get(path)
    assert stale["X-Page-Cache"] == "stale", path
    return client.get(path)


def test_saving_content_invalidates(client, seed):
    symposium = f.SymposiumFactory._meta.model.objects.get(slug="2008-ningbo-customs-automation")
    path = "/en/symposia/2008-ningbo-customs-automation/"
    client.get(path)
    client.get("/en/search/?q=Ningbo")
    symposium.title_en = "Symposium on Customs Automation, renamed"
    symposium.save()
    assert "renamed" in after_the_edit(client, path).content.decode()
    assert "renamed" in after_the_edit(client, "/en/search/?q=Ningbo").content.decode()
    assert "renamed" in client.get("/en/symposia/").content.decode()  # not cached before


def test_unpublishing_and_deleting_invalidate(client, seed):
    from briefing.models import Briefing

    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    path = "/zh-hans/briefings/china-asean-customs-cooperation/"
    assert client.get(path).status_code == 200
    client.get("/zh-hans/")
    briefing.status = PublishStatus.DRAFT
    briefing.save()
    assert after_the_edit(client, path).status_code == 404
    assert "中国—东盟海关合作简介</a>" not in after_the_edit(client, "/zh-hans/").content.decode()

    client.get("/en/agreements/framework-agreement-2002/")
    from briefing.models import Agreement

    Agreement.objects.get(slug="framework-agreement-2002").delete()
    assert after_the_edit(client, "/en/agreements/framework-agreement-2002/").status_code == 404


def test_site_settings_and_many_to_many_changes_invalidate(client, seed):
    client.get("/en/")
    settings_row = SiteSettings.load()
    settings_row.site_name_en = "Renamed Newsroom"
    settings_row.save()
    assert "Renamed Newsroom" in after_the_edit(client, "/en/").content.decode()

    from briefing.models import Priority

    client.get("/en/priorities/")
    extra = f.InstrumentFactory(short_name_en="Brand-new Instrument")
    client.get("/en/priorities/")
    Priority.objects.first().instruments.add(extra)
    assert "Brand-new Instrument" in after_the_edit(client, "/en/priorities/").content.decode()


def test_signed_in_staff_are_never_served_or_stored_from_the_cache(seed):
    staff = get_user_model().objects.create_user("ed", "ed@example.org", "pw", is_staff=True)
    reader, editor = Client(), Client()
    editor.force_login(staff)
    reader.get("/en/symposia/")  # stored for readers
    assert reader.get("/en/symposia/")["X-Page-Cache"] == "hit"
    response = editor.get("/en/symposia/")
    assert "X-Page-Cache" not in response  # staff get a fresh render (they may preview drafts)
    # What staff see is never stored: the reader's first visit after it is a miss.
    editor.get("/en/priorities/")
    assert "X-Page-Cache" not in reader.get("/en/priorities/")
    assert reader.get("/en/priorities/")["X-Page-Cache"] == "hit"


def test_feedback_form_is_not_cached(client, db):
    client.get("/en/feedback/")
    response = client.get("/en/feedback/")
    assert "X-Page-Cache" not in response
    assert "csrftoken" in response.cookies or 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_not_found_is_not_cached(client, seed):
    client.get("/en/briefings/nothing-here/")
    assert "X-Page-Cache" not in client.get("/en/briefings/nothing-here/")


def test_head_request_served_from_cache(client, seed):
    client.get("/en/")
    response = client.head("/en/")
    assert response.status_code == 200
    assert response.content == b""


def test_unknown_query_parameters_are_served_from_the_clean_pages_entry(client, seed):
    clean = client.get("/en/")
    junk = client.get("/en/?utm_source=x")
    assert junk["X-Page-Cache"] == "hit"
    assert junk.content == clean.content
    client.get("/en/search/?q=Ningbo&page=1")
    assert client.get("/en/search/?q=Ningbo&page=1")["X-Page-Cache"] == "hit"


# The cache answers a hit right after WhiteNoise (config/settings/base.py), before
# sessions, LocaleMiddleware, CSRF, authentication, messages and URL resolution.

PER_REQUEST = {"X-Request-ID"}


def _headers(response):
    return {name: value for name, value in response.items() if name not in PER_REQUEST}


@pytest.mark.parametrize(
    "path, accept_language",
    [
        ("/en/priorities/", ""),
        ("/zh-hans/priorities/", ""),
        ("/en/feeds/briefings/rss/", ""),
        ("/zh-hans/search/?q=Ningbo", ""),
        ("/sitemap.xml", ""),
        ("/sitemap.xml", "zh-hans"),
        ("/robots.txt", "zh-CN,zh;q=0.9"),
    ],
)
def test_a_hit_has_the_headers_of_the_rendered_page(client, seed, path, accept_language):
    rendered = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    hit = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert "X-Page-Cache" not in rendered
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == rendered.content
    assert {**_headers(rendered), "X-Page-Cache": "hit"} == _headers(hit)
    for name in (
        "Content-Language",
        "Vary",
        "X-Frame-Options",
        "Cache-Control",
        "ETag",
        "Last-Modified",
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Request-ID",
    ):
        assert name in hit, name
    assert hit["X-Request-ID"] != rendered["X-Request-ID"]
    assert not hit.cookies


def test_a_hit_runs_no_session_locale_auth_or_view(client, seed, django_assert_num_queries):
    client.get("/en/symposia/")
    with django_assert_num_queries(0):
        hit = client.get("/en/symposia/")
    assert hit["X-Page-Cache"] == "hit"
    request = hit.wsgi_request
    for attribute in ("session", "user", "LANGUAGE_CODE", "_messages", "csrf_processing_done"):
        assert not hasattr(request, attribute), attribute
    assert request.resolver_match.view_name == "symposia:symposium_list"  # for the request log only


def test_the_request_log_names_the_view_of_a_hit(client, seed, caplog):
    with caplog.at_level("INFO", logger="newsroom.request"):
        client.get("/en/priorities/")
        hit = client.get("/en/priorities/")
    rendered_line, hit_line = [r for r in caplog.records if r.name == "newsroom.request"]
    assert hit["X-Page-Cache"] == "hit"
    assert rendered_line.view == hit_line.view == "briefing:priorities"
    assert hit_line.status == 200 and hit_line.path == "/en/priorities/"


def test_a_session_cookie_bypasses_the_cache(client, seed):
    from django.conf import settings

    client.get("/en/priorities/")
    assert client.get("/en/priorities/")["X-Page-Cache"] == "hit"
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get("/en/priorities/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert hasattr(response.wsgi_request, "session")  # went through the whole stack


def test_conditional_get_answered_before_the_session_middleware(client, seed):
    first = client.get("/en/priorities/")
    not_modified = client.get("/en/priorities/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not hasattr(not_modified.wsgi_request, "session")
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Frame-Options", "Content-Language"):
        assert not_modified[name] == first[name], name
    assert "Content-Security-Policy" in not_modified and "X-Request-ID" in not_modified
    since = client.get("/en/priorities/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert not hasattr(since.wsgi_request, "session")


def test_the_304_of_a_hit_and_of_a_fresh_render_agree(client, seed):
    from django.core.cache import cache

    etag = client.get("/sitemap.xml")["ETag"]
    from_cache = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=etag)
    cache.clear()
    from_render = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=etag)
    assert from_cache.status_code == from_render.status_code == 304
    assert hasattr(from_render.wsgi_request, "session") and not hasattr(from_cache.wsgi_request, "session")
    # The same headers, except that a page rendered anew (the cache was emptied) is modified when it
    # was stored: a second later than the first when the clock ticked over in between.
    cached, rendered = _headers(from_cache), _headers(from_render)
    cached_at, rendered_at = (parse_http_date(h.pop("Last-Modified")) for h in (cached, rendered))
    assert cached == rendered
    assert 0 <= rendered_at - cached_at <= 5


def test_head_is_answered_before_the_session_middleware(client, seed):
    page = client.get("/zh-hans/symposia/")
    head = client.head("/zh-hans/symposia/")
    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))
    assert head["Content-Language"] == "zh-hans"
    assert not hasattr(head.wsgi_request, "session")


def test_a_hit_for_another_host_is_refused_as_before(client, seed, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    client.get("/en/priorities/", HTTP_HOST="news.example.org")
    assert client.get("/en/priorities/", HTTP_HOST="news.example.org")["X-Page-Cache"] == "hit"
    assert client.get("/en/priorities/", HTTP_HOST="evil.example.com").status_code == 400


def test_the_two_languages_are_stored_apart(client, seed):
    client.get("/en/priorities/")
    zh = client.get("/zh-hans/priorities/")
    assert "X-Page-Cache" not in zh  # not the English entry
    assert zh["Content-Language"] == "zh-hans"
    assert client.get("/zh-hans/priorities/")["Content-Language"] == "zh-hans"
    assert client.get("/en/priorities/")["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt"])
def test_unprefixed_pages_are_stored_per_the_language_locale_middleware_picks(client, seed, path):
    english = client.get(path)
    assert english["Content-Language"] == "en"
    # A Chinese reader (Accept-Language or the language cookie) never gets the English entry.
    for headers in ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}, {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}):
        response = client.get(path, **headers)
        assert response["Content-Language"] == "zh-hans", headers
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")["X-Page-Cache"] == "hit"
    client.cookies["django_language"] = "zh-hans"
    assert client.get(path)["Content-Language"] == "zh-hans"
    del client.cookies["django_language"]
    # Languages the site does not have fall back to English, as LocaleMiddleware does: a hit.
    other = client.get(path, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert other["X-Page-Cache"] == "hit"
    assert other["Content-Language"] == "en"
    assert other.content == english.content


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/zh-hans/symposia/", "/sitemap.xml", "/robots.txt", "/fr/", "/zh-hant/", "/admin/"]
)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.8"},
        {"HTTP_ACCEPT_LANGUAGE": "zh-TW"},
        {"HTTP_ACCEPT_LANGUAGE": "fr, en;q=0.5"},
        {"HTTP_ACCEPT_LANGUAGE": "de"},
        {"HTTP_COOKIE": "django_language=zh-hans"},
        {"HTTP_COOKIE": "django_language=xx", "HTTP_ACCEPT_LANGUAGE": "zh"},
    ],
)
def test_the_cache_key_language_is_the_one_locale_middleware_activates(rf, path, headers):
    from django.middleware.locale import LocaleMiddleware
    from django.utils import translation

    from newsroom.cache import request_language

    request = rf.get(path, **headers)
    with translation.override(None):
        LocaleMiddleware(lambda r: None).process_request(request)
    assert request_language(request) == request.LANGUAGE_CODE


def test_a_request_locale_middleware_keys_otherwise_is_not_stored(client, seed, monkeypatch):
    # By construction they agree; should LocaleMiddleware ever pick another language,
    # the page is served but not stored under the key the lookup used.
    from newsroom import cache as page_cache

    monkeypatch.setattr(page_cache, "request_language", lambda request: "zh-hans")
    client.get("/en/priorities/")
    assert "X-Page-Cache" not in client.get("/en/priorities/")


PRODUCTION_HIT = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
c = Client()
out = {}
for path in ("/robots.txt", "/zh-hans/"):
    rendered = c.get(path, HTTP_HOST="news.example.org", secure=True)
    hit = c.get(path, HTTP_HOST="news.example.org", secure=True)
    out[path] = [rendered.status_code, dict(rendered.headers), hit.status_code, dict(hit.headers)]
out["http"] = c.get("/robots.txt", HTTP_HOST="news.example.org").status_code
out["other_host"] = c.get("/robots.txt", HTTP_HOST="evil.example.com", secure=True).status_code
print(json.dumps(out))
"""


def test_a_hit_under_production_settings_keeps_hsts_redirect_and_host_check(tmp_path):
    from tests.production_env import run_json_script

    out = run_json_script(PRODUCTION_HIT, tmp_path)
    for path in ("/robots.txt", "/zh-hans/"):
        status, rendered, hit_status, hit = out[path]
        assert status == hit_status == 200, path
        assert hit.pop("X-Page-Cache") == "hit", path
        assert rendered.pop("X-Request-ID") != hit.pop("X-Request-ID")
        assert rendered == hit, path
        assert hit["Strict-Transport-Security"].startswith("max-age="), path
        for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
            assert name in hit, (path, name)
        assert hit["X-Frame-Options"] == "DENY", path
    assert out["http"] == 301  # SECURE_SSL_REDIRECT still runs before the cache
    assert out["other_host"] == 400


def test_a_failing_lookup_serves_the_request_without_the_cache(client, seed, monkeypatch):
    # With the cache down the request goes on as if there were none: /healthz can say 503
    # (tests/test_health.py) instead of the middleware failing every request with 500.
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "get_many", unreachable)
    response = client.get("/en/priorities/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/", "/i18n/setlang/", "/static/css/site.css"])
def test_paths_without_public_pages_cost_no_cache_round_trip(client, db, monkeypatch, path):
    # Only the language prefixes and the un-prefixed @public_page routes are looked up.
    from django.core.cache import cache

    calls = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *a, _real=real, **k: calls.append(a) or _real(*a, **k))
    client.get(path)
    assert not [c for c in calls if "public-page:" in str(c)], calls
    calls.clear()
    client.get("/robots.txt")
    client.get("/en/priorities/")
    assert sum("public-page:" in str(c) for c in calls) >= 2, "public pages are still looked up"
