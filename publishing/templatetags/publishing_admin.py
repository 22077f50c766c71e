"""Template helpers for the admin's own templates."""

from django import template

from publishing.admin import may_see_translation_status as _may_see

register = template.Library()


@register.filter
def may_see_translation_status(user):
    """Whether the admin header offers the translation status page to this user."""
    return _may_see(user)
