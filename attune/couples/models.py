"""Two accounts linked as a couple, and the invitations that link them."""

import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

INVITATION_LIFETIME = timedelta(days=7)
# No 0/O or 1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    """A short, unambiguous code a person can read out to their partner."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A long secret for the invitation link."""
    return secrets.token_urlsafe(24)


def default_expiry() -> datetime:
    """Invitations last a week."""
    return timezone.now() + INVITATION_LIFETIME


class Couple(models.Model):
    """A link between two people. It ends when either unlinks; it is never reopened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"couple {self.id}"


class CoupleMember(models.Model):
    """One person's place in a couple. A person is current in at most one couple."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_memberships"
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(is_current=True),
                name="one_current_couple_per_person",
            ),
            models.UniqueConstraint(fields=["couple", "person"], name="one_membership_per_couple"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.couple_id}"


class Invitation(models.Model):
    """An offer from one person to link. Only the invitee's own acceptance links them."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    email = models.EmailField(blank=True, help_text="Where the invitation was sent, if by e-mail.")
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "accepted", "withdrawn"]),
                name="invitation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"invitation {self.code}"

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()
