"""Third-party apps as this project names them in the admin (Django's documented way: a subclass
of the app's AppConfig, named in INSTALLED_APPS)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AxesConfig(AxesAppConfig):
    """django-axes (sign-in lockouts): "Axes" in English, as the README names it; 登录保护 in Chinese."""

    verbose_name = _("Axes")


# django-axes ships no Chinese. Its models' names (the admin's three entries under Axes) are
# translated in our own locale/ (LOCALE_PATHS comes before the apps' catalogues); marked here so
# that makemessages keeps those entries.
AXES_MODEL_NAMES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)
