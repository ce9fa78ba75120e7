"""Whose safety check may be read: only its owner's, and only by code acting for them."""

from attune.accounts.models import User
from attune.safety.models import SafetyCheck


def own_safety_check(person: User) -> SafetyCheck | None:
    """The person's own latest answers, if they gave any."""
    return SafetyCheck.objects.filter(person=person).first()


def joint_exercises_set_aside(person: User) -> bool:
    """Whether this person's pages should leave out exercises meant to be done with a partner.

    Only ever used to shape this person's own pages; nothing a partner sees depends on it.
    """
    check = own_safety_check(person)
    return check is not None and check.any_yes


def export_for(person: User) -> dict[str, object]:
    """The person's own safety-check answers, if they kept any."""
    check = own_safety_check(person)
    if check is None:
        return {}
    return {
        "answered_at": check.answered_at.isoformat(),
        **{question: getattr(check, question) for question in check.QUESTIONS},
    }
