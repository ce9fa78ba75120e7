"""The private safety check: it protects the person who answers and reveals nothing to anyone."""

from collections.abc import Callable

from django.core import mail
from django.test import Client

from attune.accounts.models import User
from attune.couples.models import Couple
from attune.safety.models import SafetyCheck
from tests.cast import enrol, text_of
from tests.matrix.base import Row
from tests.test_authorization_matrix import MATRIX, request_as
from tests.test_journeys import without_tokens
from tests.world import build_world

ClientFor = Callable[[User | None], Client]
ALL_NO = dict.fromkeys(("afraid", "hurt", "threatened", "forced", "controlled"), "no")
DAY1 = "/journeys/attachment-healing/day/1/"


def test_every_question_needs_an_answer_and_declining_is_one(
    alice: User, client_for: ClientFor
) -> None:
    response = client_for(alice).post("/safety/check/", {"afraid": "prefer_not"})
    assert response.status_code == 400
    page = text_of(response)
    assert page.count("“I'd rather not say” is fine") == 4
    assert 'value="prefer_not" checked' in response.content.decode() or "checked" in page
    assert not SafetyCheck.objects.filter(person=alice).exists()


def test_all_no_changes_nothing(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post("/safety/check/", ALL_NO)
    assert response["Location"] == "/safety/check/result/"
    page = text_of(client_for(alice).get("/safety/check/result/"))
    assert "always one click away" in page
    assert "set aside" not in page


def test_any_yes_offers_individual_mode_and_sets_joint_steps_aside(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice = couple.members.get(person__email="alice@example.com").person
    bob = couple.members.get(person__email="bob@example.com").person
    enrol(alice, couple)
    enrol(bob, couple)
    before = text_of(client_for(alice).get(DAY1))
    assert "We've had our conversation" in before
    client_for(alice).post("/safety/check/", {**ALL_NO, "controlled": "yes"})
    result = text_of(client_for(alice).get("/safety/check/result/"))
    assert "isn't your fault" in result and "1-800-799-7233" in result
    assert 'href="/partner/unlink/"' in result
    day = text_of(client_for(alice).get(DAY1))
    assert "set aside for you" in day
    assert "We've had our conversation" not in day
    assert "(together)" not in day
    journey = text_of(client_for(alice).get("/journeys/attachment-healing/"))
    assert "Start together" not in journey or "You're on this journey" in journey
    assert len(mail.outbox) == 0


def test_answers_can_be_cleared(alice: User, client_for: ClientFor) -> None:
    client_for(alice).post("/safety/check/", {**ALL_NO, "afraid": "yes"})
    client_for(alice).post("/safety/check/clear/")
    assert not SafetyCheck.objects.filter(person=alice).exists()


def test_the_partner_sees_not_one_byte_change(db: None) -> None:
    """Bob's every page, before and after Alice answers yes, apart from CSRF tokens."""
    world = build_world()
    alice = world.people["alice"]
    SafetyCheck.objects.filter(person=alice).delete()
    gets = [row for row in MATRIX if row.method == "GET"]

    def seen(row: Row) -> str:
        # Apart from CSRF tokens and the time stamps of downloads made "now" (the export's
        # date, a calendar's DTSTAMP), nothing may differ.
        page = without_tokens(request_as(world, "bob", row)[1])
        return "\n".join(
            line
            for line in page.splitlines()
            if "xported" not in line and not line.startswith("DTSTAMP")
        )

    before = [seen(row) for row in gets]
    client = Client()
    client.force_login(alice)
    client.post("/safety/check/", {**ALL_NO, "afraid": "yes", "hurt": "yes"})
    after = [seen(row) for row in gets]
    for row, old, new in zip(gets, before, after, strict=True):
        assert old == new, f"Bob's {row.name} page changed after Alice's safety check"


def test_the_cycle_map_offers_the_map_alone_after_a_yes(
    couple: Couple, client_for: ClientFor
) -> None:
    alice = couple.members.get(person__email="alice@example.com").person
    bob = couple.members.get(person__email="bob@example.com").person
    bob_before = without_tokens(text_of(client_for(bob).get("/cycle/")))
    assert "map it on your own" not in text_of(client_for(alice).get("/cycle/"))
    client_for(alice).post("/safety/check/", {**ALL_NO, "threatened": "yes"})
    assert "map it on your own" in text_of(client_for(alice).get("/cycle/"))
    assert without_tokens(text_of(client_for(bob).get("/cycle/"))) == bob_before
