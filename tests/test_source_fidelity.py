"""The seed as readers see it: every instrument the source cites is on the pages that cite it, and
the Chinese and English pages read as a newsroom would publish them (issue 12)."""

import html
import re

import pytest
from django.utils import translation

from briefing.models import Instrument
from symposia.models import Organization, Symposium

pytestmark = pytest.mark.django_db

BRIEFING = "/{lang}/briefings/china-asean-customs-cooperation/"
# White space next to these tags is not rendered as a space (they start a block or a list item).
BLOCK_TAG_SPACE = re.compile(
    r"\s*(</?(?:ol|ul|li|p|div|h[1-6]|section|article|header|footer|nav|main|dl|dt|dd|table|tr|td|th)\b[^>]*>)\s*"
)


def text_of(response):
    """The page's text as a reader reads it: tags dropped (an inline tag adds no space), runs of
    white space one space."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", page)).split())


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_instrument_in_the_seed_is_shown_where_it_is_cited(client, seed, lang):
    field = "short_name_en" if lang == "en" else "short_name_zh_hans"
    priorities_page = text_of(client.get(f"/{lang}/priorities/"))
    briefing_page = client.get(BRIEFING.format(lang=lang)).content.decode()
    for instrument in Instrument.objects.all():
        name = getattr(instrument, field)
        assert name in priorities_page, name
        cited_by = list(instrument.symposia.all()) + list(instrument.priorities.all())
        assert cited_by, f"{name} is cited nowhere"
        for symposium in instrument.symposia.all():
            page = client.get(f"/{lang}/symposia/{symposium.slug}/").content.decode()
            assert f'href="/{lang}/priorities/#instrument-{instrument.slug}"' in page
            assert f'href="/{lang}/priorities/#instrument-{instrument.slug}"' in briefing_page


def test_the_safe_framework_and_the_wto_agreement_are_cited_by_their_symposia(client, seed):
    cited = {i.slug: sorted(i.symposia.values_list("ordinal", flat=True)) for i in Instrument.objects.all()}
    assert cited["wco-safe-framework"] == [4, 5]
    assert cited["wto-agreement-on-rules-of-origin"] == [2]
    page = text_of(client.get("/zh-hans/symposia/2007-dalian-safe-framework/"))
    assert "研讨会涉及的国际文书 《标准框架》" in page
    xiamen = Symposium.objects.get(ordinal=2)
    page = text_of(client.get(f"/en/symposia/{xiamen.slug}/"))
    assert "International instruments discussed WTO Agreement on Rules of Origin" in page


# The briefing's order of the administrations (ASEAN's own order, then China), in both languages.
BRIEFING_ORDER = [
    "brunei-customs",
    "cambodia-customs",
    "laos-customs",
    "malaysia-customs",
    "myanmar-customs",
    "philippines-customs",
    "singapore-customs",
    "thailand-customs",
    "vietnam-customs",
    "china-customs",
]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_statistics_rows_follow_the_briefings_order_not_character_codes(client, seed, lang):
    body = client.get(f"/{lang}/symposia/statistics/").content.decode()
    rows = re.findall(r'<th scope="row">(.*?)</th>', body, re.S)
    field = "name_en" if lang == "en" else "name_zh_hans"
    names = [getattr(o, field) for o in Organization.objects.filter(slug__in=BRIEFING_ORDER)]
    shown = [name for row in rows for name in names if name in row]
    expected = [getattr(Organization.objects.get(slug=slug), field) for slug in BRIEFING_ORDER]
    assert shown == [name for name in expected if name in shown]
    if lang == "zh-hans":
        # By character code 中华人民共和国海关总署 would come first and 文莱 before 柬埔寨 and 新加坡.
        assert shown[0].startswith("文莱") and shown[-1] == "中华人民共和国海关总署"


def test_organizations_default_to_the_briefings_order(seed):
    with translation.override("zh-hans"):
        slugs = [o.slug for o in Organization.objects.filter(slug__in=BRIEFING_ORDER)]
    assert slugs == BRIEFING_ORDER


def test_a_new_organization_comes_after_the_ordered_ones(seed):
    Organization.objects.create(name_en="Aardvark Customs", name_zh_hans="阿尔德海关", slug="aardvark")
    assert Organization.objects.last().slug == "aardvark"


PUBLIC_PATHS = [
    "/",
    "/briefings/china-asean-customs-cooperation/",
    "/agreements/framework-agreement-2002/",
    "/priorities/",
    "/symposia/",
    "/symposia/2003-kunming-kyoto-convention/",
    "/symposia/2008-ningbo-customs-automation/",
    "/feedback/",
    "/sitemap/",
    "/search/?q=海关",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_chinese_pages_read_as_chinese(client, seed, path):
    response = client.get(f"/zh-hans{path}")
    assert response.status_code == 200
    page = BLOCK_TAG_SPACE.sub(r"\1", response.content.decode())
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]*>", "", page))
    # Nothing after a full-width colon or a list marker but the next word (地址：北京…, （一）建立…).
    assert not re.findall(r"：\s+\S", text)
    assert not re.findall(r"（[一二三四五六七八九十]+）\s", text)
    # Nor a space before full-width punctuation (姓名（必填）, not 姓名 （必填）).
    assert not re.findall(r"\S[ \t]+[（），。：；！？]", text)
    # Half-width result markers and "1. " headings are English typography.
    assert not re.search(r"\(\d+\)|(^|\s)\d+\. ", text)
    # 简介 is the briefing's own title, not the name of a kind of item.
    assert text.count("简介") == text.count("中国—东盟海关合作简介")
    for phrase in ("服务于该领域", "服务的海关合作", "系列研讨会第", "最新的在前", "（秘书处）（"):
        assert phrase not in text, phrase


def test_the_chinese_briefing_counts_in_chinese(client, seed):
    text = text_of(client.get(BRIEFING.format(lang="zh-hans")))
    assert "（一）建立了定期的部长级磋商机制" in text
    assert "（二）加快了中国—东盟自由贸易区原产地规则谈判进程，有力推动了自由贸易区的建设。" in text
    assert "一、《京都公约》研讨会（昆明，2003年12月）" in text
    assert "六、海关信息化建设研讨会（宁波，2008年10月）" in text
    symposium = text_of(client.get("/zh-hans/symposia/2008-ningbo-customs-automation/"))
    assert "第六届研讨会" in symposium
    assert "涉及的海关合作优先领域" in symposium
    footer = text_of(client.get("/zh-hans/"))
    assert "地址：北京市建国门内大街6号 邮编：100730 电话：010-65194114" in footer
    assert "最新通报" in footer


def test_chinese_feeds_and_admin_name_the_content_type_通报(client, seed):
    body = client.get("/zh-hans/").content.decode()
    assert "通报（RSS）" in body or "通报" in body
    with translation.override("zh-hans"):
        from briefing.models import Briefing

        assert str(Briefing._meta.verbose_name) == "通报"
        assert str(Briefing._meta.verbose_name_plural) == "通报"


ENGLISH_DAY_FIRST = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
)
UK_SPELLINGS = re.compile(
    r"\b\w*(organis|authoris|programme|harmonis|recognis|centre\b|colour|behaviour)", re.IGNORECASE
)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_english_pages_use_one_spelling_and_one_date_style(client, seed, path):
    text = text_of(client.get(f"/en{path}"))
    assert not ENGLISH_DAY_FIRST.search(text)
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec)\. \d", text)
    assert not UK_SPELLINGS.search(text), UK_SPELLINGS.search(text)
    assert "designated by (" not in text and not re.search(r"designated by\s*$", text)
    assert ") (" not in text  # no doubled brackets: "World Customs Organization (WCO Secretariat) (Belgium)"


def test_participants_read_after_their_names_in_both_languages(client, seed):
    en = text_of(client.get("/en/symposia/2003-kunming-kyoto-convention/"))
    assert "ASEAN Secretariat (Indonesia): designated experts" in en
    assert "WCO Secretariat (Belgium): designated experts" in en
    zh = text_of(client.get("/zh-hans/symposia/2003-kunming-kyoto-convention/"))
    assert "东盟秘书处（印度尼西亚）：派出的专家" in zh
    assert "世界海关组织秘书处（比利时）：派出的专家" in zh


def test_the_briefing_gives_its_date_as_the_source_writes_dates(client, seed):
    assert "Published: January 5, 2009" in text_of(client.get(BRIEFING.format(lang="en")))
    assert "发布日期：2009年1月5日" in text_of(client.get(BRIEFING.format(lang="zh-hans")))


def test_registered_countries_with_equal_counts_keep_one_order_in_both_languages(client, seed):
    from tests import factories as f

    ningbo = Symposium.objects.get(ordinal=6)
    for code in ("SG", "KH", "CN", "BN"):
        f.AttendeeFactory(symposium=ningbo, organization=None, country=code)
    page = client.get(f"/zh-hans/symposia/{ningbo.slug}/").content.decode()
    table = page[page.index('class="data-table registered-by-country"') :]
    rows = re.findall(r'<th scope="row">(.*?)</th>', table)[:4]
    # By character code it would be 中国, 文莱, 新加坡, 柬埔寨.
    assert rows == ["中国", "文莱", "柬埔寨", "新加坡"]
