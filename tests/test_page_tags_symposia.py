"""The tags that write the repeated items of the priorities page, the symposia list and a
symposium's page (symposia_pages): escaped, translated, plural forms, empty lists, and
items that follow the data and the language."""

import datetime

import pytest
from django.utils import translation
from django_countries.fields import Country

from publishing.dates import DatePrecision
from symposia.templatetags.symposia_pages import (
    instrument_entries,
    participant_items,
    priority_items,
    priority_links,
    registered_country_rows,
    registered_organization_rows,
    symposium_facts,
    symposium_items,
)
from tests import factories as f

HOSTILE = "<script>alert(\"x\")</script> & 'Co'"
HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"

pytestmark = pytest.mark.django_db


@pytest.fixture
def symposium():
    return f.SymposiumFactory(
        slug="2008-ningbo",
        ordinal=6,
        title_en="Symposium on " + HOSTILE,
        title_zh_hans="海关自动化研讨会",
        city_en="Ningbo",
        city_zh_hans="宁波",
        theme_en="Automation " + HOSTILE,
        theme_zh_hans="海关自动化",
        date=datetime.date(2008, 10, 1),
        date_precision=DatePrecision.MONTH,
        delegates_reported=1,
    )


def priority_with(instruments=(), symposia=(), **fields):
    priority = f.PriorityFactory(**fields)
    priority.instrument_list = list(instruments)
    priority.symposium_list = list(symposia)
    return priority


def test_priority_items_escape_and_link_instruments_and_symposia(symposium):
    instrument = f.InstrumentFactory(slug="kyoto", short_name_en="Kyoto", name_en="Kyoto " + HOSTILE)
    priority = priority_with(
        [instrument],
        [symposium],
        slug="trade-facilitation",
        short_title_en=HOSTILE,
        description_en=HOSTILE + "\n\nSecond\nline",
    )
    html = str(priority_items([priority]))
    assert '<li id="trade-facilitation" class="priority">' in html
    assert f"<h2>{HOSTILE_ESCAPED}</h2>" in html
    assert f"<p>{HOSTILE_ESCAPED}</p>\n\n<p>Second<br>line</p>" in html
    assert "<h3>International instruments</h3>" in html
    assert f'<li><a href="#instrument-kyoto">Kyoto: Kyoto {HOSTILE_ESCAPED}</a></li>' in html
    assert "<h3>Symposia that served this priority</h3>" in html
    assert (
        f'<li><a href="/en/symposia/2008-ningbo/">Symposium on {HOSTILE_ESCAPED} '
        "(Ningbo, October 2008)</a></li>" in html
    )
    assert "<script>" not in html and html.count("<li") == 3 and html.endswith("</li>")


def test_priority_items_without_instruments_or_symposia_have_no_headings():
    html = str(priority_items([priority_with(description_en="", description_zh_hans="")]))
    assert "<h3>" not in html and "<ul>" not in html
    assert "<p></p>" in html  # as `{{ ""|linebreaks }}` writes it
    assert priority_items([]) == ""


def test_priority_items_in_chinese(symposium):
    priority = priority_with([f.InstrumentFactory()], [symposium], short_title_zh_hans="贸易便利化")
    with translation.override("zh-hans"):
        html = str(priority_items([priority]))
    assert "<h2>贸易便利化</h2>" in html
    assert "<h3>国际文书</h3>" in html and "<h3>服务于该领域的研讨会</h3>" in html
    assert '<a href="/zh-hans/symposia/2008-ningbo/">海关自动化研讨会（宁波，2008年10月）</a>' in html


def test_instrument_entries_issuer_and_description_only_when_known():
    known = f.InstrumentFactory(
        slug="kyoto",
        short_name_en="Kyoto " + HOSTILE,
        issuer_en=HOSTILE,
        description_en="One\n\nTwo",
    )
    unknown = f.InstrumentFactory(
        slug="other", issuer_en="", issuer_zh_hans="", description_en="", description_zh_hans=""
    )
    html = str(instrument_entries([known, unknown]))
    assert f'<dt id="instrument-kyoto">Kyoto {HOSTILE_ESCAPED}</dt>' in html
    assert f'<p class="meta">Issued by: {HOSTILE_ESCAPED}</p>' in html
    assert "<p>One</p>\n\n<p>Two</p>" in html
    other = html[html.index('id="instrument-other"') :]
    assert 'class="meta"' not in other and other.count("<p>") == 1
    with translation.override("zh-hans"):
        html = str(instrument_entries([f.InstrumentFactory()]))
    assert '<p class="meta">发布机构： 世界海关组织</p>' in html
    assert instrument_entries([]) == ""


def test_symposium_items_write_city_month_delegates_and_theme(symposium):
    unreported = f.SymposiumFactory(slug="2004-xiamen", delegates_reported=None)
    html = str(symposium_items([symposium, unreported]))
    assert f'<h2><a href="/en/symposia/2008-ningbo/">6. Symposium on {HOSTILE_ESCAPED}</a></h2>' in html
    assert '<p class="meta">Ningbo · <time datetime="2008-10">October 2008</time> · 1 delegate</p>' in html
    assert f"<p>Theme: Automation {HOSTILE_ESCAPED}</p>" in html
    assert "· number of delegates not reported</p>" in html
    with translation.override("zh-hans"):
        html = str(symposium_items([symposium, unreported]))
    assert '<p class="meta">宁波 · <time datetime="2008-10">2008年10月</time> · 1名代表</p>' in html
    assert "<p>主题： 海关自动化</p>" in html and "未公布代表人数" in html
    assert symposium_items([]) == ""


def test_participant_items_label_the_country_and_escape_the_note(symposium):
    organization = f.OrganizationFactory(name_en=HOSTILE, name_zh_hans="越南海关总局", country="VN")
    noted = f.ParticipationFactory(symposium=symposium, organization=organization, note_en=HOSTILE)
    plain = f.ParticipationFactory(symposium=symposium, note_en="")
    html = str(participant_items([noted, plain]))
    assert f'<li>{HOSTILE_ESCAPED} (Vietnam) <span class="meta">{HOSTILE_ESCAPED}</span></li>' in html
    assert f"<li>{plain.organization.name_en} (Cambodia)</li>" in html
    with translation.override("zh-hans"):
        assert "<li>越南海关总局（越南）" in str(participant_items([noted]))
    assert participant_items([]) == ""


def test_priority_links_escape_titles():
    priority = f.PriorityFactory(slug="transparency", short_title_en=HOSTILE)
    html = str(priority_links([priority]))
    assert html == f'\n      <li><a href="/en/priorities/#transparency">{HOSTILE_ESCAPED}</a></li>'
    assert priority_links([]) == ""


def test_registered_rows_by_organization_and_country():
    organization = f.OrganizationFactory(name_en=HOSTILE, name_zh_hans="老挝海关厅", country="LA")
    organization.registered = 3
    html = str(registered_organization_rows([organization], 2))
    assert f'<tr><th scope="row">{HOSTILE_ESCAPED} (Laos)</th><td class="num">3</td></tr>' in html
    assert '<tr><th scope="row">No organization given</th><td class="num">2</td></tr>' in html
    assert "No organization given" not in str(registered_organization_rows([organization], 0))
    rows = [{"country": Country("VN"), "registered": 4}, {"country": None, "registered": 1}]
    html = str(registered_country_rows(rows))
    assert '<th scope="row">Vietnam</th><td class="num">4</td>' in html
    assert '<th scope="row">No country given</th><td class="num">1</td>' in html
    with translation.override("zh-hans"):
        assert '<th scope="row">越南</th>' in str(registered_country_rows(rows))
        assert '<th scope="row">未填写国家或地区</th>' in str(registered_country_rows(rows))
        assert '<th scope="row">未填写机构</th>' in str(registered_organization_rows([], 2))
    assert registered_country_rows([]) == "" and registered_organization_rows([], 0) == ""


def test_symposium_facts_plural_forms_and_optional_lines(symposium):
    html = str(symposium_facts(symposium, 1))
    assert f"<dt>Theme</dt><dd>Automation {HOSTILE_ESCAPED}</dd>" in html
    assert "<dt>City</dt><dd>Ningbo</dd>" in html
    assert '<dt>Date</dt><dd><time datetime="2008-10">October 2008</time></dd>' in html
    assert '<dd class="delegates">1 delegate</dd>' in html
    assert (
        '<a href="#registered-heading">1 attendee in the registration lists, '
        "by country and administration below</a>" in html
    )
    assert "Who attended" not in html
    assert "12 attendees in the registration lists" in str(symposium_facts(symposium, 12))
    symposium.delegates_reported = None
    symposium.participants_summary_en = HOSTILE
    html = str(symposium_facts(symposium, 0))
    assert "The organisers did not report the number of delegates." in html
    assert "Registered" not in html
    assert f"<dt>Who attended</dt><dd>{HOSTILE_ESCAPED}</dd>" in html


def test_symposium_facts_in_chinese(symposium):
    with translation.override("zh-hans"):
        html = str(symposium_facts(symposium, 6))
    assert "<dt>主题</dt><dd>海关自动化</dd>" in html and "<dt>城市</dt><dd>宁波</dd>" in html
    assert '<dd class="delegates">1名代表</dd>' in html
    assert "<dt>已登记</dt>" in html and "登记名单中有6名参会人员，下文按国家和海关当局分列" in html


def test_items_follow_changes_and_the_language(symposium):
    assert "Symposium on" in str(symposium_items([symposium]))
    symposium.title_en = "Renamed"
    assert "6. Renamed</a>" in str(symposium_items([symposium]))
    with translation.override("zh-hans"):
        assert "6. 海关自动化研讨会</a>" in str(symposium_items([symposium]))
    assert "6. Renamed</a>" in str(symposium_items([symposium]))
