"""In a real browser: sign up, link, do Day 1 together, unlink; and the quick exit."""

import re
from typing import Any

from django.core import mail

from attune.accounts.models import User
from tests.cast import PASSWORD, import_real_content, link, make_person


def sign_up(page: Any, base: str, email: str) -> None:
    """Sign up and confirm the address from the e-mail, as a person would."""
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    body = str(next(m.body for m in reversed(mail.outbox) if email in m.to))
    link_url = re.search(r"http://\S+/accounts/confirm-email/\S+", body)
    assert link_url is not None
    page.goto(link_url.group(0))
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/today/"))


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/today/"))


def test_sign_up_invite_accept_and_unlink(live_server: Any, new_page: Any) -> None:
    base = live_server.url
    alice = new_page()
    sign_up(alice, base, "alice@example.com")
    alice.goto(f"{base}/partner/")
    alice.click("text=Create invitation")
    invitation_link = alice.input_value("input[aria-label='Invitation link']")
    assert "/partner/join/" in invitation_link

    bob = new_page()
    sign_up(bob, base, "bob@example.com")
    bob.goto(invitation_link)
    bob.click("text=Accept and link")
    bob.wait_for_url(re.compile(r"/partner/"))
    assert "You're linked with alice" in bob.content()
    alice.goto(f"{base}/partner/")
    assert "You're linked with bob" in alice.content()

    bob.goto(f"{base}/partner/unlink/")
    bob.click("text=Unlink now")
    alice.goto(f"{base}/partner/")
    content = alice.content()
    assert "You're not linked with a partner" in content
    assert "bob" not in alice.inner_text("main")


def test_day_one_together_sharing_one_answer(
    live_server: Any, new_page: Any, transactional_db: None
) -> None:
    import_real_content()
    base = live_server.url
    alice_person: User = make_person("alice@example.com", "Alice")
    bob_person: User = make_person("bob@example.com", "Bob")
    link(alice_person, bob_person)

    alice = new_page()
    log_in(alice, base, "alice@example.com")
    alice.goto(f"{base}/journeys/attachment-healing/")
    alice.click("text=Start together with Bob")
    alice.wait_for_url(re.compile(r"/day/1/"))

    bob = new_page()
    log_in(bob, base, "bob@example.com")
    bob.click("text=Join this journey")
    bob.wait_for_url(re.compile(r"/day/1/"))

    with alice.expect_response(lambda r: r.url.endswith("/answers/1/")):
        alice.fill("#id_answer_1", "A private thought only I should read")
    with alice.expect_response(lambda r: r.url.endswith("/answers/2/")):
        alice.fill("#id_answer_2", "Something I want Bob to know")
    with alice.expect_response(lambda r: r.url.endswith("/answers/2/")):
        alice.check("#id_sharing_2_1")  # "Share with my partner"
    alice.locator("p[data-saved-state]").nth(1).filter(has_text="Saved.").wait_for()

    bob.reload()
    text = bob.inner_text("main")
    assert "Something I want Bob to know" in text
    assert "A private thought only I should read" not in text

    bob.click("text=We've had our conversation")
    alice.reload()
    assert "marked today's conversation as done together" in alice.inner_text("main")


def test_quick_exit_leaves_at_once_without_a_referrer(live_server: Any, new_page: Any) -> None:
    page = new_page()
    seen: dict[str, dict[str, str]] = {}

    def neutral(route: Any) -> None:
        seen["headers"] = route.request.headers
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")

    page.route(re.compile(r"^https://www\.google\.com/.*"), neutral)
    page.goto(f"{live_server.url}/safety/")
    page.click("#quick-exit")
    page.wait_for_url(re.compile(r"^https://www\.google\.com/"))
    assert "referer" not in {k.lower() for k in seen["headers"]}

    page.goto(f"{live_server.url}/journeys/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"^https://www\.google\.com/"))
