"""Dates known to a month or a year (publishing/dates.py), in the reader's language."""

import datetime

from django.utils import translation

from publishing.dates import DatePrecision, format_partial_date

DAY = datetime.date(2003, 12, 1)


def test_each_precision_in_each_language():
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"
    assert format_partial_date(DAY, DatePrecision.YEAR) == "2003"
    # The month written out in every precision, as the source writes it (not Django's "Dec. 1, 2003").
    assert format_partial_date(DAY, DatePrecision.DAY) == "December 1, 2003"
    assert format_partial_date(None, DatePrecision.DAY) == ""
    with translation.override("zh-hans"):
        assert format_partial_date(DAY, DatePrecision.MONTH) == "2003年12月"
        assert format_partial_date(DAY, DatePrecision.YEAR) == "2003年"
        assert format_partial_date(DAY, DatePrecision.DAY) == "2003年12月1日"
    assert format_partial_date(DAY, DatePrecision.MONTH) == "December 2003"


def test_the_admin_works_in_beijing_time(admin_client):
    """The admin's "You are 8 hours behind server time" compares the browser's clock with this
    offset: Beijing time, the publisher's (README, Configuration), not a wrong setting."""
    body = admin_client.get("/admin/").content.decode()
    assert 'data-admin-utc-offset="28800"' in body
