"""Couples: invite by e-mail or code, accept, one couple at a time, unlink without notice."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.access import partner_of
from attune.couples.models import Couple, CoupleMember, Invitation
from attune.couples.services import create_invitation
from tests.cast import text_of

ClientFor = Callable[[User | None], Client]


def test_invite_by_email_sends_a_link_and_code_and_nothing_else(
    alice: User, client_for: ClientFor
) -> None:
    response = client_for(alice).post("/partner/invite/", {"email": "bob@example.com"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(inviter=alice)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bob@example.com"]
    assert invitation.token in message.body
    assert invitation.code in message.body
    assert "Alice" in message.body


def test_invite_without_email_shows_the_link_and_code(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    client.post("/partner/invite/", {"email": ""})
    invitation = Invitation.objects.get(inviter=alice)
    page = text_of(client.get("/partner/"))
    assert f"/partner/join/{invitation.token}/" in page
    assert invitation.code[:4] in page
    assert len(mail.outbox) == 0


def test_a_bad_email_is_pointed_out_and_kept(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post("/partner/invite/", {"email": "bob-at-example"})
    assert response.status_code == 400
    page = text_of(response)
    assert "bob-at-example" in page
    assert "valid email" in page.lower()


def test_accepting_links_both_and_withdraws_other_invitations(
    alice: User, bob: User, client_for: ClientFor
) -> None:
    invitation = create_invitation(alice)
    other = create_invitation(bob)
    response = client_for(bob).post(f"/partner/join/{invitation.token}/")
    assert response.status_code == 302
    assert partner_of(alice) == bob
    assert partner_of(bob) == alice
    other.refresh_from_db()
    assert other.status == Invitation.Status.WITHDRAWN
    assert "linked with Bob" in text_of(client_for(alice).get("/partner/"))
    assert "linked with Alice" in text_of(client_for(bob).get("/partner/"))


def test_the_invitation_page_does_not_link_on_its_own(
    alice: User, bob: User, client_for: ClientFor
) -> None:
    invitation = create_invitation(alice)
    page = client_for(bob).get(f"/partner/join/{invitation.token}/")
    assert page.status_code == 200
    assert "Accept and link" in page.content.decode()
    assert partner_of(bob) is None


def test_a_code_can_be_typed_loosely(alice: User, bob: User, client_for: ClientFor) -> None:
    invitation = create_invitation(alice)
    typed = f" {invitation.code[:4].lower()}-{invitation.code[4:].lower()} "
    response = client_for(bob).post("/partner/join/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/partner/join/{invitation.token}/"


def test_an_unknown_code_is_explained_and_kept(bob: User, client_for: ClientFor) -> None:
    response = client_for(bob).post("/partner/join/", {"code": "ZZZZ-9999"})
    assert response.status_code == 400
    page = text_of(response)
    assert "couldn't find that code" in page
    assert "ZZZZ-9999" in page


def test_guessing_codes_is_slowed_down(bob: User, client_for: ClientFor) -> None:
    client = client_for(bob)
    for _ in range(20):
        client.post("/partner/join/", {"code": "ZZZZ-9999"})
    response = client.post("/partner/join/", {"code": "ZZZZ-9999"})
    assert "wait an hour" in text_of(response)


@pytest.mark.parametrize("state", ["used", "expired", "withdrawn", "unknown"])
def test_unusable_invitations_get_one_friendly_page(
    alice: User, carol: User, client_for: ClientFor, state: str
) -> None:
    invitation = create_invitation(alice)
    token = invitation.token
    if state == "used":
        invitation.status = Invitation.Status.ACCEPTED
    elif state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
    elif state == "withdrawn":
        invitation.status = Invitation.Status.WITHDRAWN
    else:
        token = "not-a-real-token"
    invitation.save()
    response = client_for(carol).get(f"/partner/join/{token}/")
    assert response.status_code == 404
    assert "This invitation can't be used" in text_of(response)
    assert client_for(carol).post(f"/partner/join/{token}/").status_code == 404
    assert partner_of(carol) is None


def test_accepting_ones_own_invitation_is_explained(alice: User, client_for: ClientFor) -> None:
    invitation = create_invitation(alice)
    assert "your own invitation" in text_of(
        client_for(alice).get(f"/partner/join/{invitation.token}/")
    )
    response = client_for(alice).post(f"/partner/join/{invitation.token}/")
    assert response.status_code == 409
    assert partner_of(alice) is None


def test_a_person_is_in_one_couple_at_a_time(
    couple: Couple, carol: User, client_for: ClientFor
) -> None:
    alice = couple.members.get(person__email="alice@example.com").person
    invitation = create_invitation(carol)
    response = client_for(alice).post(f"/partner/join/{invitation.token}/")
    assert response.status_code == 409
    assert "already linked" in text_of(response)
    with pytest.raises(IntegrityError):
        CoupleMember.objects.create(couple=Couple.objects.create(), person=alice)


def test_linked_people_cannot_invite(couple: Couple, client_for: ClientFor) -> None:
    alice = couple.members.get(person__email="alice@example.com").person
    client = client_for(alice)
    client.post("/partner/invite/", {"email": "x@example.com"})
    assert not Invitation.objects.filter(email="x@example.com").exists()


def test_withdrawing_stops_the_link_working(alice: User, bob: User, client_for: ClientFor) -> None:
    invitation = create_invitation(alice)
    client_for(alice).post(f"/partner/invitations/{invitation.id}/withdraw/")
    assert client_for(bob).get(f"/partner/join/{invitation.token}/").status_code == 404


def test_unlinking_is_immediate_silent_and_leaves_a_neutral_state(
    couple: Couple, client_for: ClientFor
) -> None:
    alice = couple.members.get(person__email="alice@example.com").person
    bob = couple.members.get(person__email="bob@example.com").person
    response = client_for(bob).post("/partner/unlink/")
    assert response.status_code == 302
    assert partner_of(alice) is None and partner_of(bob) is None
    assert len(mail.outbox) == 0
    page = text_of(client_for(alice).get("/partner/"))
    assert "not linked with a partner" in page
    assert "Bob" not in page
    for word in ("unlinked", "ended", "left you", timezone.now().strftime("%Y")):
        assert word not in page


def test_invitation_pages_need_login(alice: User) -> None:
    invitation = create_invitation(alice)
    response = Client().get(f"/partner/join/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/partner/join/")
