"""Times the desk types: the newsroom's style or ISO 8601, read in the newsroom's zone,
shown with that zone, refused with an example when unreadable."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from text.times import DeskTimeField, DeskTimeInput, format_desk_time, zone_label


@pytest.fixture(autouse=True)
def tokyo(settings):
    settings.TIME_ZONE = "Asia/Tokyo"


def test_the_desk_style_is_read_in_the_newsrooms_zone():
    """ "1 Dec 2026, 14:30" in Tokyo is 05:30 UTC."""
    read = DeskTimeField().clean("1 Dec 2026, 14:30")

    assert read == datetime(2026, 12, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed",
    [
        "01 Dec 2026, 14:30",
        "1 dec 2026 14:30",
        "1 December 2026, 14:30",
        "2026-12-01 14:30",
        "2026-12-01T14:30",
        "2026-12-01T14:30:00+09:00",
        "  1 Dec 2026, 14:30  ",
    ],
)
def test_the_usual_ways_of_writing_the_same_time_agree(typed):
    """Padding, case, a missing comma, the full month and ISO 8601 all mean one time."""
    assert DeskTimeField().clean(typed) == datetime(2026, 12, 1, 5, 30, tzinfo=UTC)


def test_an_iso_time_with_its_own_offset_keeps_it():
    """ "…T14:30Z" is half past two in London, not in Tokyo."""
    read = DeskTimeField().clean("2026-12-01T14:30Z")

    assert read == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed", ["tomorrow at 3pm", "31 Feb 2026, 10:00", "2026-13-01T10:00", "12/01/26"]
)
def test_an_unreadable_time_is_refused_with_an_example_and_the_zone(typed):
    """The message quotes what was typed and shows both accepted forms and the zone."""
    field = DeskTimeField()

    with pytest.raises(ValidationError) as refusal:
        field.clean(typed)

    message = " ".join(refusal.value.messages)
    assert f"“{typed}” is not a time we can read" in message
    assert "14:30" in message and "T14:30" in message
    assert "Asia/Tokyo (JST)" in message


def test_a_day_alone_is_not_a_time_to_schedule_at():
    """The desk's date style without a time is refused rather than read as midnight."""
    with pytest.raises(ValidationError, match="not a time we can read"):
        DeskTimeField().clean("1 Dec 2026")


def test_the_box_shows_the_time_in_the_desk_style_with_the_zone_beside_it():
    """A stored time is shown as the desk writes it, followed by "Asia/Tokyo (JST)"."""
    moment = datetime(2026, 12, 1, 5, 30, tzinfo=UTC)

    html = DeskTimeInput().render(
        "publish_at", timezone.localtime(moment), {"id": "id_publish_at"}
    )

    assert 'value="1 Dec 2026, 14:30"' in html
    assert '<span class="desk-time-zone" id="id_publish_at_zone">' in html
    assert "Asia/Tokyo (JST)" in html
    assert 'aria-describedby="id_publish_at_zone id_publish_at_format"' in html


def test_what_the_box_shows_reads_back_unchanged():
    """Saving an untouched box keeps the time to the minute."""
    moment = datetime(2026, 3, 9, 23, 5, tzinfo=UTC)
    shown = DeskTimeInput().format_value(timezone.localtime(moment))

    assert DeskTimeField().clean(shown) == moment


def test_printed_times_use_the_same_style():
    """Messages, history and dashboard print "10 Mar 2026, 08:05" for that moment."""
    assert format_desk_time(datetime(2026, 3, 9, 23, 5, tzinfo=UTC)) == (
        "10 Mar 2026, 08:05"
    )


def test_the_zone_is_named_with_its_abbreviation_of_the_day(settings):
    """London reads "Europe/London (BST)" in July and "(GMT)" in January; UTC is "UTC"."""
    settings.TIME_ZONE = "Europe/London"
    assert zone_label(datetime(2026, 7, 1, tzinfo=UTC)) == "Europe/London (BST)"
    assert zone_label(datetime(2026, 1, 1, tzinfo=UTC)) == "Europe/London (GMT)"
    settings.TIME_ZONE = "UTC"
    assert zone_label() == "UTC"
