"""The cycle map end to end: each side private until both are ready, one map for both after,
revisions kept for their writer alone, a map made alone with a guess, and unlinking."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from attune.accounts.models import User
from attune.couples.models import Couple
from attune.couples.services import unlink
from attune.cycles.models import CycleMap, CycleSide, CycleSideVersion
from attune.cycles.services import SideContent, save_side
from tests.cast import link, text_of

ClientFor = Callable[[User | None], Client]
MAP = "/cycle/"
ALONE = "/cycle/alone/"
WAITING = "The map appears when you've both marked your sides ready"

ALICE_SIDE = {
    "moves": ["pursue"],
    "move_words": "keep asking what's wrong",
    "partner_sees": "nagging",
    "surface": "frantic",
    "underneath": "lonely",
    "fear": "being abandoned",
    "need": "to know I matter",
}
BOB_SIDE = {
    "moves": ["withdraw"],
    "move_words": "go to the garage",
    "partner_sees": "that I don't care",
    "surface": "flooded",
    "underneath": "like a failure",
    "fear": "letting her down",
    "need": "a little calm",
}


def people(couple: Couple) -> tuple[User, User]:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    return alice, bob


def without_tokens(page: str) -> str:
    return "\n".join(line for line in page.splitlines() if "csrf" not in line)


def svg_of(page: str) -> str:
    found = re.search(r"<svg.*?</svg>", page, re.S)
    assert found is not None, "no map on the page"
    return found.group(0)


def map_for(client: Client) -> str:
    return client.get(MAP).content.decode()


def both_ready(couple: Couple, client_for: ClientFor) -> tuple[Client, Client]:
    alice, bob = people(couple)
    alice_client, bob_client = client_for(alice), client_for(bob)
    alice_client.post(MAP, {**ALICE_SIDE, "action": "ready"})
    bob_client.post(MAP, {**BOB_SIDE, "action": "ready"})
    return alice_client, bob_client


# --- Before both are ready ----------------------------------------------------------------


def test_my_side_offers_moves_and_my_own_words(alice: User, client_for: ClientFor) -> None:
    page = text_of(client_for(alice).get(ALONE))
    for move in ("Pursue", "Protest", "Criticise", "Withdraw", "Shut down"):
        assert move in page
    for label in (
        "What I do when I feel disconnected",
        "In my own words",
        "What my partner probably sees",
        "What I feel on the surface",
        "What I feel underneath",
        "What I fear",
        "What I need",
    ):
        assert label in page


def test_neither_sees_the_others_side_before_both_are_ready(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    alice_client, bob_client = client_for(alice), client_for(bob)
    bob_before = map_for(bob_client)
    assert WAITING in text_of(bob_client.get(MAP))
    # Alice writes her side, then marks it ready: Bob's page does not change at all.
    assert alice_client.post(MAP, {**ALICE_SIDE, "action": "save"}).status_code == 302
    assert without_tokens(map_for(bob_client)) == without_tokens(bob_before)
    alice_client.post("/cycle/ready/", {"ready": "1"})
    assert CycleSide.objects.get(person=alice).ready_at is not None
    assert without_tokens(map_for(bob_client)) == without_tokens(bob_before)
    # Bob writes his side (not ready yet): Alice's page does not change either.
    alice_client.get(MAP)  # read the notes her own saving left
    alice_before = map_for(alice_client)
    bob_client.post(MAP, {**BOB_SIDE, "action": "save"})
    assert without_tokens(map_for(alice_client)) == without_tokens(alice_before)
    bob_page = text_of(bob_client.get(MAP))
    for words in ("keep asking what's wrong", "frantic", "being abandoned", "to know I matter"):
        assert words not in bob_page
    assert "<svg" not in bob_page


def test_a_ready_partner_gives_nothing_away(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    alice_client = client_for(alice)
    alice_client.post(MAP, {**ALICE_SIDE, "action": "save"})
    alice_client.get(MAP)  # read the note her own saving left
    before = map_for(alice_client)
    save_side(bob, couple, SideContent(moves=("withdraw",)), mark_ready=True)
    after = map_for(alice_client)
    assert without_tokens(before) == without_tokens(after)
    page = text_of(alice_client.get(MAP))
    assert WAITING in page
    for telling in ("Bob has", "Bob is ready", "waiting for Bob", "started", "Bob's side is"):
        assert telling not in page


def test_marking_ready_needs_a_move(couple: Couple, client_for: ClientFor) -> None:
    alice, _ = people(couple)
    client = client_for(alice)
    response = client.post(MAP, {"surface": "scared", "action": "ready"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Before marking your side ready" in page and "scared" in page
    assert not CycleSide.objects.exists()
    client.post(MAP, {"surface": "scared", "action": "save"})
    refused = client.post("/cycle/ready/", {"ready": "1"}, follow=True)
    assert "Before marking your side ready" in text_of(refused)
    assert CycleSide.objects.get(person=alice).ready_at is None


def test_an_empty_side_is_refused(couple: Couple, client_for: ClientFor) -> None:
    alice, _ = people(couple)
    response = client_for(alice).post(MAP, {"move_words": "   ", "action": "save"})
    assert response.status_code == 400
    assert "There's nothing to save yet" in text_of(response)


def test_over_long_text_is_refused_and_kept(couple: Couple, client_for: ClientFor) -> None:
    alice, _ = people(couple)
    long_fear = "that it will always be like this " * 700  # about 23,000 characters
    response = client_for(alice).post(MAP, {**ALICE_SIDE, "fear": long_fear, "action": "ready"})
    assert response.status_code == 400
    page = text_of(response)
    assert "longer than 1000 characters" in page
    assert long_fear.strip() in page and "keep asking what's wrong" in page
    assert not CycleSide.objects.exists()


# --- Once both are ready ------------------------------------------------------------------


def test_both_see_the_same_map_once_both_are_ready(couple: Couple, client_for: ClientFor) -> None:
    alice_client, bob_client = both_ready(couple, client_for)
    alice_page, bob_page = map_for(alice_client), map_for(bob_client)
    assert svg_of(alice_page) == svg_of(bob_page)
    svg = svg_of(alice_page)
    for words in ("pursue", "flooded", "garage", "frantic", "abandoned", "calm"):
        assert words in svg
    # The words beneath are told from each one's own side.
    assert (
        "When I pursue and keep asking what's wrong, you feel flooded and you withdraw and go to "
        "the garage" in text_of(alice_client.get(MAP))
    )
    assert "When I withdraw and go to the garage, you feel frantic" in text_of(bob_client.get(MAP))
    assert WAITING not in text_of(bob_client.get(MAP))


def test_both_can_name_the_cycle_and_plan_for_it(couple: Couple, client_for: ClientFor) -> None:
    alice_client, bob_client = both_ready(couple, client_for)
    alice_client.post("/cycle/plan/", {"name": "The Chase", "plan": "Say 'chase', then pause."})
    bob_page = map_for(bob_client)
    assert "The Chase" in svg_of(bob_page)
    assert "Say 'chase', then pause." in text_of(bob_client.get(MAP))
    bob_client.post("/cycle/plan/", {"name": "The Spin", "plan": "Twenty minutes apart."})
    assert "The Spin" in svg_of(map_for(alice_client))
    too_long = bob_client.post("/cycle/plan/", {"name": "x" * 121, "plan": "keep this plan"})
    assert too_long.status_code == 400
    page = text_of(too_long)
    assert "longer than 120 characters" in page and "keep this plan" in page
    assert CycleMap.objects.get().name == "The Spin"


def test_naming_waits_for_the_map(couple: Couple, client_for: ClientFor) -> None:
    alice, _ = people(couple)
    client = client_for(alice)
    client.post(MAP, {**ALICE_SIDE, "action": "ready"})
    response = client.post("/cycle/plan/", {"name": "too early"}, follow=True)
    assert WAITING in text_of(response)
    assert not CycleMap.objects.exists()


def test_revising_keeps_the_map_and_earlier_versions_stay_with_the_writer(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, _ = people(couple)
    alice_client, bob_client = both_ready(couple, client_for)
    alice_client.post(MAP, {**ALICE_SIDE, "move_words": "text him over and over"})
    side = CycleSide.objects.get(person=alice)
    assert side.ready_at is not None  # revising keeps the side in the map
    bob_page = text_of(bob_client.get(MAP))
    assert "text him over and over" in bob_page
    assert "keep asking what's wrong" not in bob_page  # the earlier version is Alice's alone
    history = text_of(alice_client.get(f"/cycle/sides/{side.id}/history/"))
    assert "Version 2 (as it is now)" in history and "Version 1" in history
    assert "keep asking what's wrong" in history and "text him over and over" in history
    assert bob_client.get(f"/cycle/sides/{side.id}/history/").status_code == 404
    # Saving the same words again is not a new version.
    alice_client.post(MAP, {**ALICE_SIDE, "move_words": "text him over and over"})
    assert CycleSideVersion.objects.filter(side=side).count() == 2


def test_not_ready_after_all_hides_the_map_from_both(couple: Couple, client_for: ClientFor) -> None:
    alice_client, bob_client = both_ready(couple, client_for)
    alice_client.post("/cycle/ready/", {"ready": "0"})
    for client in (alice_client, bob_client):
        page = text_of(client.get(MAP))
        assert "<svg" not in page and WAITING in page
    assert "keep asking what's wrong" not in text_of(bob_client.get(MAP))


# --- On one's own -------------------------------------------------------------------------


def test_a_map_made_alone_marks_the_guess(carol: User, client_for: ClientFor) -> None:
    client = client_for(carol)
    assert "Your cycle map" in text_of(client.get(MAP))  # no partner: the map made alone
    response = client.post(
        MAP,
        {
            "mine-moves": ["criticise"],
            "mine-surface": "irritated",
            "guess-moves": ["shut down"],
            "guess-fear": "not being good enough",
            "map-name": "The freeze",
        },
    )
    assert response.status_code == 302
    page = client.get(MAP).content.decode()
    svg = svg_of(page)
    assert "(my guess)" in svg and 'stroke-dasharray="7 5"' in svg
    assert "The freeze" in svg
    words = text_of(client.get(MAP))
    assert "a guess" in words and "Perhaps your fear is not being good enough." in words
    guess = CycleSide.objects.get(person=carol, is_guess=True)
    assert guess.couple is None and guess.ready_at is None


def test_a_linked_person_may_map_alone_and_it_stays_theirs(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    client_for(alice).post(
        ALONE,
        {"mine-move_words": "my own private words", "guess-move_words": "my guess of Bob"},
    )
    page = text_of(client_for(alice).get(ALONE))
    assert "Your guess of Bob's side" in page and "Bob never sees it" in page
    for path in (MAP, ALONE):
        bob_page = text_of(client_for(bob).get(path))
        assert "my own private words" not in bob_page and "my guess of Bob" not in bob_page
    # Starting the shared map later begins from the side mapped alone, unsaved.
    shared_start = text_of(client_for(alice).get(MAP))
    assert "started from the side you mapped on your own" in shared_start
    assert "my own private words" in shared_start
    assert not CycleSide.objects.filter(person=alice, couple=couple).exists()


def test_an_empty_map_alone_is_refused(carol: User, client_for: ClientFor) -> None:
    response = client_for(carol).post(MAP, {"map-name": "just a name"})
    assert response.status_code == 400
    page = text_of(response)
    assert "There's nothing to save yet" in page and "just a name" in page


# --- Unlinking ----------------------------------------------------------------------------


def test_unlinking_hides_everything_of_the_other(
    couple: Couple, carol: User, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    alice_client, bob_client = both_ready(couple, client_for)
    alice_client.post("/cycle/plan/", {"name": "Our old dance"})
    unlink(bob)
    alice_page, bob_page = text_of(alice_client.get(MAP)), text_of(bob_client.get(MAP))
    assert "<svg" not in alice_page and "<svg" not in bob_page
    for words in ("keep asking what's wrong", "frantic", "Our old dance"):
        assert words not in bob_page
    for words in ("go to the garage", "flooded", "Our old dance"):
        assert words not in alice_page
    # Each still has their own earlier versions.
    side = CycleSide.objects.get(person=alice)
    assert "keep asking what's wrong" in text_of(
        alice_client.get(f"/cycle/sides/{side.id}/history/")
    )
    assert bob_client.get(f"/cycle/sides/{side.id}/history/").status_code == 404
    # A new partner starts a new map; nothing of Alice's map with Bob shows there.
    link(alice, carol)
    carol_page = text_of(client_for(carol).get(MAP))
    assert "keep asking what's wrong" not in carol_page and "Our old dance" not in carol_page
    assert "keep asking what's wrong" not in text_of(alice_client.get(MAP))


# --- Speed --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [MAP, ALONE])
def test_map_pages_have_bounded_queries(
    couple: Couple, client_for: ClientFor, django_assert_max_num_queries: Any, path: str
) -> None:
    alice, bob = people(couple)
    alice_client, _ = both_ready(couple, client_for)
    alice_client.post(ALONE, {"mine-move_words": "first", "guess-move_words": "a guess"})
    alice_client.get(path)
    with django_assert_max_num_queries(12) as few:
        assert alice_client.get(path).status_code == 200
    allowed = len(few.captured_queries)  # counted now, before the query log moves on
    for n in range(30):
        save_side(alice, couple, SideContent(moves=("pursue",), move_words=f"revision {n}"))
        save_side(bob, couple, SideContent(moves=("withdraw",), move_words=f"revision {n}"))
        alice_client.post(ALONE, {"mine-move_words": f"alone {n}", "guess-move_words": "a guess"})
    with django_assert_max_num_queries(allowed):
        assert alice_client.get(path).status_code == 200


def test_history_has_bounded_queries(
    alice: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    for n in range(40):
        save_side(alice, None, SideContent(move_words=f"version {n}"))
    side = CycleSide.objects.get(person=alice)
    client = client_for(alice)
    client.get(f"/cycle/sides/{side.id}/history/")
    with django_assert_max_num_queries(6):
        page = text_of(client.get(f"/cycle/sides/{side.id}/history/"))
    assert "Version 40 (as it is now)" in page and "version 0" in page
