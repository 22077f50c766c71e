from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site_settings(request):
    """The site name and the footer's publisher block, for every template: read when a template
    first uses it (one query), which is once per rendered page."""
    return {"site_settings": SimpleLazyObject(SiteSettings.load)}
