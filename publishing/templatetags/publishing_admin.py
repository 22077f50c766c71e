"""Template helpers for the admin's own templates."""

from django import template

from publishing.admin import may_see_translation_status

register = template.Library()

# Whether the admin header offers the translation status page to this user.
register.filter("may_see_translation_status", may_see_translation_status)
