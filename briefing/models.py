"""The cooperation briefing and what it is made of.

Human-readable fields are translated into English and Simplified Chinese by
django-modeltranslation (see translation.py); slugs are shared by both
languages so that a URL names the same object in each.

Every content model is registered with django-reversion in translation.py
(after the translated fields exist): each admin save is a revision (both
languages, who and when) that can be compared and reverted, and deleted
objects can be recovered.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from library.models import Document, Image
from publishing.dates import DatePrecision, format_partial_date
from publishing.fields import FormattedTextField
from publishing.models import Publishable


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

    def get_absolute_url(self):
        return reverse("briefing:section_detail", kwargs={"slug": self.slug})

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
    description = FormattedTextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    symposia = models.ManyToManyField(
        "symposia.Symposium",
        verbose_name=_("symposia that discussed it"),
        blank=True,
        related_name="instruments",
        help_text=_("The symposia whose report names it: their pages and the briefing cite it."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("international instrument")
        verbose_name_plural = _("international instruments")

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("briefing:priorities") + f"#instrument-{self.slug}"


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
    summary = FormattedTextField(_("summary"), blank=True)
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        blank=True,
        related_name="agreements",
        help_text=_("The agreement's full text and other documents readers may download."),
    )

    class Meta:
        ordering = ["date_signed", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        permissions = [("publish_agreement", _("Can publish agreements"))]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("briefing:agreement_detail", kwargs={"slug": self.slug})

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
    lead = FormattedTextField(_("lead paragraph"))
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown under the title, from the image library."),
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("attachments"), blank=True, related_name="briefings"
    )
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

    def get_absolute_url(self):
        return reverse("briefing:briefing_detail", kwargs={"slug": self.slug})


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
    body = FormattedTextField(_("body"), blank=True)
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
    description = FormattedTextField(_("description"))
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

    def get_absolute_url(self):
        return reverse("briefing:priorities") + f"#{self.slug}"
