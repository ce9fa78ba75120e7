"""Who may see which journey data. Views never filter answers or enrollments by hand."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.couples.access import current_couple
from attune.couples.models import Couple, CoupleMember
from attune.journeys.models import (
    DayProgress,
    Enrollment,
    Journey,
    JourneyDay,
    ReflectionAnswer,
)


def journeys_visible() -> QuerySet[Journey]:
    """The journeys in the catalog: everything imported and not retired."""
    return Journey.objects.filter(retired_at__isnull=True)


def get_journey(slug: str) -> Journey:
    """One journey by slug, or 404."""
    try:
        return journeys_visible().get(slug=slug)
    except Journey.DoesNotExist as missing:
        raise Http404 from missing


def get_day(journey: Journey, number: int) -> JourneyDay:
    """One live day of a journey, or 404."""
    try:
        return journey.days.get(number=number, retired_at__isnull=True)
    except JourneyDay.DoesNotExist as missing:
        raise Http404 from missing


def enrollments_visible_to(person: User) -> QuerySet[Enrollment]:
    """A person's own enrollments that are still open; never anyone else's."""
    return Enrollment.objects.filter(person=person).exclude(status=Enrollment.Status.LEFT)


def enrollment_for(person: User, journey: Journey) -> Enrollment | None:
    """The person's open enrollment in this journey, if any."""
    return enrollments_visible_to(person).filter(journey=journey).first()


def answers_visible_to(viewer: User) -> QuerySet[ReflectionAnswer]:
    """Answers the viewer may read: their own, and what their current partner chose to show."""
    couple = current_couple(viewer)
    mine = Q(person=viewer)
    if couple is None:
        return ReflectionAnswer.objects.filter(mine)
    # A subquery, not a join: a join through memberships would repeat the viewer's own rows.
    still_in_couple = CoupleMember.objects.filter(
        couple=couple, person=OuterRef("person"), is_current=True
    )
    viewer_answered = ReflectionAnswer.objects.filter(
        person=viewer, question=OuterRef("question"), text__gt=""
    )
    from_partner = (
        ~Q(person=viewer) & Q(shared_in=couple) & Q(Exists(still_in_couple)) & ~Q(text="")
    )
    shown = Q(sharing=ReflectionAnswer.Sharing.SHARED) | (
        Q(sharing=ReflectionAnswer.Sharing.WHEN_BOTH) & Q(Exists(viewer_answered))
    )
    return ReflectionAnswer.objects.filter(mine | (from_partner & shown))


def partner_enrollment(person: User, enrollment: Enrollment) -> Enrollment | None:
    """The partner's enrollment in the same couple journey, for showing which day they're on."""
    couple = current_couple(person)
    if couple is None or enrollment.couple_id != couple.pk:
        return None
    return (
        Enrollment.objects.filter(couple=couple, journey_id=enrollment.journey_id)
        .exclude(person=person)
        .exclude(status=Enrollment.Status.LEFT)
        .select_related("person")
        .first()
    )


def couple_invitations_for(person: User, couple: Couple | None = None) -> QuerySet[Enrollment]:
    """Journeys the current partner started together and this person has not yet joined."""
    couple = couple or current_couple(person)
    if couple is None:
        return Enrollment.objects.none()
    mine = Enrollment.objects.filter(person=person, journey=OuterRef("journey")).exclude(
        status=Enrollment.Status.LEFT
    )
    return (
        Enrollment.objects.filter(couple=couple)
        .exclude(person=person)
        .exclude(status=Enrollment.Status.LEFT)
        .filter(~Q(Exists(mine)))
        .select_related("journey", "person")
    )


def finished_days(enrollments: list[Enrollment]) -> dict[object, set[int]]:
    """For each of the person's enrollments, the numbers of the days they finished (one query)."""
    done: dict[object, set[int]] = {enrollment.pk: set() for enrollment in enrollments}
    rows = DayProgress.objects.filter(
        enrollment__in=enrollments, completed_at__isnull=False
    ).values_list("enrollment_id", "day__number")
    for enrollment_id, number in rows:
        done[enrollment_id].add(number)
    return done


def export_for(person: User) -> dict[str, object]:
    """Everything of the person's journeys, and the answers their partner shared with them."""
    enrollments = Enrollment.objects.filter(person=person).select_related("journey")
    done = finished_days(list(enrollments))
    answers = (
        ReflectionAnswer.objects.filter(person=person)
        .select_related("question__day__journey")
        .order_by("question__day__journey__slug", "question__day__number", "question__number")
    )
    shared = (
        answers_visible_to(person)
        .exclude(person=person)
        .select_related("question__day__journey", "person")
    )
    return {
        "enrollments": [
            {
                "journey": e.journey.slug,
                "title": e.journey.title,
                "started_on": e.started_on.isoformat(),
                "status": e.status,
                "together": e.couple_id is not None,
                "days_finished": sorted(done[e.pk]),
            }
            for e in enrollments
        ],
        "answers": [_answer_data(a) for a in answers.iterator()],
        "shared_with_me": [{**_answer_data(a), "from": a.person.name} for a in shared.iterator()],
    }


def _answer_data(answer: ReflectionAnswer) -> dict[str, object]:
    day = answer.question.day
    return {
        "journey": day.journey.slug,
        "day": day.number,
        "day_title": day.title,
        "question": answer.question.number,
        "question_html": answer.question.html,
        "answer": answer.text,
        "sharing": answer.sharing,
        "updated_at": answer.updated_at.isoformat(),
    }
