"""English dates in one style, the source's: the month written out ("December 2003"), so a full
date reads "January 5, 2009" (US order, as the source's spelling), never Django's abbreviated
"Jan. 5, 2009" beside "December 2003". Only what differs from django/conf/locale/en/formats.py."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, P"
