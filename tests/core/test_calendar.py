"""The ritual feed, read back as a calendar app would read it."""

import dataclasses
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

# python-dateutil ships no type hints and types-python-dateutil is not a dependency; the
# tests only use rrulestr to expand a rule the way calendar apps do.
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]
from icalendar import Calendar, Event, vRecur

from attune.core.calendar import ScheduledRitual, ritual_calendar

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

# Alice (London) checks in on Monday, Wednesday and Friday evenings; the week she starts
# spans the change to summer time on Sunday 29 March 2026.
ALICE_CHECK_IN = ScheduledRitual(
    uid="6f1c2d7e-4b1a-4c59-9d3e-2a8f0b7c1e01",
    title="Attune: check-in",
    weekdays=(0, 2, 4),
    start_time=time(18, 30),
    duration_minutes=20,
    time_zone="Europe/London",
    starts_on=date(2026, 3, 21),  # a Saturday
)
# Alice and Bob's weekly state of us, on Sunday evenings in London.
STATE_OF_US = ScheduledRitual(
    uid="0b9a4f3c-8e27-4d6b-b5a1-7c3e9d2f4a02",
    title="Attune: state of us",
    weekdays=(6,),
    start_time=time(18, 30),
    duration_minutes=60,
    time_zone="Europe/London",
    starts_on=date(2026, 3, 16),
    description="Open Attune for today's prompt.",
)
# Bob (New York) checks in every morning; the US changes clocks on Sunday 8 March 2026.
BOB_CHECK_IN = ScheduledRitual(
    uid="d4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f03",
    title="Attune: check-in",
    weekdays=(0, 1, 2, 3, 4, 5, 6),
    start_time=time(7, 15),
    duration_minutes=15,
    time_zone="America/New_York",
    starts_on=date(2026, 3, 5),  # a Thursday
)
RITUALS = (ALICE_CHECK_IN, STATE_OF_US, BOB_CHECK_IN)


def exported(rituals=RITUALS, **options) -> Calendar:
    """The feed for these rituals, parsed back."""
    return Calendar.from_ical(ritual_calendar(rituals, now=NOW, **options))


def event_for(calendar: Calendar, ritual: ScheduledRitual) -> Event:
    """The one event in the feed for this ritual."""
    [event] = [event for event in calendar.events if str(event["UID"]) == ritual.uid]
    return event


def start_of(event: Event) -> datetime:
    """The event's first start, which for a ritual is always a moment, never a whole day."""
    start = event.start
    assert isinstance(start, datetime)
    return start


def end_of(event: Event) -> datetime:
    """The event's first end."""
    end = event.end
    assert isinstance(end, datetime)
    return end


def rule_of(event: Event) -> vRecur:
    """The event's one recurrence rule."""
    # Event.rrules is a plain property() in icalendar, so mypy cannot see its list[vRecur].
    rules: list[vRecur] = event.rrules
    [rule] = rules
    return rule


def occurrences(event: Event, count: int) -> list[datetime]:
    """The event's first occurrences, expanded the way calendar apps expand them."""
    # vRecur.to_ical() has no annotations in icalendar 7.3; it returns the rule as bytes.
    rule = rule_of(event).to_ical().decode()  # type: ignore[no-untyped-call]
    return list(itertools.islice(rrulestr(rule, dtstart=start_of(event)), count))


def test_the_feed_says_what_it_is():
    calendar = exported(calendar_name="Alice's rituals")

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Attune//Rituals//EN"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Alice's rituals"


def test_the_calendar_is_named_attune_by_default():
    assert exported()["X-WR-CALNAME"] == "Attune"


def test_each_zone_in_use_is_defined_once_with_its_summer_and_winter_time():
    calendar = exported()

    zones = {zone.tz_name: zone for zone in calendar.timezones}
    assert sorted(zones) == ["America/New_York", "Europe/London"]
    assert len(calendar.timezones) == 2
    london, new_york = zones["Europe/London"], zones["America/New_York"]
    assert {part.TZOFFSETTO for part in london.standard} == {timedelta(0)}
    assert {part.TZOFFSETTO for part in london.daylight} == {timedelta(hours=1)}
    assert {part.TZOFFSETTO for part in new_york.standard} == {timedelta(hours=-5)}
    assert {part.TZOFFSETTO for part in new_york.daylight} == {timedelta(hours=-4)}


def test_zones_come_before_the_events_that_name_them():
    names = [component.name for component in exported().subcomponents]

    assert names == ["VTIMEZONE", "VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"]


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK])
def test_a_zone_definition_alone_gives_the_right_offsets_for_ten_years(zone):
    # Clients that ignore the IANA name and read the VTIMEZONE must land on the same times.
    [timezone_component] = [tz for tz in exported().timezones if tz.tz_name == zone.key]
    from_definition = timezone_component.to_tz(lookup_tzid=False)

    for year, month in itertools.product(range(2026, 2037), (1, 4, 7, 10, 11)):
        moment = datetime(year, month, 15, 18, 30)
        assert moment.replace(tzinfo=from_definition).utcoffset() == (
            moment.replace(tzinfo=zone).utcoffset()
        ), moment


def test_zone_definitions_reach_back_to_the_earliest_ritual():
    early = dataclasses.replace(STATE_OF_US, starts_on=date(2019, 6, 1))
    [london] = exported([early]).timezones
    from_definition = london.to_tz(lookup_tzid=False)

    summer_2019 = datetime(2019, 6, 2, 18, 30)
    assert summer_2019.replace(tzinfo=from_definition).utcoffset() == timedelta(hours=1)


def test_a_ritual_starts_at_its_local_time_in_its_own_zone():
    calendar = exported()

    start = start_of(event_for(calendar, ALICE_CHECK_IN))
    assert event_for(calendar, ALICE_CHECK_IN)["DTSTART"].params["TZID"] == "Europe/London"
    assert start == datetime(2026, 3, 23, 18, 30, tzinfo=LONDON)
    assert start.utcoffset() == timedelta(0)
    bob_start = start_of(event_for(calendar, BOB_CHECK_IN))
    assert event_for(calendar, BOB_CHECK_IN)["DTSTART"].params["TZID"] == "America/New_York"
    assert (bob_start.date(), bob_start.time()) == (date(2026, 3, 5), time(7, 15))
    assert bob_start.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("starts_on", "weekdays", "first_day"),
    [
        (date(2026, 3, 23), (0,), date(2026, 3, 23)),  # a Monday, on a Monday: that day
        (date(2026, 3, 22), (0,), date(2026, 3, 23)),  # a Sunday: the next day
        (date(2026, 3, 24), (0,), date(2026, 3, 30)),  # a Tuesday: the Monday after
        (date(2026, 3, 21), (4, 1), date(2026, 3, 24)),  # the nearer of Tuesday and Friday
        (date(2026, 12, 30), (4,), date(2027, 1, 1)),  # across a new year
    ],
)
def test_the_first_occurrence_is_the_first_chosen_weekday_on_or_after_the_start(
    starts_on, weekdays, first_day
):
    ritual = dataclasses.replace(ALICE_CHECK_IN, starts_on=starts_on, weekdays=weekdays)

    start = start_of(event_for(exported([ritual]), ritual))

    assert start == datetime.combine(first_day, time(18, 30), tzinfo=LONDON)


def test_a_ritual_lasts_its_duration():
    calendar = exported()

    for ritual in RITUALS:
        event = event_for(calendar, ritual)
        assert end_of(event) - start_of(event) == timedelta(minutes=ritual.duration_minutes)


def test_the_rule_repeats_weekly_on_the_chosen_weekdays():
    calendar = exported()

    alice_rule = rule_of(event_for(calendar, ALICE_CHECK_IN))
    assert alice_rule["FREQ"] == ["WEEKLY"]
    assert alice_rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule_of(event_for(calendar, STATE_OF_US))["BYDAY"] == ["SU"]
    # Every day is still a weekly rule, listing all seven days.
    bob_rule = rule_of(event_for(calendar, BOB_CHECK_IN))
    assert bob_rule["FREQ"] == ["WEEKLY"]
    assert bob_rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def test_weekdays_are_listed_in_week_order_once():
    ritual = dataclasses.replace(ALICE_CHECK_IN, weekdays=(4, 0, 4))

    rule = rule_of(event_for(exported([ritual]), ritual))

    assert rule["BYDAY"] == ["MO", "FR"]


def test_london_evenings_stay_at_half_past_six_when_the_clocks_go_forward():
    event = event_for(exported(), ALICE_CHECK_IN)

    upcoming = occurrences(event, 6)

    assert [moment.date() for moment in upcoming] == [
        date(2026, 3, 23),
        date(2026, 3, 25),
        date(2026, 3, 27),
        date(2026, 3, 30),  # the first Monday of summer time
        date(2026, 4, 1),
        date(2026, 4, 3),
    ]
    assert {moment.weekday() for moment in upcoming} == {0, 2, 4}
    assert {moment.time() for moment in upcoming} == {time(18, 30)}
    assert [moment.utcoffset() for moment in upcoming] == [timedelta(0)] * 3 + [
        timedelta(hours=1)
    ] * 3


def test_sunday_evenings_stay_at_half_past_six_when_the_clocks_go_back():
    ritual = dataclasses.replace(STATE_OF_US, starts_on=date(2026, 10, 12))
    event = event_for(exported([ritual]), ritual)

    upcoming = occurrences(event, 3)

    assert [moment.date() for moment in upcoming] == [
        date(2026, 10, 18),
        date(2026, 10, 25),  # the day the clocks go back
        date(2026, 11, 1),
    ]
    assert {moment.time() for moment in upcoming} == {time(18, 30)}
    assert [moment.utcoffset() for moment in upcoming] == [
        timedelta(hours=1),
        timedelta(0),
        timedelta(0),
    ]


def test_new_york_mornings_stay_at_a_quarter_past_seven_every_day():
    event = event_for(exported(), BOB_CHECK_IN)

    upcoming = occurrences(event, 7)

    assert [moment.date() for moment in upcoming] == [
        date(2026, 3, 5) + timedelta(days=n) for n in range(7)
    ]
    assert {moment.time() for moment in upcoming} == {time(7, 15)}
    assert [moment.utcoffset() for moment in upcoming] == [timedelta(hours=-5)] * 3 + [
        timedelta(hours=-4)
    ] * 4


def test_the_feed_uses_crlf_line_endings_and_folds_long_lines_at_75_octets():
    wordy = dataclasses.replace(
        STATE_OF_US,
        title="Attune: état de nous — " * 6,
        description="Ouvrez Attune pour la question du jour. " * 10,
    )
    ics = ritual_calendar([wordy, BOB_CHECK_IN], now=NOW)

    assert ics.endswith(b"\r\n")
    lines = ics.split(b"\r\n")[:-1]
    assert not [line for line in lines if b"\r" in line or b"\n" in line]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    assert event_for(Calendar.from_ical(ics), wordy)["SUMMARY"] == wordy.title


def test_the_summary_is_exactly_the_neutral_title():
    calendar = exported()

    for ritual in RITUALS:
        assert event_for(calendar, ritual)["SUMMARY"] == ritual.title


def test_a_description_appears_only_when_given():
    calendar = exported()

    assert event_for(calendar, STATE_OF_US)["DESCRIPTION"] == "Open Attune for today's prompt."
    assert "DESCRIPTION" not in event_for(calendar, ALICE_CHECK_IN)


def test_uids_are_stable_and_the_same_moment_gives_the_same_bytes():
    first = ritual_calendar(RITUALS, now=NOW)
    later = ritual_calendar(RITUALS, now=NOW + timedelta(days=3))

    assert [str(event["UID"]) for event in Calendar.from_ical(first).events] == [
        ritual.uid for ritual in RITUALS
    ]
    assert [event["UID"] for event in Calendar.from_ical(later).events] == [
        event["UID"] for event in Calendar.from_ical(first).events
    ]
    assert ritual_calendar(RITUALS, now=NOW) == first


def test_the_stamp_is_now_in_utc():
    in_new_york = datetime(2026, 3, 1, 4, 0, tzinfo=NEW_YORK)  # 09:00 UTC

    stamp_line = b"DTSTAMP:20260301T090000Z\r\n"

    assert ritual_calendar([BOB_CHECK_IN], now=in_new_york).count(stamp_line) == 1
    assert ritual_calendar([BOB_CHECK_IN], now=NOW).count(stamp_line) == 1


def test_a_ritual_kept_in_utc_needs_no_zone_definition():
    in_utc = dataclasses.replace(BOB_CHECK_IN, time_zone="UTC")

    calendar = exported([in_utc])

    assert calendar.timezones == []
    assert start_of(event_for(calendar, in_utc)) == datetime(2026, 3, 5, 7, 15, tzinfo=UTC)


def test_no_rituals_still_gives_a_calendar_that_opens():
    ics = ritual_calendar([], now=NOW)

    calendar = Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Attune//Rituals//EN"
    assert calendar.events == []
    assert calendar.timezones == []
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n")
    assert ics.endswith(b"END:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"time_zone": "Europe/Lndon"}, "unknown time zone 'Europe/Lndon'.*IANA name"),
        ({"time_zone": "localtime"}, "unknown time zone 'localtime'"),
        ({"time_zone": ""}, "unknown time zone ''"),
        ({"weekdays": ()}, "no weekdays; choose at least one"),
        ({"weekdays": (0, 7)}, "weekday 7; use 0=Monday … 6=Sunday"),
        ({"weekdays": (-1,)}, "weekday -1; use 0=Monday … 6=Sunday"),
        ({"duration_minutes": 0}, "lasts 0 minutes; choose from 1 to 1440"),
        ({"duration_minutes": -15}, "lasts -15 minutes; choose from 1 to 1440"),
        ({"duration_minutes": 24 * 60 + 1}, "lasts 1441 minutes; choose from 1 to 1440"),
        ({"uid": " "}, "needs a uid"),
        ({"title": ""}, "needs a title"),
        ({"start_time": time(18, 30, tzinfo=UTC)}, "start_time with a tzinfo"),
    ],
)
def test_a_ritual_that_cannot_be_scheduled_says_what_to_change(changes, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(ALICE_CHECK_IN, **changes)


def test_a_whole_day_is_the_longest_ritual():
    whole_day = dataclasses.replace(ALICE_CHECK_IN, duration_minutes=24 * 60)

    event = event_for(exported([whole_day]), whole_day)

    assert end_of(event) - start_of(event) == timedelta(days=1)


def test_two_rituals_with_one_uid_are_refused():
    twin = dataclasses.replace(STATE_OF_US, uid=ALICE_CHECK_IN.uid)

    with pytest.raises(ValueError, match="share the uid"):
        ritual_calendar([ALICE_CHECK_IN, twin], now=NOW)


def test_now_must_say_its_time_zone():
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        ritual_calendar(RITUALS, now=datetime(2026, 3, 1, 9, 0))
