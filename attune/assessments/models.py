"""One person's takings of a questionnaire: answers while in progress, scores when done."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Assessment(models.Model):
    """A single taking of one instrument. Answers stay with the person; only a summary shares."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    instrument = models.CharField(max_length=20)
    answers = models.JSONField(default=dict, help_text="Item id -> answer, saved page by page.")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(
        null=True, blank=True, help_text="The person's local date, for once-a-day retakes."
    )
    scores = models.JSONField(default=dict, blank=True)
    style = models.CharField(max_length=30, blank=True)
    near_boundary = models.BooleanField(null=True)
    distressed = models.BooleanField(null=True)
    # The summary (scores and style, never answers) is shown to the partner of this couple
    # only; after unlinking it shows nowhere.
    shared_in = models.ForeignKey(
        "couples.Couple", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-completed_at", "-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "instrument"],
                condition=models.Q(completed_at__isnull=True),
                name="one_unfinished_taking_per_instrument",
            ),
            models.UniqueConstraint(
                fields=["person", "instrument", "completed_on"],
                name="one_completed_taking_per_day",
            ),
        ]
        indexes = [models.Index(fields=["person", "instrument", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.id}"
