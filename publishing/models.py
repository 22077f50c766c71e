"""What every content model shares: draft or published, from a date on, in each language,
and the old slugs whose URLs answer 301 to the current ones.

The domain apps (briefing, symposia) build their content models on `Publishable`;
public views start from `Model.objects.published()`, staff previews override it
(publishing/views.py).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PublishStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def publish_field(language=None):
    """The Publishable flag for a language (`publish_en`, `publish_zh_hans`); the active one by default.

    A language the site does not publish in (or none active) counts as English.
    """
    code = (language or translation.get_language() or "en").lower()
    if code.startswith("zh"):
        return "publish_zh_hans"
    return "publish_en"


class PublishableQuerySet(models.QuerySet):
    def _due(self, now=None):
        return self.filter(status=PublishStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def published(self, language=None, now=None):
        """What the public may read in a language (the active one by default):
        published, not dated in the future, and published in that language."""
        return self._due(now).filter(**{publish_field(language): True})

    def published_in_any_language(self, now=None):
        """What the public may read in at least one language (the sitemap lists each item once)."""
        in_a_language = models.Q()
        for code, _name in settings.LANGUAGES:
            in_a_language |= models.Q(**{publish_field(code): True})
        return self._due(now).filter(in_a_language)


class Publishable(models.Model):
    """Draft or published, from a date on, in each language separately.

    An item whose Chinese text is not ready is published in English only: the
    reader of the Chinese site gets a notice pointing to the English page.
    """

    status = models.CharField(
        _("status"), max_length=10, choices=PublishStatus.choices, default=PublishStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("Readers see the item from this moment on, once it is published."),
    )
    # A new item is shown in no language until an editor ticks one whose texts are ready
    # (publishing/guard.py refuses a language with an empty or copied text).
    publish_en = models.BooleanField(
        _("published in English"),
        default=False,
        help_text=_("Tick when the English text is ready."),
    )
    publish_zh_hans = models.BooleanField(
        _("published in Chinese"),
        default=False,
        help_text=_("Tick when the Chinese text is ready."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        """Refuse a language whose texts are not ready (publishing/guard.py), in the staff language."""
        super().clean()
        from .guard import language_name, publish_problems

        errors = []
        for code, _name in settings.LANGUAGES:
            if getattr(self, publish_field(code)):
                errors += [
                    gettext("Cannot publish in %(language)s: %(problem)s")
                    % {"language": language_name(code), "problem": problem}
                    for problem in publish_problems(self, code)
                ]
        if errors:
            raise ValidationError(errors)

    def is_published_in(self, language=None):
        return (
            self.status == PublishStatus.PUBLISHED
            and self.published_at <= timezone.now()
            and getattr(self, publish_field(language))
        )

    def published_languages(self):
        """The codes of the languages in which readers may see this item now."""
        return [code for code, _name in settings.LANGUAGES if self.is_published_in(code)]


class SlugRedirect(models.Model):
    """A slug an item had before: its old URL answers 301 to the current one, in every language."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("content type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object id"))
    old_slug = models.SlugField(_("old slug"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slug_redirect_once_per_type")
        ]

    def __str__(self):
        return self.old_slug

    def target(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)


def record_slug_change(sender, instance, raw=False, **kwargs):
    """pre_save of every Publishable (they all have a slug in their URL): keep the
    old slug as a SlugRedirect, so that its URL answers 301 to the new one.

    A slug taken back (by its item or another of the same kind) stops redirecting.
    """
    if raw or not issubclass(sender, Publishable) or instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous is None or previous == instance.slug:
        return
    content_type = ContentType.objects.get_for_model(sender)
    SlugRedirect.objects.filter(content_type=content_type, old_slug=instance.slug).delete()
    SlugRedirect.objects.update_or_create(
        content_type=content_type, old_slug=previous, defaults={"object_id": instance.pk}
    )


models.signals.pre_save.connect(record_slug_change, dispatch_uid="publishable-slug-redirect")
