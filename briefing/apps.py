from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingConfig(AppConfig):
    name = "briefing"
    verbose_name = _("Briefings")

    def ready(self):
        # Saving or deleting content makes cached public pages stale (briefing/cache.py).
        from .cache import connect_signals

        connect_signals()
