"""Dates known to a month or a year (publishing/dates.py), in the reader's language."""

import datetime

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
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"
