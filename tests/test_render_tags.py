"""The simple tags that write the statistics page's chart and tables and the site map's lists
(symposia_charts, newsroom_site): escaped, translated, numbers as `{{ }}` writes them."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from newsroom.templatetags.newsroom_site import section_tree, site_map_symposia
from publishing.dates import DatePrecision
from symposia.statistics import chart
from symposia.templatetags.symposia_charts import (
    chart_numbers,
    chart_svg,
    participation_matrix,
)
from tests import factories as f

HOSTILE = "<script>alert(\"x\")</script> & 'Co'"
HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"


def symposium(year, city, reported, registered, title="Symposium", url="/en/symposia/s/"):
    return SimpleNamespace(
        year=year,
        city=city,
        title=title,
        delegates_reported=reported,
        registered=registered,
        get_absolute_url=lambda: url,
    )


@pytest.fixture
def two_symposia():
    # Axis top 20 (nice_ceiling(20)); plot 696 x 252 from (48, 24): two slots of 348.
    return [symposium(2003, "Kunming", 20, 0), symposium(2008, "Ningbo", None, 3)]


def test_chart_bars_ticks_and_labels(two_symposia):
    svg = str(chart_svg(chart(two_symposia)))
    assert svg.startswith('<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 760 340"')
    assert '<title id="chart-title">Delegates per symposium, by year</title>' in svg
    ticks = re.findall(r'<text x="42" y="([\d.]+)" text-anchor="end"[^>]*>(\d+)</text>', svg)
    assert ticks == [
        ("276.0", "0"),
        ("225.6", "4"),
        ("175.2", "8"),
        ("124.8", "12"),
        ("74.4", "16"),
        ("24.0", "20"),
    ]
    # Kunming: reported 20 (full height) left of the centre 222.0, nothing registered.
    assert '<rect x="193.0" y="24.0" width="28.0" height="252.0" fill="#8b1a1a"/>' in svg
    assert '<text x="207.0" y="19.0" text-anchor="middle" font-size="12" fill="#1d1d1f">20</text>' in svg
    # Ningbo: not reported, 3 registered right of the centre 570.0.
    assert (
        '<text x="570.0" y="270" text-anchor="middle" font-size="11" fill="#4a4f5a">not reported</text>'
        in svg
    )
    assert '<rect x="571.0" y="238.2" width="28.0" height="37.8" fill="#1f3f7a"/>' in svg
    assert '<text x="585.0" y="233.2" text-anchor="middle" font-size="12" fill="#1d1d1f">3</text>' in svg
    assert svg.count("<rect ") == 2
    assert '<text x="570.0" y="296" text-anchor="middle" font-size="13" fill="#1d1d1f">2008</text>' in svg
    assert '<text x="570.0" y="314" text-anchor="middle" font-size="12" fill="#4a4f5a">Ningbo</text>' in svg
    assert '<line x1="48" x2="744" y1="276" y2="276" stroke="#1d1d1f"/>' in svg
    assert svg.endswith("</svg>")


def test_chart_escapes_the_city_in_labels_and_description():
    svg = str(chart_svg(chart([symposium(2005, 'Ci<t>y & "Q"', 41, 0)])))
    assert "<t>" not in svg
    assert svg.count("Ci&lt;t&gt;y &amp; &quot;Q&quot;") == 2  # the label under the bars, the <desc>


def test_chart_and_numbers_in_chinese(two_symposia):
    with translation.override("zh-hans"):
        svg = str(chart_svg(chart(two_symposia)))
        numbers = str(chart_numbers(two_symposia))
    assert '<title id="chart-title">各届研讨会代表人数（按年份）</title>' in svg
    assert ">未公布</text>" in svg
    assert '<td class="num">未公布</td>' in numbers
    assert '<td class="num">未录入名单</td>' in numbers


def test_numbers_table_rows(two_symposia):
    two_symposia[0].title = HOSTILE
    rows = re.findall(r"<tr>(.*?)</tr>", str(chart_numbers(two_symposia)), re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
    assert cells == [
        ["2003", f'<a href="/en/symposia/s/">{HOSTILE_ESCAPED}</a>', "Kunming", "20", "no list recorded"],
        ["2008", '<a href="/en/symposia/s/">Symposium</a>', "Ningbo", "not reported", "3"],
    ]
    assert '<th scope="row"><a href=' in rows[0]


@pytest.fixture
def matrix(db):
    hostile = f.OrganizationFactory(name_en=HOSTILE, name_zh_hans=HOSTILE, country="KH")
    laos = f.OrganizationFactory(name_en="Lao Customs", name_zh_hans="老挝海关", country="LA")
    symposia = [SimpleNamespace(title='Kyoto "2003"', year=2003), SimpleNamespace(title="Ningbo", year=2008)]
    rows = [
        {"organization": hostile, "cells": [True, False]},
        {"organization": laos, "cells": [True, True]},
    ]
    return symposia, rows, [2, 1]


def test_matrix_escapes_organization_names_and_titles(matrix):
    html = str(participation_matrix(*matrix))
    assert "<script>" not in html
    assert f'<th scope="row">{HOSTILE_ESCAPED} (Cambodia)</th>' in html
    assert '<th scope="col" class="num"><abbr title="Kyoto &quot;2003&quot;">2003</abbr></th>' in html
    # Asked again, the same.
    assert str(participation_matrix(*matrix)) == html


def test_matrix_cells_and_totals(matrix):
    html = str(participation_matrix(*matrix))
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    marks = [
        re.findall(r'<span aria-hidden="true">(.)</span><span class="visually-hidden">([^<]+)<', r)
        for r in rows
    ]
    assert marks == [
        [("●", "took part"), ("–", "did not take part")],
        [("●", "took part"), ("●", "took part")],
    ]
    footer = re.search(r"<tfoot>(.*)</tfoot>", html, re.S).group(1)
    assert '<th scope="row">Administrations named</th>' in footer
    assert re.findall(r'<td class="num">(\d+)</td>', footer) == ["2", "1"]


def test_matrix_in_chinese(matrix):
    with translation.override("zh-hans"):
        html = str(participation_matrix(*matrix))
    assert '<th scope="col">海关当局</th>' in html
    assert '<th scope="row">老挝海关（老挝）</th>' in html
    assert '<span class="visually-hidden">参加</span>' in html
    assert '<span class="visually-hidden">未参加</span>' in html
    assert '<th scope="row">海关当局数</th>' in html
    assert "took part" not in html


def section(title, briefings=(), children=()):
    return SimpleNamespace(title=title, site_map_briefings=list(briefings), child_sections=list(children))


def briefing(title, slug):
    return SimpleNamespace(title=title, get_absolute_url=lambda: f"/en/briefings/{slug}/")


def test_site_map_section_tree_nests_and_escapes():
    tree = [
        section(
            "Newsroom",
            children=[
                section("Empty"),
                section(HOSTILE, briefings=[briefing("A & B <i>", "a-b"), briefing("C", "c")]),
            ],
        ),
        section("Other"),
    ]
    html = re.sub(r"\s+", " ", str(section_tree(tree))).strip()
    assert html == (
        "<li>Newsroom <ul> <li>Empty</li> "
        f"<li>{HOSTILE_ESCAPED} <ul>"
        ' <li><a href="/en/briefings/a-b/">A &amp; B &lt;i&gt;</a></li>'
        ' <li><a href="/en/briefings/c/">C</a></li> </ul></li> </ul></li>'
        " <li>Other</li>"
    )


@pytest.mark.django_db
def test_site_map_symposia_labels_in_both_languages():
    item = f.SymposiumFactory(
        slug="kyoto",
        title_en="Kyoto <Convention>",
        title_zh_hans="《京都公约》研讨会",
        city_en="Kunming",
        city_zh_hans="昆明",
        date=datetime.date(2003, 12, 1),
        date_precision=DatePrecision.MONTH,
    )
    english = str(site_map_symposia([item]))
    link = '<a href="/en/symposia/kyoto/">Kyoto &lt;Convention&gt; (Kunming, December 2003)</a>'
    assert english == f"\n    <li>{link}</li>"
    with translation.override("zh-hans"):
        chinese = str(site_map_symposia([item]))
    assert (
        chinese
        == '\n    <li><a href="/zh-hans/symposia/kyoto/">《京都公约》研讨会（昆明，2003年12月）</a></li>'
    )
