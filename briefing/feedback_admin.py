"""Admin of readers' messages (网站留言): staff read them, mark them answered or spam.

What the reader wrote is read-only; staff change only the status and their own note.
Registered from briefing/admin.py.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("subject", "name", "email", "language", "status", "created_at")
    list_filter = ("status", "language", "created_at")
    search_fields = ("subject", "name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = ("name", "email", "subject", "message", "language", "client_address", "created_at")
    fields = readonly_fields + ("status", "staff_note")
    actions = ("mark_answered", "mark_spam")

    def has_add_permission(self, request):
        return False  # messages come from readers only

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
