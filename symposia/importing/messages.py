"""Every message the import shows a registrar, by code.

Problems are stored as a code and plain parameters (in the ImportRecord's
JSON), and rendered when shown, so a preview saved by one registrar reads in
the language of whoever opens it later.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # The file as a whole.
    "file_too_large": _("The file is %(size)s; the limit is %(limit)s."),
    "file_empty": _("The file is empty."),
    "old_excel": _(
        "This is an old Excel 97-2003 workbook (.xls). Save it as .xlsx or as CSV and upload that."
    ),
    "bad_spreadsheet": _(
        "The file looks like a spreadsheet but cannot be opened: it may be damaged or password-protected."
    ),
    "unknown_zip": _("The file is a zip archive, not an XLSX or ODS spreadsheet."),
    "zip_bomb": _(
        "The spreadsheet would unpack to far more data than an attendee list holds, so it was not opened."
    ),
    "binary_file": _(
        "The file is not a spreadsheet or a text file (CSV, TSV or JSON), whatever its name says."
    ),
    "unknown_encoding": _(
        "The text encoding of the file could not be recognised. Save it as UTF-8, or choose its encoding."
    ),
    "bad_encoding_name": _("Unknown encoding “%(encoding)s”."),
    "wrong_encoding": _(
        "The file cannot be read as %(encoding)s (byte %(position)s). "
        "Choose another encoding, or leave the encoding on automatic."
    ),
    "cell_too_long": _("Row %(row)s has a cell longer than %(limit)s characters; the file was not read."),
    "bad_csv": _("Row %(row)s cannot be read: %(detail)s"),
    "no_sheet": _("The workbook has no sheet."),
    "bad_json": _("The JSON is not valid (line %(line)s: %(detail)s)."),
    "json_not_list": _("A JSON file must hold a list of objects, one per attendee."),
    "too_many_rows": _("The file has more than %(limit)s rows. Split it into smaller files."),
    "bad_format_name": _("Unknown format “%(format)s”."),
    "format_mismatch": _("You chose %(format)s, but the file is %(detected)s."),
    "no_rows": _("The file holds no header row and no attendees."),
    "no_data_rows": _("The file has a header row but no attendees."),
    "missing_column": _(
        "The file has no column for %(field)s. Headers that are understood: %(aliases)s. "
        "Nothing was imported."
    ),
    "missing_org_or_country": _(
        "The file needs a column for the organization or for the country. "
        "Headers that are understood: %(aliases)s. Nothing was imported."
    ),
    "duplicate_column": _(
        "Columns “%(first)s” and “%(second)s” both hold %(field)s. Keep one of them. Nothing was imported."
    ),
    "concurrent": _(
        "Another import changed this symposium's attendees at the same moment, so nothing was written. "
        "Run the import again."
    ),
    "plan_changed": _(
        "The attendee list changed after the preview, so nothing was written. "
        "Check the new preview and confirm again."
    ),
    "not_pending": _("This import is not waiting for confirmation any more."),
    # One cell or row.
    "required": _("A value is required."),
    "org_or_country_required": _("An organization or a country is required."),
    "too_long": _("Longer than %(limit)s characters."),
    "control_characters": _("Contains control characters (such as NUL) that cannot be stored; remove them."),
    "bad_email": _("“%(value)s” is not a valid e-mail address."),
    "unknown_country": _(
        "Country “%(value)s” is not recognised. Write its name in English or Chinese, "
        "or its ISO code (for example VN or VNM)."
    ),
    "unknown_organization": _(
        "Organization “%(value)s” does not exist. Add it first, or choose to create missing organizations."
    ),
    "ambiguous_organization": _("“%(value)s” matches several organizations: %(matches)s."),
    "unknown_role": _("Role “%(value)s” is not one of: %(choices)s."),
    "unknown_gender": _("Gender “%(value)s” is not one of: %(choices)s."),
    "duplicate_in_file": _("The same person (%(key)s) is also in row %(rows)s. Keep one of these rows."),
}

FIELD_LABELS = {
    "name": _("name"),
    "native_name": _("native name"),
    "gender": _("gender"),
    "position": _("position"),
    "organization": _("organization"),
    "country": _("country"),
    "email": _("e-mail"),
    "role": _("role"),
}


def render(code, params=None):
    params = dict(params or {})
    if "field" in params:
        params["field"] = FIELD_LABELS.get(params["field"], params["field"])
    text = str(MESSAGES[code])
    return text % {k: str(v) for k, v in params.items()} if params else text


def render_problem(problem):
    """One rejected cell or row, as a full sentence for a terminal or a log."""
    reason = render(problem["code"], problem.get("params"))
    if problem.get("column"):
        return gettext("Row %(row)s, column “%(column)s”: %(reason)s") % {
            "row": problem["row"],
            "column": problem["column"],
            "reason": reason,
        }
    return gettext("Row %(row)s: %(reason)s") % {"row": problem["row"], "reason": reason}
