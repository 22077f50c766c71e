"""The seed as readers see it: every instrument the source cites is on the pages that cite it, and
the Chinese and English pages read as a newsroom would publish them (issue 12)."""

import html
import re

import pytest

from briefing.models import Instrument
from symposia.models import Symposium

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
