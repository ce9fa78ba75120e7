"""Who may see which journey data. Views never filter answers or enrollments by hand."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db import connection
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


@dataclass(frozen=True)
class TodayJourney:
    """One of the person's active journeys, with what the Today page needs to place them."""

    slug: str
    title: str
    day_count: int
    started_on: date
    together: bool
    finished_days: frozenset[int]


@dataclass(frozen=True)
class JourneyOffer:
    """A journey the person's current partner started for the two of them, not yet joined."""

    slug: str
    title: str


# Today is the page people open most, so its reads are written out as plain SQL: the same
# rules as `couple_invitations_for` and `finished_days`, without the ORM building and
# compiling querysets on every request (measured: ~1.9 ms -> ~0.2 ms; see
# docs/performance.md). Only the person's own progress is read; a partner's never is.
_TODAY_ENROLLMENTS_SQL = """
SELECT e.id, e.person_id, e.status, e.started_on, e.couple_id,
       j.id, j.slug, j.title, j.day_count
FROM journeys_enrollment e
JOIN journeys_journey j ON j.id = e.journey_id
WHERE e.status <> %s
  AND (e.person_id = %s
       OR (e.person_id <> %s AND e.couple_id IN (
              SELECT m.couple_id FROM couples_couplemember m
              WHERE m.person_id = %s AND m.is_current = %s)))
ORDER BY e.created_at, e.id
"""
_TODAY_FINISHED_SQL = """
SELECT p.enrollment_id, d.number
FROM journeys_dayprogress p
JOIN journeys_enrollment e ON e.id = p.enrollment_id
JOIN journeys_journeyday d ON d.id = p.day_id
WHERE e.person_id = %s AND e.status = %s AND p.completed_at IS NOT NULL
"""


class _TodayRow(NamedTuple):
    enrollment_id: object
    person_id: int
    status: str
    started_on: date
    couple_id: object
    journey_id: int
    slug: str
    title: str
    day_count: int


def today_journeys(person: User) -> tuple[list[TodayJourney], list[JourneyOffer]]:
    """The person's active journeys with the days they finished, and the journeys their
    current partner started together that the person has not joined (two small reads)."""
    active, left = Enrollment.Status.ACTIVE.value, Enrollment.Status.LEFT.value
    with connection.cursor() as cursor:
        cursor.execute(_TODAY_ENROLLMENTS_SQL, [left, person.pk, person.pk, person.pk, True])
        rows = [_TodayRow(*values) for values in cursor.fetchall()]
        cursor.execute(_TODAY_FINISHED_SQL, [person.pk, active])
        finished: dict[object, set[int]] = {}
        for enrollment_id, number in cursor.fetchall():
            finished.setdefault(enrollment_id, set()).add(number)
    mine = [row for row in rows if row.person_id == person.pk]
    joined = {row.journey_id for row in mine}
    journeys = [
        TodayJourney(
            slug=row.slug,
            title=row.title,
            day_count=row.day_count,
            started_on=row.started_on,
            together=row.couple_id is not None,
            finished_days=frozenset(finished.get(row.enrollment_id, ())),
        )
        for row in mine
        if row.status == active
    ]
    offers: dict[int, JourneyOffer] = {}
    for row in rows:
        if row.person_id != person.pk and row.journey_id not in joined:
            offers.setdefault(row.journey_id, JourneyOffer(slug=row.slug, title=row.title))
    return journeys, list(offers.values())


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
