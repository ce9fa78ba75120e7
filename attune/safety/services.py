"""Every change to the safety check: answering (or answering again) and clearing it."""

import logging

from django.utils import timezone

from attune.accounts.models import User
from attune.safety.models import SafetyCheck

log = logging.getLogger(__name__)


def answer_safety_check(person: User, answers: dict[str, str]) -> SafetyCheck:
    """Keep the person's latest answers; earlier ones are replaced, not kept."""
    check, _ = SafetyCheck.objects.update_or_create(
        person=person, defaults={**answers, "answered_at": timezone.now()}
    )
    # Not even who: a log line must never become a record that this person asked for help.
    log.info("safety check saved")
    return check


def clear_safety_check(person: User) -> None:
    """Forget the person's answers entirely."""
    SafetyCheck.objects.filter(person=person).delete()
