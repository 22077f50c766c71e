"""Admin of the site's own records: the site settings (one record, both languages) and readers'
messages (网站留言), which staff read and mark answered or spam; what the reader wrote is read-only."""

from urllib.parse import quote, urlencode

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from publishing.admin import WorkflowAdmin

from .models import Feedback, SiteSettings

# Django's own "Site administration" index title stays, so that its
# translations (站点管理) are used; only the header and the <title> are ours.
admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom administration")


@admin.register(SiteSettings)
class SiteSettingsAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    """One record (the model saves every instance as pk=1): no second add, no delete,
    and the list goes straight to that record."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        record = SiteSettings.objects.first()
        if record is not None:
            url = reverse("admin:newsroom_sitesettings_change", args=[record.pk])
        elif self.has_add_permission(request):
            url = reverse("admin:newsroom_sitesettings_add")
        else:
            return super().changelist_view(request, extra_context)
        return HttpResponseRedirect(url)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("subject", "name", "email", "language", "status", "created_at")
    list_filter = ("status", "language", "created_at")
    search_fields = ("subject", "name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = (
        "name",
        "email",
        "reply",
        "subject",
        "message",
        "language",
        "client_address",
        "created_at",
    )
    fields = readonly_fields + ("status", "staff_note")
    actions = ("mark_answered", "mark_spam")

    def has_add_permission(self, request):
        return False  # messages come from readers only

    @admin.display(description=_("reply"))
    def reply(self, obj):
        """A mailto link that opens the staff member's mail program with the reader's address and
        "Re: subject" in the reader's language. Both are percent-encoded (a line break in a subject
        cannot add a header), and format_html escapes the link."""
        if not obj.email:
            return "-"
        with translation.override(obj.language or None):
            subject = pgettext("subject of a reply", "Re: %(subject)s") % {
                "subject": " ".join(obj.subject.split())
            }
        query = urlencode({"subject": subject}, quote_via=quote)
        href = f"mailto:{quote(obj.email, safe='@')}?{query}"
        return format_html('<a href="{}">{}</a>', href, gettext("Reply by e-mail"))

    def _mark(self, request, queryset, status):
        count = queryset.update(status=status)
        self.message_user(
            request,
            ngettext("%(count)d message marked.", "%(count)d messages marked.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as answered"), permissions=["change"])
    def mark_answered(self, request, queryset):
        self._mark(request, queryset, Feedback.Status.ANSWERED)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._mark(request, queryset, Feedback.Status.SPAM)
