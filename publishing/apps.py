from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_initial_versions(using="default", **kwargs):
    """After every `migrate`: a starting version for content that has none yet (content
    from before history was kept), so that its first edit can be compared and undone."""
    from .history import create_initial_versions as create
    from .translation_status import versioned_models

    create(versioned_models(), using=using)


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        post_migrate.connect(create_initial_versions, sender=self, dispatch_uid="publishing-initial-versions")
