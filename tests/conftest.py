"""The cast used everywhere: Alice and Bob (a linked couple), Carol (someone else), Dana
(Alice's former partner). Therapists Theo and Tess arrive with the practitioner portal."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember
from tests.cast import import_real_content, link, make_person


@pytest.fixture
def alice(db: None) -> User:
    return make_person("alice@example.com", "Alice", "Europe/London")


@pytest.fixture
def bob(db: None) -> User:
    return make_person("bob@example.com", "Bob", "America/New_York")


@pytest.fixture
def carol(db: None) -> User:
    return make_person("carol@example.com", "Carol")


@pytest.fixture
def dana(db: None) -> User:
    return make_person("dana@example.com", "Dana")


@pytest.fixture
def couple(alice: User, bob: User, dana: User) -> Couple:
    """Alice and Bob, linked; Alice and Dana were linked once, and that has ended."""
    former = link(alice, dana)
    former.ended_at = timezone.now()
    former.save()
    CoupleMember.objects.filter(couple=former).update(is_current=False)
    return link(alice, bob)


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A logged-in test client for a person (or an anonymous one for None)."""

    def make(person: User | None) -> Client:
        client = Client()
        if person is not None:
            client.force_login(person)
        return client

    return make


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Import the real journeys once into the test database; each test rolls back on top."""
    with django_db_blocker.unblock():
        import_real_content()


@pytest.fixture
def journey_content(db: None) -> None:
    """The real Attachment Healing journey (re-imported if a browser test flushed it)."""
    import_real_content()
