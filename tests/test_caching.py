"""The public-page cache: per language, anonymous readers only, zero queries on a hit,
invalidated by saving/publishing/deleting content, conditional GET answered with 304."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from briefing.models import PublishStatus, SiteSettings
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
    assert "max-age=0" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]


def test_conditional_get_on_the_first_request_too(client, seed):
    # A browser may still hold the ETag after the cache entry expired: the fresh render matches it.
    etag = client.get("/en/").get("ETag")
    client.get("/en/")  # hit
    from django.core.cache import cache

    cache.clear()
    assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_saving_content_invalidates(client, seed):
    symposium = f.SymposiumFactory._meta.model.objects.get(slug="2008-ningbo-customs-automation")
    path = "/en/symposia/2008-ningbo-customs-automation/"
    client.get(path)
    client.get("/en/search/?q=Ningbo")
    symposium.title_en = "Symposium on Customs Automation, renamed"
    symposium.save()
    assert "renamed" in client.get(path).content.decode()
    assert "renamed" in client.get("/en/search/?q=Ningbo").content.decode()
    assert "renamed" in client.get("/en/symposia/").content.decode()


def test_unpublishing_and_deleting_invalidate(client, seed):
    from briefing.models import Briefing

    briefing = Briefing.objects.get(slug="china-asean-customs-cooperation")
    path = "/zh-hans/briefings/china-asean-customs-cooperation/"
    assert client.get(path).status_code == 200
    client.get("/zh-hans/")
    briefing.status = PublishStatus.DRAFT
    briefing.save()
    assert client.get(path).status_code != 200
    assert "中国—东盟海关合作简介</a>" not in client.get("/zh-hans/").content.decode()

    client.get("/en/agreements/framework-agreement-2002/")
    from briefing.models import Agreement

    Agreement.objects.get(slug="framework-agreement-2002").delete()
    assert client.get("/en/agreements/framework-agreement-2002/").status_code == 404


def test_site_settings_and_many_to_many_changes_invalidate(client, seed):
    client.get("/en/")
    settings_row = SiteSettings.load()
    settings_row.site_name_en = "Renamed Newsroom"
    settings_row.save()
    assert "Renamed Newsroom" in client.get("/en/").content.decode()

    from briefing.models import Priority

    client.get("/en/priorities/")
    extra = f.InstrumentFactory(short_name_en="Brand-new Instrument")
    client.get("/en/priorities/")
    Priority.objects.first().instruments.add(extra)
    assert "Brand-new Instrument" in client.get("/en/priorities/").content.decode()


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


def test_unknown_query_parameters_are_not_stored(client, seed):
    client.get("/en/?utm_source=x")
    assert "X-Page-Cache" not in client.get("/en/?utm_source=x")
    client.get("/en/search/?q=Ningbo&page=1")
    assert client.get("/en/search/?q=Ningbo&page=1")["X-Page-Cache"] == "hit"
