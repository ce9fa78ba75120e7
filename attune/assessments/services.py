"""Every change to assessments: saving answers, finishing and scoring, sharing a summary."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from attune.accounts.models import User
from attune.assessments.instruments import get_instrument
from attune.assessments.models import Assessment
from attune.core.instruments import Instrument
from attune.core.scoring import Result, score
from attune.couples.access import current_couple

log = logging.getLogger(__name__)


class AssessmentError(Exception):
    """Something the person needs to know before the taking can finish; kind and specific."""

    def __init__(self, message: str, missing: list[int] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


def unfinished_taking(person: User, instrument_id: str) -> Assessment | None:
    """The taking the person has started and not finished, if any."""
    return Assessment.objects.filter(
        person=person, instrument=instrument_id, completed_at__isnull=True
    ).first()


def taken_today(person: User, instrument_id: str) -> Assessment | None:
    """A taking the person already finished today (their own calendar day)."""
    today = timezone.localdate(timezone.now(), person.zone)
    return Assessment.objects.filter(
        person=person, instrument=instrument_id, completed_on=today
    ).first()


def save_answers(person: User, instrument: Instrument, answers: dict[str, int]) -> Assessment:
    """Keep the answers given so far, so the person can stop and come back."""
    known = {item.id for item in instrument.items}
    with transaction.atomic():
        taking = unfinished_taking(person, instrument.id)
        if taking is None:
            taking = Assessment.objects.create(person=person, instrument=instrument.id)
        taking.answers = {
            **taking.answers,
            **{key: value for key, value in answers.items() if key in known},
        }
        taking.save(update_fields=["answers"])
    return taking


def finish_taking(person: User, taking: Assessment) -> Assessment:
    """Score a taking once every item is answered; once a day per instrument."""
    instrument = get_instrument(taking.instrument)
    missing = [
        number
        for number, item in enumerate(instrument.items, start=1)
        if item.id not in taking.answers
    ]
    if missing:
        raise AssessmentError(
            "A few questions still need an answer before we can show your results.", missing
        )
    if taken_today(person, instrument.id) is not None:
        raise AssessmentError(
            f"You've already taken the {instrument.short_name} today. Your answers are saved — "
            "come back tomorrow to finish this one."
        )
    result = score(instrument, taking.answers)
    now = timezone.now()
    taking.completed_at = now
    taking.completed_on = timezone.localdate(now, person.zone)
    _store(taking, result)
    try:
        with transaction.atomic():
            taking.save()
    except IntegrityError as twice:  # two tabs finishing at once
        raise AssessmentError(f"You've already taken the {instrument.short_name} today.") from twice
    log.info("assessment completed id=%s instrument=%s", taking.id, instrument.id)
    return taking


def _store(taking: Assessment, result: Result) -> None:
    taking.scores = {name: float(value) for name, value in result.scores.items()}
    taking.style = result.style or ""
    taking.near_boundary = result.near_boundary
    taking.distressed = result.distressed


def share_result(person: User, result: Assessment) -> bool:
    """Show this result's summary (scores and style, never answers) to the current partner."""
    couple = current_couple(person)
    if couple is None:
        return False
    result.shared_in = couple
    result.save(update_fields=["shared_in"])
    return True


def stop_sharing(result: Assessment) -> None:
    """Take a shared summary back, at once."""
    result.shared_in = None
    result.save(update_fields=["shared_in"])
