"""Dates known to a month or a year (briefing/dates.py): localised, and remembered per language
without ever giving one language's or one setting's answer for another."""

import datetime

from django.test import override_settings
from django.utils import translation

from publishing.dates import DatePrecision, format_partial_date

DAY = datetime.date(2003, 12, 1)


def test_each_precision_in_each_language():
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"
    assert format_partial_date(DAY, DatePrecision.YEAR) == "2003"
    assert format_partial_date(DAY, DatePrecision.DAY) == "Dec. 1, 2003"
    assert format_partial_date(None, DatePrecision.DAY) == ""
    with translation.override("zh-hans"):
        assert format_partial_date(DAY, DatePrecision.MONTH) == "2003年12月"
        assert format_partial_date(DAY, DatePrecision.YEAR) == "2003年"
    # Asked again in English after Chinese: the remembered answers are per language.
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"


def test_a_changed_format_setting_forgets_the_remembered_answers():
    from publishing.dates import _formatted

    format_partial_date(DAY, DatePrecision.MONTH)
    assert _formatted.cache_info().currsize >= 1
    with override_settings(YEAR_MONTH_FORMAT="m/Y"):
        assert _formatted.cache_info().currsize == 0
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"
