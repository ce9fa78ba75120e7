"""Who may see which ritual. A person sees only their own rituals and done marks, ever;
proposals are seen by both partners of the couple they were made in, while it lasts."""

from datetime import date
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.couples.access import current_couple
from attune.couples.models import Couple, CoupleMember
from attune.practices.models import CalendarFeed, CoupleRitual, Ritual, RitualDone


def rituals_visible_to(person: User) -> QuerySet[Ritual]:
    """The person's own rituals. A partner's side of a couple ritual is never among them."""
    return Ritual.objects.filter(person=person)


def rituals_for_list(person: User, today: date) -> QuerySet[Ritual]:
    """The person's rituals, each marked `together` (a couple ritual of their current couple)
    and `done_today`, in a fixed number of queries however many there are."""
    in_current_couple = CoupleMember.objects.filter(
        couple=OuterRef("couple_ritual__couple"), person=person, is_current=True
    )
    done_today = RitualDone.objects.filter(ritual=OuterRef("pk"), done_on=today)
    together = Q(couple_ritual__status=CoupleRitual.Status.AGREED) & Q(Exists(in_current_couple))
    return (
        rituals_visible_to(person)
        .annotate(together=together, done_today=Exists(done_today))
        .order_by("created_at")
    )


def get_ritual_for(person: User, ritual_id: UUID) -> Ritual:
    """One of the person's own rituals, or 404 alike for missing and not theirs."""
    try:
        return rituals_visible_to(person).select_related("couple_ritual").get(id=ritual_id)
    except Ritual.DoesNotExist as missing:
        raise Http404 from missing


def is_done_on(ritual: Ritual, day: date) -> bool:
    """Whether the ritual's owner marked it done on that day (shown to them alone)."""
    return RitualDone.objects.filter(ritual=ritual, done_on=day).exists()


def is_together(person: User, ritual: Ritual, couple: Couple | None) -> bool:
    """Whether this ritual is, right now, a couple ritual of the person's current couple."""
    shared = ritual.couple_ritual
    return (
        shared is not None
        and couple is not None
        and shared.couple_id == couple.pk
        and shared.status == CoupleRitual.Status.AGREED
    )


def proposals_visible_to(person: User) -> QuerySet[CoupleRitual]:
    """Proposals waiting in the person's current couple, from either partner, and the
    person's own proposals their partner said "not for now" to. Nothing from an ended couple."""
    couple = current_couple(person)
    if couple is None:
        return CoupleRitual.objects.none()
    waiting = Q(status=CoupleRitual.Status.PROPOSED)
    declined_mine = Q(status=CoupleRitual.Status.DECLINED) & Q(proposed_by=person)
    return (
        CoupleRitual.objects.filter(couple=couple)
        .filter(waiting | declined_mine)
        .select_related("proposed_by")
        .order_by("created_at")
    )


def get_proposal_for(person: User, proposal_id: UUID) -> CoupleRitual:
    """One proposal the person may see and answer, or 404."""
    try:
        return proposals_visible_to(person).get(id=proposal_id)
    except CoupleRitual.DoesNotExist as missing:
        raise Http404 from missing


def scheduled_rituals_of(person: User) -> QuerySet[Ritual]:
    """The person's own rituals that have days and a time, for their calendar."""
    return rituals_visible_to(person).filter(days__gt=0, start_time__isnull=False)


def feed_of(person: User) -> CalendarFeed | None:
    """The person's calendar address, if they made one."""
    return CalendarFeed.objects.filter(person=person).first()


def get_feed_by_token(token: str) -> CalendarFeed:
    """The calendar address behind a token; whoever holds the token may read it. 404 otherwise."""
    found = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if found is None or not found.person.is_active:
        raise Http404
    return found


def export_for(person: User) -> dict[str, object]:
    """The person's rituals with their own notes, schedules and done dates, and the
    proposals waiting in their couple."""
    rituals = rituals_visible_to(person).prefetch_related("done_marks")
    return {
        "rituals": [
            {
                "title": ritual.title,
                "from_library": ritual.library_slug,
                "notes": ritual.notes,
                "days": [
                    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day]
                    for day in ritual.weekdays
                ],
                "time": ritual.start_time.isoformat() if ritual.start_time else None,
                "minutes": ritual.duration_minutes,
                "time_zone": ritual.time_zone or person.time_zone,
                "done_on": [mark.done_on.isoformat() for mark in ritual.done_marks.all()],
            }
            for ritual in rituals
        ],
        "proposals": [
            {
                "ritual": proposal.library_slug,
                "status": proposal.status,
                "proposed_by": proposal.proposed_by.name,
            }
            for proposal in proposals_visible_to(person)
        ],
    }
