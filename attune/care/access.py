"""Who may see what in professional help. Views never filter by hand.

The rule for a practitioner: they see a client's rows only through a grant the client made in
a current relationship with them, and only rows the client owns (`person=client`) — never what
the client's partner wrote or shared with the client. The grant is checked inside the same
query that reads the rows, so a revoked grant hides everything from the next request on.
"""

from uuid import UUID

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from attune.accounts.models import User
from attune.assessments.models import Assessment
from attune.care.models import (
    AccessEvent,
    CareNote,
    CareRelationship,
    ClientInvitation,
    ConsentGrant,
    ConsultationRequest,
    GrantKind,
    Homework,
    Practitioner,
)
from attune.couples.models import CoupleMember
from attune.cycles.models import CycleMap, CycleSide
from attune.journal.models import JournalEntry
from attune.journeys.models import DayProgress, Enrollment

# The directory: public, and only what staff verified.


def listed_practitioners() -> QuerySet[Practitioner]:
    """Practitioners staff have verified, with their approaches, in name order."""
    return (
        Practitioner.objects.filter(verified_at__isnull=False)
        .prefetch_related("approaches")
        .order_by("name", "id")
    )


def search_directory(
    approach: str = "", meets: str = "", place: str = "", language: str = ""
) -> QuerySet[Practitioner]:
    """Listed practitioners matching every filter that is given."""
    found = listed_practitioners()
    if approach:
        found = found.filter(Exists(_offers(approach)))
    if meets == "online":
        found = found.filter(online=True)
    if meets == "in_person":
        found = found.filter(in_person=True)
    if place:
        found = found.filter(
            Q(city__icontains=place) | Q(region__icontains=place) | Q(country__icontains=place)
        )
    if language:
        found = found.filter(_speaks(language))
    return found


def _offers(approach: str) -> QuerySet[Practitioner]:
    # A subquery, not a join, so a practitioner with several approaches is listed once.
    return Practitioner.objects.filter(pk=OuterRef("pk"), approaches__slug=approach)


def _speaks(language: str) -> Q:
    """One whole language in the comma-separated list ("Malay" must not match "Malayalam")."""
    name = language.strip()
    return (
        Q(languages__iexact=name)
        | Q(languages__istartswith=f"{name},")
        | Q(languages__iendswith=f", {name}")
        | Q(languages__icontains=f", {name},")
    )


def directory_languages() -> list[str]:
    """Every language a listed practitioner works in, for the filter's list."""
    found: dict[str, str] = {}
    for languages in Practitioner.objects.filter(verified_at__isnull=False).values_list(
        "languages", flat=True
    ):
        for name in languages.split(","):
            if name.strip():
                found.setdefault(name.strip().casefold(), name.strip())
    return sorted(found.values(), key=str.casefold)


def get_listed_practitioner(practitioner_id: UUID) -> Practitioner:
    """One listed practitioner, or 404 alike for missing and not verified."""
    try:
        return listed_practitioners().get(id=practitioner_id)
    except Practitioner.DoesNotExist as missing:
        raise Http404 from missing


# A practitioner's own things.


def profile_of(person: User) -> Practitioner | None:
    """The person's practitioner profile, verified or not, if they made one."""
    return Practitioner.objects.filter(user=person).first()


def verified_practitioner(person: User) -> Practitioner:
    """The person's verified practitioner profile, or 404 for anyone else."""
    found = Practitioner.objects.filter(user=person, verified_at__isnull=False).first()
    if found is None:
        raise Http404
    return found


def clients_of(practitioner: Practitioner) -> QuerySet[CareRelationship]:
    """The practitioner's current clients, oldest first."""
    return (
        CareRelationship.objects.filter(practitioner=practitioner, ended_at__isnull=True)
        .select_related("client")
        .order_by("started_at")
    )


def get_client_for(practitioner: Practitioner, relationship_id: UUID) -> CareRelationship:
    """One current client relationship of this practitioner, or 404."""
    try:
        return clients_of(practitioner).get(id=relationship_id)
    except CareRelationship.DoesNotExist as missing:
        raise Http404 from missing


def partners_among(relationships: list[CareRelationship]) -> dict[UUID, CareRelationship]:
    """For each client whose current partner is also a current client: that partner's
    relationship with the same practitioner. One query, however many clients."""
    by_client = {relationship.client_id: relationship for relationship in relationships}
    couples: dict[object, list[int]] = {}
    for couple_id, person_id in CoupleMember.objects.filter(
        person_id__in=list(by_client), is_current=True
    ).values_list("couple_id", "person_id"):
        couples.setdefault(couple_id, []).append(person_id)
    found: dict[UUID, CareRelationship] = {}
    for members in couples.values():
        if len(members) == 2:
            first, second = (by_client[member] for member in members)
            found[first.id] = second
            found[second.id] = first
    return found


def partner_relationship(relationship: CareRelationship) -> CareRelationship | None:
    """The client's current partner's relationship with the same practitioner, if any."""
    partner = CoupleMember.objects.filter(
        couple__members__person_id=relationship.client_id,
        couple__members__is_current=True,
        is_current=True,
    ).exclude(person_id=relationship.client_id)
    return (
        CareRelationship.objects.filter(
            practitioner_id=relationship.practitioner_id,
            ended_at__isnull=True,
            client_id__in=partner.values("person_id"),
        )
        .select_related("client")
        .first()
    )


def invitations_sent_by(practitioner: Practitioner) -> QuerySet[ClientInvitation]:
    """The practitioner's invitations; nobody else's."""
    return ClientInvitation.objects.filter(practitioner=practitioner)


def pending_invitations_of(practitioner: Practitioner) -> QuerySet[ClientInvitation]:
    """The practitioner's invitations that can still be accepted, newest first."""
    return invitations_sent_by(practitioner).filter(
        status=ClientInvitation.Status.PENDING, expires_at__gt=timezone.now()
    )


def get_invitation_for_practitioner(
    practitioner: Practitioner, invitation_id: UUID
) -> ClientInvitation:
    """One invitation the practitioner sent, or 404."""
    try:
        return invitations_sent_by(practitioner).get(id=invitation_id)
    except ClientInvitation.DoesNotExist as missing:
        raise Http404 from missing


def find_invitation_by_token(token: str) -> ClientInvitation | None:
    """The invitation behind a link; whoever holds the link may look at it."""
    return ClientInvitation.objects.select_related("practitioner").filter(token=token).first()


def requests_received(practitioner: Practitioner) -> QuerySet[ConsultationRequest]:
    """Consultation requests sent to this practitioner, newest first."""
    return ConsultationRequest.objects.filter(practitioner=practitioner).order_by("-created_at")


def notes_by(practitioner: Practitioner, relationship: CareRelationship) -> QuerySet[CareNote]:
    """The practitioner's notes to this client (including those written to both partners)."""
    to_client = CareNote.relationships.through.objects.filter(
        carenote_id=OuterRef("pk"), carerelationship_id=relationship.pk
    )
    return CareNote.objects.filter(practitioner=practitioner).filter(Exists(to_client))


def first_current_reader(note: CareNote) -> CareRelationship | None:
    """A current relationship the note was written in, to go back to after changing it."""
    return note.relationships.filter(ended_at__isnull=True).first()


def homework_suggested(relationship: CareRelationship) -> QuerySet[Homework]:
    """What the practitioner suggested to this client, newest first."""
    return relationship.homework.select_related("journey", "day").order_by("-created_at")


def get_note_by(practitioner: Practitioner, note_id: UUID) -> CareNote:
    """One of the practitioner's own notes, or 404."""
    try:
        return CareNote.objects.get(practitioner=practitioner, id=note_id)
    except CareNote.DoesNotExist as missing:
        raise Http404 from missing


def get_homework_by(practitioner: Practitioner, homework_id: UUID) -> Homework:
    """Homework the practitioner suggested to a current client, or 404."""
    try:
        return Homework.objects.get(
            id=homework_id,
            relationship__practitioner=practitioner,
            relationship__ended_at__isnull=True,
        )
    except Homework.DoesNotExist as missing:
        raise Http404 from missing


# What a practitioner may see of a client: only the client's own rows, only while granted.


def _granted(relationship: CareRelationship, kind: str) -> Exists:
    return Exists(
        ConsentGrant.objects.filter(
            relationship=relationship,
            relationship__ended_at__isnull=True,
            relationship__practitioner__verified_at__isnull=False,
            kind=kind,
        )
    )


def _entry_granted(relationship: CareRelationship) -> Exists:
    return Exists(
        ConsentGrant.objects.filter(
            relationship=relationship,
            relationship__ended_at__isnull=True,
            relationship__practitioner__verified_at__isnull=False,
            kind=GrantKind.JOURNAL_ENTRIES,
            journal_entry=OuterRef("pk"),
        )
    )


def grants_of(relationships: list[CareRelationship]) -> dict[UUID, list[str]]:
    """Each relationship's grants as kinds (one per journal entry), in one query — for lists
    that name what is shared, never for reading the data itself."""
    found: dict[UUID, list[str]] = {relationship.id: [] for relationship in relationships}
    for relationship_id, kind in ConsentGrant.objects.filter(
        relationship__in=relationships, relationship__ended_at__isnull=True
    ).values_list("relationship_id", "kind"):
        found[relationship_id].append(kind)
    return found


def granted_kinds(relationship: CareRelationship) -> set[str]:
    """The kinds of data the client lets this practitioner see right now."""
    if not relationship.is_current:
        return set()
    return set(relationship.grants.values_list("kind", flat=True))


def granted_enrollments(relationship: CareRelationship) -> QuerySet[Enrollment]:
    """The client's own journeys, if they granted journey progress; nothing otherwise."""
    return (
        Enrollment.objects.filter(person_id=relationship.client_id)
        .exclude(status=Enrollment.Status.LEFT)
        .filter(_granted(relationship, GrantKind.JOURNEY_PROGRESS))
        .select_related("journey")
        .order_by("created_at")
    )


def granted_finished_days(
    relationship: CareRelationship, enrollments: list[Enrollment]
) -> QuerySet[DayProgress]:
    """Finished days of those journeys, with their dates, under the same grant."""
    return (
        DayProgress.objects.filter(
            enrollment__in=enrollments,
            enrollment__person_id=relationship.client_id,
            completed_at__isnull=False,
        )
        .filter(_granted(relationship, GrantKind.JOURNEY_PROGRESS))
        .select_related("day")
        .order_by("day__number")
    )


def granted_results(relationship: CareRelationship) -> QuerySet[Assessment]:
    """The client's own finished questionnaires (scores, never answers), if granted."""
    return (
        Assessment.objects.filter(person_id=relationship.client_id, completed_at__isnull=False)
        .filter(_granted(relationship, GrantKind.ASSESSMENT_RESULTS))
        .select_related("person")
        .order_by("completed_at")
    )


def granted_entries(relationship: CareRelationship) -> QuerySet[JournalEntry]:
    """The client's own journal entries they chose for this practitioner, newest first."""
    return (
        JournalEntry.objects.filter(person_id=relationship.client_id)
        .filter(_entry_granted(relationship))
        .select_related("journey_day__journey")
        .order_by("-written_on", "-created_at")
    )


def granted_cycle_sides(relationship: CareRelationship) -> QuerySet[CycleSide]:
    """The sides of a cycle map the client wrote — for their current couple, and in a map
    made alone (with their own guess of their partner) — if they granted their cycle map."""
    in_current_couple = CoupleMember.objects.filter(
        couple=OuterRef("couple"), person_id=relationship.client_id, is_current=True
    )
    return (
        CycleSide.objects.filter(person_id=relationship.client_id)
        .filter(Q(couple__isnull=True) | Q(Exists(in_current_couple)))
        .filter(_granted(relationship, GrantKind.CYCLE_MAP))
        .order_by("is_guess")
    )


def granted_map_alone(relationship: CareRelationship) -> CycleMap | None:
    """The name and plan of the map the client made alone, if they granted their cycle map."""
    return (
        CycleMap.objects.filter(person_id=relationship.client_id)
        .filter(_granted(relationship, GrantKind.CYCLE_MAP))
        .first()
    )


def partner_granted_side(
    relationship: CareRelationship, partner: CareRelationship
) -> CycleSide | None:
    """The partner's side of the couple's current map — only under the partner's own grant
    to the same practitioner, and only while both are still in that couple."""
    if partner.practitioner_id != relationship.practitioner_id:
        return None
    client_in_couple = CoupleMember.objects.filter(
        couple=OuterRef("couple"), person_id=relationship.client_id, is_current=True
    )
    partner_in_couple = CoupleMember.objects.filter(
        couple=OuterRef("couple"), person_id=partner.client_id, is_current=True
    )
    return (
        CycleSide.objects.filter(person_id=partner.client_id, couple__isnull=False)
        .filter(Exists(client_in_couple))
        .filter(Exists(partner_in_couple))
        .filter(_granted(partner, GrantKind.CYCLE_MAP))
        .select_related("person")
        .first()
    )


def couple_map_words(side: CycleSide) -> CycleMap | None:
    """The name and plan the couple gave the map this side belongs to."""
    return CycleMap.objects.filter(couple_id=side.couple_id).first() if side.couple_id else None


def own_entries_for_choosing(client: User) -> QuerySet[JournalEntry]:
    """The client's own journal entries, newest first, to choose which a practitioner sees."""
    return JournalEntry.objects.filter(person=client).order_by("-written_on", "-created_at")


def chosen_entry_ids(relationship: CareRelationship) -> set[UUID]:
    """The entries this client chose for this practitioner."""
    return {
        entry_id
        for entry_id in relationship.grants.filter(kind=GrantKind.JOURNAL_ENTRIES).values_list(
            "journal_entry_id", flat=True
        )
        if entry_id is not None
    }


# A client's own view of their practitioners.


def relationships_of(client: User) -> QuerySet[CareRelationship]:
    """The client's current practitioners."""
    return (
        CareRelationship.objects.filter(client=client, ended_at__isnull=True)
        .select_related("practitioner")
        .order_by("started_at")
    )


def get_own_relationship(
    client: User, relationship_id: UUID, include_ended: bool = False
) -> CareRelationship:
    """One of the client's current relationships (or an ended one, for reading its history),
    or 404 alike for missing and not theirs."""
    found = CareRelationship.objects.filter(client=client).select_related("practitioner")
    if not include_ended:
        found = found.filter(ended_at__isnull=True)
    try:
        return found.get(id=relationship_id)
    except CareRelationship.DoesNotExist as missing:
        raise Http404 from missing


def ended_relationships_of(client: User) -> QuerySet[CareRelationship]:
    """The client's earlier practitioners, most recently ended first."""
    return (
        CareRelationship.objects.filter(client=client, ended_at__isnull=False)
        .select_related("practitioner")
        .order_by("-ended_at")
    )


def notes_for(client: User) -> QuerySet[CareNote]:
    """Notes written to the client in a current relationship, newest first."""
    to_client = CareNote.relationships.through.objects.filter(
        carenote_id=OuterRef("pk"),
        carerelationship__client=client,
        carerelationship__ended_at__isnull=True,
    )
    return (
        CareNote.objects.filter(Exists(to_client))
        .select_related("practitioner")
        .order_by("-created_at")
    )


def homework_for(client: User) -> QuerySet[Homework]:
    """What the client's current practitioners suggested, newest first."""
    return (
        Homework.objects.filter(relationship__client=client, relationship__ended_at__isnull=True)
        .select_related("relationship__practitioner", "journey", "day")
        .order_by("-created_at")
    )


def get_own_homework(client: User, homework_id: UUID) -> Homework:
    """One suggestion made to the client, or 404."""
    try:
        return homework_for(client).get(id=homework_id)
    except Homework.DoesNotExist as missing:
        raise Http404 from missing


def latest_views(
    client: User, relationships: list[CareRelationship], each: int
) -> dict[UUID, list[AccessEvent]]:
    """The newest few looks of each of these practitioners, in one bounded query."""
    found: dict[UUID, list[AccessEvent]] = {relationship.id: [] for relationship in relationships}
    newest_first = Window(
        RowNumber(),
        partition_by=F("relationship_id"),
        order_by=[F("viewed_at").desc(), F("id").desc()],
    )
    recent = (
        access_history(client)
        .filter(relationship__in=relationships)
        .annotate(position=newest_first)
        .filter(position__lte=each)
    )
    for event in recent:
        found[event.relationship_id].append(event)
    return found


def access_history(client: User) -> QuerySet[AccessEvent]:
    """Every time one of the client's practitioners looked at what they granted."""
    return AccessEvent.objects.filter(relationship__client=client).select_related(
        "relationship__practitioner", "journal_entry"
    )


def export_for(person: User) -> dict[str, object]:
    """The person's practitioners, what they granted each, the notes and homework they
    received, and every time a practitioner looked."""
    relationships = list(
        CareRelationship.objects.filter(client=person).select_related("practitioner")
    )
    kinds = grants_of(relationships)
    return {
        "practitioners": [
            {
                "practitioner": relationship.practitioner.name,
                "started_at": relationship.started_at.isoformat(),
                "ended_at": relationship.ended_at.isoformat() if relationship.ended_at else None,
                "granted": kinds.get(relationship.id, []),
            }
            for relationship in relationships
        ],
        "notes_to_me": [
            {
                "from": note.practitioner.name,
                "to": note.audience,
                "text": note.text,
                "written_at": note.created_at.isoformat(),
            }
            for note in notes_for(person)
        ],
        "homework": [
            {
                "from": item.relationship.practitioner.name,
                "journey": item.journey.title,
                "day": item.day.number if item.day else None,
                "note": item.note,
                "done": item.done_at is not None,
            }
            for item in homework_for(person)
        ],
        "access_history": [
            {
                "practitioner": event.relationship.practitioner.name,
                "section": event.section,
                "viewed_at": event.viewed_at.isoformat(),
            }
            for event in access_history(person).order_by("viewed_at")
        ],
    }
