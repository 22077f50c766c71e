"""The attendee spreadsheet import and export.

django-import-export gives the resource, the formats and the admin plumbing;
this package replaces the parts that fall short for registrars. The import
is a pipeline, one module per stage (services.py runs it):

- read: readers.py (any common format and encoding; the header row below a
  title, the sheet that holds the list, merged delegation cells), measured
  first by sheets.py (what a spreadsheet would make the reader allocate, and
  its merged ranges and hidden rows);
- map headers: columns.py (English or Chinese headers);
- resolve rows: rows.py, with values.py (countries, organizations and roles
  written every which way);
- plan: planning.py (new, updated, unchanged or rejected; never a person twice);
- write: writing.py (all of it or none of it, in a few statements);
- record: records.py (every import and refusal; one writer per symposium;
  uploads that expire).

errors.py and messages.py hold the reasons and their words in both
languages; resources.py the export; admin.py, forms.py and uploads.py the
admin's side, cli.py the commands'.
"""
