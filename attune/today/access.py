"""What the Today page reads for one person: their partner's name, their journeys and the
journeys their partner invited them to, in two plain SQL queries.

Today is the page people open most, so its reads are written out as SQL instead of ORM
querysets, which spent far longer being built and compiled than the database spent
answering (measured: ~1.9 ms -> ~0.15 ms; see docs/performance.md and decision 0009).
The rules are the ones the ORM versions follow elsewhere (`couples.access.partner_of`,
`journeys.access.couple_invitations_for` and `finished_days`), and tests/test_today.py
pins them: only a *current* partner is named or can invite, a former partner never
appears, and only the person's own progress is read — a partner's never is.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db import connections, router

from attune.accounts.models import User, name_for
from attune.journeys.models import Enrollment


@dataclass(frozen=True)
class TodayJourney:
    """One of the person's active journeys, with what Today needs to place them in it."""

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


@dataclass(frozen=True)
class TodayReading:
    partner_name: str | None
    journeys: list[TodayJourney]
    offers: list[JourneyOffer]


# One row per enrollment of the person or of their current partner in their current
# couple (a single row of NULLs when there is none); the partner's name rides along.
_PARTNER_AND_ENROLLMENTS_SQL = """
SELECT partner.display_name, partner.email,
       e.id, e.person_id, e.status, e.started_on, e.couple_id, j.id, j.slug, j.title, j.day_count
FROM accounts_user me
LEFT JOIN couples_couplemember mine ON mine.person_id = me.id AND mine.is_current = %s
LEFT JOIN couples_couplemember theirs
       ON theirs.couple_id = mine.couple_id AND theirs.person_id <> me.id
          AND theirs.is_current = %s
LEFT JOIN accounts_user partner ON partner.id = theirs.person_id
LEFT JOIN journeys_enrollment e
       ON e.person_id IN (me.id, theirs.person_id) AND e.status <> %s
          AND (e.person_id = me.id OR e.couple_id = mine.couple_id)
LEFT JOIN journeys_journey j ON j.id = e.journey_id
WHERE me.id = %s
ORDER BY e.created_at, e.id
"""

# The numbers of the days the person finished in their active enrollments.
_FINISHED_DAYS_SQL = """
SELECT p.enrollment_id, d.number
FROM journeys_dayprogress p
JOIN journeys_enrollment e ON e.id = p.enrollment_id
JOIN journeys_journeyday d ON d.id = p.day_id
WHERE e.person_id = %s AND e.status = %s AND p.completed_at IS NOT NULL
"""


class _Row(NamedTuple):
    partner_display_name: str | None
    partner_email: str | None
    enrollment_id: object  # a UUID, or its hex string on SQLite; only compared, never shown
    person_id: int | None
    status: str | None
    started_on: date
    couple_id: object
    journey_id: int | None
    slug: str
    title: str
    day_count: int


def read_today(person: User) -> TodayReading:
    active, left = Enrollment.Status.ACTIVE.value, Enrollment.Status.LEFT.value
    with connections[router.db_for_read(Enrollment)].cursor() as cursor:
        cursor.execute(_PARTNER_AND_ENROLLMENTS_SQL, [True, True, left, person.pk])
        rows = [_Row(*values) for values in cursor.fetchall()]
        cursor.execute(_FINISHED_DAYS_SQL, [person.pk, active])
        finished: dict[object, set[int]] = {}
        for enrollment_id, number in cursor.fetchall():
            finished.setdefault(enrollment_id, set()).add(number)

    first = rows[0] if rows else None
    partner_name = (
        name_for(display_name=first.partner_display_name or "", email=first.partner_email)
        if first is not None and first.partner_email is not None
        else None
    )
    enrollments = [row for row in rows if row.enrollment_id is not None]
    mine = [row for row in enrollments if row.person_id == person.pk]
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
    offers: dict[int | None, JourneyOffer] = {}
    for row in enrollments:
        if row.person_id != person.pk and row.journey_id not in joined:
            offers.setdefault(row.journey_id, JourneyOffer(slug=row.slug, title=row.title))
    return TodayReading(partner_name, journeys, list(offers.values()))
