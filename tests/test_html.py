"""briefing/html.py gives exactly what Django's own escaping and formatting give."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from briefing.html import escape, html, html_join, number_writer

VALUES = [
    "plain",
    "<script>alert('x') & \"y\"</script>",
    mark_safe("<b>already safe</b>"),
    gettext_lazy("Home"),
    12,
    3.5,
    None,
    "海关 & 合作",
]


@pytest.mark.parametrize("value", VALUES)
def test_escape_is_conditional_escape(value):
    assert escape(value) == conditional_escape(value)


def test_html_is_format_html():
    pattern = '<a href="{}" title="{title}">{}</a>'
    args = ("/en/?a=1&b=<2>", "<i>x</i>")
    assert html(pattern, *args, title="'quoted'") == format_html(pattern, *args, title="'quoted'")
    assert isinstance(html(pattern, *args, title="t"), SafeString)


def test_html_join_is_format_html_join():
    rows = [(value, value) for value in VALUES]
    assert html_join("<li>{}|{}</li>", rows) == format_html_join("", "<li>{}|{}</li>", rows)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("grouping", [False, True])
def test_numbers_as_the_template_writes_them(language, grouping):
    template = Template("{{ value }}")
    with override_settings(USE_THOUSAND_SEPARATOR=grouping), translation.override(language):
        number = number_writer()
        for value in (0, 7, 1234567, -3, -6, 154.3, 2.5, 276.0, 37.8):
            assert number(value) == template.render(Context({"value": value})), value


@pytest.mark.parametrize(
    "text",
    [
        "One line",
        "First paragraph.\n\nSecond <b>paragraph</b> & more.\nA second line.",
        "Windows\r\nline\r\n\r\nbreaks\rand old Mac ones",
        "\n\nLeading and trailing blank lines\n\n\n",
        "",
        mark_safe("<em>Safe</em>\n\nkept as it is"),
        "海关合作\n\n中国—东盟",
    ],
)
def test_paragraphs_is_the_linebreaks_filter(text):
    from django.template.defaultfilters import linebreaks_filter

    from briefing.html import paragraphs

    assert paragraphs(text) == linebreaks_filter(text)
