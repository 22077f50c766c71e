"""The search page's result list, written here rather than as a template loop.

Each result was five template nodes (its link, highlighted title, kind, snippet
and the `{% if %}` around it) at 10-30 us each, twenty results a page. The
markup is the one the template wrote; every value goes through
`conditional_escape` as `{{ }}` put it: the highlighted title and snippet are
already escaped and marked safe by newsroom/search.py `highlight`, the link and
the kind's translated label are escaped here.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

RESULT = (
    "\n    <li>"
    '\n      <h3><a href="{url}">{title}</a></h3>'
    '\n      <p class="meta">{kind}</p>'
    "\n      {snippet}"
    "\n    </li>"
)


@register.simple_tag
def search_results(results):
    """A list item per result (a `briefing.search.Result` with `title_html` and
    `snippet_html` set by the view): its highlighted title linking to it, what kind of
    item it is, and the highlighted snippet when there is one."""
    kinds = {}  # kind -> its escaped label in the active language, looked up once
    items = []
    for result in results:
        kind = kinds.get(result.kind)
        if kind is None:
            kind = kinds[result.kind] = conditional_escape(result.kind_label)
        snippet = result.snippet_html
        items.append(
            RESULT.format(
                url=conditional_escape(result.url),
                title=conditional_escape(result.title_html),
                kind=kind,
                snippet=f'<p class="snippet">{conditional_escape(snippet)}</p>' if snippet else "",
            )
        )
    return mark_safe("".join(items))
