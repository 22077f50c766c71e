"""The capacity-building symposia, the bodies that took part, and attendees.

Attendees are personal data: they are edited by staff with permission and only
ever counted on public pages.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from library.models import Image
from publishing.dates import DatePrecision, format_partial_date
from publishing.fields import FormattedTextField
from publishing.models import Publishable


class Organization(models.Model):
    class Kind(models.TextChoices):
        CUSTOMS = "customs", _("customs administration")
        SECRETARIAT = "secretariat", _("secretariat")
        INTERNATIONAL = "international", _("international organization")
        EMBASSY = "embassy", _("embassy")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CUSTOMS)
    country = CountryField(_("country"), blank=True)
    # Lists of administrations follow one order in both languages (the briefing's own: the ASEAN
    # members in their usual order, then China, then the other bodies): sorting by name would put
    # Chinese names in character-code order (中华…, 文莱, 新加坡, 柬埔寨…), which no reader expects.
    order = models.PositiveSmallIntegerField(
        _("order in lists"),
        default=1000,
        help_text=_("Lists of organizations show the lower numbers first; equal numbers by name."),
    )
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One per line, in any language: the short names, abbreviations and former names people "
            "write, e.g. 海关总署 or GACC. The attendee import recognizes them like the name."
        ),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.short_name or self.name


class Symposium(Publishable):
    ordinal = models.PositiveSmallIntegerField(
        _("number in the series"), unique=True, validators=[MinValueValidator(1)]
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("e.g. 2003-kunming-kyoto-convention")
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=200)
    city = models.CharField(_("host city"), max_length=100)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
    )
    delegates_reported = models.PositiveIntegerField(
        _("delegates reported"),
        null=True,
        blank=True,
        help_text=_("The number of delegates the organizers reported; leave empty if none was given."),
    )
    participants_summary = models.CharField(
        _("who attended, in brief"),
        max_length=300,
        blank=True,
        help_text=_('As reported, e.g. "ASEAN countries and China".'),
    )
    narrative = FormattedTextField(_("narrative"))
    activities = models.TextField(
        _("activities"), blank=True, help_text=_("Field trips, site visits and the like.")
    )
    organizations = models.ManyToManyField(
        Organization,
        through="Participation",
        verbose_name=_("participants"),
        related_name="symposia",
        blank=True,
    )

    class Meta:
        ordering = ["ordinal"]
        verbose_name = _("symposium")
        verbose_name_plural = _("symposia")
        permissions = [("publish_symposium", _("Can publish symposia"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("symposia:symposium_detail", kwargs={"slug": self.slug})

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)

    @property
    def year(self):
        return self.date.year


class GalleryImage(models.Model):
    """A photograph of a symposium, from the image library, in the order its gallery shows it."""

    symposium = models.ForeignKey(
        Symposium, verbose_name=_("symposium"), on_delete=models.CASCADE, related_name="gallery"
    )
    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery")
        constraints = [
            models.UniqueConstraint(fields=["symposium", "image"], name="gallery_image_once_per_symposium")
        ]

    def __str__(self):
        return str(self.image)


class Participation(models.Model):
    """A body that took part in a symposium, as the report names it."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("participating customs administration")
        OTHER = "other", _("other participant")

    symposium = models.ForeignKey(
        Symposium, verbose_name=_("symposium"), on_delete=models.CASCADE, related_name="participations"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="participations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ADMINISTRATION)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_('Who they sent, as the report says, shown after the name: e.g. "designated experts".'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["symposium", "organization"], name="participation_once_per_symposium"
            )
        ]

    def __str__(self):
        return f"{self.organization} @ {self.symposium}"


class Attendee(models.Model):
    """A person registered for a symposium. Personal data: never shown publicly."""

    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("delegate")
        EXPERT = "expert", _("expert")
        OBSERVER = "observer", _("observer")
        SPEAKER = "speaker", _("speaker")
        ORGANIZER = "organizer", _("organizer")

    symposium = models.ForeignKey(
        Symposium, verbose_name=_("symposium"), on_delete=models.CASCADE, related_name="attendees"
    )
    # Names are kept exactly as written: no translation, no title-casing.
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    native_name = models.CharField(_("name in native script"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendees",
    )
    country = CountryField(_("country"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.DELEGATE)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["symposium__ordinal", "name", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            # One person per symposium: by e-mail (any case) when there is one...
            models.UniqueConstraint(
                "symposium",
                Lower("email"),
                condition=~Q(email=""),
                name="attendee_email_once_per_symposium",
            ),
            # ...else by name within the organization.
            models.UniqueConstraint(
                fields=["symposium", "name", "organization"],
                condition=Q(email=""),
                name="attendee_name_org_once_per_symposium",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="attendee_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip()
        super().save(*args, **kwargs)


class ImportRecord(models.Model):
    """One attendee import, from the admin or the command line: what was
    uploaded, by whom, with which options, and what came of it.

    A previewed upload keeps its bytes here until it is confirmed or expires
    (``ATTENDEE_IMPORT_PENDING_HOURS``), so the confirmation can reach any app
    server (no temporary files on local disk). An import that writes is
    RUNNING while it plans and writes: a unique index allows one per
    symposium, in any process on any server.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("previewed, awaiting confirmation")
        RUNNING = "running", _("running")
        IMPORTED = "imported", _("imported")
        CHECKED = "checked", _("checked only (dry run)")
        REJECTED = "rejected", _("nothing written: rows rejected")
        FAILED = "failed", _("refused: nothing written")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("expired before confirmation")

    class Source(models.TextChoices):
        ADMIN = "admin", _("admin")
        COMMAND = "command", _("command line")

    symposium = models.ForeignKey(
        Symposium,
        verbose_name=_("symposium"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_records",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("from"), max_length=10, choices=Source.choices, default=Source.ADMIN)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    dry_run = models.BooleanField(_("dry run"), default=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    format = models.CharField(_("format"), max_length=10, blank=True)
    encoding = models.CharField(_("encoding"), max_length=30, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    organizations_created = models.PositiveIntegerField(_("organizations created"), default=0)
    unknown_columns = models.JSONField(_("columns ignored"), default=list, blank=True)
    problems = models.JSONField(
        _("problems"),
        default=list,
        blank=True,
        help_text=_("Rejected rows with their row number, column and reason, or what stopped the file."),
    )
    sample = models.JSONField(
        _("rows as read"),
        default=list,
        blank=True,
        help_text=_(
            "Every row to be written, with its values as the import read them; kept only while the "
            "import awaits confirmation."
        ),
    )
    plan_digest = models.CharField(_("plan digest"), max_length=64, blank=True, editable=False)
    pending_data = models.BinaryField(_("uploaded file, until confirmed"), null=True, editable=False)
    running_since = models.DateTimeField(_("running since"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attendee import")
        verbose_name_plural = _("attendee imports")
        constraints = [
            # One import writes into a symposium at a time: the lock is this row.
            models.UniqueConstraint(
                fields=["symposium"],
                condition=models.Q(status="running"),
                name="one_running_import_per_symposium",
            ),
        ]

    def __str__(self):
        return f"{self.file_name or '-'} ({self.get_status_display()})"

    @property
    def awaits_valid_rows_choice(self):
        """A preview with rejected rows whose upload did not ask for only the
        valid ones: confirming writes nothing unless the registrar now
        chooses to import the valid rows."""
        return (
            self.status == self.Status.PENDING
            and bool(self.rejected_count)
            and not self.options.get("only_valid")
        )
