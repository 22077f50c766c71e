from .models import SiteSettings


def site_settings(request):
    """The footer's publisher block, for every template."""
    return {"site_settings": SiteSettings.load()}
