from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymposiaConfig(AppConfig):
    name = "symposia"
    verbose_name = _("Symposia")
