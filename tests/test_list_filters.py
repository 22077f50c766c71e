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
