"""Template helpers for the site-wide pages: the active language's feeds."""

from django import template

from briefing.feeds import feed_links as active_feed_links

register = template.Library()


@register.simple_tag
def feed_links():
    """(title, url, MIME type) of each feed in the active language."""
    return active_feed_links()
