"""Every message the import shows a registrar, by code.

Problems are stored as a code and plain parameters (in the ImportRecord's
JSON), and rendered when shown, so a preview saved by one registrar reads in
the language of whoever opens it later.
"""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # The file as a whole.
    "file_too_large": _("The file is %(size)s; the limit is %(limit)s."),
    "upload_too_large": _(
        "The file is larger than %(limit)s, the most an attendee list may be; it was not read. "
        "Split it into smaller files."
    ),
    "file_empty": _("The file is empty."),
    "old_excel": _(
        "This is an old Excel 97-2003 workbook (.xls). Save it as .xlsx or as CSV and upload that."
    ),
    # Kept for import records written before the format tried was named.
    "bad_spreadsheet": _(
        "The file looks like a spreadsheet but cannot be opened: it may be damaged or password-protected."
    ),
    "bad_spreadsheet_as": _(
        "The file was read as %(format)s, which its content says it is, but it cannot be opened: "
        "it may be damaged or password-protected. Open it and save it again as XLSX or ODS."
    ),
    "bad_zip": _(
        "The file starts like a zip archive, as XLSX and ODS spreadsheets do, but it cannot be unpacked: "
        "it is damaged or incomplete. Save the list again (XLSX, ODS or CSV) and upload that."
    ),
    "unknown_zip": _(
        "The file is a zip archive; read as XLSX and as ODS, it is neither. "
        "Upload the spreadsheet itself (XLSX, ODS, flat ODS, CSV, TSV or JSON)."
    ),
    "xml_not_spreadsheet": _(
        "The file is XML; read as a flat ODS spreadsheet (.fods), it is not one. "
        "Save the list as XLSX, ODS, flat ODS, CSV, TSV or JSON."
    ),
    "zip_bomb": _(
        "The spreadsheet would unpack to far more data than an attendee list holds, so it was not opened."
    ),
    "binary_file": _(
        "The file was read as XLSX, ODS, flat ODS, CSV, TSV and JSON, and it is none of them, "
        "whatever its name says."
    ),
    "unknown_encoding": _(
        "The file was read as text in UTF-8, UTF-16 and GB18030 (GBK), and it is in none of them. "
        "Save it as UTF-8, or choose its encoding."
    ),
    "bad_encoding_name": _("Unknown encoding “%(encoding)s”."),
    # Kept for import records written before rows were named.
    "wrong_encoding": _(
        "The file cannot be read as %(encoding)s (byte %(position)s). "
        "Choose another encoding, or leave the encoding on automatic."
    ),
    "wrong_encoding_row": _(
        "Row %(row)s cannot be read as %(encoding)s. "
        "Choose another encoding, or leave the encoding on automatic."
    ),
    "wrong_encoding_line": _(
        "Line %(line)s cannot be read as %(encoding)s. "
        "Choose another encoding, or leave the encoding on automatic."
    ),
    "mixed_encoding_row": _(
        "Row %(row)s is not in the same text encoding as the rest of the file (%(encoding)s): "
        "the file mixes encodings, as when rows are pasted in from another file, and its names would be "
        "garbled. Save the whole list in one encoding (CSV UTF-8, or XLSX) and upload it again."
    ),
    "mixed_encoding_line": _(
        "Line %(line)s is not in the same text encoding as the rest of the file (%(encoding)s): "
        "the file mixes encodings and its names would be garbled. "
        "Save the whole file in one encoding (UTF-8) and upload it again."
    ),
    "cell_too_long": _("Row %(row)s has a cell longer than %(limit)s characters; the file was not read."),
    "bad_csv": _("Row %(row)s cannot be read: %(detail)s"),
    "no_sheet": _("The workbook has no sheet."),
    "no_such_sheet": _("The workbook has no sheet “%(sheet)s”. Its sheets: %(sheets)s."),
    "no_sheets_in_text": _(
        "You chose sheet “%(sheet)s”, but the file is %(format)s, which has no sheets. Leave the sheet empty."
    ),
    "too_many_merged": _(
        "Sheet “%(sheet)s” has more than %(limit)s merged ranges, more than an attendee list needs. "
        "Unmerge the cells and upload it again."
    ),
    "sheet_too_large": _(
        "Sheet “%(sheet)s” reaches cell %(corner)s: reading it would take more than the %(cells)s cells "
        "an attendee list may use, most of them empty. Delete the rows and columns beyond the list "
        "(or copy the list into a new sheet) and upload it again."
    ),
    "too_many_sheets": _(
        "The workbook has more than %(limit)s sheets. Keep the attendee list and remove the other sheets, "
        "or copy the list into a new file."
    ),
    "too_many_strings": _(
        "The workbook claims to hold %(count)s different texts, more than the %(cells)s cells an attendee "
        "list may use: it is damaged or not an attendee list."
    ),
    "too_many_columns": _(
        "The file has %(columns)s different columns over %(rows)s attendees: too many to be an attendee "
        "list. Keep the attendee columns only."
    ),
    "bad_json": _("The JSON is not valid (line %(line)s: %(detail)s)."),
    "json_not_list": _("A JSON file must hold a list of objects, one per attendee."),
    "json_too_deep": _(
        "The JSON nests lists or objects too deeply to be an attendee list, which holds one object "
        "per attendee."
    ),
    "json_number_too_long": _(
        "The JSON holds a number of %(digits)s digits; no attendee field holds such a number."
    ),
    "too_many_rows": _("The file has more than %(limit)s rows. Split it into smaller files."),
    "bad_format_name": _("Unknown format “%(format)s”."),
    "format_mismatch": _("You chose %(format)s, but the file is %(detected)s."),
    "no_rows": _("The file holds no header row and no attendees."),
    "no_data_rows": _("The file has a header row but no attendees."),
    "no_header_row": _(
        "None of the first %(rows)s rows of the file is a header row: it needs a column for the name "
        "and one for the organization or the country, with headers such as Name, Organization, Country "
        "or 姓名, 单位, 国家. Nothing was imported."
    ),
    "no_header_row_sheets": _(
        "None of the first %(rows)s rows of the sheets read (%(sheets)s) is a header row: it needs a column "
        "for the name and one for the organization or the country, with headers such as Name, "
        "Organization, Country or 姓名, 单位, 国家. Nothing was imported."
    ),
    "header_taken": _(
        "Row %(row)s was taken as the header row: of the first %(rows)s rows, it holds the most "
        "headers that are understood."
    ),
    "header_taken_sheet": _(
        "Row %(row)s of sheet “%(sheet)s” was taken as the header row: of the first %(rows)s rows "
        "of every sheet, it holds the most headers that are understood."
    ),
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
    "import_running": _(
        "Another import into this symposium is running; nothing was written. Try again when it has finished."
    ),
    "database_busy": _(
        "The database was busy with another change for too long; nothing was written. Try again in a moment."
    ),
    "interrupted": _("This import was interrupted before it finished; nothing was written."),
    "expired": _("This preview expired before it was confirmed; nothing was written. Upload the file again."),
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
    "lost_characters": _(
        "“%(value)s”: characters probably lost when the file was saved in an encoding that cannot hold "
        "them (each became “?”), so the row was not imported; it would replace a correct name. Save the "
        "list as UTF-8 (“CSV UTF-8”) or XLSX and import it again. If the “?” really is written in the "
        "name, import it with “Accept names with ‘?’ as written” ticked (on the command line: "
        "--accept-question-marks)."
    ),
    "control_characters": _("Contains control characters (such as NUL) that cannot be stored; remove them."),
    "bad_email": _("“%(value)s” is not a valid e-mail address."),
    "unknown_country": _(
        "Country “%(value)s” is not recognized. Write its name in English or Chinese, "
        "or its ISO code (for example VN or VNM)."
    ),
    "unknown_organization": _(
        "Organization “%(value)s” does not exist. Add it first, or choose to create missing organizations."
    ),
    "ambiguous_organization": _("“%(value)s” matches several organizations: %(matches)s."),
    "unknown_role": _("Role “%(value)s” is not one of: %(choices)s."),
    "unknown_gender": _("Gender “%(value)s” is not one of: %(choices)s."),
    # Kept for import records written before repeated rows were grouped.
    "duplicate_in_file": _("The same person (%(key)s) is also in row %(rows)s. Keep one of these rows."),
    "duplicate_rows": _("The same person (%(key)s) is in %(count)s rows (%(rows)s). Keep one of them."),
}

FIELD_LABELS = {
    "name": pgettext_lazy("person", "name"),
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
    """One rejected cell or row, as a full sentence for a terminal or a log;
    a problem of no row (the file refused, an expired preview) is its reason."""
    reason = render(problem["code"], problem.get("params"))
    if not problem.get("row"):
        return reason
    if problem.get("column"):
        return gettext("Row %(row)s, column “%(column)s”: %(reason)s") % {
            "row": problem["row"],
            "column": problem["column"],
            "reason": reason,
        }
    return gettext("Row %(row)s: %(reason)s") % {"row": problem["row"], "reason": reason}
