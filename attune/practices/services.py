"""Every change to rituals: adopting, proposing and agreeing, adapting, marking done, letting
go, and the calendar address. The coach and the calming tools change nothing, so have none."""

import functools
import logging
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo, available_timezones

from django.db import transaction
from django.utils import timezone

from attune.accounts.models import User
from attune.core.calendar import ScheduledRitual, ritual_calendar
from attune.couples.access import current_couple
from attune.practices import access
from attune.practices.library import LibraryRitual, calendar_title_for
from attune.practices.models import (
    CalendarFeed,
    CoupleRitual,
    Ritual,
    RitualDone,
    days_mask,
    new_feed_token,
)

log = logging.getLogger(__name__)


class RitualError(Exception):
    """A change that cannot happen; the message is kind and safe to show."""


@dataclass(frozen=True)
class Schedule:
    """Days and a local time (both or neither), and about how long it takes."""

    weekdays: tuple[int, ...]
    start_time: time | None
    duration_minutes: int


def today_for(person: User) -> date:
    """The calendar date where the person lives."""
    return timezone.localdate(timezone.now(), person.zone)


def today_in(zone_name: str) -> date:
    """Today's date in a time zone: a schedule starts on the day it was set, where it is kept."""
    return timezone.localdate(timezone.now(), ZoneInfo(zone_name))


def zone_of(ritual: Ritual, person: User) -> str:
    """The time zone a ritual's time is in: the zone a couple agreed in, or the person's own."""
    if ritual.time_zone in _known_zones():
        return ritual.time_zone
    return person.zone.key


@functools.cache
def _known_zones() -> frozenset[str]:
    # Read once: listing the zones walks the system's zone files.
    return frozenset(available_timezones())


def _apply(target: Ritual | CoupleRitual, schedule: Schedule) -> None:
    if schedule.start_time is None or not schedule.weekdays:
        target.days, target.start_time = 0, None
    else:
        target.days = days_mask(schedule.weekdays)
        target.start_time = schedule.start_time
    target.duration_minutes = schedule.duration_minutes


def adopt_ritual(
    person: User, entry: LibraryRitual, title: str, notes: str, schedule: Schedule
) -> Ritual:
    """Make a library ritual the person's own, with their title, private notes and schedule."""
    ritual = Ritual(
        person=person,
        library_slug=entry.slug,
        title=title or entry.title,
        notes=notes,
        scheduled_on=today_for(person),
    )
    _apply(ritual, schedule)
    ritual.save()
    log.info("ritual adopted id=%s", ritual.id)
    return ritual


def propose_ritual(
    person: User, entry: LibraryRitual, title: str, schedule: Schedule
) -> CoupleRitual:
    """Offer a library ritual to the current partner; it is the couple's only once they agree."""
    couple = current_couple(person)
    if couple is None:
        raise RitualError(
            "You're not linked with a partner, so there is nobody to propose this to. "
            "You can adopt it just for yourself."
        )
    if CoupleRitual.objects.filter(
        couple=couple, library_slug=entry.slug, status=CoupleRitual.Status.PROPOSED
    ).exists():
        raise RitualError(
            "This one is already waiting for an answer. You can withdraw it and propose it "
            "again with other days or times."
        )
    proposal = CoupleRitual(
        couple=couple,
        proposed_by=person,
        library_slug=entry.slug,
        title=title or entry.title,
        time_zone=person.zone.key,
    )
    _apply(proposal, schedule)
    proposal.save()
    log.info("couple ritual proposed id=%s", proposal.id)
    return proposal


def accept_proposal(person: User, proposal: CoupleRitual) -> Ritual:
    """Agree to a partner's proposal: each partner gets their own copy, with its own notes."""
    with transaction.atomic():
        # Locked so that two taps, or both partners at once, agree only once.
        proposal = CoupleRitual.objects.select_for_update().get(pk=proposal.pk)
        if proposal.proposed_by_id == person.pk:
            raise RitualError("This is your own proposal — it's waiting for your partner to agree.")
        couple = current_couple(person)
        if proposal.status != CoupleRitual.Status.PROPOSED or couple is None:
            raise RitualError("This proposal isn't waiting for an answer any more.")
        if proposal.couple_id != couple.pk:
            raise RitualError("This proposal isn't waiting for an answer any more.")
        proposal.status = CoupleRitual.Status.AGREED
        proposal.answered_at = timezone.now()
        proposal.save(update_fields=["status", "answered_at"])
        copies = {}
        # One start date for both copies, so both calendars show the very same events.
        starts_on = today_in(proposal.time_zone)
        for member in (proposal.proposed_by, person):
            copy = Ritual(
                person=member,
                library_slug=proposal.library_slug,
                title=proposal.title,
                time_zone=proposal.time_zone,
                days=proposal.days,
                start_time=proposal.start_time,
                duration_minutes=proposal.duration_minutes,
                scheduled_on=starts_on,
                couple_ritual=proposal,
            )
            copy.save()
            copies[member.pk] = copy
    log.info("couple ritual agreed id=%s", proposal.id)
    return copies[person.pk]


def decline_proposal(person: User, proposal: CoupleRitual) -> None:
    """Say "not for now" to a partner's proposal. The proposer sees that, kindly worded."""
    with transaction.atomic():
        proposal = CoupleRitual.objects.select_for_update().get(pk=proposal.pk)
        if proposal.proposed_by_id == person.pk:
            raise RitualError("This is your own proposal. You can withdraw it instead.")
        if proposal.status != CoupleRitual.Status.PROPOSED:
            raise RitualError("This proposal isn't waiting for an answer any more.")
        proposal.status = CoupleRitual.Status.DECLINED
        proposal.answered_at = timezone.now()
        proposal.save(update_fields=["status", "answered_at"])
    log.info("couple ritual declined id=%s", proposal.id)


def withdraw_proposal(person: User, proposal: CoupleRitual) -> None:
    """Take back one's own proposal, or clear one the partner said "not for now" to."""
    with transaction.atomic():
        proposal = CoupleRitual.objects.select_for_update().get(pk=proposal.pk)
        if proposal.proposed_by_id != person.pk:
            raise RitualError("Only the person who proposed this can withdraw it.")
        if proposal.status not in (CoupleRitual.Status.PROPOSED, CoupleRitual.Status.DECLINED):
            raise RitualError("This proposal isn't waiting for an answer any more.")
        proposal.status = CoupleRitual.Status.WITHDRAWN
        proposal.save(update_fields=["status"])
    log.info("couple ritual withdrawn id=%s", proposal.id)


def adapt_ritual(person: User, ritual: Ritual, title: str, notes: str, schedule: Schedule) -> bool:
    """Save the person's own title, notes and schedule. For a couple ritual of the current
    couple the schedule is shared, so a new one changes both partners' copies at once.

    Returns whether the change reached the partner's copy too.
    """
    couple = current_couple(person)
    together = access.is_together(person, ritual, couple)
    before = (ritual.days, ritual.start_time, ritual.duration_minutes)
    _apply(ritual, schedule)
    schedule_changed = (ritual.days, ritual.start_time, ritual.duration_minutes) != before
    ritual.title = title or ritual.title
    ritual.notes = notes
    if schedule_changed:
        ritual.scheduled_on = today_in(zone_of(ritual, person))
    fields = ["title", "notes", "days", "start_time", "duration_minutes", "scheduled_on"]
    with transaction.atomic():
        ritual.save(update_fields=fields)
        if not (together and schedule_changed):
            return False
        shared = ritual.couple_ritual
        assert shared is not None  # is_together checked it
        _apply(shared, schedule)
        shared.save(update_fields=["days", "start_time", "duration_minutes"])
        # Only the schedule travels; the partner's title and notes are theirs.
        Ritual.objects.filter(couple_ritual=shared).exclude(pk=ritual.pk).update(
            days=ritual.days,
            start_time=ritual.start_time,
            duration_minutes=ritual.duration_minutes,
            scheduled_on=ritual.scheduled_on,
        )
    log.info("couple ritual rescheduled id=%s", shared.id)
    return True


def mark_done(person: User, ritual: Ritual, done: bool = True) -> None:
    """Mark a ritual done today (or not). Only "done today" is ever shown: no counts."""
    today = today_for(person)
    if done:
        RitualDone.objects.get_or_create(ritual=ritual, done_on=today)
    else:
        RitualDone.objects.filter(ritual=ritual, done_on=today).delete()


def let_go_of_ritual(person: User, ritual: Ritual) -> bool:
    """Remove a ritual from the person's list. Letting go of a couple ritual ends it for both;
    the partner keeps their own copy as a personal ritual.

    Returns whether it was a couple ritual of the current couple.
    """
    together = access.is_together(person, ritual, current_couple(person))
    with transaction.atomic():
        if together and ritual.couple_ritual is not None:
            shared = ritual.couple_ritual
            shared.status = CoupleRitual.Status.ENDED
            shared.save(update_fields=["status"])
            log.info("couple ritual ended id=%s", shared.id)
        ritual_id = ritual.id
        ritual.delete()
    log.info("ritual let go id=%s", ritual_id)
    return together


def open_calendar_feed(person: User) -> CalendarFeed:
    """Give the person a secret calendar address, or a new one that replaces the old."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(person=person)
        if not created:
            # A new token at once: the old address stops working for whoever has it.
            feed.token = new_feed_token()
            feed.created_at = timezone.now()
            feed.save(update_fields=["token", "created_at"])
    log.info("calendar address %s person=%s", "made" if created else "renewed", person.pk)
    return feed


def close_calendar_feed(person: User) -> None:
    """Switch the calendar address off; the old link shows nothing any more."""
    CalendarFeed.objects.filter(person=person).delete()
    log.info("calendar address closed person=%s", person.pk)


def calendar_for(person: User) -> bytes:
    """The person's scheduled rituals as iCalendar. Titles are the library's neutral words,
    never the person's own title or notes: calendars are synced and shown on lock screens."""
    rituals = [
        ScheduledRitual(
            uid=f"{ritual.id}@attune",
            title=calendar_title_for(ritual.library_slug),
            weekdays=ritual.weekdays,
            start_time=ritual.start_time,
            duration_minutes=ritual.duration_minutes,
            time_zone=zone_of(ritual, person),
            starts_on=ritual.scheduled_on or ritual.created_at.date(),
        )
        for ritual in access.scheduled_rituals_of(person)
        if ritual.start_time is not None
    ]
    return ritual_calendar(rituals, calendar_name="Attune", now=timezone.now())
