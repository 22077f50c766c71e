from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom site")

    def ready(self):
        # Saving or deleting content makes cached public pages stale (newsroom/cache.py).
        from .cache import connect_signals

        connect_signals()
