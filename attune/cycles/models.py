"""The negative-cycle map: each partner's side of the loop, kept private until both are ready,
the name and plan the couple give it, and a person's own map with a guess of their partner.

A side belongs to the couple it was written in (or to nobody else's map, when mapped alone),
so after unlinking it shows to no one but its writer.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_SIDE_TEXT = 1_000
MAX_NAME = 120
MAX_PLAN = 5_000


class Move(models.TextChoices):
    """What a person does when they feel disconnected; the value reads as "When I …"."""

    PURSUE = "pursue", "Pursue — reach for them, follow, push to talk it out"
    PROTEST = "protest", "Protest — complain about the distance"
    CRITICISE = "criticise", "Criticise — point out what they do wrong"
    DEFEND = "defend", "Defend — explain, justify, argue my case"
    WITHDRAW = "withdraw", "Withdraw — pull back, go quiet"
    SHUT_DOWN = "shut down", "Shut down — go numb, or leave the room"
    PLACATE = "smooth things over", "Smooth things over — agree just to make it stop"


class CycleSide(models.Model):
    """One person's side of the loop: in a couple's map, or in their own map (with a guess)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycle_sides"
    )
    # The couple this side was written for; empty for a map made alone.
    couple = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_guess = models.BooleanField(
        default=False, help_text="The writer's guess of their partner's side, in a map made alone."
    )
    moves = models.JSONField(default=list, help_text="Values of Move, as ticked.")
    move_words = models.CharField(max_length=MAX_SIDE_TEXT, blank=True)
    partner_sees = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    surface = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    underneath = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    fear = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    need = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "couple"],
                condition=models.Q(couple__isnull=False),
                name="one_side_per_person_per_couple",
            ),
            models.UniqueConstraint(
                fields=["person", "is_guess"],
                condition=models.Q(couple__isnull=True),
                name="one_own_and_one_guessed_side_alone",
            ),
            models.CheckConstraint(
                condition=models.Q(is_guess=False) | models.Q(couple__isnull=True),
                name="guesses_only_in_a_map_made_alone",
            ),
            models.CheckConstraint(
                condition=models.Q(ready_at__isnull=True) | models.Q(couple__isnull=False),
                name="only_a_couples_side_is_ready",
            ),
        ]

    def __str__(self) -> str:
        return f"cycle side {self.id}"


class CycleSideVersion(models.Model):
    """A side as it was saved once. Kept for the person who wrote it, and shown to no one else."""

    side = models.ForeignKey(CycleSide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    moves = models.JSONField(default=list)
    move_words = models.CharField(max_length=MAX_SIDE_TEXT, blank=True)
    partner_sees = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    surface = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    underneath = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    fear = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    need = models.TextField(max_length=MAX_SIDE_TEXT, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["side", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["side", "number"], name="one_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.side_id} version {self.number}"


class CycleMap(models.Model):
    """The name and the catching-it plan of one map: a couple's, or one person's own."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Set instead of the couple for a map a person makes alone.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cycle_maps",
    )
    name = models.CharField(max_length=MAX_NAME, blank=True)
    plan = models.TextField(max_length=MAX_PLAN, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(couple__isnull=False) & models.Q(person__isnull=True))
                | (models.Q(couple__isnull=True) & models.Q(person__isnull=False)),
                name="map_belongs_to_a_couple_or_one_person",
            ),
            models.UniqueConstraint(
                fields=["couple"],
                condition=models.Q(couple__isnull=False),
                name="one_map_per_couple",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(person__isnull=False),
                name="one_own_map_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"cycle map {self.id}"
