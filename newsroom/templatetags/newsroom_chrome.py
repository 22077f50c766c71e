"""`{% chrome "name" %}…{% endchrome %}`: a part of the page chrome that is the same on every
public page of a language, rendered once per content version (newsroom/chrome.py).

Only for parts that depend on nothing but the language, the site settings and
the URL configuration: never on the page, the request or the reader.
"""

from django import template

register = template.Library()


class ChromeNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        chrome = context.get("page_chrome")
        if chrome is None:  # no request context (e.g. the 500 page): render as usual
            return self.nodelist.render(context)
        html = chrome.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            chrome.store(self.name, html)
        return html


@register.tag
def chrome(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('usage: {% chrome "name" %}…{% endchrome %}')
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(bits[1][1:-1], nodelist)
