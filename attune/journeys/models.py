"""Journeys imported from content/, and each person's way through them.

Content rows (Journey, JourneyDay, ActivityStep, ReflectionQuestion) are copies of the
Markdown in git, rendered once at import. They are never deleted while anyone's data points at
them: the importer retires them instead.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_ANSWER_LENGTH = 20_000


class Journey(models.Model):
    """A multi-day guided journey, identified by its slug."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=100)
    sequence = models.IntegerField()
    description = models.TextField()
    duration = models.CharField(max_length=40)
    duration_days = models.PositiveIntegerField()
    day_count = models.PositiveIntegerField(default=0, help_text="Live days, set at import.")
    intro_html = models.TextField(blank=True)
    plan = models.JSONField(default=list, help_text="[{number, theme, topics: [...]}, ...]")
    daily_activities_html = models.TextField(blank=True)
    foundation_html = models.TextField(blank=True)
    outcomes_html = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=64, help_text="Hash of the source files.")
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["category", "sequence", "title"]

    def __str__(self) -> str:
        return self.title


class JourneyDay(models.Model):
    """One day of a journey, with its sections already rendered to HTML."""

    journey = models.ForeignKey(Journey, on_delete=models.PROTECT, related_name="days")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    learning_html = models.TextField(blank=True)
    why_html = models.TextField(blank=True)
    activity_intro_html = models.TextField(blank=True)
    activity_after_html = models.TextField(blank=True)
    solo_html = models.TextField(blank=True)
    practice_kind = models.CharField(max_length=40, blank=True)
    practice_name = models.CharField(max_length=200, blank=True)
    practice_html = models.TextField(blank=True)
    extra_html = models.TextField(blank=True)
    tools = models.JSONField(default=list)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["journey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "number"], name="one_day_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.journey.slug} day {self.number}"


class ActivityStep(models.Model):
    """A step of a day's activity that a person can tick."""

    day = models.ForeignKey(JourneyDay, on_delete=models.PROTECT, related_name="steps")
    number = models.PositiveIntegerField()
    html = models.TextField()
    together = models.BooleanField(default=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["day", "number"], name="one_step_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.day} step {self.number}"


class ReflectionQuestion(models.Model):
    """A numbered reflection question; answers point at it, so it is retired, never deleted."""

    day = models.ForeignKey(JourneyDay, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveIntegerField()
    html = models.TextField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["day", "number"], name="one_question_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.day} question {self.number}"


class Enrollment(models.Model):
    """A person doing a journey, alone or as one half of a couple."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    journey = models.ForeignKey(Journey, on_delete=models.PROTECT, related_name="enrollments")
    couple = models.ForeignKey(
        "couples.Couple",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
        help_text="Set when the journey is done together with a partner.",
    )
    started_on = models.DateField(help_text="Day 1 opened on this date, in the person's zone.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "journey"],
                condition=~models.Q(status="left"),
                name="one_open_enrollment_per_journey",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "paused", "left"]),
                name="enrollment_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"enrollment {self.id}"


class DayProgress(models.Model):
    """What one person has done on one day: steps ticked and whether they finished it."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="progress")
    day = models.ForeignKey(JourneyDay, on_delete=models.PROTECT, related_name="+")
    steps_done = models.JSONField(default=list, help_text="Numbers of the ticked steps.")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "day"], name="one_progress_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} {self.day_id}"


class CoupleConversation(models.Model):
    """The together-step of a day, marked done by either partner for both."""

    couple = models.ForeignKey("couples.Couple", on_delete=models.CASCADE, related_name="+")
    day = models.ForeignKey(JourneyDay, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "day"], name="one_conversation_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.couple_id} {self.day_id}"


class ReflectionAnswer(models.Model):
    """One person's answer to a reflection question. Private unless they choose otherwise."""

    class Sharing(models.TextChoices):
        PRIVATE = "private", "Only me"
        SHARED = "shared", "Share with my partner"
        WHEN_BOTH = "when_both", "Show my partner once we've both answered"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_answers"
    )
    question = models.ForeignKey(
        ReflectionQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(max_length=MAX_ANSWER_LENGTH, blank=True)
    sharing = models.CharField(max_length=10, choices=Sharing.choices, default=Sharing.PRIVATE)
    # Sharing belongs to one couple: after unlinking, or with a later partner, it shows nowhere.
    shared_in = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(sharing__in=["private", "shared", "when_both"]),
                name="answer_sharing_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"answer {self.id}"
