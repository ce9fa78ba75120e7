"""In a real browser: Alice and Bob each map their side of their cycle; neither sees the
other's until both are ready; then both see the very same map, and name it together."""

import re
from typing import Any

from tests.browser.test_couple import log_in
from tests.cast import link, make_person

WAITING = "The map appears when you've both marked your sides ready"


def fill_side(page: Any, move: str, words: str, surface: str, fear: str) -> None:
    page.check(f"input[name=moves][value='{move}']")
    page.fill("#id_move_words", words)
    page.fill("#id_surface", surface)
    page.fill("#id_fear", fear)


def test_each_maps_their_side_then_both_see_the_same_map(
    live_server: Any, new_page: Any, transactional_db: None
) -> None:
    base = live_server.url
    link(make_person("alice@example.com", "Alice"), make_person("bob@example.com", "Bob"))

    alice = new_page()
    log_in(alice, base, "alice@example.com")
    alice.goto(f"{base}/cycle/")
    assert WAITING in alice.inner_text("main")
    fill_side(alice, "pursue", "keep asking what's wrong", "frantic", "being abandoned")
    alice.click("button[value=ready]")
    alice.wait_for_url(re.compile(r"/cycle/$"))
    assert "Your side is marked ready" in alice.inner_text("main")
    assert alice.locator("[data-cycle-map]").count() == 0

    bob = new_page()
    log_in(bob, base, "bob@example.com")
    bob.goto(f"{base}/cycle/")
    seen_by_bob = bob.inner_text("main")
    assert WAITING in seen_by_bob
    for words in ("keep asking what's wrong", "frantic", "being abandoned"):
        assert words not in seen_by_bob
    fill_side(bob, "withdraw", "go to the garage", "flooded", "letting her down")
    bob.click("button[value=save]")
    bob.wait_for_url(re.compile(r"/cycle/$"))
    assert bob.locator("[data-cycle-map]").count() == 0

    # Bob has written his side but not marked it ready: Alice still sees only her own.
    alice.reload()
    seen_by_alice = alice.inner_text("main")
    assert "go to the garage" not in seen_by_alice and "flooded" not in seen_by_alice
    assert alice.locator("[data-cycle-map]").count() == 0

    bob.click("text=Save and mark ready")
    bob.wait_for_url(re.compile(r"/cycle/$"))
    bob.locator("[data-cycle-map] svg").wait_for()
    alice.reload()
    alice.locator("[data-cycle-map] svg").wait_for()
    assert alice.inner_html("[data-cycle-map]") == bob.inner_html("[data-cycle-map]")
    picture = alice.inner_text("[data-cycle-map]")
    for words in ("frantic", "flooded", "garage", "Alice", "Bob"):
        assert words in picture
    assert "When I withdraw and go to the garage, you feel frantic" in bob.inner_text("main")

    # Either partner names the cycle; the other sees the name in the same picture.
    alice.fill("#id_name", "The chase")
    alice.fill("#id_plan", "Whoever notices says its name, and we pause for twenty minutes.")
    alice.click("text=Save for both of us")
    alice.wait_for_url(re.compile(r"/cycle/#plan$"))
    bob.reload()
    assert "The chase" in bob.inner_text("[data-cycle-map]")
    assert alice.inner_html("[data-cycle-map]") == bob.inner_html("[data-cycle-map]")
