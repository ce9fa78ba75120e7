"""Every change in professional help: profiles, consultation requests, invitations, consent
grants, ending a relationship, the access history, notes and homework."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from attune.accounts.models import User
from attune.care import access
from attune.care.models import (
    WHOLE_KINDS,
    AccessEvent,
    Approach,
    CareNote,
    CareRelationship,
    ClientInvitation,
    ConsentGrant,
    ConsultationRequest,
    GrantKind,
    Homework,
    Practitioner,
)
from attune.journal.models import JournalEntry
from attune.journeys.models import Journey, JourneyDay

log = logging.getLogger(__name__)

# Changing any of these sends a verified profile back to staff: they are what staff checked.
VERIFIED_DETAILS = ("name", "credentials", "licence")


class CareError(Exception):
    """A change that cannot happen; the message is safe and kind to show the person."""


@dataclass(frozen=True)
class ProfileDetails:
    """What a practitioner writes on their profile."""

    name: str
    credentials: str
    licence: str
    approaches: tuple[Approach, ...]
    in_person: bool
    online: bool
    city: str
    region: str
    country: str
    languages: tuple[str, ...]
    accepting_clients: bool
    bio: str
    contact_email: str


def save_profile(person: User, details: ProfileDetails) -> tuple[Practitioner, bool]:
    """Create or update the person's practitioner profile. Returns it, and whether it now
    waits for staff to verify it (new, or its name, credentials or licence changed)."""
    fields = {
        "name": details.name,
        "credentials": details.credentials,
        "licence": details.licence,
        "in_person": details.in_person,
        "online": details.online,
        "city": details.city,
        "region": details.region,
        "country": details.country,
        "languages": ", ".join(details.languages),
        "accepting_clients": details.accepting_clients,
        "bio": details.bio,
        "contact_email": details.contact_email,
    }
    with transaction.atomic():
        profile = Practitioner.objects.select_for_update().filter(user=person).first()
        if profile is None:
            profile = Practitioner.objects.create(user=person, **fields)
            log.info("practitioner profile created id=%s", profile.id)
        else:
            changed = [name for name, value in fields.items() if getattr(profile, name) != value]
            for name in changed:
                setattr(profile, name, fields[name])
            if profile.verified_at is not None and set(changed) & set(VERIFIED_DETAILS):
                profile.verified_at = None
                changed.append("verified_at")
                log.info("practitioner verification cleared id=%s", profile.id)
            profile.updated_at = timezone.now()
            profile.save(update_fields=[*changed, "updated_at"])
        profile.approaches.set(details.approaches)
    return profile, profile.verified_at is None


def verify_practitioners(practitioners: Iterable[Practitioner]) -> int:
    """Staff checked these licences: list them and let them invite clients."""
    ids = [str(practitioner.pk) for practitioner in practitioners]
    count = Practitioner.objects.filter(pk__in=ids, verified_at__isnull=True).update(
        verified_at=timezone.now()
    )
    log.info("practitioners verified ids=%s", ",".join(ids))
    return int(count)


def unverify_practitioners(practitioners: Iterable[Practitioner]) -> int:
    """Take practitioners out of the directory; their clients' pages close to them at once."""
    ids = [str(practitioner.pk) for practitioner in practitioners]
    count = Practitioner.objects.filter(pk__in=ids).update(verified_at=None)
    log.info("practitioners unverified ids=%s", ",".join(ids))
    return int(count)


# Consultation requests


@dataclass(frozen=True)
class ConsultationDetails:
    """What someone writes when asking a practitioner for a first conversation."""

    name: str
    email: str
    phone: str
    contact_by: str
    best_time: str
    message: str


def request_consultation(
    practitioner: Practitioner, details: ConsultationDetails
) -> ConsultationRequest:
    """Store the request and e-mail it to the practitioner, who replies to the person."""
    consultation = ConsultationRequest.objects.create(
        practitioner=practitioner,
        name=details.name,
        email=details.email,
        phone=details.phone,
        contact_by=details.contact_by,
        best_time=details.best_time,
        message=details.message,
    )
    # The message goes to the practitioner because the person chose to send it to them; it is
    # never written to a log.
    body = render_to_string(
        "care/email/consultation.txt",
        {"practitioner": practitioner, "consultation": consultation},
    )
    EmailMessage(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}a consultation request",
        body,
        None,
        [practitioner.contact_email],
        reply_to=[details.email],
    ).send()
    log.info("consultation request id=%s practitioner=%s", consultation.id, practitioner.id)
    return consultation


# Invitations and the relationship


def invite_client(practitioner: Practitioner, email: str, base_url: str = "") -> ClientInvitation:
    """Send a single-use invitation link; it carries nothing about anyone's work."""
    if not practitioner.is_verified:
        raise CareError("You can invite clients once staff have verified your profile.")
    if email.casefold() == practitioner.user.email.casefold():
        raise CareError("That's your own address. Invite your client with theirs.")
    invitee = User.objects.filter(email__iexact=email).first()
    if invitee is not None and (
        CareRelationship.objects.filter(
            practitioner=practitioner, client=invitee, ended_at__isnull=True
        ).exists()
    ):
        raise CareError("This person is already your client.")
    invitation = ClientInvitation.objects.create(
        practitioner=practitioner, email=email, invitee=invitee
    )
    link = base_url + reverse("care:accept", args=[invitation.token])
    body = render_to_string(
        "care/email/invitation.txt",
        {"practitioner": practitioner, "link": link, "invitation": invitation},
    )
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}an invitation from your therapist",
        body,
        None,
        [email],
    )
    log.info("client invitation created id=%s", invitation.id)
    return invitation


def withdraw_invitation(invitation: ClientInvitation) -> None:
    """Make a pending invitation unusable at once."""
    if invitation.status == ClientInvitation.Status.PENDING:
        invitation.status = ClientInvitation.Status.WITHDRAWN
        invitation.save(update_fields=["status"])


def accept_invitation(invitation: ClientInvitation, person: User) -> CareRelationship:
    """Start the relationship. Nothing is shared until the client grants it, kind by kind."""
    with transaction.atomic():
        # Lock the invitation so two tabs cannot accept it twice.
        invitation = (
            ClientInvitation.objects.select_for_update()
            .select_related("practitioner")
            .get(pk=invitation.pk)
        )
        if not invitation.is_usable or not invitation.practitioner.is_verified:
            raise CareError("This invitation can't be used any more. Ask for a new one.")
        if invitation.practitioner.user_id == person.pk:
            raise CareError("This is your own invitation. Send the link to your client.")
        if CareRelationship.objects.filter(
            practitioner=invitation.practitioner, client=person, ended_at__isnull=True
        ).exists():
            raise CareError(f"{invitation.practitioner.name} is already your practitioner.")
        relationship = CareRelationship.objects.create(
            practitioner=invitation.practitioner, client=person
        )
        invitation.status = ClientInvitation.Status.ACCEPTED
        invitation.invitee = person
        invitation.save(update_fields=["status", "invitee"])
    log.info("care relationship started id=%s", relationship.id)
    return relationship


def end_relationship(relationship: CareRelationship) -> None:
    """End it at once: every grant is revoked in the same moment. The practitioner is not told."""
    with transaction.atomic():
        relationship.ended_at = timezone.now()
        relationship.save(update_fields=["ended_at"])
        relationship.grants.all().delete()
    log.info("care relationship ended id=%s", relationship.id)


def forget_person(person: User) -> int:
    """For account deletion: delete pending invitations sent to any of the person's addresses,
    and the consultation requests they sent from them. (Grants, relationships and invitations
    that already know the account go with it by CASCADE.)"""
    from allauth.account.models import EmailAddress

    addresses = {person.email}
    addresses.update(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    to_person = Q()
    for address in addresses:
        to_person |= Q(email__iexact=address)
    with transaction.atomic():
        invitations, _ = ClientInvitation.objects.filter(
            to_person, status=ClientInvitation.Status.PENDING
        ).delete()
        requests, _ = ConsultationRequest.objects.filter(to_person).delete()
    log.info("care traces forgotten invitations=%s requests=%s", invitations, requests)
    return int(invitations + requests)


# Consent


def set_grants(relationship: CareRelationship, kinds: Iterable[str]) -> None:
    """Grant exactly these kinds to this practitioner; anything unticked is revoked at once.
    Journal entries are chosen one by one (`choose_entries`) and are left as they are."""
    wanted = set(kinds) & set(WHOLE_KINDS)
    with transaction.atomic():
        relationship.grants.filter(kind__in=WHOLE_KINDS).exclude(kind__in=wanted).delete()
        have = set(relationship.grants.values_list("kind", flat=True))
        for kind in sorted(wanted - have):
            try:
                with transaction.atomic():
                    ConsentGrant.objects.create(relationship=relationship, kind=kind)
            except IntegrityError:  # the same form sent twice at once
                continue
    kinds_set = ",".join(sorted(str(kind) for kind in wanted)) or "none"
    log.info("care grants set relationship=%s kinds=%s", relationship.id, kinds_set)


def choose_entries(
    relationship: CareRelationship, offered: Iterable[JournalEntry], chosen: Iterable[UUID]
) -> None:
    """Of the client's own entries `offered` on one page, grant the chosen ones and revoke
    the rest; entries on other pages stay as they were."""
    offered_ids = {entry.id for entry in offered if entry.person_id == relationship.client_id}
    wanted = set(chosen) & offered_ids
    with transaction.atomic():
        relationship.grants.filter(
            kind=GrantKind.JOURNAL_ENTRIES, journal_entry_id__in=offered_ids - wanted
        ).delete()
        have = set(
            relationship.grants.filter(journal_entry_id__in=wanted).values_list(
                "journal_entry_id", flat=True
            )
        )
        ConsentGrant.objects.bulk_create(
            [
                ConsentGrant(
                    relationship=relationship,
                    kind=GrantKind.JOURNAL_ENTRIES,
                    journal_entry_id=entry_id,
                )
                for entry_id in sorted(wanted - have)
            ],
            ignore_conflicts=True,
        )
    log.info("care entries chosen relationship=%s count=%s", relationship.id, len(wanted))


def record_views(
    relationship: CareRelationship,
    sections: Iterable[str],
    entries: Iterable[JournalEntry] = (),
) -> None:
    """Note that the practitioner just looked at these granted sections and entries."""
    now = timezone.now()
    events = [
        AccessEvent(relationship=relationship, section=section, viewed_at=now)
        for section in sections
        if section != GrantKind.JOURNAL_ENTRIES
    ]
    events.extend(
        AccessEvent(
            relationship=relationship,
            section=GrantKind.JOURNAL_ENTRIES,
            journal_entry=entry,
            viewed_at=now,
        )
        for entry in entries
    )
    AccessEvent.objects.bulk_create(events)


# Notes and homework


def post_note(relationship: CareRelationship, text: str, audience: str) -> CareNote:
    """Leave a note for this client, or for both partners when both are this practitioner's
    clients (the view has already shown the practitioner a warning)."""
    recipients = [relationship]
    if audience == CareNote.Audience.BOTH:
        partner = access.partner_relationship(relationship)
        if partner is None:
            raise CareError(
                "A note to both partners needs both of them to be your clients. "
                "This one can go to this client only."
            )
        recipients.append(partner)
    elif audience != CareNote.Audience.CLIENT:
        raise CareError("Please choose who the note is for.")
    with transaction.atomic():
        note = CareNote.objects.create(
            practitioner_id=relationship.practitioner_id, audience=audience, text=text
        )
        note.relationships.set(recipients)
    log.info("care note posted id=%s audience=%s", note.id, audience)
    return note


def delete_note(note: CareNote) -> None:
    """Take a note back; its readers no longer see it."""
    note_id = note.id
    note.delete()
    log.info("care note deleted id=%s", note_id)


def suggest_homework(
    relationship: CareRelationship, journey: Journey, day: JourneyDay | None, note: str
) -> Homework:
    """Suggest a journey, or one of its days, for the client to do between sessions."""
    if day is not None and day.journey_id != journey.pk:
        raise CareError("That day belongs to another journey.")
    homework = Homework.objects.create(
        relationship=relationship, journey=journey, day=day, note=note
    )
    log.info("homework suggested id=%s", homework.id)
    return homework


def withdraw_homework(homework: Homework) -> None:
    """Take a suggestion back."""
    homework_id = homework.id
    homework.delete()
    log.info("homework withdrawn id=%s", homework_id)


def mark_homework_done(homework: Homework, done: bool = True) -> None:
    """The client says they did it (or takes that back)."""
    homework.done_at = timezone.now() if done else None
    homework.save(update_fields=["done_at"])
