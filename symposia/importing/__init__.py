"""The attendee spreadsheet import and export.

django-import-export gives the resource, the formats and the admin plumbing;
this package replaces the parts that fall short for registrars: reading any
common format and encoding (readers), English or Chinese headers (columns),
countries, organisations and roles written every which way (values), and a
fast all-or-nothing import that never duplicates a person (services).
"""
