"""Rituals people keep: their own adapted copies, couple proposals, done marks, calendar links.

The coach, speaker–listener turns and the calming exercises store nothing at all.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_TITLE_LENGTH = 120
MAX_NOTES_LENGTH = 2_000
LONGEST_RITUAL_MINUTES = 240
ALL_DAYS = 0b111_1111

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_PLURALS = tuple(f"{name}s" for name in WEEKDAY_NAMES)


def days_mask(weekdays: tuple[int, ...] | list[int]) -> int:
    """Weekdays (0 is Monday) as one number: bit 0 for Monday … bit 6 for Sunday."""
    return sum(1 << day for day in set(weekdays))


def describe_days(weekdays: tuple[int, ...]) -> str:
    """Weekdays the way a person would say them: "every day", "Mondays and Thursdays"."""
    if len(weekdays) == 7:
        return "every day"
    if weekdays == (0, 1, 2, 3, 4):
        return "weekdays"
    if weekdays == (5, 6):
        return "weekends"
    names = [WEEKDAY_PLURALS[day] for day in weekdays]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Scheduled(models.Model):
    """Days, a local time and a length: the schedule a ritual or a proposal carries."""

    # One small number instead of a list, so the database itself can check the schedule is
    # whole: days and a time together, or neither.
    days = models.PositiveSmallIntegerField(default=0, help_text="Bit 0 Monday … bit 6 Sunday.")
    start_time = models.TimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=10)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=0) & models.Q(days__lte=ALL_DAYS),
                name="%(class)s_days_in_week",
            ),
            models.CheckConstraint(
                condition=models.Q(days=0, start_time__isnull=True)
                | models.Q(days__gt=0, start_time__isnull=False),
                name="%(class)s_schedule_whole",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1)
                & models.Q(duration_minutes__lte=LONGEST_RITUAL_MINUTES),
                name="%(class)s_duration_sensible",
            ),
        ]

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The chosen weekdays, 0 for Monday."""
        return tuple(day for day in range(7) if self.days & (1 << day))

    @property
    def is_scheduled(self) -> bool:
        return self.start_time is not None and self.days > 0


class CoupleRitual(Scheduled):
    """A ritual one partner proposed to the other; it becomes the couple's once both agree."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for an answer"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Not for now"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Everything about a proposal belongs to this couple: after unlinking it shows nowhere.
    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    library_slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=MAX_TITLE_LENGTH)
    time_zone = models.CharField(
        max_length=64, help_text="The zone the proposer's time was written in."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(Scheduled.Meta):
        ordering = ["created_at"]
        constraints = [
            *Scheduled.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["proposed", "agreed", "declined", "withdrawn", "ended"]
                ),
                name="couple_ritual_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"couple ritual {self.id}"


class Ritual(Scheduled):
    """One person's adopted ritual: their own title, private notes and schedule."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rituals"
    )
    library_slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=MAX_TITLE_LENGTH)
    notes = models.TextField(max_length=MAX_NOTES_LENGTH, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text="Empty: the person's own time zone. A couple ritual keeps the zone it was "
        "agreed in, so both partners meet at the same moment.",
    )
    scheduled_on = models.DateField(
        null=True,
        blank=True,
        help_text="The local date the schedule was set; calendars start here.",
    )
    # This person's side of a couple ritual. It stays theirs when the couple ends or the
    # ritual is let go; only while the couple ritual is agreed in their current couple is it
    # "together".
    couple_ritual = models.ForeignKey(
        CoupleRitual, null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(Scheduled.Meta):
        ordering = ["created_at"]
        constraints = [
            *Scheduled.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "couple_ritual"],
                condition=models.Q(couple_ritual__isnull=False),
                name="one_copy_of_a_couple_ritual_each",
            ),
        ]

    def __str__(self) -> str:
        return f"ritual {self.id}"


class RitualDone(models.Model):
    """A day a person marked one of their rituals done. Only they see it, and only as today."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="done_marks")
    done_on = models.DateField(help_text="The person's own calendar date.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ritual", "done_on"], name="one_done_mark_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.ritual_id} {self.done_on}"


def new_feed_token() -> str:
    """A long, unguessable secret for a calendar address."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Calendar apps cannot log in; the token is the key."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed of {self.person_id}"
