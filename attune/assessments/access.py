"""Who may see which assessment. A partner sees a shared summary; nobody sees item answers."""

from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.assessments.models import Assessment
from attune.couples.access import current_couple
from attune.couples.models import CoupleMember


def assessments_visible_to(viewer: User) -> QuerySet[Assessment]:
    """The viewer's own takings, and completed summaries their current partner shared."""
    couple = current_couple(viewer)
    mine = Q(person=viewer)
    if couple is None:
        return Assessment.objects.filter(mine)
    # A subquery, not a join: a join through memberships would repeat the viewer's own rows.
    still_in_couple = CoupleMember.objects.filter(
        couple=couple, person=OuterRef("person"), is_current=True
    )
    shared = (
        ~Q(person=viewer)
        & Q(shared_in=couple)
        & Q(completed_at__isnull=False)
        & Q(Exists(still_in_couple))
    )
    return Assessment.objects.filter(mine | shared)


def get_result_for(viewer: User, result_id: UUID) -> Assessment:
    """One completed result the viewer may see, or 404 alike for missing and not theirs."""
    try:
        return assessments_visible_to(viewer).get(id=result_id, completed_at__isnull=False)
    except Assessment.DoesNotExist as missing:
        raise Http404 from missing


def get_own_result(viewer: User, result_id: UUID) -> Assessment:
    """One completed result of the viewer's own (to share or stop sharing), or 404."""
    try:
        return Assessment.objects.get(id=result_id, person=viewer, completed_at__isnull=False)
    except Assessment.DoesNotExist as missing:
        raise Http404 from missing


def own_history(viewer: User, instrument_id: str) -> QuerySet[Assessment]:
    """The viewer's completed takings of one instrument, oldest first."""
    return Assessment.objects.filter(
        person=viewer, instrument=instrument_id, completed_at__isnull=False
    ).order_by("completed_at")


def partner_shared_latest(viewer: User, instruments: tuple[str, ...]) -> Assessment | None:
    """The newest result among `instruments` that the viewer's partner shared with them."""
    return (
        assessments_visible_to(viewer)
        .exclude(person=viewer)
        .filter(instrument__in=instruments)
        .order_by("-completed_at")
        .first()
    )


def export_for(person: User) -> dict[str, object]:
    """The person's own takings (with their answers) and summaries shared with them."""
    own = Assessment.objects.filter(person=person).order_by("started_at")
    shared = assessments_visible_to(person).exclude(person=person).select_related("person")
    return {
        "takings": [
            {
                "instrument": a.instrument,
                "started_at": a.started_at.isoformat(),
                "completed_at": a.completed_at.isoformat() if a.completed_at else None,
                "answers": a.answers,
                "scores": a.scores,
                "style": a.style or None,
                "near_boundary": a.near_boundary,
                "distressed": a.distressed,
                "shared_with_partner": a.shared_in_id is not None,
            }
            for a in own.iterator()
        ],
        "shared_with_me": [
            {
                "from": a.person.name,
                "instrument": a.instrument,
                "completed_at": a.completed_at.isoformat() if a.completed_at else None,
                "scores": a.scores,
                "style": a.style or None,
            }
            for a in shared
        ],
    }
