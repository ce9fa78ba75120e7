"""Rituals a person has scheduled, exported as an iCalendar feed (RFC 5545).

Each ritual becomes one weekly recurring event in the person's own time zone, so "18:30 on
Sundays in London" stays 18:30 on both sides of a daylight-saving change. The feed carries a
VTIMEZONE for every zone it names: Google and Apple Calendar recognise IANA names and use their
own rules, and the VTIMEZONE is for the clients that read the definition instead.

Only the neutral title the caller passes reaches the feed: calendars are synced to third
parties and shown on lock screens, so nothing private belongs in them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Calendar, Event, Timezone, vRecur

PRODID = "-//Attune//Rituals//EN"

# iCalendar weekday codes, indexed like date.weekday(): 0 is Monday.
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

LONGEST_RITUAL_MINUTES = 24 * 60

# A VTIMEZONE lists each change of offset as a date (icalendar writes RDATEs, not rules), so
# it has to stop somewhere. Ten years past the later of today and the last first occurrence is
# far beyond how often a subscribed feed is fetched again, and stays under a kilobyte per zone.
TIME_ZONE_YEARS_AHEAD = 10


@dataclass(frozen=True)
class ScheduledRitual:
    """A ritual a person does on some weekdays at a local time in their own time zone."""

    uid: str
    title: str
    weekdays: tuple[int, ...]
    start_time: time
    duration_minutes: int
    time_zone: str
    starts_on: date
    description: str = ""

    def __post_init__(self) -> None:
        # Checked here so that a ScheduledRitual that exists can always be exported.
        if not self.uid.strip():
            raise ValueError("A ritual needs a uid; pass a stable one such as a UUID string.")
        if not self.title.strip():
            raise ValueError(f"Ritual {self.uid} needs a title, such as 'Attune: check-in'.")
        if not self.weekdays:
            raise ValueError(
                f"Ritual {self.uid} has no weekdays; choose at least one (0=Monday … 6=Sunday)."
            )
        for weekday in self.weekdays:
            if weekday not in range(7):
                raise ValueError(
                    f"Ritual {self.uid} has weekday {weekday!r}; use 0=Monday … 6=Sunday."
                )
        if not 0 < self.duration_minutes <= LONGEST_RITUAL_MINUTES:
            raise ValueError(
                f"Ritual {self.uid} lasts {self.duration_minutes} minutes; "
                f"choose from 1 to {LONGEST_RITUAL_MINUTES} minutes (24 hours)."
            )
        if self.start_time.tzinfo is not None:
            raise ValueError(
                f"Ritual {self.uid} has a start_time with a tzinfo; pass the local time "
                "alone and put the zone in time_zone."
            )
        if self.time_zone not in _iana_time_zones():
            raise ValueError(
                f"Ritual {self.uid} has an unknown time zone {self.time_zone!r}; "
                "use an IANA name such as 'Europe/London' or 'America/New_York'."
            )

    def first_start(self) -> datetime:
        """The first occurrence: the start time on the first chosen weekday on/after starts_on."""
        days_ahead = min((weekday - self.starts_on.weekday()) % 7 for weekday in self.weekdays)
        day = self.starts_on + timedelta(days=days_ahead)
        return datetime.combine(day, self.start_time, tzinfo=ZoneInfo(self.time_zone))


def ritual_calendar(
    rituals: Sequence[ScheduledRitual], *, calendar_name: str = "Attune", now: datetime
) -> bytes:
    """The rituals as an .ics feed: one weekly recurring event each, with their time zones."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware, for example datetime.now(UTC).")
    _check_unique_uids(rituals)

    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.calendar_name = calendar_name

    for ritual in rituals:
        calendar.add_component(_ritual_event(ritual, stamp=now.astimezone(UTC)))

    if rituals:
        first_starts = [ritual.first_start() for ritual in rituals]
        # Whole years keep the zone definitions the same from one day's export to the next.
        first_date = date(min(start.year for start in first_starts), 1, 1)
        last_year = max(now.year, *(start.year for start in first_starts))
        last_date = date(last_year + TIME_ZONE_YEARS_AHEAD + 1, 1, 1)
        # The library decides which zones need a TZID (UTC is written with a Z instead);
        # sorted, because add_missing_timezones() adds them in set order, which varies by run.
        for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
            timezone = Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date)
            # RFC 5545 lets components come in any order, but some clients want a zone
            # defined before the events that name it.
            calendar.subcomponents.insert(position, timezone)

    # to_ical() is annotated loosely in icalendar; a Calendar always serialises to bytes.
    ics: bytes = calendar.to_ical()
    return ics


def _ritual_event(ritual: ScheduledRitual, *, stamp: datetime) -> Event:
    start = ritual.first_start()
    # The first occurrence's exact length; RFC 5545 gives every occurrence the same
    # exact duration, so this is right even when the first one spans a clock change.
    end = (start.astimezone(UTC) + timedelta(minutes=ritual.duration_minutes)).astimezone(
        start.tzinfo
    )
    event = Event.new(
        uid=ritual.uid,
        stamp=stamp,
        start=start,
        # DTEND rather than DURATION: every calendar app reads DTEND.
        end=end,
        summary=ritual.title,
        description=ritual.description or None,
    )
    # WEEKLY with BYDAY even when all seven days are chosen: one shape for every ritual,
    # and it reads the same in every client.
    byday = [WEEKDAY_CODES[weekday] for weekday in sorted(set(ritual.weekdays))]
    event.add("RRULE", vRecur(freq="WEEKLY", byday=byday))
    return event


def _check_unique_uids(rituals: Sequence[ScheduledRitual]) -> None:
    # Calendar apps keep one event per UID, so a repeated one would hide a ritual.
    seen: set[str] = set()
    for ritual in rituals:
        if ritual.uid in seen:
            raise ValueError(f"Two rituals share the uid {ritual.uid}; give each its own.")
        seen.add(ritual.uid)


@functools.cache
def _iana_time_zones() -> frozenset[str]:
    # ZoneInfo() alone also accepts any capitalisation on macOS, and available_timezones()
    # lists the system's own "localtime" file; a feed needs names other calendars recognise.
    return frozenset(available_timezones() - {"localtime", "posixrules"})
