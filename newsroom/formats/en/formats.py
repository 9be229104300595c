"""The newsroom's one date style, for the admin and every time the desk types.

Django reads this module (FORMAT_MODULE_PATH in settings) before its own English
formats, so the changelist, history, dashboard, corrections and every time field show
and accept the same thing: "1 Dec 2026, 14:30", on a 24-hour clock, in the newsroom's
time zone (TIME_ZONE). ISO 8601 ("2026-12-01T14:30", with or without an offset) is
read too, before these formats. Another NEWSROOM_LANGUAGE gets the same style from a
`newsroom/formats/<language>/formats.py` that imports this module's names.
"""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday

# What the desk may type. The first line is what time fields show, so an untouched
# value always reads back; the others forgive a missing comma or a full month name.
DATETIME_INPUT_FORMATS = [
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y, %H:%M",
    "%d %B %Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
DATE_INPUT_FORMATS = ["%d %b %Y", "%d %B %Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
