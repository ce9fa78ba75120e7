"""Every change to journeys: importing content, enrolling, and a person's work on a day."""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from attune.accounts.models import User
from attune.core import journeys as core
from attune.couples.access import current_couple
from attune.journeys.models import (
    ActivityStep,
    CoupleConversation,
    DayProgress,
    Enrollment,
    Journey,
    JourneyDay,
    ReflectionAnswer,
    ReflectionQuestion,
)

log = logging.getLogger(__name__)


class JourneyError(Exception):
    """A change that cannot happen; the message is kind and safe to show."""


@dataclass(frozen=True)
class ImportResult:
    """What importing one journey did."""

    slug: str
    outcome: str  # "created", "updated" or "unchanged"
    days: int
    retired: int


def import_journey(parsed: core.Journey) -> ImportResult:
    """Create or update a journey by slug; retire what the source no longer has. Idempotent."""
    with transaction.atomic():
        journey = Journey.objects.select_for_update().filter(slug=parsed.slug).first()
        if (
            journey is not None
            and journey.fingerprint == parsed.fingerprint
            and journey.retired_at is None
        ):
            return ImportResult(parsed.slug, "unchanged", len(parsed.days), 0)
        outcome = "created" if journey is None else "updated"
        fields = {
            "title": parsed.title,
            "category": parsed.category,
            "sequence": parsed.sequence,
            "description": parsed.description,
            "duration": parsed.duration,
            "duration_days": parsed.duration_days,
            "intro_html": parsed.intro_html,
            "plan": [
                {"number": w.number, "theme": w.theme, "topics": list(w.topics)}
                for w in parsed.plan
            ],
            "daily_activities_html": parsed.daily_activities_html,
            "foundation_html": parsed.foundation_html,
            "outcomes_html": parsed.outcomes_html,
            "fingerprint": parsed.fingerprint,
            "retired_at": None,
        }
        journey, _ = Journey.objects.update_or_create(slug=parsed.slug, defaults=fields)
        retired = 0
        keep_days = []
        for parsed_day in parsed.days:
            day = _import_day(journey, parsed_day)
            keep_days.append(day.pk)
            retired += _retire(ActivityStep.objects.filter(day=day), len(parsed_day.steps))
            retired += _retire(
                ReflectionQuestion.objects.filter(day=day), len(parsed_day.questions)
            )
        retired += (
            JourneyDay.objects.filter(journey=journey, retired_at__isnull=True)
            .exclude(pk__in=keep_days)
            .update(retired_at=timezone.now())
        )
        # Counted once here so pages never count days per request.
        journey.day_count = len(keep_days)
        journey.save(update_fields=["day_count"])
    log.info("journey imported slug=%s outcome=%s", parsed.slug, outcome)
    return ImportResult(parsed.slug, outcome, len(parsed.days), retired)


def _import_day(journey: Journey, parsed: core.Day) -> JourneyDay:
    practice = parsed.practice
    day, _ = JourneyDay.objects.update_or_create(
        journey=journey,
        number=parsed.number,
        defaults={
            "title": parsed.title,
            "learning_html": parsed.learning_html,
            "why_html": parsed.why_html,
            "activity_intro_html": parsed.activity_intro_html,
            "activity_after_html": parsed.activity_after_html,
            "solo_html": parsed.solo_html,
            "practice_kind": practice.kind if practice else "",
            "practice_name": practice.name if practice else "",
            "practice_html": practice.html if practice else "",
            "extra_html": parsed.extra_html,
            "tools": parsed.tools,
            "retired_at": None,
        },
    )
    for step in parsed.steps:
        ActivityStep.objects.update_or_create(
            day=day,
            number=step.number,
            defaults={"html": step.html, "together": step.together, "retired_at": None},
        )
    for question in parsed.questions:
        ReflectionQuestion.objects.update_or_create(
            day=day, number=question.number, defaults={"html": question.html, "retired_at": None}
        )
    return day


def _retire(rows: QuerySet[Any], keep: int) -> int:
    """Retire numbered rows beyond the ones the source still has (answers may point at them)."""
    return int(
        rows.filter(number__gt=keep, retired_at__isnull=True).update(retired_at=timezone.now())
    )


def today_for(person: User) -> date:
    """The calendar date where the person lives."""
    return timezone.localdate(timezone.now(), person.zone)


def start_journey(person: User, journey: Journey, together: bool) -> Enrollment:
    """Begin a journey alone, or together with the current partner (who then accepts)."""
    couple = current_couple(person) if together else None
    if together and couple is None:
        raise JourneyError("You're not linked with a partner, so this journey starts just for you.")
    with transaction.atomic():
        if (
            Enrollment.objects.filter(person=person, journey=journey)
            .exclude(status=Enrollment.Status.LEFT)
            .exists()
        ):
            raise JourneyError("You've already started this journey.")
        enrollment = Enrollment.objects.create(
            person=person, journey=journey, couple=couple, started_on=today_for(person)
        )
    log.info("enrollment started id=%s", enrollment.id)
    return enrollment


def join_partner_journey(person: User, journey: Journey) -> Enrollment:
    """Accept the partner's invitation to do a journey together; each keeps their own pace."""
    couple = current_couple(person)
    if (
        couple is None
        or not Enrollment.objects.filter(couple=couple, journey=journey)
        .exclude(person=person)
        .exclude(status=Enrollment.Status.LEFT)
        .exists()
    ):
        raise JourneyError("This journey isn't waiting for you to join any more.")
    with transaction.atomic():
        if (
            Enrollment.objects.filter(person=person, journey=journey)
            .exclude(status=Enrollment.Status.LEFT)
            .exists()
        ):
            raise JourneyError("You've already started this journey.")
        return Enrollment.objects.create(
            person=person, journey=journey, couple=couple, started_on=today_for(person)
        )


def set_status(enrollment: Enrollment, status: str) -> None:
    """Pause, resume or leave a journey. Leaving keeps everything the person wrote."""
    enrollment.status = status
    enrollment.save(update_fields=["status"])


def save_day_work(
    person: User,
    enrollment: Enrollment,
    day: JourneyDay,
    steps_done: list[int],
    answers: dict[int, tuple[str, str]],
) -> None:
    """Save ticked steps and every answer of a day in one go."""
    with transaction.atomic():
        progress, _ = DayProgress.objects.get_or_create(enrollment=enrollment, day=day)
        progress.steps_done = sorted(set(steps_done))
        progress.save(update_fields=["steps_done"])
        questions = {q.number: q for q in day.questions.filter(retired_at__isnull=True)}
        for number, (text, sharing) in answers.items():
            if number in questions:
                save_answer(person, questions[number], text, sharing)


def save_answer(
    person: User, question: ReflectionQuestion, text: str, sharing: str
) -> ReflectionAnswer:
    """Create or update a person's answer; sharing is tied to their current couple."""
    couple = current_couple(person)
    shared_in = couple if sharing != ReflectionAnswer.Sharing.PRIVATE else None
    if couple is None:
        sharing = ReflectionAnswer.Sharing.PRIVATE
    answer, created = ReflectionAnswer.objects.get_or_create(
        person=person,
        question=question,
        defaults={"text": text, "sharing": sharing, "shared_in": shared_in},
    )
    if not created and (answer.text, answer.sharing, answer.shared_in) != (
        text,
        sharing,
        shared_in,
    ):
        answer.text = text
        answer.sharing = sharing
        answer.shared_in = shared_in
        answer.updated_at = timezone.now()
        answer.save(update_fields=["text", "sharing", "shared_in", "updated_at"])
    return answer


def complete_day(enrollment: Enrollment, day: JourneyDay, done: bool = True) -> None:
    """Mark a day finished (or not) for this person only."""
    progress, _ = DayProgress.objects.get_or_create(enrollment=enrollment, day=day)
    progress.completed_at = timezone.now() if done else None
    progress.save(update_fields=["completed_at"])


def mark_conversation_done(person: User, enrollment: Enrollment, day: JourneyDay) -> None:
    """Mark the day's together-step done for the couple; it is something both did."""
    couple = current_couple(person)
    if couple is None or enrollment.couple_id != couple.pk:
        raise JourneyError("The conversation step is for a journey you're doing together.")
    CoupleConversation.objects.get_or_create(couple=couple, day=day)
