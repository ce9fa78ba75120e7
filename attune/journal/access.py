"""Who may see which journal things. A partner sees an entry that was shared with them; drafts
and the trigger log are only ever their writer's. Views never filter by hand."""

from datetime import date
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.core.journeys import days_open
from attune.couples.access import current_couple
from attune.couples.models import CoupleMember
from attune.journal.models import JournalDraft, JournalEntry, TriggerEvent
from attune.journeys.access import enrollments_visible_to
from attune.journeys.models import Enrollment, JourneyDay


def entries_visible_to(viewer: User) -> QuerySet[JournalEntry]:
    """The viewer's own entries, and the entries their current partner shared with them."""
    couple = current_couple(viewer)
    mine = Q(person=viewer)
    if couple is None:
        return JournalEntry.objects.filter(mine)
    # A subquery, not a join: a join through memberships would repeat the viewer's own rows.
    still_in_couple = CoupleMember.objects.filter(
        couple=couple, person=OuterRef("person"), is_current=True
    )
    shared = ~Q(person=viewer) & Q(shared_in=couple) & Q(Exists(still_in_couple))
    return JournalEntry.objects.filter(mine | shared)


def get_entry_for(viewer: User, entry_id: UUID) -> JournalEntry:
    """One entry the viewer may read, or 404 alike for missing and not theirs."""
    try:
        return (
            entries_visible_to(viewer)
            .select_related("person", "journey_day__journey")
            .get(id=entry_id)
        )
    except JournalEntry.DoesNotExist as missing:
        raise Http404 from missing


def own_entries(viewer: User) -> QuerySet[JournalEntry]:
    """The viewer's own entries; never anyone else's, shared or not."""
    return JournalEntry.objects.filter(person=viewer)


def get_own_entry(viewer: User, entry_id: UUID) -> JournalEntry:
    """One of the viewer's own entries (to edit, delete or share), or 404."""
    try:
        return own_entries(viewer).select_related("journey_day__journey").get(id=entry_id)
    except JournalEntry.DoesNotExist as missing:
        raise Http404 from missing


def shared_with(viewer: User) -> QuerySet[JournalEntry]:
    """Entries the viewer's current partner shared with them, newest first."""
    return (
        entries_visible_to(viewer)
        .exclude(person=viewer)
        .select_related("person", "journey_day__journey")
        .order_by("-written_on", "-created_at")
    )


def search_own_entries(viewer: User, words: str) -> QuerySet[JournalEntry]:
    """The viewer's own entries containing the words anywhere they wrote; nobody else's."""
    found = (
        Q(text__icontains=words)
        | Q(closeness__icontains=words)
        | Q(distance__icontains=words)
        | Q(feelings__icontains=words)
        | Q(body__icontains=words)
    )
    return own_entries(viewer).filter(found).select_related("journey_day__journey")


def triggers_visible_to(viewer: User) -> QuerySet[TriggerEvent]:
    """The viewer's own trigger notes. Nobody else ever sees them."""
    return TriggerEvent.objects.filter(person=viewer)


def get_trigger_for(viewer: User, trigger_id: UUID) -> TriggerEvent:
    """One of the viewer's trigger notes, or 404 alike for missing and not theirs."""
    try:
        return triggers_visible_to(viewer).get(id=trigger_id)
    except TriggerEvent.DoesNotExist as missing:
        raise Http404 from missing


def search_own_triggers(viewer: User, words: str) -> QuerySet[TriggerEvent]:
    """The viewer's own trigger notes containing the words in any part."""
    found = (
        Q(situation__icontains=words)
        | Q(surface__icontains=words)
        | Q(underneath__icontains=words)
        | Q(body__icontains=words)
        | Q(reaction__icontains=words)
        | Q(wish__icontains=words)
    )
    return triggers_visible_to(viewer).filter(found)


def drafts_visible_to(viewer: User) -> QuerySet[JournalDraft]:
    """The viewer's own drafts. Nobody else sees them, nor learns they exist."""
    return JournalDraft.objects.filter(person=viewer)


def new_entry_draft(viewer: User) -> JournalDraft | None:
    """The words the viewer was typing into a new entry, if any are kept."""
    return drafts_visible_to(viewer).filter(entry__isnull=True).first()


def edit_draft(viewer: User, entry: JournalEntry) -> JournalDraft | None:
    """Unsaved changes the viewer was typing into one of their entries, if any."""
    return drafts_visible_to(viewer).filter(entry=entry).first()


def get_own_draft(viewer: User, draft_id: UUID) -> JournalDraft:
    """One of the viewer's drafts, or 404."""
    try:
        return drafts_visible_to(viewer).get(id=draft_id)
    except JournalDraft.DoesNotExist as missing:
        raise Http404 from missing


def days_to_link(viewer: User, today: date) -> list[JourneyDay]:
    """The open, live days of the viewer's active journeys, which an entry may point at."""
    enrollments = list(
        enrollments_visible_to(viewer)
        .filter(status=Enrollment.Status.ACTIVE)
        .order_by("created_at")
    )
    if not enrollments:
        return []
    days = list(
        JourneyDay.objects.filter(
            journey_id__in=[e.journey_id for e in enrollments], retired_at__isnull=True
        )
        .select_related("journey")
        .order_by("journey__title", "number")
    )
    open_days: list[JourneyDay] = []
    for enrollment in enrollments:
        of_journey = [d for d in days if d.journey_id == enrollment.journey_id]
        count = days_open(enrollment.started_on, today, len(of_journey))
        open_days.extend(d for d in of_journey if d.number <= count)
    return open_days


def export_for(person: User) -> dict[str, object]:
    """The person's entries, drafts and trigger notes, and entries their partner shared."""

    def entry_data(entry: JournalEntry) -> dict[str, object]:
        return {
            "written_on": entry.written_on.isoformat(),
            "text": entry.text,
            "closeness": entry.closeness,
            "distance": entry.distance,
            "feelings": entry.feeling_list,
            "body": entry.body,
            "updated_at": entry.updated_at.isoformat(),
        }

    return {
        "entries": [
            {**entry_data(entry), "shared_with_partner": entry.shared_in_id is not None}
            for entry in own_entries(person).order_by("written_on", "created_at").iterator()
        ],
        "drafts": [
            {"fields": draft.fields, "updated_at": draft.updated_at.isoformat()}
            for draft in drafts_visible_to(person)
        ],
        "triggers": [
            {
                "happened_on": trigger.happened_on.isoformat(),
                "situation": trigger.situation,
                "surface": trigger.surface,
                "underneath": trigger.underneath,
                "body": trigger.body,
                "reaction": trigger.reaction,
                "wish": trigger.wish,
            }
            for trigger in triggers_visible_to(person).order_by("happened_on").iterator()
        ],
        "shared_with_me": [
            {**entry_data(entry), "from": entry.person.name} for entry in shared_with(person)
        ],
    }
