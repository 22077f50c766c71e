"""Dates known to a month or a year, as the source page gives them.

The seed says "December 2003", not a day; we store a real date (the first of the
month) and how much of it is meant, and render it in the reader's language:
"December 2003" / "2003年12月".
"""

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


_FORMATS = {
    DatePrecision.DAY: "DATE_FORMAT",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.YEAR: "Y",
}


def format_partial_date(value, precision):
    """The date as much as it is known, in the active language's format."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        # Django has no localised year-only format; Chinese readers expect 年.
        year = str(value.year)
        return f"{year}年" if (get_language() or "").startswith("zh") else year
    return date_format(value, _FORMATS.get(precision, "DATE_FORMAT"))
