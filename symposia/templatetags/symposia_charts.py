"""Markup of /<lang>/symposia/statistics/ that loops: the SVG chart and the administrations matrix.

Written in Python rather than as template loops: each variable, `{% if %}` and
`{% translate %}` node costs the template engine 10-30 us, and the chart and the
matrix had hundreds of them. The markup is the one the template wrote. Text
(cities, names, the chart's description, translated labels in the active
language, with the template's own msgids) goes through `escape` (briefing/html.py:
Django's `conditional_escape`, faster); numbers are written as `{{ }}` writes
them, by `number_writer`, which yields only digits, signs and separators, so the
many coordinates need no escaping one by one. Nothing is remembered between
requests.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from briefing.html import escape, number_writer
from briefing.translated import translated
from newsroom.templatetags.newsroom import organization_labeller

register = template.Library()

TICK = (
    '\n        <line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#d9dbe0"/>'
    '\n        <text x="{x}" y="{y}" text-anchor="end" dominant-baseline="middle" font-size="12" '
    'fill="#4a4f5a">{value}</text>'
)
BAR = (
    '<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}"/>\n        '
    '<text x="{label_x}" y="{label_y}" text-anchor="middle" font-size="12" fill="#1d1d1f">{value}</text>'
)
NOT_REPORTED = '<text x="{x}" y="{y}" text-anchor="middle" font-size="11" fill="#4a4f5a">{label}</text>'
GROUP_LABELS = (
    '\n        <text x="{x}" y="{year_y}" text-anchor="middle" font-size="13" fill="#1d1d1f">{year}</text>'
    '\n        <text x="{x}" y="{city_y}" text-anchor="middle" font-size="12" fill="#4a4f5a">{city}</text>'
    "\n      </g>"
)
SVG = (
    '<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {height}" '
    'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" '
    'xmlns="http://www.w3.org/2000/svg">\n'
    '      <title id="chart-title">{title}</title>\n'
    '      <desc id="chart-desc">{description}</desc>\n'
    '      <g class="chart__grid">{ticks}\n      </g>\n'
    "      {groups}\n"
    '      <line x1="{left}" x2="{right}" y1="{baseline}" y2="{baseline}" stroke="#1d1d1f"/>\n'
    "    </svg>"
)
MATRIX_CELL = (
    '\n        <td class="num"><span aria-hidden="true">{mark}</span>'
    '<span class="visually-hidden">{}</span></td>'
)


def _bar(bar, fill, number):
    return BAR.format(
        x=number(bar.x),
        y=number(bar.y),
        width=number(bar.width),
        height=number(bar.height),
        fill=fill,
        label_x=number(bar.label_x),
        label_y=number(bar.label_y),
        value=number(bar.value),
    )


def _chart_group(group, chart, number, not_reported):
    centre = number(group["centre"])
    if group["reported"]:
        reported = _bar(group["reported"], "#8b1a1a", number)
    else:
        reported = NOT_REPORTED.format(x=centre, y=number(group["not_reported_y"]), label=not_reported)
    registered = _bar(group["registered"], "#1f3f7a", number) if group["registered"] else ""
    symposium = group["symposium"]
    labels = GROUP_LABELS.format(
        x=centre,
        year_y=number(chart["label_y"]),
        year=number(symposium.year),
        city_y=number(chart["city_y"]),
        city=escape(translated(symposium, "city")),
    )
    return f'<g class="chart__group">\n        {reported}\n        {registered}{labels}'


@register.simple_tag
def chart_svg(chart):
    """The grouped bar chart of symposia/statistics.py `chart()` as inline SVG: role="img",
    named by its <title> and described by its <desc> (the chart in words)."""
    number = number_writer()
    left, right = number(chart["left"]), number(chart["right"])
    tick_x = number(int(chart["left"]) - 6)
    ticks = "".join(
        TICK.format(left=left, right=right, x=tick_x, y=number(tick["y"]), value=number(tick["value"]))
        for tick in chart["ticks"]
    )
    not_reported = escape(gettext("not reported"))
    groups = "".join(_chart_group(group, chart, number, not_reported) for group in chart["groups"])
    return mark_safe(
        SVG.format(
            width=number(chart["width"]),
            height=number(chart["height"]),
            title=escape(gettext("Delegates per symposium, by year")),
            description=escape(chart["description"]),
            ticks=ticks,
            groups=groups,
            left=left,
            right=right,
            baseline=number(chart["baseline"]),
        )
    )


NUMBERS_ROW = (
    "\n      <tr>"
    "\n        <td>{year}</td>"
    '\n        <th scope="row"><a href="{url}">{title}</a></th>'
    "\n        <td>{city}</td>"
    '\n        <td class="num">{reported}</td>'
    '\n        <td class="num">{registered}</td>'
    "\n      </tr>"
)


@register.simple_tag
def chart_numbers(symposia):
    """The body of the table giving the chart's numbers: a row per symposium (its title a
    row header linking to it), delegates reported and attendees registered, or why not."""
    number = number_writer()
    not_reported = escape(gettext("not reported"))
    no_list = escape(gettext("no list recorded"))
    rows = []
    for symposium in symposia:
        reported = symposium.delegates_reported
        registered = symposium.registered
        rows.append(
            NUMBERS_ROW.format(
                year=number(symposium.year),
                url=escape(symposium.get_absolute_url()),
                title=escape(translated(symposium, "title")),
                city=escape(translated(symposium, "city")),
                reported=not_reported if reported is None else number(reported),
                registered=number(registered) if registered else no_list,
            )
        )
    return mark_safe("<tbody>" + "".join(rows) + "\n    </tbody>")


MATRIX_HEADER = '\n        <th scope="col" class="num"><abbr title="{title}">{year}</abbr></th>'
MATRIX = (
    "<thead>\n"
    '      <tr>\n        <th scope="col">{administration}</th>{header}\n      </tr>\n'
    "    </thead>\n"
    "    <tbody>{body}\n    </tbody>\n"
    "    <tfoot>\n"
    '      <tr>\n        <th scope="row">{named}</th>{footer}\n      </tr>\n'
    "    </tfoot>"
)


@register.simple_tag
def participation_matrix(symposia, rows, totals):
    """The administrations-by-symposium table but its caption: a column per symposium (its
    year, the title in an <abbr>), a row per customs administration (its name a row header),
    a cell per symposium saying whether it took part (a mark hidden from screen readers,
    words hidden from sight), then the totals."""
    number = number_writer()
    header = "".join(
        MATRIX_HEADER.format(title=escape(translated(s, "title")), year=number(s.year)) for s in symposia
    )
    took_part = MATRIX_CELL.format(escape(gettext("took part")), mark="●")
    absent = MATRIX_CELL.format(escape(gettext("did not take part")), mark="–")
    label = organization_labeller()
    body = "".join(
        f'\n      <tr>\n        <th scope="row">{label(row["organization"])}</th>'
        + "".join([took_part if cell else absent for cell in row["cells"]])
        + "\n      </tr>"
        for row in rows
    )
    return mark_safe(
        MATRIX.format(
            administration=escape(gettext("Customs administration")),
            header=header,
            body=body,
            named=escape(gettext("Administrations named")),
            footer="".join(f'\n        <td class="num">{number(total)}</td>' for total in totals),
        )
    )
