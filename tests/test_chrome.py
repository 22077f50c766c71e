"""The page chrome (header, footer, feed links) is rendered once per language and content version
(briefing/chrome.py) and the pages stay exactly what a full render gives."""

import re

import pytest
from django.core.cache import cache

from newsroom.chrome import chrome_key
from newsroom.models import SiteSettings

PAGES = [
    "/{lang}/",
    "/{lang}/priorities/",
    "/{lang}/symposia/",
    "/{lang}/briefings/china-asean-customs-cooperation/",
]


def body(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_pages_with_stored_chrome_equal_full_renders(client, seed, lang):
    paths = [p.format(lang=lang) for p in PAGES]
    # ?fresh=… is a parameter the pages do not know: rendered every time, never from the page cache.
    first = {path: body(client, path + "?fresh=1") for path in paths}
    assert cache.get(chrome_key(lang)) is not None
    for path in paths:
        assert body(client, path + "?fresh=1") == first[path]
    # The language switch names the page: it is never taken from the stored chrome.
    switches = {re.search(r'<nav class="language-switch".*?</nav>', first[p], re.S).group(0) for p in paths}
    assert len(switches) == len(paths)


def test_a_site_settings_save_shows_in_the_stored_chrome_at_once(client, seed):
    for lang in ("en", "zh-hans"):
        body(client, f"/{lang}/symposia/?fresh=1")
    site = SiteSettings.load()
    site.site_name_en = "Test Newsroom"
    site.site_name_zh_hans = "测试新闻发布"
    site.telephone = "010-00000000"
    site.save()
    for lang, name in (("en", "Test Newsroom"), ("zh-hans", "测试新闻发布")):
        page = body(client, f"/{lang}/priorities/?fresh=2")
        header = re.search(r"<header class=\"site-header\">.*?</header>", page, re.S).group(0)
        footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
        assert name in header and "010-00000000" in footer


def test_a_processs_copies_never_outlive_an_emptied_cache(client, seed):
    # Each process keeps copies of the site settings and chrome while their content version is
    # current. Emptying the cache (a Redis restart) starts a new count that no old version can
    # equal, so a change made meanwhile without a save signal still shows.
    assert "Old Name" not in body(client, "/en/?fresh=1")
    SiteSettings.objects.update(site_name_en="Old Name")
    cache.clear()
    assert "Old Name" in body(client, "/en/?fresh=2")
    SiteSettings.objects.update(site_name_en="New Name")
    cache.clear()
    page = body(client, "/en/?fresh=3")
    assert "New Name" in page and "Old Name" not in page


def test_copies_follow_a_save_made_through_another_process(client, seed):
    # Another server's save bumps the shared version; this process sees it at its next page.
    body(client, "/zh-hans/?fresh=1")
    SiteSettings.objects.update(site_name_zh_hans="别的名称")  # no signal: as if elsewhere
    from newsroom.cache import bump_content_version

    bump_content_version()
    assert "别的名称" in body(client, "/zh-hans/?fresh=2")
