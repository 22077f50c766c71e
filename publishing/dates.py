"""Dates known to a month or a year, as the source page gives them.

The seed says "December 2003", not a day; we store a real date (the first of the
month) and how much of it is meant, and render it in the reader's language:
"December 2003" / "2003年12月".
"""

import functools

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
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
    return _formatted(value, precision, get_language())


@functools.lru_cache(maxsize=1024)
def _formatted(value, precision, language):
    # Remembered: a list of symposia writes the same few dates on every page, and
    # Django's localised date_format costs ~40 us a call here. Its answer depends only on
    # the date, the precision, the language and the format settings (cleared below).
    if precision == DatePrecision.YEAR:
        # Django has no localised year-only format; Chinese readers expect 年.
        year = str(value.year)
        return f"{year}年" if (language or "").startswith("zh") else year
    return date_format(value, _FORMATS.get(precision, "DATE_FORMAT"))


@receiver(setting_changed)
def _forget_formats(setting, **kwargs):
    if setting in {"LANGUAGE_CODE", "LANGUAGES", "FORMAT_MODULE_PATH"} or setting.endswith("_FORMAT"):
        _formatted.cache_clear()
