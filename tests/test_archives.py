"""Issue 13 item 4 and the public side of items 1-3: the archives (all briefings, per
section, agreements) with their pagination and pinned query counts, sections linked
wherever they are named, and formatted text, images and documents on the pages."""

import datetime
import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from library.models import Document, Image
from library.services import save_document, save_image
from symposia.models import GalleryImage

from . import media_files
from .factories import AgreementFactory, BriefingFactory, SectionFactory, SymposiumFactory


@pytest.fixture
def sections(db):
    newsroom = SectionFactory(title_en="Newsroom", title_zh_hans="新闻发布", slug="newsroom")
    features = SectionFactory(
        title_en="Special Features", title_zh_hans="专题专栏", slug="special-features", parent=newsroom
    )
    return {"newsroom": newsroom, "features": features}


def many_briefings(count, section, start=0):
    now = timezone.now()
    for n in range(start, start + count):
        BriefingFactory(
            section=section,
            slug=f"briefing-{n:03d}",
            title_en=f"Briefing number {n:03d}",
            published_at=now - datetime.timedelta(days=n + 1),
        )


def titles(body):
    return re.findall(r">(Briefing number \d+)</a>", body)


# --- the archive of briefings -------------------------------------------------------------------


def test_the_archive_lists_every_briefing_twenty_a_page_newest_first(client, sections):
    many_briefings(45, sections["features"])
    BriefingFactory(section=sections["features"], title_en="A draft", status="draft")
    first = client.get("/en/briefings/").content.decode()
    assert titles(first) == [f"Briefing number {n:03d}" for n in range(20)]
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert "Page 1 of 3" in first
    last = client.get("/en/briefings/?page=3").content.decode()
    assert titles(last) == [f"Briefing number {n:03d}" for n in range(40, 45)]
    assert 'rel="prev" href="?page=2"' in last and 'rel="next"' not in last
    assert "A draft" not in first + last
    # A page beyond the last, or not a number, shows a real page rather than an error.
    assert titles(client.get("/en/briefings/?page=99").content.decode()) == titles(last)
    assert titles(client.get("/en/briefings/?page=x").content.decode()) == titles(first)


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/en/briefings/", 3),  # site settings, the count, the page
        ("/zh-hans/briefings/?page=2", 3),
        ("/en/sections/newsroom/", 4),  # site settings, the sections, the count, the page
        ("/en/agreements/", 2),  # site settings, the agreements
    ],
)
def test_archive_query_counts_are_pinned_and_do_not_grow(
    client, sections, django_assert_num_queries, path, queries
):
    many_briefings(25, sections["features"])
    AgreementFactory()
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    many_briefings(30, sections["newsroom"], start=100)
    AgreementFactory()
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_a_section_page_lists_its_and_its_sub_sections_briefings(client, sections):
    other = SectionFactory(title_en="Elsewhere", slug="elsewhere")
    many_briefings(3, sections["features"])
    BriefingFactory(section=sections["newsroom"], title_en="Briefing number 900", slug="top")
    BriefingFactory(section=other, title_en="Briefing number 901", slug="other")
    body = client.get("/en/sections/newsroom/").content.decode()
    assert set(titles(body)) == {
        "Briefing number 900",
        "Briefing number 000",
        "Briefing number 001",
        "Briefing number 002",
    }
    assert '<a href="/en/sections/special-features/">Special Features</a>' in body
    chinese = client.get("/zh-hans/sections/special-features/").content.decode()
    assert "<h1>专题专栏</h1>" in chinese
    assert '<a href="/zh-hans/sections/newsroom/">新闻发布</a>' in chinese  # the breadcrumb
    assert client.get("/en/sections/no-such-section/").status_code == 404


def test_the_agreements_list(client, db):
    AgreementFactory(title_en="Framework Agreement", slug="framework")
    AgreementFactory(title_en="Unpublished", slug="draft", status="draft")
    body = client.get("/en/agreements/").content.decode()
    assert '<a href="/en/agreements/framework/">Framework Agreement</a>' in body
    assert "Unpublished" not in body


def test_sections_are_linked_wherever_they_are_named_and_home_leads_to_the_archive(client, sections):
    briefing = BriefingFactory(section=sections["features"], slug="named")
    home = client.get("/en/").content.decode()
    assert '<a href="/en/briefings/">More briefings</a>' in home
    assert '<a href="/en/agreements/">Agreements</a>' in home
    assert '<a href="/en/sections/special-features/">Special Features</a>' in home
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert page.count('href="/en/sections/special-features/"') == 2  # breadcrumb and the byline
    site_map = client.get("/en/sitemap/").content.decode()
    for href in (
        "/en/briefings/",
        "/en/agreements/",
        "/en/sections/newsroom/",
        "/en/sections/special-features/",
    ):
        assert f'href="{href}"' in site_map
    sitemap_xml = client.get("/sitemap.xml").content.decode()
    for path in ("/en/briefings/", "/zh-hans/agreements/", "/en/sections/special-features/"):
        assert f"{path}</loc>" in sitemap_xml


def test_the_symposium_headings_in_the_briefing_link_to_their_pages(client, seed):
    body = client.get("/en/briefings/china-asean-customs-cooperation/").content.decode()
    headings = re.findall(r'<h3 id="symposium-[^"]+"><a href="([^"]+)">', body)
    assert len(headings) == 6
    assert all(client.get(url).status_code == 200 for url in headings)


def test_a_favicon_is_named_on_every_page(client, seed):
    body = client.get("/en/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', body).group(1)
    assert icon.endswith("img/emblem.svg")
    # Browsers and crawlers that ask for /favicon.ico anyway get the same emblem.
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon


# --- formatted text, images and documents on the pages --------------------------------------------


@pytest.fixture
def photo(db):
    return save_image(
        image=Image(
            alt_text_en="Delegates in Kunming",
            alt_text_zh_hans="昆明的代表",
            caption_en="The first symposium",
            credit="China Customs",
        ),
        upload=media_files.photo(width=2000, height=1200),
    )


@pytest.fixture
def agreement_pdf(db):
    return save_document(
        document=Document(title_en="Full text", title_zh_hans="协议全文", language="zh-hans"),
        upload=media_files.pdf(),
    )


def test_a_briefing_shows_its_lead_image_formatted_text_and_attachments(
    client, sections, photo, agreement_pdf, django_assert_num_queries
):
    briefing = BriefingFactory(
        section=sections["features"],
        slug="with-image",
        lead_en=f'<h2>Why</h2><ul><li>one</li></ul><p>See <a href="https://example.org">this</a>.</p>'
        f'<img src="{photo.get_absolute_url()}" alt="inline">',
        lead_image=photo,
    )
    briefing.documents.add(agreement_pdf)
    # settings, briefing, results, sections, agreements, lead image, its renditions, attachments,
    # section tree, the image in the text and its renditions
    with django_assert_num_queries(11):
        body = client.get("/en/briefings/with-image/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", body, re.S)
    assert len(pictures) == 2  # the lead image and the one in the text
    lead_picture = pictures[0]
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', lead_picture)
    assert [entry.split()[1] for entry in webp.group(1).split(", ")] == ["480w", "960w", "1600w"]
    assert all(entry.split()[0].endswith(".webp") for entry in webp.group(1).split(", "))
    img = re.search(r"<img [^>]+>", lead_picture).group(0)
    assert 'width="1600" height="960"' in img and 'alt="Delegates in Kunming"' in img
    assert ".jpg 480w" in img
    assert 'loading="lazy"' not in img  # the lead image is the first thing readers see
    assert 'loading="lazy"' in pictures[1]
    assert '<figcaption>The first symposium <span class="credit">China Customs</span></figcaption>' in body
    assert "<h2>Why</h2><ul><li>one</li></ul>" in body
    assert '<a href="https://example.org" rel="noopener noreferrer">this</a>' in body
    assert (
        f'href="{agreement_pdf.get_absolute_url()}" type="application/pdf" hreflang="zh-hans">Full text</a>'
        in body
    )
    assert f"(PDF, {filesizeformat(agreement_pdf.file_size)}, Simplified Chinese)" in body
    chinese = client.get("/zh-hans/briefings/with-image/").content.decode()
    assert 'alt="昆明的代表"' in chinese and ">协议全文</a>" in chinese
    # Every address on the page answers.
    for url in re.findall(r'(?:src|srcset)="([^" ]+)', body):
        if url.startswith("/media/"):
            assert client.get(url).status_code == 200, url


def test_a_symposium_shows_its_gallery(client, photo):
    symposium = SymposiumFactory(slug="with-gallery", narrative_en="<p>Met in <strong>Kunming</strong>.</p>")
    GalleryImage.objects.create(symposium=symposium, image=photo, order=1)
    body = client.get("/en/symposia/with-gallery/").content.decode()
    assert '<h2 id="gallery-heading">Photographs</h2>' in body
    assert body.count("<picture>") == 1 and 'loading="lazy"' in body
    assert "<p>Met in <strong>Kunming</strong>.</p>" in body


def test_an_agreement_offers_its_full_text(client, agreement_pdf):
    agreement = AgreementFactory(slug="framework", summary_en="<p>Signed in <em>2002</em>.</p>")
    agreement.documents.add(agreement_pdf)
    body = client.get("/en/agreements/framework/").content.decode()
    assert "Full text and documents" in body and "<p>Signed in <em>2002</em>.</p>" in body
    response = client.get(agreement_pdf.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"


def test_search_and_feeds_read_formatted_text_by_its_words(client, sections):
    BriefingFactory(
        section=sections["features"],
        slug="words",
        lead_en="<p>Customs <strong>cooperation</strong> in <em>Kunming</em></p><p>paragraph</p>",
    )
    search = client.get("/en/search/", {"q": "strong"}).content.decode()
    assert "No results" in search or "/en/briefings/words/" not in search
    found = client.get("/en/search/", {"q": "cooperation in Kunming"}).content.decode()
    assert "/en/briefings/words/" in found
    atom = client.get(reverse("newsroom:feed_briefings_atom")).content.decode()
    assert "Customs cooperation in Kunming paragraph</summary>" in atom


def test_each_section_has_feeds_of_its_briefings(client, sections):
    other = SectionFactory(title_en="Elsewhere", slug="elsewhere")
    BriefingFactory(
        section=sections["features"], title_en="Below", slug="below", lead_en="<p>Lead <em>text</em></p>"
    )
    BriefingFactory(section=other, title_en="Not here", slug="not-here")
    rss = client.get("/en/feeds/sections/newsroom/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Below</title>" in body and "Not here" not in body
    assert "&lt;p&gt;Lead &lt;em&gt;text&lt;/em&gt;&lt;/p&gt;" in body  # the cleaned HTML, as RSS carries it
    atom = client.get("/en/feeds/sections/special-features/atom/").content.decode()
    assert '<summary type="text">Lead text</summary>' in atom
    assert client.get("/en/feeds/sections/no-such-section/rss/").status_code == 404
    page = client.get("/en/sections/newsroom/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Newsroom (RSS)"'
        ' href="/en/feeds/sections/newsroom/rss/">' in page
    )
    site_map = client.get("/en/sitemap/").content.decode()
    assert 'href="/en/feeds/sections/special-features/atom/"' in site_map


def test_changing_a_library_image_retires_the_cached_pages(photo):
    from newsroom.versions import content_version

    before = content_version()
    photo.alt_text_en = "Delegates at the first symposium"
    photo.save()
    assert content_version() != before


def test_the_page_cache_keeps_each_archive_page_and_ignores_other_parameters(client, sections):
    many_briefings(25, sections["features"])
    first = client.get("/en/briefings/")
    second = client.get("/en/briefings/?page=2")
    assert titles(second.content.decode()) == [f"Briefing number {n:03d}" for n in range(20, 25)]
    assert titles(first.content.decode()) != titles(second.content.decode())
    again = client.get("/en/briefings/?page=2&utm_source=x")
    assert again["X-Page-Cache"] == "hit" and again.content == second.content
    section = client.get("/en/sections/special-features/?page=02")
    assert titles(section.content.decode()) == titles(second.content.decode())
    assert client.get("/en/sections/special-features/?page=2")["X-Page-Cache"] == "hit"
    # Not a page number, or too far back: rendered each time, never stored.
    for junk in ("abc", "0", "51"):
        response = client.get(f"/en/briefings/?page={junk}")
        assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
        assert client.get(f"/en/briefings/?page={junk}").get("X-Page-Cache") != "hit"
