"""The tags that write the home and briefing pages' loops (briefing/templatetags/newsroom_pages.py):
the same markup as the template loops they replace, hostile text escaped, Chinese labels,
nothing for empty lists, and pieces that follow the language and the content."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from briefing.templatetags.newsroom_pages import (
    briefing_lead,
    briefing_results,
    briefing_sections,
    latest_briefing_items,
    published_time,
    symposium_rows,
)
from publishing.dates import DatePrecision, format_partial_date

HOSTILE = "<script>alert(\"x\")</script> & 'Co'"
HOSTILE_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;"
PUBLISHED = datetime.datetime(2009, 1, 5, 1, 0, tzinfo=datetime.UTC)  # 09:00 in Beijing

# The template loops the tags replace, as the pages had them (long lines kept as they were).
RESULTS = """{% for result in results %}
    <li><span class="marker">({{ forloop.counter }})</span> {{ result.text }}
      {% if result.lists_priorities and priorities %}
      <ol class="priority-list">{% for priority in priorities %}
        <li><a href="{{ priority.get_absolute_url }}">{{ priority.short_title }}</a></li>{% endfor %}
      </ol>
      {% endif %}
    </li>{% endfor %}"""
SECTIONS = """{% load newsroom %}{% for part in body_sections %}
  <section class="briefing-section" aria-labelledby="part-{{ part.pk }}">
    <h2 id="part-{{ part.pk }}">{{ part.heading }}</h2>
    {{ part.body|linebreaks }}
    {% if part.lists_symposia %}{% for symposium in symposia %}
    <section class="symposium-summary" aria-labelledby="symposium-{{ symposium.slug }}">
      <h3 id="symposium-{{ symposium.slug }}"><a href="{{ symposium.get_absolute_url }}">{{ symposium|symposium_heading }}</a></h3>
      {{ symposium.narrative|linebreaks }}
    </section>{% endfor %}{% endif %}
  </section>
  {% endfor %}"""  # noqa: E501
LEAD = """{% load i18n newsroom %}<div class="lead">{{ briefing.lead|link_titles:agreements|linebreaks }}</div>
  {% with unlinked=agreements|not_mentioned_in:briefing.lead %}{% if unlinked %}
  <p class="related">{% translate "Agreement:" %} {% for agreement in unlinked %}<a href="{{ agreement.get_absolute_url }}">{{ agreement.title }}</a>{% if not forloop.last %}; {% endif %}{% endfor %}</p>
  {% endif %}{% endwith %}"""  # noqa: E501
LATEST = """{% for briefing in latest_briefings %}
    <li>
      <a href="{{ briefing.get_absolute_url }}">{{ briefing.title }}</a>
      <span class="meta">{{ briefing.section.title }} · <time datetime="{{ briefing.published_at|date:'c' }}">{{ briefing.published_at|date:"DATE_FORMAT" }}</time></span>
    </li>{% endfor %}"""  # noqa: E501
ROWS = """{% load i18n %}{% for symposium in symposia %}
      <tr>
        <td>{{ symposium.year }}</td>
        <td>{{ symposium.city }}</td>
        <th scope="row"><a href="{{ symposium.get_absolute_url }}">{{ symposium.theme }}</a></th>
        <td class="num">{% if symposium.delegates_reported is not None %}{{ symposium.delegates_reported }}{% else %}<span title="{% translate 'not reported' %}">{% translate "n/a" %}</span>{% endif %}</td>
      </tr>{% endfor %}"""  # noqa: E501


def squeeze(html):
    """Whitespace between tags dropped, other runs of whitespace made one space."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def render(source, **context):
    return Template(source).render(Context(context))


def item(url, **fields):
    return SimpleNamespace(get_absolute_url=lambda: url, **fields)


class Symposium(SimpleNamespace):
    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    def get_absolute_url(self):
        return f"/en/symposia/{self.ordinal}/"


def symposium(ordinal, title, city, narrative="Some text.", delegates=20, year=2003):
    return Symposium(
        ordinal=ordinal,
        slug=f"s-{ordinal}",
        title=title,
        city=city,
        theme=f"Theme {title}",
        narrative=narrative,
        date=datetime.date(year, 12, 1),
        date_precision=DatePrecision.MONTH,
        year=year,
        delegates_reported=delegates,
    )


@pytest.fixture
def priorities():
    return [
        item("/en/priorities/#origin", short_title="Origin " + HOSTILE),
        item("/en/priorities/#trade", short_title="Trade facilitation"),
    ]


@pytest.fixture
def results():
    return [
        SimpleNamespace(text="Mechanism " + HOSTILE, lists_priorities=False),
        SimpleNamespace(text="Seven priorities:", lists_priorities=True),
    ]


@pytest.fixture
def symposia():
    return [
        symposium(1, "Kyoto " + HOSTILE, "Kunming", narrative=f"First {HOSTILE}\nline\n\nSecond"),
        symposium(2, "Origin", 'Xia"men', narrative="", delegates=None, year=2004),
    ]


@pytest.fixture
def body_sections():
    return [
        SimpleNamespace(pk=7, heading="Capacity " + HOSTILE, body=f"Body {HOSTILE}", lists_symposia=True),
        SimpleNamespace(pk=8, heading="Other", body="", lists_symposia=False),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_results_and_priorities_as_the_template_wrote_them(language, results, priorities):
    with translation.override(language):
        written = briefing_results(results, priorities)
        assert squeeze(written) == squeeze(render(RESULTS, results=results, priorities=priorities))
    assert HOSTILE_ESCAPED in written and "<script>" not in written
    assert written.count('<ol class="priority-list">') == 1
    assert '<li><span class="marker">(2)</span> Seven priorities:' in written


def test_results_without_priorities_or_results(results):
    assert "priority-list" not in briefing_results(results, [])
    assert briefing_results([], []) == ""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_sections_and_symposium_summaries_as_the_template_wrote_them(language, body_sections, symposia):
    with translation.override(language):
        written = briefing_sections(body_sections, symposia)
        expected = render(SECTIONS, body_sections=body_sections, symposia=symposia)
    assert squeeze(written) == squeeze(expected)
    assert "<script>" not in written
    assert written.count('<section class="symposium-summary"') == 2  # under the first part only
    assert f"<p>First {HOSTILE_ESCAPED}<br>line</p>\n\n<p>Second</p>" in written


def test_symposium_headings_in_chinese_follow_the_language(body_sections, symposia):
    with translation.override("en"):
        english = briefing_sections(body_sections, symposia)
    with translation.override("zh-hans"):
        chinese = briefing_sections(body_sections, symposia)
    assert '<a href="/en/symposia/1/">1. Kyoto ' in english
    assert "(Kunming, December 2003)</a></h3>" in english
    assert ">1. Kyoto " in chinese and "（Kunming，2003年12月）</a></h3>" in chinese
    assert "December" not in chinese


def test_a_heading_follows_a_changed_title(body_sections, symposia):
    briefing_sections(body_sections, symposia)
    symposia[0].title = "Renamed"
    assert ">1. Renamed (Kunming, December 2003)</a></h3>" in briefing_sections(body_sections, symposia)


def test_no_sections():
    assert briefing_sections([], []) == ""


def lead_parts():
    agreement = item("/en/agreements/framework/", title="Framework Agreement", short_title="Framework & Co")
    other = item("/en/agreements/other/", title="Other " + HOSTILE, short_title="Other")
    briefing = SimpleNamespace(lead=f"Under the Framework Agreement {HOSTILE}.\n\nSecond.", title="B")
    return briefing, [agreement, other]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_lead_links_named_agreements_and_lists_the_others(language):
    briefing, agreements = lead_parts()
    with translation.override(language):
        written = briefing_lead(briefing, agreements)
        expected = render(LEAD, briefing=briefing, agreements=agreements)
    assert squeeze(written) == squeeze(expected)
    assert '<a href="/en/agreements/framework/">Framework Agreement</a>' in written
    assert f'<a href="/en/agreements/other/">Other {HOSTILE_ESCAPED}</a>' in written
    label = {"en": "Agreement:", "zh-hans": "相关协议："}[language]
    assert f'<p class="related">{label} <a href="/en/agreements/other/">' in written


def test_lead_follows_changed_agreements():
    briefing, agreements = lead_parts()
    briefing_lead(briefing, agreements)
    assert "related" not in briefing_lead(briefing, agreements[:1])
    agreements[1].title = "Other, renamed"
    assert ">Other, renamed</a></p>" in briefing_lead(briefing, agreements)


@pytest.mark.parametrize("language, date", [("en", "Jan. 5, 2009"), ("zh-hans", "2009年1月5日")])
def test_published_time_in_the_readers_language(language, date):
    with translation.override(language):
        assert published_time(PUBLISHED) == f'<time datetime="2009-01-05T09:00:00+08:00">{date}</time>'


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_latest_briefings_as_the_template_wrote_them(language):
    briefings = [
        item(
            "/en/briefings/b/",
            title="Briefing " + HOSTILE,
            section=SimpleNamespace(title="News & <views>"),
            published_at=PUBLISHED,
        )
    ]
    with translation.override(language):
        written = latest_briefing_items(briefings)
        assert squeeze(written) == squeeze(render(LATEST, latest_briefings=briefings))
    assert "News &amp; &lt;views&gt; · <time" in written and "<script>" not in written
    assert latest_briefing_items([]) == ""


@pytest.mark.parametrize(
    "language, missing",
    [("en", '<span title="not reported">n/a</span>'), ("zh-hans", '<span title="未公布">—</span>')],
)
def test_symposium_rows_as_the_template_wrote_them(language, missing, symposia):
    symposia.append(symposium(3, "Zero", HOSTILE, delegates=0, year=2005))
    with translation.override(language):
        written = symposium_rows(symposia)
        assert squeeze(written) == squeeze(render(ROWS, symposia=symposia))
    assert f'<td class="num">{missing}</td>' in written
    assert '<td class="num">20</td>' in written and '<td class="num">0</td>' in written
    assert f"<td>{HOSTILE_ESCAPED}</td>" in written and "<td>Xia&quot;men</td>" in written
    assert "<td>2004</td>" in written
    assert symposium_rows([]) == ""


def test_section_tree_nests_and_escapes():
    from newsroom.templatetags.newsroom_site import section_tree

    grandchild = SimpleNamespace(title='Grand "child"', child_sections=[])
    child = SimpleNamespace(title="Child <&>", child_sections=[grandchild])
    roots = [
        SimpleNamespace(title="Newsroom " + HOSTILE, child_sections=[child]),
        SimpleNamespace(title="Alone", child_sections=[]),
    ]
    assert squeeze(section_tree(roots)) == (
        f"<li>Newsroom {HOSTILE_ESCAPED} <ul><li>Child &lt;&amp;&gt; "
        "<ul><li>Grand &quot;child&quot;</li></ul></li></ul></li><li>Alone</li>"
    )
    assert section_tree([]) == ""
