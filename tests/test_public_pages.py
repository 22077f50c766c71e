"""The public pages as a reader sees them, in English and in Simplified Chinese.

The content is built here with factories (not the seed fixture) so that each
test knows exactly what a page must and must not show.
"""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from newsroom.models import SiteSettings
from newsroom.views import server_error
from publishing.dates import DatePrecision
from publishing.models import PublishStatus
from symposia.models import Organization, Participation
from tests import factories as f

LANGUAGES = [("en", "en"), ("zh-hans", "zh-Hans")]
OTHER = {"en": "zh-hans", "zh-hans": "en"}
BREADCRUMB_LABEL = {"en": "Current location", "zh-hans": "当前位置"}

ATTENDEE_SECRETS = [
    "Sokha Phirunsavanh",
    "索卡",
    "sokha.private@customs.example",
    "Chief Inspector of Secret Affairs",
    "Unaffiliated Wanderer",
    "wanderer@mail.example",
]


@pytest.fixture
def content(db):
    """One published briefing rebuilt like the source page, with its symposia and priorities."""
    site = f.SiteSettingsFactory()
    newsroom = f.SectionFactory(title_en="Newsroom", title_zh_hans="新闻发布")
    features = f.SectionFactory(title_en="Special Features", title_zh_hans="专题专栏", parent=newsroom)
    trade = f.SectionFactory(
        title_en="Promote Trade Facilitation News", title_zh_hans="促进贸易便利化", parent=features
    )
    agreement = f.AgreementFactory(
        slug="framework-agreement-2002",
        title_en="Framework Agreement on Comprehensive Economic Co-operation",
        title_zh_hans="《全面经济合作框架协议》",
        short_title_en="Framework Agreement",
        short_title_zh_hans="《框架协议》",
    )
    briefing = f.BriefingFactory(
        section=trade,
        slug="china-asean-customs-cooperation",
        title_en="Briefing on China-ASEAN Customs Cooperation",
        title_zh_hans="中国—东盟海关合作简介",
        lead_en="China started customs cooperation in 2003 to implement the "
        "Framework Agreement on Comprehensive Economic Co-operation signed in 2002.",
        lead_zh_hans="为全面落实《全面经济合作框架协议》，中国于2003年正式启动与东盟国家的海关合作。",
        agreements=[agreement],
    )
    f.ResultFactory(
        briefing=briefing,
        order=1,
        text_en="Establish a regular ministerial-level consultation mechanism.",
        text_zh_hans="建立定期的部长级磋商机制。",
    )
    f.ResultFactory(
        briefing=briefing,
        order=2,
        text_en="Introduce 7 priorities of customs cooperation:",
        text_zh_hans="提出海关合作七个优先领域：",
        lists_priorities=True,
    )
    f.BriefingSectionFactory(
        briefing=briefing,
        heading_en="Cooperation on Capacity Building between China-ASEAN Customs",
        heading_zh_hans="中国—东盟海关能力建设合作",
        lists_symposia=True,
    )
    kunming = f.SymposiumFactory(
        ordinal=1,
        slug="2003-kunming-kyoto-convention",
        title_en="Symposium on Kyoto Convention",
        title_zh_hans="《京都公约》研讨会",
        theme_en="Revised Kyoto Convention",
        theme_zh_hans="经修订的《京都公约》",
        city_en="Kunming",
        city_zh_hans="昆明",
        date=datetime.date(2003, 12, 1),
        date_precision=DatePrecision.MONTH,
        delegates_reported=20,
        narrative_en="This meeting provided an opportunity to exchange experiences.",
        narrative_zh_hans="此次会议为各成员提供了交流经验的机会。",
    )
    ningbo = f.SymposiumFactory(
        ordinal=6,
        slug="2008-ningbo-customs-automation",
        title_en="Symposium on Customs Automation Construction",
        title_zh_hans="海关信息化建设研讨会",
        city_en="Ningbo",
        city_zh_hans="宁波",
        date=datetime.date(2008, 10, 1),
        delegates_reported=None,
        activities_en="They visited the control stations of Ningbo Customs District.",
        activities_zh_hans="代表们参观了宁波海关的监管场所。",
    )
    cambodia = f.OrganizationFactory(
        name_en="General Department of Customs and Excise of Cambodia",
        name_zh_hans="柬埔寨海关与消费税总局",
        country="KH",
    )
    laos = f.OrganizationFactory(name_en="Lao Customs Department", name_zh_hans="老挝海关总局", country="LA")
    secretariat = f.OrganizationFactory(
        name_en="ASEAN Secretariat",
        name_zh_hans="东盟秘书处",
        kind=Organization.Kind.SECRETARIAT,
        country="ID",
    )
    f.ParticipationFactory(symposium=kunming, organization=cambodia, order=1)
    f.ParticipationFactory(symposium=kunming, organization=laos, order=2)
    f.ParticipationFactory(
        symposium=kunming,
        organization=secretariat,
        kind=Participation.Kind.OTHER,
        note_en="designated experts",
        note_zh_hans="派出的专家",
    )
    f.AttendeeFactory(
        symposium=kunming,
        organization=cambodia,
        name="Sokha Phirunsavanh",
        native_name="索卡",
        email="sokha.private@customs.example",
        position="Chief Inspector of Secret Affairs",
    )
    f.AttendeeFactory(symposium=kunming, organization=cambodia)
    f.AttendeeFactory(symposium=kunming, organization=laos)
    f.AttendeeFactory(
        symposium=kunming, organization=None, name="Unaffiliated Wanderer", email="wanderer@mail.example"
    )
    kyoto = f.InstrumentFactory(
        slug="revised-kyoto-convention",
        short_name_en="Revised Kyoto Convention",
        short_name_zh_hans="经修订的《京都公约》",
        name_en="International Convention on the Simplification and Harmonization of Customs Procedures",
        name_zh_hans="《关于简化和协调海关制度的国际公约》",
    )
    # Cited by a symposium only, as the SAFE Framework is in the source.
    safe = f.InstrumentFactory(
        slug="wco-safe-framework",
        short_name_en="WCO SAFE Framework of Standards",
        short_name_zh_hans="《标准框架》",
    )
    safe.symposia.set([kunming])
    procedures = f.PriorityFactory(
        order=2,
        slug="customs-procedures",
        short_title_en="Customs procedures harmonization and simplification",
        short_title_zh_hans="海关程序的协调与简化",
        instruments=[kyoto],
        symposia=[kunming],
    )
    origin = f.PriorityFactory(
        order=1,
        slug="origin-of-goods",
        short_title_en="Origin of goods determination",
        short_title_zh_hans="货物原产地判定",
    )
    return {
        "site": site,
        "briefing": briefing,
        "agreement": agreement,
        "kunming": kunming,
        "ningbo": ningbo,
        "priorities": [origin, procedures],
        "kyoto": kyoto,
        "safe": safe,
    }


def page_paths(content):
    """Every public page of the content fixture, as (name, path without the language prefix)."""
    return {
        "home": "/",
        "briefing": f"/briefings/{content['briefing'].slug}/",
        "agreement": f"/agreements/{content['agreement'].slug}/",
        "priorities": "/priorities/",
        "symposia": "/symposia/",
        "symposium": f"/symposia/{content['kunming'].slug}/",
    }


TITLES = {
    "home": {"en": "Newsroom", "zh-hans": "新闻发布"},
    "briefing": {"en": "Briefing on China-ASEAN Customs Cooperation", "zh-hans": "中国—东盟海关合作简介"},
    "agreement": {"en": "Framework Agreement", "zh-hans": "《框架协议》"},
    "priorities": {"en": "Priorities of customs cooperation", "zh-hans": "海关合作优先领域"},
    "symposia": {"en": "Symposia", "zh-hans": "研讨会"},
    "symposium": {"en": "Symposium on Kyoto Convention", "zh-hans": "《京都公约》研讨会"},
}

# Queries per page, the same in both languages. The site_settings context
# processor adds one query to every page.
QUERY_COUNTS = {
    "home": 4,  # settings, sections, latest briefings, symposia
    # settings, briefing+section, results, body sections, agreements, attachments, section tree,
    # priorities, symposia, their instruments (the lead image and its renditions only when there is one)
    "briefing": 10,
    "agreement": 4,  # settings, agreement, its documents, its briefings
    # settings, priorities, their instruments, their symposia, every instrument, its symposia
    "priorities": 6,
    "symposia": 2,  # settings, symposia
    # settings, symposium+unaffiliated count, participations, gallery, priorities, counts per
    # organization, counts per country, instruments
    "symposium": 8,
}


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def html(response):
    return response.content.decode()


# --- every page, both languages -------------------------------------------------------------


@pytest.mark.parametrize("page", list(TITLES))
@pytest.mark.parametrize(("lang", "tag"), LANGUAGES)
def test_page_renders_in_each_language(client, content, page, lang, tag):
    page_path = page_paths(content)[page]
    response = client.get(f"/{lang}{page_path}")
    assert response.status_code == 200
    body = html(response)
    assert f'<html lang="{tag}">' in body
    assert title_of(response).startswith(TITLES[page][lang] + " |")
    # Language switch: the same page in the other language.
    switch = re.search(r'<nav class="language-switch".*?</nav>', body, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', switch) == [f"/{OTHER[lang]}{page_path}"]
    # Alternates for both languages and x-default, as absolute URLs of this page.
    for code, hreflang in LANGUAGES:
        link = f'<link rel="alternate" hreflang="{hreflang}" href="{settings.SITE_URL}/{code}{page_path}">'
        assert link in body
    assert f'hreflang="x-default" href="{settings.SITE_URL}/en{page_path}"' in body
    # Breadcrumb, labelled in the reader's language.
    assert re.search(r'<nav class="breadcrumb"[^>]*>', body)
    assert BREADCRUMB_LABEL[lang] in body
    # Landmarks and skip link.
    assert 'href="#main"' in body and '<main id="main"' in body
    assert "<header" in body and "<footer" in body


@pytest.mark.parametrize("page", list(QUERY_COUNTS))
@pytest.mark.parametrize(("lang", "tag"), LANGUAGES)
def test_query_count_is_pinned(client, content, django_assert_num_queries, page, lang, tag):
    path = f"/{lang}{page_paths(content)[page]}"
    with django_assert_num_queries(QUERY_COUNTS[page]):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("page", list(QUERY_COUNTS))
@pytest.mark.parametrize(("lang", "tag"), LANGUAGES)
def test_query_count_does_not_grow_with_50_more_symposia(
    client, content, django_assert_num_queries, page, lang, tag
):
    procedures = content["priorities"][1]
    for n in range(50):
        symposium = f.SymposiumFactory(ordinal=100 + n, date=datetime.date(2009 + n % 10, 5, 1))
        f.ParticipationFactory(symposium=symposium)
        f.ParticipationFactory(symposium=symposium, kind=Participation.Kind.OTHER)
        f.AttendeeFactory(symposium=symposium)
        procedures.symposia.add(symposium)
    path = f"/{lang}{page_paths(content)[page]}"
    with django_assert_num_queries(QUERY_COUNTS[page]):
        response = client.get(path)
    assert response.status_code == 200
    if page in ("symposia", "home"):
        assert "Topic" in response.content.decode() or "专题" in response.content.decode()


@pytest.mark.parametrize(("lang", "tag"), LANGUAGES)
def test_headings_do_not_skip_levels(client, content, lang, tag):
    for path in page_paths(content).values():
        body = html(client.get(f"/{lang}{path}"))
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", body)]
        assert levels.count(1) == 1, path
        assert levels[0] == 1, path
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (path, levels)


# --- the briefing reads like the source page ---------------------------------------------------


def test_briefing_breadcrumb_follows_the_section_tree(client, content):
    body = html(client.get("/en/briefings/china-asean-customs-cooperation/"))
    crumb = re.search(r'<nav class="breadcrumb".*?</nav>', body, re.S).group(0)
    labels = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", crumb, re.S)]
    assert labels == [
        "Home",
        "Newsroom",
        "Special Features",
        "Promote Trade Facilitation News",
        "Briefing on China-ASEAN Customs Cooperation",
    ]
    assert 'aria-current="page">Briefing on China-ASEAN Customs Cooperation<' in crumb

    body = html(client.get("/zh-hans/briefings/china-asean-customs-cooperation/"))
    crumb = re.search(r'<nav class="breadcrumb".*?</nav>', body, re.S).group(0)
    labels = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", crumb, re.S)]
    assert labels == ["首页", "新闻发布", "专题专栏", "促进贸易便利化", "中国—东盟海关合作简介"]


def test_briefing_is_rebuilt_from_the_models(client, content):
    body = html(client.get("/en/briefings/china-asean-customs-cooperation/"))
    # The lead links the agreement where it names it.
    assert (
        '<a href="/en/agreements/framework-agreement-2002/">'
        "Framework Agreement on Comprehensive Economic Co-operation</a> signed in 2002" in body
    )
    # Numbered results, the priorities (in their order) under the one that lists them.
    assert "(1)</span> Establish a regular ministerial-level consultation mechanism." in body
    priorities = re.search(
        r"\(2\)</span> Introduce 7 priorities of customs cooperation:\s*<ol[^>]*>(.*?)</ol>", body, re.S
    ).group(1)
    assert re.findall(r'href="([^"]+)"', priorities) == [
        "/en/priorities/#origin-of-goods",
        "/en/priorities/#customs-procedures",
    ]
    # The section, then the numbered symposia linking to their pages, with their narrative.
    assert "<h2" in body and "Cooperation on Capacity Building between China-ASEAN Customs</h2>" in body
    assert (
        '<a href="/en/symposia/2003-kunming-kyoto-convention/">'
        "1. Symposium on Kyoto Convention (Kunming, December 2003)</a>" in body
    )
    assert "This meeting provided an opportunity to exchange experiences." in body
    assert "6. Symposium on Customs Automation Construction (Ningbo, October 2008)" in body
    assert body.index("1. Symposium on Kyoto") < body.index("6. Symposium on Customs Automation")


def test_briefing_in_chinese(client, content):
    body = html(client.get("/zh-hans/briefings/china-asean-customs-cooperation/"))
    assert '<a href="/zh-hans/agreements/framework-agreement-2002/">《全面经济合作框架协议》</a>' in body
    # Chinese numerals in full-width brackets, and no space after them.
    assert '<span class="marker">（二）</span>提出海关合作七个优先领域：' in body
    assert 'href="/zh-hans/priorities/#origin-of-goods">货物原产地判定</a>' in body
    assert "一、《京都公约》研讨会（昆明，2003年12月）" in body
    assert "此次会议为各成员提供了交流经验的机会。" in body


def test_agreement_not_named_in_the_lead_is_linked_after_it(client, content):
    briefing = content["briefing"]
    briefing.lead_en = "China started customs cooperation in 2003."
    briefing.save()
    body = html(client.get("/en/briefings/china-asean-customs-cooperation/"))
    assert (
        '<a href="/en/agreements/framework-agreement-2002/">'
        "Framework Agreement on Comprehensive Economic Co-operation</a>" in body
    )


def test_priorities_page_lists_instruments_and_symposia(client, content):
    body = html(client.get("/en/priorities/"))
    assert '<li id="origin-of-goods"' in body and '<li id="customs-procedures"' in body
    assert body.index('id="origin-of-goods"') < body.index('id="customs-procedures"')
    procedures = body[body.index('id="customs-procedures"') :]
    assert "Revised Kyoto Convention: International Convention on the Simplification" in procedures
    assert 'href="/en/symposia/2003-kunming-kyoto-convention/"' in procedures
    assert 'id="instrument-revised-kyoto-convention"' in body

    body = html(client.get("/zh-hans/priorities/"))
    assert "经修订的《京都公约》：《关于简化和协调海关制度的国际公约》" in body
    assert "《京都公约》研讨会（昆明，2003年12月）" in body


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_an_instrument_only_a_symposium_cites_is_on_every_page_that_cites_it(client, content, lang):
    link = f'href="/{lang}/priorities/#instrument-wco-safe-framework"'
    priorities = html(client.get(f"/{lang}/priorities/"))
    entry = priorities[priorities.index('id="instrument-wco-safe-framework"') :]
    assert f'href="/{lang}/symposia/2003-kunming-kyoto-convention/"' in entry
    assert link in html(client.get(f"/{lang}/symposia/2003-kunming-kyoto-convention/"))
    assert link in html(client.get(f"/{lang}/briefings/china-asean-customs-cooperation/"))


def test_home_shows_latest_briefings_and_the_series(client, content):
    body = html(client.get("/en/"))
    assert 'href="/en/briefings/china-asean-customs-cooperation/"' in body
    series = re.search(r"<table.*?</table>", body, re.S).group(0)
    assert re.search(r"<td[^>]*>2003</td>\s*<td[^>]*>Kunming</td>", series)
    assert "Revised Kyoto Convention</a>" in series
    assert '<td class="num">20</td>' in series
    assert "Promote Trade Facilitation News" in body

    body = html(client.get("/zh-hans/"))
    assert re.search(r"<td[^>]*>2003</td>\s*<td[^>]*>昆明</td>", body)
    assert "中国—东盟海关合作简介" in body


# --- symposia ---------------------------------------------------------------------------------


def test_symposium_page_shows_count_administrations_and_registration_counts(client, content):
    body = html(client.get("/en/symposia/2003-kunming-kyoto-convention/"))
    assert "20 delegates" in body
    assert "December 2003" in body
    assert "Revised Kyoto Convention" in body  # theme
    administrations = re.search(r'id="administrations-heading".*?</ul>', body, re.S).group(0)
    assert "General Department of Customs and Excise of Cambodia (Cambodia)" in administrations
    assert "Lao Customs Department (Laos)" in administrations
    others = re.search(r'id="others-heading".*?</ul>', body, re.S).group(0)
    # Who they sent reads after the name, never a sentence cut at "by".
    assert 'ASEAN Secretariat (Indonesia)<span class="meta">: designated experts</span>' in others
    registered = re.search(r'id="registered-heading".*?</table>', body, re.S).group(0)
    assert "4 attendees registered." in registered
    assert re.search(r"Cambodia \(Cambodia\)</th><td class=\"num\">2</td>", registered)
    assert re.search(r"Lao Customs Department \(Laos\)</th><td class=\"num\">1</td>", registered)
    assert re.search(r"No organization given</th><td class=\"num\">1</td>", registered)
    assert 'href="/en/priorities/#customs-procedures"' in body


def test_symposium_page_in_chinese(client, content):
    body = html(client.get("/zh-hans/symposia/2003-kunming-kyoto-convention/"))
    assert "20名代表" in body
    assert "2003年12月" in body
    assert "柬埔寨海关与消费税总局（柬埔寨）" in body
    assert "老挝海关总局（老挝" in body  # django-countries may say 老挝人民民主共和国
    assert "东盟秘书处（印度尼西亚）" in body
    assert "参会海关当局" in body


def test_symposium_without_reported_count_says_so(client, content):
    body = html(client.get("/en/symposia/2008-ningbo-customs-automation/"))
    assert "The organizers did not report the number of delegates." in body
    assert "delegates</dd>" not in body
    assert "They visited the control stations of Ningbo Customs District." in body
    assert 'id="registered-heading"' not in body
    body = html(client.get("/zh-hans/symposia/2008-ningbo-customs-automation/"))
    assert "主办方未公布代表人数。" in body


def test_symposium_list_shows_the_series(client, content):
    body = html(client.get("/en/symposia/"))
    assert "1. Symposium on Kyoto Convention" in body
    assert "20 delegates" in body
    assert body.index("Symposium on Kyoto") < body.index("Symposium on Customs Automation")
    body = html(client.get("/zh-hans/symposia/"))
    assert "20名代表" in body and "2008年10月" in body


# --- visibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("hide", ["draft", "future"])
def test_unpublished_content_is_not_found(client, content, hide):
    def hidden(obj):
        if hide == "draft":
            obj.status = PublishStatus.DRAFT
        else:
            obj.published_at = timezone.now() + datetime.timedelta(days=1)
        obj.save()

    for obj in (content["briefing"], content["agreement"], content["kunming"]):
        hidden(obj)
    paths = page_paths(content)
    for lang, _tag in LANGUAGES:
        for page in ("briefing", "agreement", "symposium"):
            assert client.get(f"/{lang}{paths[page]}").status_code == 404, (lang, page)
        assert "Symposium on Kyoto" not in html(client.get(f"/{lang}/symposia/"))
        assert "Briefing on China-ASEAN" not in html(client.get(f"/{lang}/"))
        assert "Symposium on Kyoto" not in html(client.get(f"/{lang}/priorities/"))


def test_hidden_symposium_is_left_out_of_a_published_briefing(client, content):
    content["ningbo"].status = PublishStatus.DRAFT
    content["ningbo"].save()
    body = html(client.get("/en/briefings/china-asean-customs-cooperation/"))
    assert "Symposium on Kyoto Convention (Kunming" in body
    assert "Customs Automation Construction" not in body


# --- root redirect and error pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("zh", "/zh-hans/"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("de, zh-CN;q=0.5", "/zh-hans/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, db, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


def test_not_found_page_speaks_chinese_under_the_chinese_prefix(client, content):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    body = html(response)
    assert '<html lang="zh-Hans">' in body
    assert "页面未找到" in body
    assert "当前位置" in body
    assert 'href="/en/"' in body  # the language switch falls back to the other home page
    assert "北京市建国门内大街6号" in body

    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in html(response)


@pytest.mark.parametrize(
    ("path", "tag", "text"),
    [("/zh-hans/briefings/x/", "zh-Hans", "服务器错误"), ("/en/briefings/x/", "en", "Server error")],
)
def test_server_error_page_needs_no_database(path, tag, text):
    # No `db` fixture: pytest-django makes any query here raise.
    request = RequestFactory().get(path)
    response = server_error(request)
    assert response.status_code == 500
    body = html(response)
    assert f'<html lang="{tag}">' in body
    assert text in body


def test_server_error_handler_is_wired_for_real_requests(db, monkeypatch):
    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr("newsroom.selectors.home_page", broken)
    response = Client(raise_request_exception=False).get("/zh-hans/")
    assert response.status_code == 500
    assert '<html lang="zh-Hans">' in html(response)
    assert "服务器错误" in html(response)


# --- footer --------------------------------------------------------------------------------------


def test_footer_comes_from_site_settings(client, content):
    body = html(client.get("/en/"))
    assert "No. 6 Jianguomennei Avenue, Beijing" in body
    assert "100730" in body and "010-65194114" in body and "京ICP备05066252号" in body

    site = SiteSettings.load()
    site.sponsor_en = "Sponsored by the Test Publisher."
    site.sponsor_zh_hans = "测试主办单位"
    site.address_zh_hans = "测试地址1号"
    site.telephone = "010-00000000"
    site.icp_number = "京ICP备00000000号"
    site.save()

    body = html(client.get("/en/briefings/china-asean-customs-cooperation/"))
    footer = re.search(r"<footer.*?</footer>", body, re.S).group(0)
    assert "Sponsored by the Test Publisher." in footer
    assert "010-00000000" in footer and "京ICP备00000000号" in footer
    assert "010-65194114" not in footer

    footer = re.search(r"<footer.*?</footer>", html(client.get("/zh-hans/symposia/")), re.S).group(0)
    assert "测试主办单位" in footer and "测试地址1号" in footer and "邮编：" in footer


# --- privacy: no attendee's personal data on any public page ---------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def crawl(client, start):
    """Every page reachable from `start` through on-site links, as {path: body}."""
    seen, queue, pages = set(), list(start), {}
    while queue:
        path = urldefrag(queue.pop())[0]
        if path in seen or not path.startswith("/") or path.startswith(("/static/", "/admin/")):
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        body = response.content.decode()
        pages[path] = body
        parser = _Links()
        parser.feed(body)
        queue.extend(urlsplit(href).path for href in parser.hrefs if not urlsplit(href).netloc)
    return pages


def test_no_attendee_personal_data_on_any_public_page(client, content):
    pages = crawl(client, ["/", "/en/", "/zh-hans/"])
    for lang, _tag in LANGUAGES:
        for path in page_paths(content).values():
            assert f"/{lang}{path}" in pages  # the crawl reached every page
    assert "/en/symposia/2003-kunming-kyoto-convention/" in pages
    for path, body in pages.items():
        for secret in ATTENDEE_SECRETS:
            assert secret not in body, (secret, path)
    # The counts are there: the page that must not name people does count them.
    assert "4 attendees registered." in pages["/en/symposia/2003-kunming-kyoto-convention/"]
