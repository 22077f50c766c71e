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


def text_of(response):
    """The page's visible text, whitespace collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", page)).split())


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
