"""A person's journal: entries, drafts kept while they type, and the trigger log.

Everything here is private to the person who wrote it. Only a journal entry can be shared,
one at a time, with the partner of the couple it was shared in.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_TEXT_LENGTH = 20_000
MAX_FEELINGS_LENGTH = 300
FEELING_SEPARATOR = ", "


class Feeling(models.TextChoices):
    """Feelings offered as a list to tick; anything else can be typed."""

    CALM = "calm", "Calm"
    CLOSE = "close", "Close"
    LOVED = "loved", "Loved"
    GRATEFUL = "grateful", "Grateful"
    HOPEFUL = "hopeful", "Hopeful"
    HAPPY = "happy", "Happy"
    TENDER = "tender", "Tender"
    ANXIOUS = "anxious", "Anxious"
    LONELY = "lonely", "Lonely"
    HURT = "hurt", "Hurt"
    SAD = "sad", "Sad"
    ANGRY = "angry", "Angry"
    FRUSTRATED = "frustrated", "Frustrated"
    SCARED = "scared", "Scared"
    ASHAMED = "ashamed", "Ashamed"
    JEALOUS = "jealous", "Jealous"
    OVERWHELMED = "overwhelmed", "Overwhelmed"
    NUMB = "numb", "Numb"


class JournalEntry(models.Model):
    """One journal entry. Private unless the person shares this one entry with their partner."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    written_on = models.DateField(help_text="The day the entry is about, in the person's zone.")
    text = models.TextField(max_length=MAX_TEXT_LENGTH, blank=True)
    closeness = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="Moments of closeness."
    )
    distance = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="Moments of distance."
    )
    feelings = models.TextField(
        blank=True, help_text="Feelings named, ticked or typed, separated by commas."
    )
    body = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="Where it was felt in the body."
    )
    # Days are retired, never deleted, while anyone's words point at them; PROTECT keeps it so.
    journey_day = models.ForeignKey(
        "journeys.JourneyDay",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Sharing belongs to one couple: after unlinking, or with a later partner, it shows nowhere.
    shared_in = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-created_at"]
        indexes = [models.Index(fields=["person", "written_on"], name="journal_entry_by_day")]

    def __str__(self) -> str:
        return f"journal entry {self.id}"

    @property
    def feeling_list(self) -> list[str]:
        """The feelings one by one, as the person named them."""
        return [name for name in (part.strip() for part in self.feelings.split(",")) if name]


class JournalDraft(models.Model):
    """Words typed into an entry form and not yet saved as the entry; kept as the person types.

    Fields are stored as typed (even a half-typed date), so nothing is lost to a closed tab or
    an expired session. A draft is for a new entry (entry is empty) or for editing one entry.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_drafts"
    )
    entry = models.ForeignKey(
        JournalEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="drafts"
    )
    fields = models.JSONField(default=dict, help_text="Form field name -> what was typed.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(entry__isnull=True),
                name="one_new_entry_draft_per_person",
            ),
            models.UniqueConstraint(
                fields=["person", "entry"],
                condition=models.Q(entry__isnull=False),
                name="one_draft_per_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"journal draft {self.id}"


class TriggerEvent(models.Model):
    """A moment that set the person off, logged quickly. Always private to them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trigger_events"
    )
    happened_on = models.DateField(help_text="The day it happened, in the person's zone.")
    situation = models.TextField(max_length=MAX_TEXT_LENGTH, help_text="What happened.")
    surface = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="What was felt on the surface."
    )
    underneath = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="The fear or the need underneath."
    )
    body = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="Where it was felt in the body."
    )
    reaction = models.TextField(max_length=MAX_TEXT_LENGTH, blank=True, help_text="What I did.")
    wish = models.TextField(
        max_length=MAX_TEXT_LENGTH, blank=True, help_text="What I wish I had done."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["person", "happened_on"], name="trigger_event_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(situation=""), name="trigger_says_what_happened"
            )
        ]

    def __str__(self) -> str:
        return f"trigger event {self.id}"
