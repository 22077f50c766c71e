"""The page chrome (header, footer, feed links) is rendered once per language and content version
(briefing/chrome.py) and the pages stay exactly what a full render gives."""

import re

import pytest
from django.core.cache import cache

from briefing.chrome import chrome_key
from briefing.models import SiteSettings

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
