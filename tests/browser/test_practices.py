"""In a real browser: a breathing exercise, with and without reduced motion, and a couple
adopting and scheduling a ritual together (Alice proposes, Bob agrees)."""

import re
from typing import Any

from tests.browser.test_couple import log_in
from tests.cast import link, make_person

BREATHING = "/practices/breathing/?pattern=box&minutes=1"
COUNT_SHOWN = "document.querySelector('[data-breath-text]').textContent.includes('2')"


def test_breathing_counts_with_a_moving_circle(live_server: Any, new_page: Any) -> None:
    page = new_page()
    page.goto(live_server.url + BREATHING)
    assert not page.is_checked("#counts-only")
    page.click("text=Start")
    text = page.locator("[data-breath-text]")
    assert text.inner_text() == "Breathe in…"
    page.wait_for_function(COUNT_SHOWN)
    assert text.inner_text().startswith("Breathe in… 2")
    circle = page.locator("[data-breath-circle]")
    assert circle.is_visible()
    assert "is-in" in (circle.get_attribute("class") or "")
    assert page.inner_text("[data-breath-left]").endswith("left")

    # The visible toggle turns the circle off at once, and the counting carries on.
    page.check("#counts-only")
    assert not circle.is_visible()
    page.wait_for_function("document.querySelector('[data-breath-text]').textContent.includes('3')")
    page.click("text=Stop")
    assert "Stopped" in text.inner_text()


def test_breathing_with_reduced_motion_counts_in_words_only(
    live_server: Any, new_page: Any
) -> None:
    page = new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + BREATHING)
    assert page.is_checked("#counts-only")  # the device asked for less motion
    page.click("text=Start")
    page.wait_for_function(COUNT_SHOWN)
    assert page.inner_text("[data-breath-text]").startswith("Breathe in… 2")
    circle = page.locator("[data-breath-circle]")
    assert not circle.is_visible()
    assert circle.evaluate("node => getComputedStyle(node).display") == "none"
    # Box breathing holds after four counts: the words change, nothing moves.
    page.wait_for_function(
        "document.querySelector('[data-breath-text]').textContent.startsWith('Hold')",
        timeout=8_000,
    )


def test_a_couple_adopts_and_schedules_a_ritual_together(
    live_server: Any, new_page: Any, transactional_db: None
) -> None:
    base = live_server.url
    link(
        make_person("alice@example.com", "Alice", "Europe/London"),
        make_person("bob@example.com", "Bob", "Europe/London"),
    )

    alice = new_page()
    log_in(alice, base, "alice@example.com")
    alice.goto(f"{base}/practices/rituals/")
    alice.click("text=The weekly “state of us”")
    alice.fill("#id_propose-title", "Our Sunday talk")
    alice.uncheck("#id_propose-days_6")
    alice.check("#id_propose-days_5")
    alice.fill("#id_propose-start_time", "10:30")
    alice.click("text=Propose to Bob")
    alice.wait_for_url(re.compile(r"/practices/rituals/#proposals$"))
    assert "Waiting for Bob to agree: Our Sunday talk" in alice.inner_text("main")

    bob = new_page()
    log_in(bob, base, "bob@example.com")
    bob.goto(f"{base}/practices/rituals/")
    proposal = bob.inner_text("#proposals")
    assert "Alice would like to do this together: Our Sunday talk" in proposal
    assert "Saturdays at 10:30" in proposal
    bob.click("text=Agree — let's do it")
    bob.wait_for_url(re.compile(r"/practices/rituals/[0-9a-f-]{36}/$"))
    mine = bob.inner_text("main")
    assert "Together with Alice" in mine and "Saturdays at 10:30" in mine

    alice.goto(f"{base}/practices/rituals/")
    hers = alice.inner_text("#mine")
    assert "Our Sunday talk" in hers
    assert "Together with Bob" in hers and "Saturdays at 10:30" in hers
    assert "Waiting for Bob" not in alice.inner_text("main")

    # Marking it done is Alice's alone.
    alice.click("#mine >> text=Mark done today")
    alice.locator("#mine .done-today").wait_for()
    bob.goto(f"{base}/practices/rituals/")
    assert "Done today" not in bob.inner_text("main")


def test_speaker_listener_turns_with_a_timer_and_a_time_out(
    live_server: Any, new_page: Any
) -> None:
    page = new_page()
    page.goto(f"{live_server.url}/practices/speaker-listener/")
    page.fill("#sl-first", "Sam")
    page.fill("#sl-second", "Robin")
    page.fill("#sl-topic", "topic-words-6GH: the dishes")
    page.check("#sl-minutes-2")
    page.click("[data-sl-next]")
    assert page.inner_text("#sl-speak") == "Sam speaks"
    assert "topic-words-6GH" in page.inner_text("[data-topic-shown]")
    assert page.inner_text("[data-timer-display]") == "2:00"
    page.click("text=Start the timer")
    page.wait_for_function(
        "document.querySelector('[data-timer-display]').textContent.startsWith('1:5')"
    )

    page.click("[data-time-out]")
    assert page.locator("#time-out").is_visible()
    assert not page.locator("[data-step=speak]").is_visible()
    paused = page.inner_text("[data-timer-display]")
    page.wait_for_timeout(1_200)
    page.click("text=We're ready to come back")
    assert page.inner_text("[data-timer-display]") == paused  # the timer waited too
    assert page.locator("[data-step=speak]").is_visible()

    page.click("[data-sl-next]")
    assert page.inner_text("#sl-reflect") == "Robin reflects back"
    page.click("[data-sl-next]")
    page.click("[data-sl-next]")
    page.click("[data-sl-next]")
    assert page.locator("[data-step=swap]").is_visible()
    page.click("text=Swap roles")
    assert page.inner_text("#sl-speak") == "Robin speaks"
    stored = page.evaluate("sessionStorage.getItem('attune-speaker-listener')")
    assert "Robin" in stored and "topic-words-6GH" not in stored
