"""The cooperation briefing and what it is made of.

Human-readable fields are translated into English and Simplified Chinese by
django-modeltranslation (see translation.py); slugs are shared by both
languages so that a URL names the same object in each.

Every content model is registered with django-reversion in translation.py
(after the translated fields exist): each admin save is a revision (both
languages, who and when) that can be compared and reverted, and deleted
objects can be recovered.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .dates import DatePrecision, format_partial_date
from .urlcache import cached_reverse


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
        published, not dated in the future, and published in that language.

        `now` (the current time by default) lets a prepared query (briefing/prepared.py)
        compile this once and compare with the time of each request."""
        return self._due(now).filter(**{publish_field(language): True})

    def published_in_any_language(self, now=None):
        """What the public may read in at least one language (the sitemap lists each item once)."""
        in_a_language = models.Q()
        for code, _name in settings.LANGUAGES:
            in_a_language |= models.Q(**{publish_field(code): True})
        return self._due(now).filter(in_a_language)

    def visible_to(self, user, language=None):
        """Staff preview every item, drafts and future ones included; everyone else sees `published()`."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published(language)


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
    publish_en = models.BooleanField(
        _("published in English"),
        default=True,
        help_text=_("Untick while the English text is not ready."),
    )
    publish_zh_hans = models.BooleanField(
        _("published in Chinese"),
        default=True,
        help_text=_("Untick while the Chinese text is not ready."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        """Published in the active language, and due."""
        return self.is_published_in()

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


class Section(models.Model):
    """A section of the newsroom; sections nest (Newsroom > Special Features > ...)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title

    def ancestry(self):
        """This section and its parents, outermost first."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Instrument(models.Model):
    """An international convention or framework the cooperation draws on."""

    name = models.CharField(_("official name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("international instrument")
        verbose_name_plural = _("international instruments")

    def __str__(self):
        return self.short_name

    def get_absolute_url(self, language=None):
        return cached_reverse("briefing:priorities", language=language) + f"#instrument-{self.slug}"


class Agreement(Publishable):
    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    occasion = models.CharField(_("occasion"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=150, blank=True)
    parties = models.CharField(_("parties"), max_length=400, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["date_signed", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        permissions = [("publish_agreement", _("Can publish agreements"))]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self, language=None):
        """This item's page in `language` (the active one by default)."""
        return cached_reverse("briefing:agreement_detail", kwargs={"slug": self.slug}, language=language)

    @property
    def date_signed_display(self):
        return format_partial_date(self.date_signed, self.date_precision)


class Briefing(Publishable):
    """A newsroom article; the seed page is one."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="briefings"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    lead = models.TextField(_("lead paragraph"))
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), blank=True, related_name="briefings"
    )

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        permissions = [("publish_briefing", _("Can publish briefings"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self, language=None):
        """This item's page in `language` (the active one by default)."""
        return cached_reverse("briefing:briefing_detail", kwargs={"slug": self.slug}, language=language)


class Result(models.Model):
    """A numbered outcome of the cooperation listed in a briefing: (1), (2), (3)."""

    briefing = models.ForeignKey(
        Briefing, verbose_name=_("briefing"), on_delete=models.CASCADE, related_name="results"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    lists_priorities = models.BooleanField(
        _("lists the priorities"),
        default=False,
        help_text=_("Show the priorities of customs cooperation under this result."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["briefing", "order"], name="result_order_unique")]

    def __str__(self):
        return f"({self.order}) {self.text[:60]}"


class BriefingSection(models.Model):
    """A headed part of a briefing after its results, e.g. the capacity-building one."""

    briefing = models.ForeignKey(
        Briefing, verbose_name=_("briefing"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    lists_symposia = models.BooleanField(
        _("lists the symposia"),
        default=False,
        help_text=_("Show the published symposia of the series under this section."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("briefing section")
        verbose_name_plural = _("briefing sections")

    def __str__(self):
        return self.heading


class Priority(models.Model):
    """One of the seven priorities of customs cooperation."""

    order = models.PositiveSmallIntegerField(
        _("order"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    short_title = models.CharField(_("short title"), max_length=150)
    description = models.TextField(_("description"))
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("instruments cited"), blank=True, related_name="priorities"
    )
    symposia = models.ManyToManyField(
        "symposia.Symposium",
        verbose_name=_("symposia that served it"),
        blank=True,
        related_name="priorities",
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self):
        return self.short_title

    def get_absolute_url(self, language=None):
        return cached_reverse("briefing:priorities", language=language) + f"#{self.slug}"


class SiteSettings(models.Model):
    """The publisher's block of the footer: one record, edited in the admin."""

    site_name = models.CharField(_("site name"), max_length=200)
    sponsor = models.CharField(_("sponsor"), max_length=300)
    copyright = models.CharField(_("copyright line"), max_length=300)
    address = models.CharField(_("address"), max_length=300)
    post_code = models.CharField(_("post code"), max_length=20, blank=True)
    telephone = models.CharField(_("telephone"), max_length=50, blank=True)
    icp_number = models.CharField(
        _("ICP record number"),
        max_length=100,
        blank=True,
        help_text=_("The website's record number with the Ministry of Industry and Information Technology."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1  # one record only
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first() or cls()


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


class Feedback(models.Model):
    """A reader's message from the feedback form (网站留言): for staff only, never published."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")
        SPAM = "spam", _("spam")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    client_address = models.GenericIPAddressField(_("sent from"), null=True, blank=True, unpack_ipv4=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    staff_note = models.TextField(_("staff note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader's message")
        verbose_name_plural = _("readers' messages")
        indexes = [models.Index(fields=["status", "-created_at"], name="feedback_status_created")]

    def __str__(self):
        return self.subject
