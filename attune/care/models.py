"""Professional help: the therapist directory, consultation requests, and the practitioner
portal — invitations, the client's consent grants, notes, homework and an access history.

A practitioner sees a client's things only through a `ConsentGrant` the client made in one
`CareRelationship`. Everything a client owns here hangs off that relationship with CASCADE, so
ending it or deleting the account takes every grant with it at once.
"""

import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

INVITATION_LIFETIME = timedelta(days=14)
MAX_BIO_LENGTH = 2_000
MAX_MESSAGE_LENGTH = 1_500
MAX_NOTE_LENGTH = 4_000
MAX_HOMEWORK_NOTE_LENGTH = 500


def new_token() -> str:
    """A long secret for an invitation link."""
    return secrets.token_urlsafe(24)


def invitation_expiry() -> datetime:
    """Client invitations last two weeks: long enough to talk it over in a session."""
    return timezone.now() + INVITATION_LIFETIME


class Approach(models.Model):
    """A way of working a practitioner can be found by; staff can add more in the admin."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    """A therapist's public profile. Listed, and able to invite clients, once staff verify it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    name = models.CharField(max_length=120, help_text="Your name as clients will see it.")
    credentials = models.CharField(
        max_length=200, help_text="Your qualifications, for example “MA, Couple Psychotherapist”."
    )
    licence = models.CharField(
        max_length=200,
        help_text="Your licence or registration: the body that holds it and your number.",
    )
    approaches = models.ManyToManyField(Approach, blank=True, related_name="practitioners")
    in_person = models.BooleanField(default=False)
    online = models.BooleanField(default=False)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100)
    languages = models.CharField(
        max_length=200, help_text="Languages you work in, separated by commas."
    )
    accepting_clients = models.BooleanField(default=True)
    bio = models.TextField(max_length=MAX_BIO_LENGTH, blank=True)
    contact_email = models.EmailField(
        help_text="Consultation requests are sent here. It is never shown on your profile."
    )
    # Set by staff after checking the licence; cleared when the licence details change.
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_person=True) | models.Q(online=True),
                name="practitioner_meets_somehow",
            ),
        ]
        indexes = [models.Index(fields=["verified_at", "name"], name="practitioner_listing")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def place(self) -> str:
        """Where they work, as one line."""
        return ", ".join(part for part in (self.city, self.region, self.country) if part)


class ConsultationRequest(models.Model):
    """Someone asking a practitioner for a first conversation; e-mailed on to them."""

    class ContactBy(models.TextChoices):
        EMAIL = "email", "E-mail"
        PHONE = "phone", "Phone"
        EITHER = "either", "Either is fine"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="consultation_requests"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    contact_by = models.CharField(max_length=10, choices=ContactBy.choices)
    best_time = models.CharField(max_length=200, blank=True)
    message = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_by__in=["email", "phone", "either"]),
                name="consultation_contact_by_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"consultation request {self.id}"


class ClientInvitation(models.Model):
    """A practitioner's invitation to a client. Only the client's own acceptance links them."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        ACCEPTED = "accepted", "Accepted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(help_text="Where the invitation was sent.")
    # The account behind the address, when there is one; deleting that account deletes this.
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="care_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_expiry)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "accepted", "withdrawn"]),
                name="client_invitation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"client invitation {self.id}"

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class CareRelationship(models.Model):
    """A practitioner and a client who accepted their invitation. Ending it revokes everything."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="relationships"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_relationships"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "client"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_relationship_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"care relationship {self.id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


class GrantKind(models.TextChoices):
    """What a client may let a practitioner see."""

    JOURNEY_PROGRESS = "journey_progress", "Journey progress"
    ASSESSMENT_RESULTS = "assessment_results", "Questionnaire results over time"
    JOURNAL_ENTRIES = "journal_entries", "Journal entries"
    CYCLE_MAP = "cycle_map", "Cycle map"


# Granted as a whole; journal entries are granted one by one.
WHOLE_KINDS = (GrantKind.JOURNEY_PROGRESS, GrantKind.ASSESSMENT_RESULTS, GrantKind.CYCLE_MAP)


class ConsentGrant(models.Model):
    """A client letting one practitioner see one kind of their data. Deleting it revokes it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    relationship = models.ForeignKey(
        CareRelationship, on_delete=models.CASCADE, related_name="grants"
    )
    kind = models.CharField(max_length=30, choices=GrantKind.choices)
    # For journal entries, the one entry this grant is for; deleting the entry revokes it.
    journal_entry = models.ForeignKey(
        "journal.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="care_grants",
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "kind"],
                condition=models.Q(journal_entry__isnull=True),
                name="one_grant_per_kind",
            ),
            models.UniqueConstraint(
                fields=["relationship", "journal_entry"],
                condition=models.Q(journal_entry__isnull=False),
                name="one_grant_per_entry",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="journal_entries") & models.Q(journal_entry__isnull=False))
                | (
                    models.Q(kind__in=["journey_progress", "assessment_results", "cycle_map"])
                    & models.Q(journal_entry__isnull=True)
                ),
                name="grant_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} grant {self.id}"


class AccessEvent(models.Model):
    """The practitioner looked at one granted section; the client can read every one."""

    relationship = models.ForeignKey(
        CareRelationship, on_delete=models.CASCADE, related_name="access_events"
    )
    section = models.CharField(max_length=30, choices=GrantKind.choices)
    # The entry looked at, for journal entries; kept as "an entry since deleted" if it goes.
    journal_entry = models.ForeignKey(
        "journal.JournalEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [
            models.Index(fields=["relationship", "viewed_at"], name="access_event_by_time"),
        ]

    def __str__(self) -> str:
        return f"{self.section} viewed {self.viewed_at:%Y-%m-%d %H:%M}"


class CareNote(models.Model):
    """A note from a practitioner to one client, or to both partners when both are clients."""

    class Audience(models.TextChoices):
        CLIENT = "client", "This client only"
        BOTH = "both", "Both partners"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="notes")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # Who reads it: one relationship, or the two partners' relationships for "both".
    relationships = models.ManyToManyField(CareRelationship, related_name="notes")
    text = models.TextField(max_length=MAX_NOTE_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience__in=["client", "both"]), name="note_audience_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"care note {self.id}"


class Homework(models.Model):
    """A journey, or one day of it, a practitioner suggests doing before the next session."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    relationship = models.ForeignKey(
        CareRelationship, on_delete=models.CASCADE, related_name="homework"
    )
    # Journeys and days are retired, never deleted, while anything points at them.
    journey = models.ForeignKey("journeys.Journey", on_delete=models.PROTECT, related_name="+")
    day = models.ForeignKey(
        "journeys.JourneyDay", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=MAX_HOMEWORK_NOTE_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the client; the practitioner sees it because the client chose to mark it.
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"homework {self.id}"
