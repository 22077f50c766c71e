"""Admin of the symposia, the bodies that took part and the attendees.

Attendees are personal data: they appear only to staff holding the attendee
permissions (Django's view/change permissions on the model decide it), and
they are never translated.
"""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from publishing.admin import PUBLICATION_FIELDS, RoleRulesInlineMixin, WorkflowAdmin

from .importing.admin import AttendeeImportAdminMixin
from .models import Attendee, GalleryImage, Organization, Participation, Symposium


class YearListFilter(admin.SimpleListFilter):
    """The years in which a symposium took place."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class CountryListFilter(CountryFilter):
    """django-countries' filter, each country once. Its choices are the
    field's, which list the COUNTRIES_FIRST countries at the top and again in
    the alphabetical list (COUNTRIES_FIRST_REPEAT, right for a select box):
    here, once, in the field's order."""

    def lookup_choices(self, changelist):
        return dict(super().lookup_choices(changelist)).items()


@admin.register(Organization)
class OrganizationAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("name", "short_name", "kind", "country")
    list_filter = ("kind", ("country", CountryListFilter))
    # Both languages: staff type either; also what the autocomplete widgets search.
    search_fields = (
        "name_en",
        "name_zh_hans",
        "short_name_en",
        "short_name_zh_hans",
        "aliases",
        "slug",
    )
    prepopulated_fields = {"slug": ("name_en",)}


class ParticipationInline(RoleRulesInlineMixin, TranslationTabularInline):
    model = Participation
    fields = ("organization", "kind", "note", "order")
    autocomplete_fields = ("organization",)
    ordering = ("kind", "order", "pk")
    extra = 0


class GalleryInline(RoleRulesInlineMixin, admin.TabularInline):
    """The symposium's photographs, chosen from the image library, in order."""

    model = GalleryImage
    fields = ("image", "order")
    autocomplete_fields = ("image",)
    ordering = ("order", "pk")
    extra = 0


class AttendeeReadOnlyInline(admin.TabularInline):
    """Who registered, for reading only: attendees are edited in their own admin
    (and imported from spreadsheets there). Shown only to staff who may view
    attendees, since InlineModelAdmin checks the model's view permission."""

    model = Attendee
    fields = ("name_link", "organization", "country", "role")
    readonly_fields = fields
    ordering = ("name", "pk")
    extra = 0
    can_delete = False
    verbose_name_plural = _("registered attendees")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def get_formset(self, request, obj=None, **kwargs):
        # Admin instantiates inlines per request, so the heading can carry this symposium's count.
        count = 0
        if obj is not None:
            count = getattr(obj, "registered_attendees", None)
            if count is None:
                count = obj.attendees.count()
        self.verbose_name_plural = gettext("Registered attendees (%(count)d)") % {"count": count}
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=pgettext_lazy("person", "name"), ordering="name")
    def name_link(self, attendee):
        url = reverse("admin:symposia_attendee_change", args=[attendee.pk])
        return format_html('<a href="{}">{}</a>', url, attendee.name)


@admin.register(Symposium)
class SymposiumAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    # Adds "Import attendees" and "Export" links to the change page.
    change_form_template = "admin/symposia/importing/symposium_change_form.html"
    list_display = (
        "ordinal",
        "title",
        "city",
        "year",
        "delegates_reported",
        "attendee_count",
        "status",
    )
    list_display_links = ("ordinal", "title")
    list_filter = (YearListFilter, "city", "status")
    search_fields = (
        "title_en",
        "title_zh_hans",
        "theme_en",
        "theme_zh_hans",
        "city_en",
        "city_zh_hans",
        "slug",
    )
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = (ParticipationInline, GalleryInline, AttendeeReadOnlyInline)
    fieldsets = (
        (None, {"fields": ("ordinal", "title", "slug", "theme")}),
        (
            _("When and where"),
            {"fields": ("city", "date", "date_precision", "delegates_reported", "participants_summary")},
        ),
        (None, {"fields": ("narrative", "activities")}),
        (_("Publication"), {"fields": PUBLICATION_FIELDS}),
    )

    def get_queryset(self, request):
        # One query for the list, however many attendees: the count is annotated, as a
        # subquery rather than a join so that the changelist's counts and filters stay plain.
        registered = (
            Attendee.objects.filter(symposium=OuterRef("pk"))
            .order_by()
            .values("symposium")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(registered_attendees=Coalesce(Subquery(registered), 0))

    @admin.display(description=_("year"), ordering="date")
    def year(self, symposium):
        return symposium.date.year

    @admin.display(description=_("registered attendees"), ordering="registered_attendees")
    def attendee_count(self, symposium):
        return symposium.registered_attendees


@admin.register(Attendee)
class AttendeeAdmin(AttendeeImportAdminMixin, admin.ModelAdmin):
    list_display = ("name", "native_name", "organization", "country", "role", "symposium")
    list_filter = ("symposium", ("country", CountryListFilter), "role", "organization__kind")
    search_fields = (
        "name",
        "native_name",
        "email",
        "organization__name_en",
        "organization__name_zh_hans",
        "organization__short_name_en",
        "organization__short_name_zh_hans",
    )
    list_select_related = ("organization", "symposium")
    autocomplete_fields = ("organization",)
    fieldsets = (
        (None, {"fields": ("symposium", "name", "native_name", "gender", "position")}),
        (None, {"fields": ("organization", "country", "email", "role")}),
    )
