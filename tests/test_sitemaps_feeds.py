"""sitemap.xml with hreflang alternates, robots.txt, the human site map, RSS and Atom feeds per language."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from publishing.models import PublishStatus
from tests import factories as f

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
BRIEFING = "china-asean-customs-cooperation"
SITE = settings.SITE_URL


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall(f"{SM}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        entries[url.find(f"{SM}loc").text] = alternates
    return entries


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client, seed):
    entries = sitemap_entries(client)
    for lang in ("en", "zh-hans"):
        for path in (
            "/",
            f"/briefings/{BRIEFING}/",
            "/agreements/framework-agreement-2002/",
            "/priorities/",
            "/symposia/",
            "/symposia/2008-ningbo-customs-automation/",
            "/symposia/statistics/",
            "/sitemap/",
            "/feedback/",
        ):
            assert f"{SITE}/{lang}{path}" in entries, (lang, path)
    alternates = entries[f"{SITE}/zh-hans/briefings/{BRIEFING}/"]
    assert alternates == {
        "en": f"{SITE}/en/briefings/{BRIEFING}/",
        "zh-hans": f"{SITE}/zh-hans/briefings/{BRIEFING}/",
        # Every language has its prefix here, so x-default names the English page (a real URL).
        "x-default": f"{SITE}/en/briefings/{BRIEFING}/",
    }
    assert entries[f"{SITE}/en/"]["x-default"] == f"{SITE}/"
    for alternates in entries.values():
        assert client.get(alternates["x-default"].removeprefix(SITE)).status_code in (200, 302)


def test_sitemap_leaves_out_drafts_and_languages_an_item_is_not_published_in(client, db):
    f.SymposiumFactory(slug="draft-one", status=PublishStatus.DRAFT)
    f.SymposiumFactory(slug="english-only", publish_zh_hans=False)
    entries = sitemap_entries(client)
    assert not any("draft-one" in loc for loc in entries)
    assert f"{SITE}/en/symposia/english-only/" in entries
    assert f"{SITE}/zh-hans/symposia/english-only/" not in entries
    assert set(entries[f"{SITE}/en/symposia/english-only/"]) == {"en", "x-default"}


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body
    assert "Disallow: /admin/" in body


@pytest.mark.parametrize(
    ("lang", "heading", "briefing_title", "symposium"),
    [
        ("en", "Site map", "Briefing on China-ASEAN Customs Cooperation", "Symposium on Customs Automation"),
        ("zh-hans", "网站地图", "中国—东盟海关合作简介", "海关信息化建设研讨会"),
    ],
)
def test_human_site_map_lists_the_content(client, seed, lang, heading, briefing_title, symposium):
    body = client.get(f"/{lang}/sitemap/").content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f'<a href="/{lang}/briefings/{BRIEFING}/">{briefing_title}</a>' in body
    assert symposium in body
    assert f'href="/{lang}/symposia/statistics/"' in body
    assert f'href="/{lang}/feeds/briefings/rss/"' in body
    assert f'href="/{lang}/agreements/framework-agreement-2002/"' in body


def test_human_site_map_hides_drafts(client, seed):
    f.SymposiumFactory(ordinal=90, title_en="Secret draft symposium", status=PublishStatus.DRAFT)
    assert "Secret draft symposium" not in client.get("/en/sitemap/").content.decode()


@pytest.mark.parametrize(
    ("lang", "label_map", "label_feedback"),
    [("en", "Site map", "Leave a message"), ("zh-hans", "网站地图", "网站留言")],
)
def test_footer_links_to_site_map_and_feedback(client, seed, lang, label_map, label_feedback):
    body = client.get(f"/{lang}/").content.decode()
    footer = body[body.index("<footer") :]
    assert f'<a href="/{lang}/sitemap/">{label_map}</a>' in footer
    assert f'<a href="/{lang}/feedback/">{label_feedback}</a>' in footer


# --- feeds -------------------------------------------------------------------------------------------


def test_briefings_rss_per_language(client, seed):
    for lang, title in (
        ("en", "Briefing on China-ASEAN Customs Cooperation"),
        ("zh-hans", "中国—东盟海关合作简介"),
    ):
        response = client.get(f"/{lang}/feeds/briefings/rss/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        assert channel.find("language").text == lang
        items = channel.findall("item")
        assert [item.find("title").text for item in items] == [title]
        assert items[0].find("link").text == f"{SITE}/{lang}/briefings/{BRIEFING}/"


def test_symposia_atom_per_language(client, seed):
    response = client.get("/zh-hans/feeds/symposia/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles[0] == "海关信息化建设研讨会"  # newest first: Ningbo, 2008
    assert len(titles) == 6
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert all(link.startswith(f"{SITE}/zh-hans/symposia/") for link in links)


def test_feeds_list_published_items_only(client, seed):
    f.BriefingFactory(title_en="Draft briefing nobody may read", status=PublishStatus.DRAFT)
    f.SymposiumFactory(
        ordinal=91, title_en="English-only symposium", title_zh_hans="仅英文研讨会", publish_zh_hans=False
    )
    assert b"Draft briefing nobody may read" not in client.get("/en/feeds/briefings/atom/").content
    assert "English-only symposium" in client.get("/en/feeds/symposia/rss/").content.decode()
    assert "仅英文研讨会" not in client.get("/zh-hans/feeds/symposia/rss/").content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_pages_link_their_language_feeds(client, seed, lang):
    body = client.get(f"/{lang}/symposia/").content.decode()
    head = body[: body.index("</head>")]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert f'href="/{lang}/feeds/briefings/rss/"' in head
    assert f'href="/{lang}/feeds/symposia/atom/"' in head
