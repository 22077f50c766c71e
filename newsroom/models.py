"""The site's own records: the publisher's block of the footer (one record) and readers' messages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
