"""In a real browser: a journal entry is kept as it is typed, even through a session that ends
mid-sentence, and is saved after logging in again."""

import re
from typing import Any

from attune.journal.models import JournalDraft, JournalEntry
from tests.browser.test_couple import log_in
from tests.cast import make_person

KEPT_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('attune-journal:')).length"


def test_words_survive_an_ended_session(
    live_server: Any, new_page: Any, transactional_db: None
) -> None:
    base = live_server.url
    make_person("alice@example.com", "Alice")
    page = new_page()
    log_in(page, base, "alice@example.com")
    page.goto(f"{base}/journal/new/")
    with page.expect_response(lambda r: r.url.endswith("/journal/new/autosave/")):
        page.fill("#id_text", "The first words of my entry")
    page.locator("[data-saved-state]").filter(has_text="Kept safe").wait_for()
    assert JournalDraft.objects.get().fields["text"] == "The first words of my entry"

    # The session ends (signed out on another device, or it expired) while Alice types on.
    page.context.clear_cookies()
    more = "The first words of my entry, and more while signed out"
    page.fill("#id_text", more)
    page.check("input[name=feelings][value=hopeful]")
    page.locator("[data-saved-state]").filter(has_text="signed out").wait_for()
    assert page.evaluate(KEPT_KEYS) == 1

    log_in(page, base, "alice@example.com")
    page.goto(f"{base}/journal/new/")
    page.locator("[data-saved-state]").filter(has_text="Kept safe").wait_for()
    assert page.input_value("#id_text") == more
    assert page.is_checked("input[name=feelings][value=hopeful]")
    assert JournalDraft.objects.get().fields["text"] == more

    page.click("#journal-entry-form button[type=submit]")
    page.wait_for_url(re.compile(r"/journal/entries/"))
    entry = JournalEntry.objects.get()
    assert entry.text == more and entry.feeling_list == ["hopeful"]
    assert page.evaluate(KEPT_KEYS) == 0
    assert not JournalDraft.objects.exists()
    page.goto(f"{base}/journal/new/")
    assert page.input_value("#id_text") == ""
