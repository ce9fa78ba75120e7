"""Making the cast: people, couples and the real content, for fixtures and the matrix world."""

import io
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember
from attune.journeys.models import DayProgress, Enrollment, Journey, JourneyDay

PASSWORD = "a-long-and-gentle-passphrase"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_4f4ab928ebf9f6b6.txt"


def make_person(email: str, name: str, time_zone: str = "UTC") -> User:
    """A person with a verified e-mail address, as after sign-up."""
    from allauth.account.models import EmailAddress

    person = User.objects.create_user(
        email=email, password=PASSWORD, display_name=name, time_zone=time_zone
    )
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


def enrol(
    person: User, couple: Couple | None = None, days_ago: int = 0, slug: str = "attachment-healing"
) -> Enrollment:
    """Start a journey for a person, `days_ago` days ago in their own zone."""
    started = timezone.localdate(timezone.now(), person.zone) - timedelta(days=days_ago)
    return Enrollment.objects.create(
        person=person, journey=Journey.objects.get(slug=slug), couple=couple, started_on=started
    )


def finish_days(enrollment: Enrollment, numbers: Iterable[int]) -> None:
    """Mark these days of the enrollment's journey finished."""
    for day in JourneyDay.objects.filter(journey=enrollment.journey, number__in=list(numbers)):
        DayProgress.objects.create(enrollment=enrollment, day=day, completed_at=timezone.now())


def link(first: User, second: User) -> Couple:
    """Link two people directly (the invitation flow has its own tests)."""
    couple = Couple.objects.create()
    CoupleMember.objects.create(couple=couple, person=first)
    CoupleMember.objects.create(couple=couple, person=second)
    return couple


def import_real_content() -> None:
    """Import content/ as `make run` does, unless a journey is already there."""
    from attune.journeys.models import Journey

    if Journey.objects.filter(slug="attachment-healing", retired_at__isnull=True).exists():
        return
    call_command("import_content", stdout=io.StringIO(), stderr=io.StringIO())


def text_of(response: object) -> str:
    """A response's text as a person reads it (HTML entities turned back into characters)."""
    import html

    content: bytes = response.content  # type: ignore[attr-defined]
    return html.unescape(content.decode())
