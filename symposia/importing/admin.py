"""Admin views for importing and exporting attendees.

``AttendeeImportAdminMixin`` adds to the attendee ModelAdmin: upload, preview
and confirm (the upload is kept in its ImportRecord, in the database, so the
confirmation may reach another app server), export of the filtered list as
CSV or XLSX, and the template files. ``ImportRecordAdmin`` shows every import,
read-only.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django_countries import countries

from symposia.models import Attendee, ImportRecord, Symposium

from .columns import ALIASES, FIELDS
from .errors import ImportFailed
from .forms import AttendeeImportForm
from .messages import FIELD_LABELS, render, render_problem
from .readers import max_bytes, megabytes
from .records import finish, is_busy, layout_lines, refuse_upload, summary_lines
from .resources import CONTENT_TYPES, export_attendees, export_language, file_name, template_file
from .services import confirm_import, preview_import
from .uploads import LimitedUploadHandler


def problem_rows(record):
    """Rejected rows for display, reasons in the active language."""
    return [
        {
            "row": p.get("row") or "",
            "column": p.get("column") or "",
            "reason": render(p["code"], p.get("params")),
        }
        for p in record.problems
    ]


# The preview lists the rows to be written this many to a page.
ROWS_PER_PAGE = 50


def organization_as_read(organization):
    """The organization a row matched, named in the active language (or the
    other one when it has no name in this one), or the one to be created."""
    if not organization:
        return ""
    # [English, Chinese, to be created]; a preview saved before the third item had two.
    name_en, name_zh, *created = organization
    chinese = (get_language() or "").startswith("zh")
    name = (name_zh or name_en) if chinese else (name_en or name_zh)
    if any(created):
        return gettext("%(name)s (will be created)") % {"name": name}
    return name


def rows_as_read(rows):
    """One page of the preview's rows, each value as the import read it,
    organization, country and role named in the active language."""
    roles = dict(Attendee.Role.choices)
    return [
        {
            "row": row["row"],
            "action": gettext("new") if row["action"] == "new" else _updated(row.get("changed", ())),
            "name": row["name"],
            "native_name": row["native_name"],
            "organization": organization_as_read(row["organization"]),
            "country": str(countries.name(row["country"])) if row["country"] else "",
            "email": row["email"],
            "role": roles.get(row.get("role"), row.get("role", "")),
        }
        for row in rows
    ]


def _updated(changed):
    """What an update changes: "updated (e-mail, position)"."""
    named = [str(label) for name, label in FIELD_LABELS.items() if name in changed]
    if not named:  # a preview saved before the changed fields were noted
        return gettext("updated")
    fields = pgettext("list separator", ", ").join(named)
    return gettext("updated (%(fields)s)") % {"fields": fields}


def organizations_to_create(record):
    """The name of each organization the import will create, as written (in
    the one language it is created with)."""
    return sorted(
        {
            row["organization"][0] or row["organization"][1]
            for row in record.sample
            if row.get("organization") and row["organization"][2:] == [True]
        }
    )


class AttendeeImportAdminMixin:
    """Mix into the Attendee ModelAdmin, before ``admin.ModelAdmin``."""

    change_list_template = "admin/symposia/importing/change_list.html"
    import_template = "admin/symposia/importing/upload.html"
    preview_template = "admin/symposia/importing/preview.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(csrf_exempt(self.import_view)), name=f"{prefix}_import"),
            path("import/<int:record_id>/", wrap(self.import_preview_view), name=f"{prefix}_import_preview"),
            path(
                "import/template/<str:language>.<str:format>",
                wrap(self.import_template_view),
                name=f"{prefix}_import_template",
            ),
            path("export/<str:format>/", wrap(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    def _url(self, name, *args, query=None):
        url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args
        )
        return f"{url}?{urlencode(query)}" if query else url

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        can_export = self.has_export_permission(request)
        extra_context = {
            **(extra_context or {}),
            "import_url": self._url("import") if self.has_import_permission(request) else None,
            "export_csv_url": self._url("export", "csv") + suffix if can_export else None,
            "export_xlsx_url": self._url("export", "xlsx") + suffix if can_export else None,
        }
        return super().changelist_view(request, extra_context)

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            "changelist_url": self._url("changelist"),
            "template_urls": [
                (label, self._url("import_template", lang, fmt))
                for label, lang, fmt in (
                    (_("English headers (XLSX)"), "en", "xlsx"),
                    (_("English headers (CSV)"), "en", "csv"),
                    (_("Chinese headers (XLSX)"), "zh-hans", "xlsx"),
                    (_("Chinese headers (CSV)"), "zh-hans", "csv"),
                )
            ],
            "columns": [(FIELD_LABELS[f], ALIASES[f], f in ("name",)) for f in FIELDS],
            **extra,
        }

    def import_view(self, request):
        """The upload form. The size limit is enforced while the file streams
        in, so the handler must be in place before anything reads the body:
        the CSRF check, which reads it too, comes after (csrf_exempt here,
        csrf_protect inside, as Django's upload-handler documentation shows)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        handler = LimitedUploadHandler(request, max_bytes())
        request.upload_handlers.insert(0, handler)
        return csrf_protect(self._import_form)(request, handler)

    def _import_form(self, request, handler):
        if request.method == "POST":
            files = request.FILES  # reads the body, through the handler
            if handler.refused:
                return self._refused_upload(request, *handler.refused)
            form = AttendeeImportForm(request.POST, files)
            if form.is_valid():
                data = form.cleaned_data
                if data["create_organizations"] and not request.user.has_perm("symposia.add_organization"):
                    form.add_error("create_organizations", gettext("You may not add organizations."))
                else:
                    upload = data["file"]
                    try:
                        record = preview_import(
                            symposium=data["symposium"],
                            data=upload.read(),
                            filename=upload.name,
                            user=request.user,
                            format=data["format"],
                            encoding=data["encoding"],
                            sheet=data["sheet"],
                            only_valid=data["only_valid"],
                            create_organizations=data["create_organizations"],
                            accept_question_marks=data["accept_question_marks"],
                        )
                    except OperationalError as exc:
                        if not is_busy(exc):
                            raise
                        form.add_error(None, render("database_busy"))
                    else:
                        return HttpResponseRedirect(self._url("import_preview", record.pk))
        else:
            initial = {}
            symposium = request.GET.get("symposium")
            if symposium and symposium.isdigit():
                initial["symposium"] = Symposium.objects.filter(pk=symposium).first()
            form = AttendeeImportForm(initial=initial)
        context = self._context(request, gettext("Import attendees"), form=form)
        return TemplateResponse(request, self.import_template, context)

    def _refused_upload(self, request, filename, received):
        """A file stopped at the size limit: record the refusal and show it
        like any other (the symposium field comes before the file in the form)."""
        chosen = request.POST.get("symposium", "")
        record = refuse_upload(
            symposium=Symposium.objects.filter(pk=chosen).first() if chosen.isdigit() else None,
            filename=filename,
            size=received,
            user=request.user,
            code="upload_too_large",
            params={"limit": megabytes(max_bytes())},
        )
        return HttpResponseRedirect(self._url("import_preview", record.pk))

    def _record(self, request, record_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        # The upload's bytes are read only to confirm (confirm_import reloads the record).
        records = ImportRecord.objects.select_related("symposium", "user").defer("pending_data")
        record = get_object_or_404(records, pk=record_id)
        if record.user_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        return record

    def import_preview_view(self, request, record_id):
        record = self._record(request, record_id)
        Status = ImportRecord.Status
        if request.method == "POST" and record.status == Status.PENDING:
            return self._decide(request, record)
        pending = record.status == Status.PENDING
        page = Paginator(record.sample if pending else [], ROWS_PER_PAGE).get_page(request.GET.get("page"))
        context = self._context(
            request,
            gettext("Import attendees: preview") if pending else gettext("Import attendees"),
            record=record,
            summary=summary_lines(record),
            problems=problem_rows(record),
            rows_page=page,
            rows=rows_as_read(page.object_list),
            page_numbers=page.paginator.get_elided_page_range(page.number),
            organizations_to_create=organizations_to_create(record) if pending else [],
            can_confirm=pending and not record.awaits_valid_rows_choice,
            valid_rows=record.total_rows - record.rejected_count if record.awaits_valid_rows_choice else 0,
            upload_again_url=self._url("import", query={"symposium": record.symposium_id or ""}),
            imported_url=self._url("changelist", query={"symposium__id__exact": record.symposium_id or ""}),
        )
        return TemplateResponse(request, self.preview_template, context)

    def _decide(self, request, record):
        """The registrar's answer to a pending preview: cancel, confirm, or
        import only the valid rows of a file with rejected rows."""
        Status = ImportRecord.Status
        if "cancel" in request.POST:
            # Drops the upload and the rows as read, as every final outcome does.
            finish(record, Status.CANCELLED)
            messages.info(request, gettext("Import cancelled; nothing was written."))
            return HttpResponseRedirect(self._url("import") + f"?symposium={record.symposium_id}")
        only_valid = "import_valid" in request.POST
        if record.awaits_valid_rows_choice and not only_valid:
            # Only "Import the valid rows" may write part of a file.
            return HttpResponseRedirect(self._url("import_preview", record.pk))
        try:
            confirm_import(record=record, user=request.user, only_valid=only_valid)
        except ImportFailed as exc:
            messages.warning(request, render(exc.code, exc.params))
            return HttpResponseRedirect(self._url("import_preview", record.pk))
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            messages.error(request, render("database_busy"))
            return HttpResponseRedirect(self._url("import_preview", record.pk))
        for line in summary_lines(record):
            messages.success(request, line)
        return HttpResponseRedirect(
            self._url("changelist", query={"symposium__id__exact": record.symposium_id})
        )

    def import_template_view(self, request, language, format):
        if not self.has_import_permission(request) and not self.has_export_permission(request):
            raise PermissionDenied
        if format not in CONTENT_TYPES or language not in ("en", "zh-hans"):
            raise PermissionDenied
        response = HttpResponse(
            template_file(language=language, format=format), content_type=CONTENT_TYPES[format]
        )
        response["Content-Disposition"] = f'attachment; filename="attendees-template-{language}.{format}"'
        return response

    def export_view(self, request, format):
        if not self.has_export_permission(request):
            raise PermissionDenied
        if format not in CONTENT_TYPES:
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # A filter value the list does not accept (edited by hand): say so
            # rather than export something other than what was asked.
            return HttpResponseBadRequest(
                gettext("The filter in this export link is not valid; nothing was exported."),
                content_type="text/plain; charset=utf-8",
            )
        queryset = changelist.get_queryset(request).order_by("symposium__ordinal", "name", "pk")
        language = export_language()
        symposium_id = request.GET.get("symposium__id__exact", "")
        symposium = Symposium.objects.filter(pk=symposium_id).first() if symposium_id.isdigit() else None
        response = HttpResponse(
            export_attendees(queryset, format=format, language=language), content_type=CONTENT_TYPES[format]
        )
        response["Content-Disposition"] = f'attachment; filename="{file_name(symposium, format, language)}"'
        return response


class ImportRecordAdmin(admin.ModelAdmin):
    """Every import, read-only: who, when, what file, what came of it."""

    list_display = (
        "created_at",
        "file_name",
        "symposium",
        "user",
        "source",
        "status",
        "dry_run",
        "new_count",
        "updated_count",
        "unchanged_count",
        "rejected_count",
    )
    list_filter = ("status", "source", "dry_run", "symposium")
    search_fields = ("file_name", "sha256", "user__username")
    date_hierarchy = "created_at"
    list_select_related = ("symposium", "user")
    fields = (
        "symposium",
        "user",
        "source",
        "created_at",
        "finished_at",
        "status",
        "dry_run",
        "file_name",
        "file_size",
        "sha256",
        "format",
        "encoding",
        "options_display",
        "total_rows",
        "new_count",
        "updated_count",
        "unchanged_count",
        "rejected_count",
        "organizations_created",
        "unknown_columns",
        "problems_display",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("options"))
    def options_display(self, record):
        """The options the import ran with, as the upload form words them,
        in the staff user's language (the form's labels and choices)."""
        form = AttendeeImportForm()
        items = []
        for key, value in (record.options or {}).items():
            field = form.fields.get(key)
            if key == "layout":  # what was read of the file, in the preview's words
                items.extend((line,) for line in layout_lines(value or {}))
                continue
            if key == "sheet" and not value:
                continue  # no sheet chosen: the layout lines say which was read
            if field is None:
                label, shown = key, value
            elif isinstance(value, bool):
                label, shown = field.label, gettext("Yes") if value else gettext("No")
            else:
                label, shown = field.label, dict(getattr(field, "choices", ())).get(value, value)
            items.append((gettext("%(label)s: %(value)s") % {"label": label, "value": shown},))
        if not items:
            return "-"
        # format_html_join escapes every item.
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", items))

    @admin.display(description=_("problems"))
    def problems_display(self, record):
        if not record.problems:
            return "-"
        # format_html_join escapes every value: cells may hold markup.
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                ((render_problem(p),) for p in record.problems),
            ),
        )


if not admin.site.is_registered(ImportRecord):
    admin.site.register(ImportRecord, ImportRecordAdmin)
