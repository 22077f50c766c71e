"""Admin of the briefing: every translated model is edited with English and
Chinese side by side in tabs (django-modeltranslation's tabbed admin), with our
own copy of jQuery UI from static/vendor/jquery-ui/, never a CDN."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from publishing.admin import PUBLICATION_FIELDS, RoleRulesInlineMixin, WorkflowAdmin

from .models import (
    Agreement,
    Briefing,
    BriefingSection,
    Instrument,
    Priority,
    Result,
    Section,
)


@admin.register(Section)
class SectionAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("title", "parent", "order")
    list_editable = ("order",)
    list_select_related = ("parent",)
    list_filter = ("parent",)
    search_fields = ("title_en", "title_zh_hans", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    fields = ("title", "slug", "parent", "order")


@admin.register(Instrument)
class InstrumentAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("short_name", "name", "issuer", "order")
    list_editable = ("order",)
    search_fields = ("name_en", "name_zh_hans", "short_name_en", "short_name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("short_name_en",)}
    filter_horizontal = ("symposia",)


@admin.register(Agreement)
class AgreementAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("short_title", "date_signed", "place", "status", "published_at")
    list_filter = ("status",)
    search_fields = ("title_en", "title_zh_hans", "short_title_en", "short_title_zh_hans", "slug")
    prepopulated_fields = {"slug": ("short_title_en",)}
    date_hierarchy = "published_at"
    fieldsets = (
        (None, {"fields": ("title", "short_title", "slug")}),
        (_("Signing"), {"fields": ("date_signed", "date_precision", "occasion", "place", "parties")}),
        (None, {"fields": ("summary", "documents")}),
        (_("Publication"), {"fields": PUBLICATION_FIELDS}),
    )
    autocomplete_fields = ("documents",)


class ResultInline(RoleRulesInlineMixin, TranslationStackedInline):
    model = Result
    ordering = ("order", "pk")
    fields = ("order", "text", "lists_priorities")
    extra = 0


class BriefingSectionInline(RoleRulesInlineMixin, TranslationStackedInline):
    model = BriefingSection
    ordering = ("order", "pk")
    fields = ("order", "heading", "body", "lists_symposia")
    extra = 0


@admin.register(Briefing)
class BriefingAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("title", "section", "status", "published_at")
    list_filter = ("section", "status")
    list_select_related = ("section",)
    # Both languages, so that an editor finds an article whichever one they type in.
    search_fields = ("title_en", "title_zh_hans", "lead_en", "lead_zh_hans")
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "published_at"
    filter_horizontal = ("agreements",)
    autocomplete_fields = ("lead_image", "documents")
    inlines = (ResultInline, BriefingSectionInline)
    fieldsets = (
        (None, {"fields": ("section", "title", "slug", "lead_image", "lead", "agreements", "documents")}),
        (_("Publication"), {"fields": PUBLICATION_FIELDS}),
    )


@admin.register(Priority)
class PriorityAdmin(WorkflowAdmin, TabbedTranslationAdmin):
    list_display = ("short_title", "order")
    list_display_links = ("short_title",)
    # The order is unique: to swap two priorities, move one to a free number first.
    list_editable = ("order",)
    search_fields = ("short_title_en", "short_title_zh_hans", "description_en", "description_zh_hans")
    prepopulated_fields = {"slug": ("short_title_en",)}
    filter_horizontal = ("instruments", "symposia")
    fields = ("order", "short_title", "slug", "description", "instruments", "symposia")
