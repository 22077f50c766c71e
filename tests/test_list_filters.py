"""The filters that write the repeated lines of the public lists (briefing/templatetags/newsroom.py):
the same message as the {% blocktranslate %} they replace, in each language, values escaped."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import InstrumentFactory, SymposiumFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load newsroom %}" + source).render(Context(context))


def test_symposium_lines_in_english_and_chinese():
    symposium = SymposiumFactory(ordinal=3, title_en="Risk <Management>", title_zh_hans="风险管理研讨会")
    assert render("{{ s|symposium_heading }}", s=symposium) == (
        "3. Risk &lt;Management&gt; (Kunming, December 2003)"
    )
    label = render("{{ s|symposium_label }}", s=symposium)
    assert label == "Risk &lt;Management&gt; (Kunming, December 2003)"
    assert render("{{ s|symposium_numbered_title }}", s=symposium) == "3. Risk &lt;Management&gt;"
    with translation.override("zh-hans"):
        assert render("{{ s|symposium_heading }}", s=symposium) == "3. 风险管理研讨会（昆明，2003年12月）"
        assert render("{{ s|symposium_label }}", s=symposium) == "风险管理研讨会（昆明，2003年12月）"


def test_delegates_count_is_plural_aware():
    assert render("{{ n|delegates_count }}", n=1) == "1 delegate"
    assert render("{{ n|delegates_count }}", n=20) == "20 delegates"
    with translation.override("zh-hans"):
        assert render("{{ n|delegates_count }}", n=20) == "20名代表"


def test_instrument_label_names_the_short_name_only_when_it_differs():
    kyoto = InstrumentFactory(short_name_en="Kyoto Convention", name_en="International Convention & Co")
    label = render("{{ i|instrument_label }}", i=kyoto)
    assert label == "Kyoto Convention: International Convention &amp; Co"
    same = InstrumentFactory(short_name_en="SAFE", name_en="SAFE")
    assert render("{{ i|instrument_label }}", i=same) == "SAFE"


ALTERNATES = [
    {
        "code": "en",
        "tag": "en",
        "name_local": "English",
        "path": "/en/x/?q=a&b",
        "url": "http://t/en/x/?q=a&b",
        "is_current": False,
    },
    {
        "code": "zh-hans",
        "tag": "zh-Hans",
        "name_local": "简体中文",
        "path": "/zh-hans/x/",
        "url": "http://t/zh-hans/x/",
        "is_current": True,
    },
]


def test_hreflang_links_name_each_language_then_x_default():
    html = render("{% hreflang_links alternates %}", alternates=ALTERNATES)
    assert html == (
        '\n  <link rel="alternate" hreflang="en" href="http://t/en/x/?q=a&amp;b">'
        '\n  <link rel="alternate" hreflang="zh-Hans" href="http://t/zh-hans/x/">'
        '\n  <link rel="alternate" hreflang="x-default" href="http://t/en/x/?q=a&amp;b">'
    )


def test_language_switch_marks_the_current_language_and_links_the_others():
    html = render("{% language_switch alternates %}", alternates=ALTERNATES)
    assert html.startswith('<nav class="language-switch" aria-label="Language">')
    assert '<a href="/en/x/?q=a&amp;b" hreflang="en" lang="en" rel="alternate">English</a>' in html
    assert '<span aria-current="true" lang="zh-Hans">简体中文</span>' in html
    assert html.count("<li>") == 2
    with translation.override("zh-hans"):
        assert 'aria-label="语言"' in render("{% language_switch alternates %}", alternates=ALTERNATES)


def test_breadcrumb_links_all_but_the_current_page_and_escapes_labels():
    crumbs = [
        {"label": "Home", "url": "/en/"},
        {"label": "Section <b>", "url": None},
        {"label": "Page & co", "url": None},
    ]
    html = render("{% breadcrumb crumbs %}", crumbs=crumbs)
    assert (
        '\n    <li><a href="/en/">Home</a></li>'
        "\n    <li>Section &lt;b&gt;</li>"
        '\n    <li><span aria-current="page">Page &amp; co</span></li>'
    ) in html
    assert '<span id="breadcrumb-label" class="breadcrumb__label">Current location:</span>' in html
    assert render("{% breadcrumb crumbs %}", crumbs=[]) == ""


def test_country_names_in_each_language():
    from django_countries.fields import Country

    from newsroom.templatetags.newsroom import country_name

    laos = Country("LA")
    assert country_name(laos) == "Laos" == laos.name
    with translation.override("zh-hans"):
        assert country_name(laos) == "老挝" == laos.name
    assert country_name(Country("KH")) == "Cambodia"
