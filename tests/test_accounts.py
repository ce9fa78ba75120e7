"""Accounts: sign-up and login by e-mail, no enumeration, the account page, deletion."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from attune import settings as project_settings
from attune.accounts.models import User
from attune.couples.access import partner_of
from attune.journeys.models import ReflectionAnswer
from tests.cast import text_of
from tests.world import SHARED_TEXT, build_world


def test_passwords_are_hashed_with_argon2() -> None:
    assert "Argon2" in project_settings.PASSWORD_HASHERS[0]


def test_sign_up_sends_a_verification_email(db: None) -> None:
    response = Client().post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-calm-long-passphrase",
            "password2": "a-calm-long-passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.com").exists()
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()


def test_sign_up_with_a_taken_address_looks_the_same(alice: User) -> None:
    new = Client().post(
        "/accounts/signup/",
        {
            "email": "fresh@example.com",
            "password1": "a-calm-long-passphrase",
            "password2": "a-calm-long-passphrase",
        },
    )
    taken = Client().post(
        "/accounts/signup/",
        {
            "email": alice.email,
            "password1": "a-calm-long-passphrase",
            "password2": "a-calm-long-passphrase",
        },
    )
    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert User.objects.filter(email=alice.email).count() == 1


def test_password_reset_says_the_same_for_any_address(alice: User) -> None:
    known = Client().post("/accounts/password/reset/", {"email": alice.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_login_with_a_wrong_password_does_not_say_whether_the_address_exists(
    alice: User,
) -> None:
    known = Client().post("/accounts/login/", {"login": alice.email, "password": "wrong-one-here"})
    unknown = Client().post(
        "/accounts/login/", {"login": "no@example.com", "password": "wrong-one-here"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_login_by_email(alice: User) -> None:
    from tests.cast import PASSWORD

    response = Client().post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_account_page_saves_name_and_time_zone(
    alice: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(alice).post(
        "/account/", {"display_name": "Ali", "time_zone": "Pacific/Auckland"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Ali", "Pacific/Auckland")


def test_account_page_keeps_what_was_typed_on_a_bad_time_zone(
    alice: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(alice).post(
        "/account/", {"display_name": "A new name I typed", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "A new name I typed" in page
    assert "Select a valid choice" in page
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


def test_deleting_needs_the_password(
    alice: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(alice).post("/account/delete/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert "doesn't match" in text_of(response)
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_erases_everything_and_the_partner_keeps_their_own(db: None) -> None:
    from tests.cast import PASSWORD

    world = build_world()
    alice, bob = world.people["alice"], world.people["bob"]
    bob_answer = ReflectionAnswer.objects.create(
        person=bob,
        question=ReflectionAnswer.objects.filter(person=alice).first().question,  # type: ignore[union-attr]
        text="Bob's own words",
    )
    client = Client()
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "deleted" in text_of(response)
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not ReflectionAnswer.objects.filter(person_id=alice.pk).exists()
    assert ReflectionAnswer.objects.filter(pk=bob_answer.pk).exists()
    assert partner_of(bob) is None
    bob_client = Client()
    bob_client.force_login(bob)
    day = text_of(bob_client.get("/journeys/attachment-healing/day/1/"))
    assert SHARED_TEXT not in day
    assert len(mail.outbox) == 0  # nobody is told


@pytest.mark.parametrize("page", ["/account/", "/account/delete/"])
def test_account_pages_need_login(db: None, page: str) -> None:
    response = Client().get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Sessions: read with one plain query (attune/accounts/sessions.py, backends.py) -------


def signed_in_client(person: User) -> Client:
    from tests.cast import PASSWORD

    client = Client()
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_signing_out_every_other_device(alice: User) -> None:
    here, phone = signed_in_client(alice), signed_in_client(alice)
    assert phone.get("/today/").status_code == 200
    assert here.post("/accounts/sessions/").status_code == 302
    assert phone.get("/today/").status_code == 302  # the phone is asked to sign in again
    assert here.get("/today/").status_code == 200


def test_an_expired_session_signs_nobody_in(alice: User) -> None:
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = signed_in_client(alice)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    response = client.get("/today/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.cookies["sessionid"].value != key  # a fresh, empty session, never the old one


def test_a_deactivated_or_deleted_person_is_signed_out(alice: User, bob: User) -> None:
    first, second = signed_in_client(alice), signed_in_client(bob)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert first.get("/today/").status_code == 302
    bob.delete()
    assert second.get("/today/").status_code == 302


def test_the_signed_in_person_is_loaded_whole(alice: User) -> None:
    from attune.accounts.backends import AuthenticationBackend

    alice.display_name, alice.time_zone = "Alice", "Europe/Berlin"
    alice.save()
    loaded = AuthenticationBackend().get_user(alice.pk)
    assert isinstance(loaded, User)
    assert loaded.get_deferred_fields() == set()
    assert (loaded.pk, loaded.email, loaded.name, loaded.time_zone) == (
        alice.pk,
        alice.email,
        "Alice",
        "Europe/Berlin",
    )
    assert loaded.date_joined == alice.date_joined and loaded.is_active is True
    assert AuthenticationBackend().get_user(alice.pk + 1000) is None
