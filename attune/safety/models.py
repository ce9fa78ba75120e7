"""The private safety check: each person's latest answers, seen by nobody else."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Answer(models.TextChoices):
    """Every question can be answered, declined, or left for later."""

    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "I'd rather not say"


class SafetyCheck(models.Model):
    """A person's latest answers to the safety questions. Never shared, never shown to others."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_check"
    )
    afraid = models.CharField(max_length=10, choices=Answer.choices)
    hurt = models.CharField(max_length=10, choices=Answer.choices)
    threatened = models.CharField(max_length=10, choices=Answer.choices)
    forced = models.CharField(max_length=10, choices=Answer.choices)
    controlled = models.CharField(max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    QUESTIONS = ("afraid", "hurt", "threatened", "forced", "controlled")

    def __str__(self) -> str:
        return f"safety check of {self.person_id}"

    @property
    def any_yes(self) -> bool:
        """Whether any answer was yes: then joint exercises step aside for this person."""
        return any(getattr(self, question) == Answer.YES for question in self.QUESTIONS)
