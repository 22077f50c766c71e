"""The attendee resource of django-import-export, for exports and templates.

Headers and values are written in the staff user's language, in forms the
import reads back (see columns.HEADERS and values.ROLE_EXPORT). Cells that a
spreadsheet would run as a formula are neutralised more thoroughly than
django-import-export's own escaping, which only strips a leading "=": any
cell starting with = + - @, a tab or a carriage return gets a leading
apostrophe, as OWASP recommends, and the import takes it off again.
"""

import io

import openpyxl
from django.utils import translation
from django_countries import countries
from import_export import fields, resources
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from symposia.models import Attendee

from .columns import ALIASES, FIELDS, HEADERS
from .values import FORMULA_STARTS, GENDER_EXPORT, ROLE_EXPORT, ROLE_WORDS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_language(language=None):
    language = language or translation.get_language() or "en"
    return "zh-hans" if language.lower().startswith("zh") else "en"


class AttendeeResource(resources.ModelResource):
    name = fields.Field(attribute="name")
    native_name = fields.Field(attribute="native_name")
    gender = fields.Field()
    position = fields.Field(attribute="position")
    organization = fields.Field()
    country = fields.Field()
    email = fields.Field(attribute="email")
    role = fields.Field()

    class Meta:
        model = Attendee
        fields = FIELDS
        export_order = FIELDS

    def __init__(self, language=None, **kwargs):
        super().__init__(**kwargs)
        self.language = export_language(language)

    def get_export_headers(self, selected_fields=None):
        table = HEADERS[self.language]
        return [table[self.get_field_name(f)] for f in self.get_export_fields(selected_fields)]

    def get_queryset(self):
        return Attendee.objects.select_related("organization")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization")

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    def dehydrate_gender(self, attendee):
        return GENDER_EXPORT[self.language].get(attendee.gender, "")

    def dehydrate_role(self, attendee):
        return ROLE_EXPORT[self.language].get(attendee.role, attendee.role)

    def dehydrate_organization(self, attendee):
        if attendee.organization is None:
            return ""
        with translation.override(self.language):
            return str(attendee.organization.name)

    def dehydrate_country(self, attendee):
        if not attendee.country:
            return ""
        with translation.override(self.language):
            return str(countries.name(attendee.country.code))


def export_attendees(queryset, *, format="csv", language=None):
    """The attendees of ``queryset`` as file bytes: CSV in UTF-8 with a BOM
    (so Excel shows Chinese), or XLSX."""
    dataset = AttendeeResource(language=language).export(queryset)
    if format == "csv":
        return dataset.export("csv").encode("utf-8-sig")
    if format == "xlsx":
        return _xlsx(dataset.headers, list(dataset))
    raise ValueError(format)


def xml_safe(value):
    """XLSX is XML, which cannot hold control characters (a form feed pasted
    into a name through the admin): they are removed, as openpyxl would
    otherwise refuse the whole export."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _xlsx(headers, rows, help_rows=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Attendees"
    sheet.append(headers)
    for row in rows:
        sheet.append([xml_safe(value) for value in row])
    # Values are already neutralised; make sure none is stored as a formula.
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    for column, header in zip("ABCDEFGH", headers, strict=False):
        sheet.column_dimensions[column].width = max(14, len(header) * 2)
    if help_rows:
        help_sheet = workbook.create_sheet("Help")
        for row in help_rows:
            help_sheet.append(row)
        help_sheet.column_dimensions["A"].width = 18
        help_sheet.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_file(*, language, format):
    """An empty attendee list with the headers of ``language``."""
    language = export_language(language)
    headers = [HEADERS[language][f] for f in FIELDS]
    if format == "csv":
        return (",".join(headers) + "\r\n").encode("utf-8-sig")
    roles = ", ".join(" / ".join(words[:3]) for words in ROLE_WORDS.values())
    help_rows = [["Column / 列", "Headers understood / 可用的列名"]]
    help_rows += [[HEADERS[language][f], ", ".join(ALIASES[f])] for f in FIELDS]
    help_rows += [[], ["Role / 角色", roles], ["Gender / 性别", "male 男 M, female 女 F"]]
    return _xlsx(headers, [], help_rows)


def file_name(symposium, format, language):
    return f"attendees-{symposium.slug if symposium else 'all'}-{language}.{format}"
