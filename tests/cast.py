"""Making the cast: people, couples and the real content, for fixtures and the matrix world."""

import io
from pathlib import Path

from django.core.management import call_command

from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember

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
