"""Times as the desk reads and types them: in the newsroom's time zone, in its one style.

The style itself ("1 Dec 2026, 14:30") is Django's DATETIME_FORMAT and
DATETIME_INPUT_FORMATS, set once in the project's formats module; this module only
reads them, so every time field and every printed time agree with the changelist.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _


def zone_label(moment: datetime.datetime | None = None) -> str:
    """The newsroom's time zone as the desk names it: "Asia/Tokyo (JST)", or just "UTC".

    The abbreviation is the one in force at `moment` (now by default): summer time
    changes it, the zone's name does not.
    """
    name = timezone.get_current_timezone_name()
    abbreviation = timezone.localtime(moment).tzname()
    return name if abbreviation == name else f"{name} ({abbreviation})"


def format_desk_time(moment: datetime.datetime) -> str:
    """A time in the newsroom's zone and style: "1 Dec 2026, 14:30"."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def examples() -> tuple[str, str]:
    """Today at 14:30 in the desk's style and in ISO 8601, for hints and error messages."""
    sample = timezone.localtime().replace(hour=14, minute=30, second=0, microsecond=0)
    return format_desk_time(sample), sample.strftime("%Y-%m-%dT%H:%M")


class DeskTimeInput(forms.DateTimeInput):
    """One text box that shows the time as the desk writes it, the zone beside it and
    an example below it. Plain HTML: typing works with or without JavaScript."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "size": 20, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            return formats.date_format(value, "DATETIME_FORMAT")
        return value

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        base_id = attrs.get("id") or f"id_{name}"
        zone_id, hint_id = f"{base_id}_zone", f"{base_id}_format"
        described = [attrs.get("aria-describedby", ""), zone_id, hint_id]
        attrs["aria-describedby"] = " ".join(part for part in described if part)
        desk, iso = examples()
        attrs.setdefault("placeholder", desk)
        return format_html(
            '<span class="desk-time">{} <span class="desk-time-zone" id="{}">{}</span>'
            '<small class="desk-time-format" id="{}">{}</small></span>',
            super().render(name, value, attrs, renderer),
            zone_id,
            zone_label(),
            hint_id,
            _("Day month year, 24-hour clock: %(desk)s (or ISO 8601: %(iso)s)")
            % {"desk": desk, "iso": iso},
        )


class _DeskInputFormats:
    """The formats module's DATETIME_INPUT_FORMATS, read when parsing (never dates alone:
    a bare day is not a time to schedule at)."""

    def __iter__(self):
        yield from formats.get_format("DATETIME_INPUT_FORMATS")


class DeskTimeField(forms.DateTimeField):
    """A time typed in the newsroom's style or in ISO 8601, read in the newsroom's zone
    (an ISO time with its own offset keeps it); anything else is refused with an example."""

    widget = DeskTimeInput
    input_formats = _DeskInputFormats()

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid":
                raise
            desk, iso = examples()
            raise ValidationError(
                _(
                    "“%(value)s” is not a time we can read. Write day, month, year and "
                    "24-hour time, e.g. “%(desk)s”, or ISO 8601, e.g. “%(iso)s”; "
                    "times are in %(zone)s."
                ),
                code="invalid",
                params={
                    "value": value.strip(),
                    "desk": desk,
                    "iso": iso,
                    "zone": zone_label(),
                },
            ) from error


# `formfield_overrides` for a ModelAdmin or inline whose model has editable times.
ADMIN_TIME_FIELDS = {
    models.DateTimeField: {"form_class": DeskTimeField, "widget": DeskTimeInput}
}
