"""The editorial workflow in the admin: roles, history, translation status.

`WorkflowAdmin` goes first in a content admin's bases, before modeltranslation's
TabbedTranslationAdmin (`class BriefingAdmin(WorkflowAdmin, TabbedTranslationAdmin)`):
it is django-reversion's VersionAdmin plus
- the role rules: without the model's "publish" permission the publication
  fields (status, publish date, languages) are read-only; without its "add"
  permission (Translators) only the translated texts can be changed;
- revert and recover for those who may add and delete the model (Editors);
- a history list that names the fields each version changed, with a
  comparison of any version with the one before it;
- a "Translation" column showing which languages are complete.
`RoleRulesInlineMixin` applies the same text-only rule to inlines.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin

from . import translation_status
from .forms import GuardedInlineFormSet, TranslationSourceForm
from .history import changed_fields, comparison_rows, versions_of
from .models import Publishable, PublishStatus, publish_field

LANGUAGE_LABELS = (("en", "EN"), ("zh-hans", "中文"))
PUBLICATION_FIELDS = ("status", "published_at", "publish_en", "publish_zh_hans")


def _perm_user(user, model, action):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


def _perm(request, model, action):
    return _perm_user(request.user, model, action)


def structural_fields(model):
    """The editable fields that are not translated texts: what Translators may not change."""
    texts = set()
    for name in translation_status.translated_fields(model):
        texts.add(name)
        texts.update(build_localized_fieldname(name, code) for code in translation_status.languages())
    names = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created or not field.concrete:
            continue
        if field.name in texts or field.primary_key:
            continue
        names.append(field.name)
    return names


class RoleRulesMixin:
    def may_publish(self, request):
        return not issubclass(self.model, Publishable) or _perm(request, self.model, "publish")

    def texts_only(self, request):
        return not _perm(request, self.model, "add")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        extra = []
        if self.texts_only(request):
            extra = structural_fields(self.model)
        elif not self.may_publish(request):
            extra = [name for name in PUBLICATION_FIELDS if hasattr(self.model, name)]
        return readonly + [name for name in extra if name not in readonly]

    def get_prepopulated_fields(self, request, obj=None):
        if self.texts_only(request):
            return {}
        return super().get_prepopulated_fields(request, obj)


class RoleRulesInlineMixin(RoleRulesMixin):
    """For inlines: Translators change the texts of existing rows only; each text shows the
    other language's beside it; rows follow the item's publish guard."""

    form = TranslationSourceForm
    formset = GuardedInlineFormSet


class WorkflowAdmin(RoleRulesMixin, VersionAdmin):
    object_history_template = "admin/publishing/object_history.html"
    form = TranslationSourceForm

    class Media:
        # Opens the language tab that ?translate=<code> names (the translation status links).
        js = ("admin-extra/translate.js",)

    def may_restore(self, request):
        """Revert and recover: whoever may add and delete this model, and publish it."""
        return (
            _perm(request, self.model, "add")
            and _perm(request, self.model, "delete")
            and self.may_publish(request)
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.texts_only(request):
            changelist.list_editable = ()
        return changelist

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if issubclass(self.model, Publishable):
            columns = (*columns, "publication")
        return (*columns, "translation_status")

    @admin.display(description=_("Readers see it in"))
    def publication(self, obj):
        """Per language: published (✓), scheduled (a date) or not shown (—)."""
        states = []
        for code, short in LANGUAGE_LABELS:
            if obj.is_published_in(code):
                states.append(("published", gettext("published"), short, "✓"))
            elif obj.status == PublishStatus.PUBLISHED and getattr(obj, publish_field(code)):
                when = formats.date_format(timezone.localtime(obj.published_at), "SHORT_DATE_FORMAT")
                states.append(("scheduled", gettext("scheduled for %(date)s") % {"date": when}, short, when))
            else:
                states.append(("hidden", gettext("not published"), short, "—"))
        return format_html_join(" ", '<span class="publication-{}" title="{}">{} {}</span>', states)

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        complete = set(translation_status.complete_languages(obj))
        states = [
            ("complete", _("complete"), short, "✓")
            if code in complete
            else ("incomplete", _("incomplete"), short, "✗")
            for code, short in LANGUAGE_LABELS
        ]
        return format_html_join(" ", '<span class="translation-{}" title="{}">{} {}</span>', states)

    # History ---------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        versions = versions_of(self.model, object_id, with_rows=True)
        rows = []
        previous = None
        for version in versions:
            rows.append({"version": version, "changed": changed_fields(self.model, previous, version)})
            previous = version
        rows.reverse()
        context = {"history_rows": rows, "may_restore": self.may_restore(request)}
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # This object's versions, oldest first: the one asked for must be among them
        # (a version of another model with the same object id is not).
        versions = versions_of(self.model, object_id)
        index = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
        if index is None:
            raise Http404
        version = versions[index]
        previous = versions[index - 1] if index else None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": version_title(version),
            "version": version,
            "previous": previous,
            "rows": comparison_rows(self.model, previous, version),
            "may_restore": self.may_restore(request),
            "object_id": object_id,
        }
        return render(request, "admin/publishing/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def changelist_view(self, request, extra_context=None):
        context = {"may_restore": self.may_restore(request)}
        context.update(extra_context or {})
        return super().changelist_view(request, context)


def version_title(version):
    """ "Version of 30 November 2026, 10:05 by Li Wei": the date in the staff language's format."""
    revision = version.revision
    when = formats.date_format(timezone.localtime(revision.date_created), "DATETIME_FORMAT")
    if revision.user is None:
        return gettext("Version of %(date)s") % {"date": when}
    editor = revision.user.get_full_name() or revision.user.get_username()
    return gettext("Version of %(date)s by %(editor)s") % {"date": when, "editor": editor}


def may_see_translation_status(user):
    """Staff who may change some content (Editors, Translators, superusers)."""
    return (
        user.is_active
        and user.is_staff
        and any(
            _perm_user(user, apps.get_model(label), "change") for label in translation_status.CONTENT_MODELS
        )
    )


def translate_url(obj, language):
    """The admin form where `obj` is translated into `language`: the item's own form, or for a
    row shown with an item (a result, a participation) its item's, opened on that language's
    tab with the other language beside each field."""
    obj = translation_status.item_of(obj)
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode({'translate': language})}"


def translation_status_view(request):
    """Admin page: every object with a missing or untranslated text, published ones first."""
    if not may_see_translation_status(request.user):
        raise PermissionDenied
    rows = []
    for problem in translation_status.report():
        opts = problem.obj._meta
        url = translate_url(problem.obj, problem.language)
        rows.append({"problem": problem, "opts": opts, "url": url})
    rows.sort(key=lambda row: not row["problem"].published)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "published_count": sum(1 for row in rows if row["problem"].published),
    }
    return render(request, "admin/publishing/translation_status.html", context)
