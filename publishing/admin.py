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

import difflib
import re

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import translation_status
from .models import Publishable

# Words, runs of white space, and single Chinese characters (Chinese has no spaces).
TOKENS = re.compile(r"\s+|[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")
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
    """For inlines: Translators change the texts of existing rows only."""


class WorkflowAdmin(RoleRulesMixin, VersionAdmin):
    object_history_template = "admin/publishing/object_history.html"

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
        return (*super().get_list_display(request), "translation_status")

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        complete = set(translation_status.complete_languages(obj))
        return format_html_join(
            " ",
            '<span class="translation-{}" title="{}">{} {}</span>',
            (
                (
                    "complete" if code in complete else "incomplete",
                    _("complete") if code in complete else _("incomplete"),
                    short,
                    "✓" if code in complete else "✗",
                )
                for code, short in (("en", "EN"), ("zh-hans", "中文"))
            ),
        )

    # History ---------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def _versions(self, object_id):
        return list(
            Version.objects.get_for_object_reference(self.model, object_id)
            .select_related("revision", "revision__user")
            .order_by("revision__date_created", "pk")
        )

    def history_view(self, request, object_id, extra_context=None):
        versions = self._versions(object_id)
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
        versions = self._versions(object_id)
        index = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
        if index is None:
            raise Http404
        version = versions[index]
        previous = versions[index - 1] if index else None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("Changes in the version of %(date)s") % {"date": version.revision.date_created},
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


def _compared(model, field_dict):
    """The fields worth comparing: not the untranslated originals that mirror the
    English column (modeltranslation), nor the last-changed stamp."""
    skip = set(translator.get_options_for_model(model).fields) | {"updated_at"}
    return {name: value for name, value in field_dict.items() if name not in skip}


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def changed_fields(model, previous, version):
    """The labels of the fields `version` changed against `previous` (all of them for the first)."""
    if previous is None:
        return []
    old, new = _compared(model, previous.field_dict), _compared(model, version.field_dict)
    return [_field_label(model, name) for name in new if old.get(name) != new.get(name)]


def _diff(old, new):
    """Word-level (character-level for Chinese) difference as HTML: <del> and <ins>."""
    old = TOKENS.findall(str(old if old is not None else ""))
    new = TOKENS.findall(str(new if new is not None else ""))
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(old[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(new[b1:b2])))
    return mark_safe("".join(parts))


def comparison_rows(model, previous, version):
    """One row per changed field: label, the old value, the new value, and the difference."""
    old = _compared(model, previous.field_dict) if previous is not None else {}
    new = _compared(model, version.field_dict)
    rows = []
    for name, value in new.items():
        before = old.get(name)
        if previous is not None and before == value:
            continue
        rows.append(
            {
                "name": name,
                "label": _field_label(model, name),
                "old": before,
                "new": value,
                "diff": _diff(before, value),
            }
        )
    return rows


def may_see_translation_status(user):
    """Staff who may change some content (Editors, Translators, superusers)."""
    return (
        user.is_active
        and user.is_staff
        and any(
            _perm_user(user, apps.get_model(label), "change") for label in translation_status.CONTENT_MODELS
        )
    )


def translation_status_view(request):
    """Admin page: every object with a missing or untranslated text, published ones first."""
    if not may_see_translation_status(request.user):
        raise PermissionDenied
    rows = []
    for problem in translation_status.report():
        opts = problem.obj._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[problem.obj.pk])
        except NoReverseMatch:  # inline-only models: link to nothing
            url = None
        rows.append({"problem": problem, "opts": opts, "url": url})
    rows.sort(key=lambda row: not row["problem"].published)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "published_count": sum(1 for row in rows if row["problem"].published),
    }
    return render(request, "admin/publishing/translation_status.html", context)
