"""The journal end to end: writing, drafts kept as one types, sharing one entry, weeks and
search, the trigger log and the weekly review — and that nothing private reaches anyone."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import PROTECT
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from attune.accounts.models import User
from attune.core.review import EMPTY_WEEK_QUESTION, GENERAL_QUESTION
from attune.couples.models import Couple
from attune.couples.services import unlink
from attune.journal.models import JournalDraft, JournalEntry, TriggerEvent
from attune.journal.naming import FILL_IN, words_to_name
from attune.journal.services import EntryContent, TriggerContent, save_entry, save_trigger
from attune.journeys.models import Enrollment, Journey, JourneyDay
from attune.journeys.services import today_for
from tests.cast import link, text_of

ClientFor = Callable[[User | None], Client]
SLUG = "attachment-healing"
NEW = "/journal/new/"
INDEX = "/journal/"
REVIEW = "/journal/review/"
AUTOSAVE = "/journal/new/autosave/"
MONDAY = date(2024, 3, 4)  # a week long past, the same wherever each person lives


def write(person: User, text: str = "A quiet day.", day: date | None = None, **more: Any) -> Any:
    return save_entry(
        person, None, EntryContent(written_on=day or today_for(person), text=text, **more)
    )


def log_trigger(person: User, situation: str, day: date | None = None, **more: str) -> Any:
    return save_trigger(
        person,
        None,
        TriggerContent(happened_on=day or today_for(person), situation=situation, **more),
    )


def entry_url(entry: JournalEntry, action: str = "") -> str:
    return f"/journal/entries/{entry.id}/{action + '/' if action else ''}"


def share(entry: JournalEntry, couple: Couple) -> None:
    entry.shared_in = couple
    entry.save(update_fields=["shared_in"])


def people(couple: Couple) -> tuple[User, User]:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    return alice, bob


def article(page: str) -> str:
    """The entry as shown: the same markup for its writer, the preview and the partner."""
    found = re.search(r'<article class="card journal-entry">.*?</article>', page, re.S)
    assert found is not None
    return found.group(0)


def without_tokens(page: str) -> str:
    return "\n".join(line for line in page.splitlines() if "csrf" not in line)


def section(page: str, heading_id: str) -> str:
    """The text of one section of a page, from its heading to the section's end."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


# --- Writing an entry ---------------------------------------------------------------------


def test_a_new_entry_starts_with_a_five_minute_prompt(alice: User, client_for: ClientFor) -> None:
    page = text_of(client_for(alice).get(NEW))
    assert "Five minutes is plenty" in page
    assert "A moment of closeness" in page and "A moment of distance" in page
    assert "Feelings" in page and "Anxious" in page and "in your own words" in page
    assert "in your body" in page
    assert "Private to you" in page
    assert f'value="{today_for(alice).isoformat()}"' in page


def test_an_entry_is_private_by_default(couple: Couple, client_for: ClientFor, carol: User) -> None:
    alice, bob = people(couple)
    response = client_for(alice).post(
        NEW,
        {
            "written_on": today_for(alice).isoformat(),
            "text": "Only for me",
            "closeness": "Coffee in bed",
            "distance": "He went quiet at dinner",
            "feelings": ["anxious", "hurt"],
            "other_feelings": "small, Unseen, hurt",
            "body": "tight chest",
        },
    )
    entry = JournalEntry.objects.get(person=alice)
    assert response.status_code == 302 and response["Location"] == entry_url(entry)
    assert entry.shared_in is None
    assert entry.feeling_list == ["anxious", "hurt", "small", "Unseen"]
    mine = text_of(client_for(alice).get(entry_url(entry)))
    assert "Only for me" in mine and "Coffee in bed" in mine and "tight chest" in mine
    assert "Only you can see this entry" in mine
    for other in (bob, carol):
        assert client_for(other).get(entry_url(entry)).status_code == 404
        assert "Only for me" not in text_of(client_for(other).get(INDEX))


def test_feelings_ticked_and_typed_come_back_to_edit(alice: User, client_for: ClientFor) -> None:
    entry = write(alice, feelings=("anxious", "Unseen"))
    page = client_for(alice).get(entry_url(entry, "edit")).content.decode()
    assert re.search(r'value="anxious"[^>]*checked', page)
    assert not re.search(r'value="calm"[^>]*checked', page)
    assert 'value="Unseen"' in page


def test_an_entry_can_point_at_an_open_journey_day(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    journey = Journey.objects.get(slug=SLUG)
    Enrollment.objects.create(
        person=alice, journey=journey, started_on=today_for(alice) - timedelta(days=1)
    )
    day_two = JourneyDay.objects.get(journey=journey, number=2)
    day_five = JourneyDay.objects.get(journey=journey, number=5)
    client = client_for(alice)
    # Coming from Day 2's page, the journal offers that day already chosen.
    page = client.get(NEW, HTTP_REFERER=f"http://testserver/journeys/{SLUG}/day/2/").content
    assert re.search(rf'<option value="{day_two.pk}" selected>', page.decode())
    assert f'<option value="{day_five.pk}"' not in page.decode()  # not open yet
    data = {"written_on": today_for(alice).isoformat(), "text": "About day two"}
    client.post(NEW, {**data, "journey_day": day_two.pk})
    entry = JournalEntry.objects.get(person=alice)
    assert entry.journey_day == day_two
    assert f"Day 2: {day_two.title}" in text_of(client.get(entry_url(entry)))
    refused = client.post(NEW, {**data, "journey_day": day_five.pk})
    assert refused.status_code == 400
    assert "Select a valid choice" in text_of(refused)


def test_an_entry_keeps_its_link_to_a_retired_day(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    journey = Journey.objects.get(slug=SLUG)
    Enrollment.objects.create(person=alice, journey=journey, started_on=today_for(alice))
    day_one = JourneyDay.objects.get(journey=journey, number=1)
    entry = write(alice, journey_day=day_one)
    day_one.retired_at = timezone.now()
    day_one.save()
    client = client_for(alice)
    assert f"Day 1: {day_one.title}" in text_of(client.get(entry_url(entry)))
    edit = text_of(client.get(entry_url(entry, "edit")))
    assert "no longer part of the journey" in edit
    # Saving the edit keeps the link; the day itself can never be deleted under the entry.
    client.post(
        entry_url(entry, "edit"),
        {"written_on": entry.written_on.isoformat(), "text": "still", "journey_day": day_one.pk},
    )
    entry.refresh_from_db()
    assert entry.journey_day == day_one and entry.text == "still"
    field = JournalEntry._meta.get_field("journey_day")
    assert field.remote_field.on_delete is PROTECT


def test_edit_my_own_entry(alice: User, client_for: ClientFor) -> None:
    entry = write(alice, "first words")
    client = client_for(alice)
    response = client.post(
        entry_url(entry, "edit"),
        {"written_on": entry.written_on.isoformat(), "text": "second thoughts"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "second thoughts"
    assert "second thoughts" in text_of(client.get(entry_url(entry)))


def test_delete_my_own_entry(alice: User, client_for: ClientFor) -> None:
    entry = write(alice, "to be let go")
    client = client_for(alice)
    client.post(entry_url(entry, "autosave"), {"text": "a change"})
    assert "Delete this entry?" in text_of(client.get(entry_url(entry, "delete")))
    assert client.post(entry_url(entry, "delete")).status_code == 302
    assert not JournalEntry.objects.filter(id=entry.id).exists()
    assert not JournalDraft.objects.filter(person=alice).exists()
    assert client.get(entry_url(entry)).status_code == 404


def test_nobody_else_can_change_my_entry(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    entry = write(alice, "mine to change")
    share(entry, couple)
    bob_client = client_for(bob)
    for action in ("edit", "delete", "share"):
        assert bob_client.get(entry_url(entry, action)).status_code == 404
    assert bob_client.post(entry_url(entry, "unshare")).status_code == 404
    assert bob_client.post(entry_url(entry, "autosave"), {"text": "x"}).status_code == 404
    assert bob_client.post(entry_url(entry, "delete")).status_code == 404
    entry.refresh_from_db()
    assert entry.text == "mine to change" and entry.shared_in_id == couple.pk


# --- Bad input ----------------------------------------------------------------------------


def test_an_empty_entry_is_refused_kindly(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(
        NEW, {"written_on": today_for(alice).isoformat(), "text": "   \n  "}
    )
    assert response.status_code == 400
    assert "There's nothing to save yet" in text_of(response)
    assert not JournalEntry.objects.exists()


def test_over_long_text_is_refused_and_kept(alice: User, client_for: ClientFor) -> None:
    long_text = "I have so much to say. " * 900  # over 20,000 characters
    response = client_for(alice).post(
        NEW,
        {
            "written_on": today_for(alice).isoformat(),
            "text": long_text,
            "closeness": "a hug",
        },
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "longer than 20000 characters" in page
    assert long_text.strip() in page and "a hug" in page
    assert 'maxlength="20000"' not in page  # a browser would cut pasted text silently
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2024-02-30", "isn't a date we can find on a calendar"),
        ("2024-13-01", "isn't a date we can find on a calendar"),
        ("yesterday-ish", "isn't a date we can find on a calendar"),
        ("1850-06-01", "after the year 1900"),
        ("tomorrow", "isn't a date we can find on a calendar"),
    ],
)
def test_impossible_dates_are_refused_and_the_words_kept(
    alice: User, client_for: ClientFor, typed: str, message: str
) -> None:
    response = client_for(alice).post(NEW, {"written_on": typed, "text": "words I wrote"})
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert "words I wrote" in page and f'value="{typed}"' in page
    assert not JournalEntry.objects.exists()


def test_a_day_that_has_not_come_is_refused(alice: User, client_for: ClientFor) -> None:
    tomorrow = today_for(alice) + timedelta(days=1)
    response = client_for(alice).post(
        NEW, {"written_on": tomorrow.isoformat(), "text": "from the future"}
    )
    assert response.status_code == 400
    assert "That day hasn't come yet" in text_of(response)


# --- Sharing one entry --------------------------------------------------------------------


def test_sharing_previews_exactly_what_the_partner_will_see(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    entry = write(alice, "I felt close to Bob today", closeness="the walk", feelings=("close",))
    private = write(alice, "something else, never shared")
    alice_client, bob_client = client_for(alice), client_for(bob)
    preview = alice_client.get(entry_url(entry, "share"))
    assert "exactly what Bob will see" in text_of(preview)
    assert bob_client.get(entry_url(entry)).status_code == 404  # a preview shares nothing
    assert alice_client.post(entry_url(entry, "share")).status_code == 302
    theirs = bob_client.get(entry_url(entry))
    assert theirs.status_code == 200
    assert "Alice shared this with you" in text_of(theirs)
    assert article(preview.content.decode()) == article(theirs.content.decode())
    index = text_of(bob_client.get(INDEX))
    assert "Shared with you by Alice" in index and "I felt close to Bob today" in index
    assert "never shared" not in index
    assert bob_client.get(entry_url(private)).status_code == 404
    mine = text_of(alice_client.get(entry_url(entry)))
    assert "Bob can read this entry" in mine


def test_sharing_needs_a_partner(alice: User, client_for: ClientFor) -> None:
    entry = write(alice)
    client = client_for(alice)
    assert "nobody to share with" in text_of(client.get(entry_url(entry, "share")))
    client.post(entry_url(entry, "share"))
    entry.refresh_from_db()
    assert entry.shared_in is None


def test_stop_sharing_at_any_time(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    entry = write(alice, "shared for a while")
    client_for(alice).post(entry_url(entry, "share"))
    assert client_for(bob).get(entry_url(entry)).status_code == 200
    client_for(alice).post(entry_url(entry, "unshare"))
    assert client_for(bob).get(entry_url(entry)).status_code == 404
    assert "shared for a while" not in text_of(client_for(bob).get(INDEX))


def test_editing_a_shared_entry_can_keep_or_stop_sharing(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    entry = write(alice, "version one")
    share(entry, couple)
    client = client_for(alice)
    edit_page = text_of(client.get(entry_url(entry, "edit")))
    assert "Keep sharing this entry with Bob" in edit_page
    day = entry.written_on.isoformat()
    client.post(entry_url(entry, "edit"), {"written_on": day, "text": "v2", "keep_shared": "on"})
    assert "v2" in text_of(client_for(bob).get(entry_url(entry)))
    client.post(entry_url(entry, "edit"), {"written_on": day, "text": "v3"})
    assert client_for(bob).get(entry_url(entry)).status_code == 404


def test_sharing_ends_with_the_couple(
    couple: Couple, carol: User, dana: User, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    entry = write(alice, "shared with Bob once")
    client_for(alice).post(entry_url(entry, "share"))
    unlink(alice)
    link(alice, carol)
    for other in (bob, carol, dana):
        assert client_for(other).get(entry_url(entry)).status_code == 404
        assert "shared with Bob once" not in text_of(client_for(other).get(INDEX))
    # For Alice it is private again, and sharing it now would be with Carol.
    assert "Only you can see this entry" in text_of(client_for(alice).get(entry_url(entry)))


def test_the_partner_sees_no_trace_of_private_writing(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    pages = [INDEX, REVIEW, NEW, "/journal/triggers/new/", "/today/", "/partner/"]
    before = [text_of(client_for(bob).get(page)) for page in pages]
    for n in range(5):
        write(alice, f"private thought {n}", day=today_for(alice) - timedelta(days=n))
        log_trigger(alice, f"private trigger {n}")
    client_for(alice).post(AUTOSAVE, {"text": "a private draft"})
    after = [text_of(client_for(bob).get(page)) for page in pages]
    assert [without_tokens(t) for t in before] == [without_tokens(t) for t in after]


# --- Drafts kept as one types -------------------------------------------------------------


def test_autosave_keeps_a_draft_until_the_entry_is_saved(
    alice: User, client_for: ClientFor
) -> None:
    client = client_for(alice)
    first = client.post(AUTOSAVE, {"written_on": "2024-03-0", "text": "Half a"})
    assert first.status_code == 200 and first.json()["saved"] is True
    client.post(
        AUTOSAVE, {"written_on": "2024-03-04", "text": "Half a thought", "feelings": ["sad"]}
    )
    draft = JournalDraft.objects.get(person=alice)
    assert draft.fields["text"] == "Half a thought" and draft.fields["feelings"] == ["sad"]
    page = client.get(NEW).content.decode()
    assert "This is what you were writing" in text_of(client.get(NEW))
    assert "Half a thought" in page and 'value="2024-03-04"' in page
    assert re.search(r'value="sad"[^>]*checked', page)
    assert "Carry on writing" in text_of(client.get(INDEX))
    client.post(NEW, {"written_on": "2024-03-04", "text": "Half a thought, finished."})
    assert not JournalDraft.objects.filter(person=alice).exists()


def test_autosave_refuses_too_long_text_and_keeps_the_last_draft(
    alice: User, client_for: ClientFor
) -> None:
    client = client_for(alice)
    client.post(AUTOSAVE, {"text": "what I had"})
    too_long = client.post(AUTOSAVE, {"text": "x" * 20_001})
    assert too_long.status_code == 400
    assert "longer than 20000" in too_long.json()["errors"]["text"][0]["message"]
    assert JournalDraft.objects.get(person=alice).fields["text"] == "what I had"


def test_autosave_after_the_session_expired_keeps_the_words_for_after_login(
    alice: User, client_for: ClientFor
) -> None:
    # The page carries everything the script needs to keep unsent words on the device.
    page = client_for(alice).get(NEW).content.decode()
    assert "journal.js" in page
    key = re.search(r'data-draft-key="([^"]+)"', page)
    assert key is not None and str(alice.pk) not in key.group(1).split(":")[1]
    assert f'data-autosave-url="{AUTOSAVE}"' in page
    # Signed out, the save is sent to log in and nothing is stored anywhere...
    expired = Client().post(AUTOSAVE, {"text": "typed while signed out"})
    assert expired.status_code == 302 and "/accounts/login/" in expired["Location"]
    assert not JournalDraft.objects.exists()
    # ...and once logged in again, the script sends the words it kept, and they are saved.
    client = client_for(alice)
    assert client.post(AUTOSAVE, {"text": "typed while signed out"}).status_code == 200
    assert "typed while signed out" in client.get(NEW).content.decode()


def test_device_keys_differ_between_partners(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    keys = [
        re.search(r'data-draft-key="([^"]+)"', client_for(p).get(NEW).content.decode())
        for p in (alice, bob)
    ]
    assert keys[0] and keys[1] and keys[0].group(1) != keys[1].group(1)


def test_after_saving_the_device_copy_is_let_go_once(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    key = re.search(r'data-draft-key="([^"]+)"', client.get(NEW).content.decode())
    assert key is not None
    client.post(NEW, {"written_on": today_for(alice).isoformat(), "text": "done"})
    entry = JournalEntry.objects.get(person=alice)
    assert f'data-journal-saved="{key.group(1)}"' in client.get(entry_url(entry)).content.decode()
    assert "data-journal-saved" not in client.get(entry_url(entry)).content.decode()


def test_an_emptied_form_keeps_no_draft(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    client.post(AUTOSAVE, {"text": "a start"})
    client.post(AUTOSAVE, {"written_on": "2024-03-04", "text": "  "})
    assert not JournalDraft.objects.exists()


def test_changes_to_a_shared_entry_stay_a_draft_until_saved(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    entry = write(alice, "what Bob reads")
    share(entry, couple)
    client = client_for(alice)
    client.post(entry_url(entry, "autosave"), {"text": "half-typed second thoughts"})
    assert "half-typed" not in text_of(client_for(bob).get(entry_url(entry)))
    assert "changes to this entry that aren't saved yet" in text_of(client.get(entry_url(entry)))
    edit_page = text_of(client.get(entry_url(entry, "edit")))
    assert "half-typed second thoughts" in edit_page and "changes you were making" in edit_page
    client.post(
        entry_url(entry, "edit"),
        {"written_on": entry.written_on.isoformat(), "text": "final", "keep_shared": "on"},
    )
    assert "final" in text_of(client_for(bob).get(entry_url(entry)))
    assert not JournalDraft.objects.exists()


def test_a_draft_can_be_discarded(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    client.post(AUTOSAVE, {"text": "not this after all"})
    draft = JournalDraft.objects.get(person=alice)
    assert client.post(f"/journal/drafts/{draft.id}/discard/").status_code == 302
    assert not JournalDraft.objects.exists()
    assert "not this after all" not in text_of(client.get(NEW))


# --- Weeks and search ---------------------------------------------------------------------


def test_my_entries_by_week(alice: User, client_for: ClientFor) -> None:
    write(alice, "Monday words", day=MONDAY)
    write(alice, "Sunday words", day=MONDAY + timedelta(days=6))
    write(alice, "Next Monday words", day=MONDAY + timedelta(days=7))
    log_trigger(alice, "a trigger that week", day=MONDAY + timedelta(days=2))
    page = text_of(client_for(alice).get(INDEX))
    assert "4 March – 10 March 2024" in page and "11 March – 17 March 2024" in page
    this_week = page[page.index("4 March – 10 March") :]
    assert page.index("11 March – 17 March") < page.index("4 March – 10 March")
    assert "Monday words" in this_week and "Sunday words" in this_week
    assert "a trigger that week" in this_week
    assert "Next Monday words" not in this_week


def test_many_weeks_are_paged(alice: User, client_for: ClientFor) -> None:
    for week in range(6):
        write(alice, f"week number {week}", day=MONDAY + timedelta(weeks=week))
    client = client_for(alice)
    first = text_of(client.get(INDEX))
    assert "week number 5" in first and "week number 0" not in first
    assert "Earlier weeks" in first
    second = text_of(client.get(INDEX + "?page=2"))
    assert "week number 0" in second and "week number 5" not in second
    assert client.get(INDEX + "?page=nonsense").status_code == 200


def test_search_finds_my_own_words_wherever_i_wrote_them(
    alice: User, client_for: ClientFor
) -> None:
    write(alice, "The lighthouse walk", day=MONDAY)
    write(alice, "plain day", closeness="held hands at the LIGHTHOUSE", day=MONDAY)
    write(alice, "another", feelings=("hopeful", "lighthouse-ish"), day=MONDAY)
    write(alice, "nothing to do with it", day=MONDAY)
    log_trigger(alice, "talked about the lighthouse trip", day=MONDAY)
    page = text_of(client_for(alice).get(INDEX + "?q=lighthouse"))
    results = section(page, "results-heading")
    assert "The lighthouse walk" in results and "plain day" in results
    assert "another" in results and "talked about the lighthouse trip" in results
    assert "nothing to do with it" not in results


def test_search_never_finds_the_partners_entries(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    write(bob, "Bob's private lighthouse")
    shared = write(bob, "Bob's shared lighthouse")
    share(shared, couple)
    log_trigger(bob, "Bob's lighthouse trigger")
    page = text_of(client_for(alice).get(INDEX + "?q=lighthouse"))
    results = section(page, "results-heading")
    assert "Nothing you wrote contains" in results
    assert "Bob's private lighthouse" not in page
    assert "Bob's lighthouse trigger" not in page


def test_an_over_long_search_is_refused_and_kept(alice: User, client_for: ClientFor) -> None:
    words = "lighthouse " * 30
    response = client_for(alice).get(INDEX, {"q": words})
    assert response.status_code == 400
    page = text_of(response)
    assert "Please search for something shorter" in page
    assert words.strip() in page


# --- The trigger log ----------------------------------------------------------------------


def test_logging_a_trigger_offers_words_to_name_it(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    client = client_for(alice)
    form = text_of(client.get("/journal/triggers/new/"))
    for label in (
        "What happened?",
        "What I felt on the surface",
        "the fear or the need",
        "Where I felt it in my body",
        "What I did",
        "What I wish I had done",
    ):
        assert label in form
    response = client.post(
        "/journal/triggers/new/",
        {
            "happened_on": today_for(alice).isoformat(),
            "situation": "He didn't text back all evening",
            "surface": "Angry",
            "underneath": "nobody is coming for me",
            "body": "tight throat",
            "reaction": "sent three messages",
            "wish": "told him I was worried",
        },
    )
    trigger = TriggerEvent.objects.get(person=alice)
    assert response["Location"] == f"/journal/triggers/{trigger.id}/"
    page = text_of(client.get(response["Location"]))
    assert "Words to name the moment to Bob" in page
    assert "I'm feeling that old fear that nobody is coming for me." in page
    assert "Right now I feel angry." in page
    assert "What I wish I'd done: told him I was worried." in page
    assert client_for(bob).get(response["Location"]).status_code == 404


def test_calming_practices_are_linked_only_when_they_exist(
    alice: User, client_for: ClientFor
) -> None:
    trigger = log_trigger(alice, "a hard moment")
    client = client_for(alice)
    for url in (f"/journal/triggers/{trigger.id}/", "/journal/triggers/new/"):
        page = client.get(url).content.decode()
        for name, label in (
            ("practices:breathing", "Breathe with a timer"),
            ("practices:grounding", "Ground yourself"),
        ):
            try:
                link_to = reverse(name)
            except NoReverseMatch:
                assert label not in page
                continue
            assert f'href="{link_to}"' in page


def test_a_trigger_needs_what_happened(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(
        "/journal/triggers/new/",
        {"happened_on": today_for(alice).isoformat(), "situation": "  ", "surface": "scared"},
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Write a few words about what happened" in page and 'value="scared"' in page
    assert not TriggerEvent.objects.exists()


def test_a_trigger_with_an_impossible_date_keeps_the_words(
    alice: User, client_for: ClientFor
) -> None:
    response = client_for(alice).post(
        "/journal/triggers/new/", {"happened_on": "2023-02-29", "situation": "keep me"}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "isn't a date we can find on a calendar" in page and "keep me" in page


def test_edit_and_delete_a_trigger(alice: User, client_for: ClientFor) -> None:
    trigger = log_trigger(alice, "first telling")
    client = client_for(alice)
    url = f"/journal/triggers/{trigger.id}/"
    client.post(url + "edit/", {"happened_on": MONDAY.isoformat(), "situation": "retold"})
    trigger.refresh_from_db()
    assert trigger.situation == "retold" and trigger.happened_on == MONDAY
    too_long = client.post(url + "edit/", {"happened_on": "2024-03-04", "situation": "x" * 20_001})
    assert too_long.status_code == 400 and "longer than 20000" in text_of(too_long)
    assert "Delete this trigger note?" in text_of(client.get(url + "delete/"))
    client.post(url + "delete/")
    assert not TriggerEvent.objects.exists()


@pytest.mark.parametrize(
    ("underneath", "expected"),
    [
        ("", FILL_IN),
        ("that I don't matter", "I'm feeling that old fear that I don't matter."),
        ("being left.", "I'm feeling that old fear of being left."),
        ("not being enough", "I'm feeling that old fear of not being enough."),
        ("He'll leave", "I'm feeling that old fear that he'll leave."),
        (
            "I need reassurance",
            "I'm feeling that old fear come up, and what I need is reassurance.",
        ),
        (
            "to know we're OK",
            "I'm feeling that old fear come up, and what I need is to know we're OK.",
        ),
        ("Abandonment", "I'm feeling that old fear — abandonment."),
    ],
)
def test_words_to_name_the_moment(underneath: str, expected: str) -> None:
    words = words_to_name("", underneath, "")
    assert words[0] == expected
    assert words[-1].startswith("Can we pause")


# --- The weekly review --------------------------------------------------------------------


def test_the_weekly_review_shows_what_repeats_and_asks_gently(
    alice: User, client_for: ClientFor
) -> None:
    log_trigger(alice, "He didn't text back", MONDAY, surface="anxious", underneath="not mattering")
    log_trigger(alice, "No reply to my texts again", MONDAY + timedelta(days=2), surface="hurt")
    log_trigger(alice, "Texted him, nothing.", MONDAY + timedelta(days=4), surface="anxious")
    log_trigger(alice, "Meeting his parents", MONDAY + timedelta(days=5))
    write(alice, "close", closeness="breakfast together", feelings=("anxious",), day=MONDAY)
    write(alice, "far", distance="he was on his phone", day=MONDAY + timedelta(days=3))
    log_trigger(alice, "another week's text", MONDAY + timedelta(days=7))
    page = text_of(client_for(alice).get(REVIEW, {"week": "2024-03-06"}))
    assert "The week of 4 March 2024" in page
    assert "Moments that came up more than once" in page
    repeats = section(page, "repeats-heading")
    assert "3 times" in repeats
    assert "He didn't text back" in repeats and "Texted him, nothing." in repeats
    assert "Meeting his parents" not in repeats and "another week's text" not in repeats
    assert "anxious" in section(page, "feelings-heading")
    assert "1 moment of closeness" in page and "1 moment of distance" in page
    assert "Monday, Wednesday, Thursday, Friday and Saturday" in page
    assert GENERAL_QUESTION in page and "What do you notice about those moments?" in page
    for unkind in ("failed", "missed", "streak", "should"):
        assert unkind not in page.lower()


def test_the_review_moves_between_weeks(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    this_week = text_of(client.get(REVIEW))
    assert "This week" in this_week and "The week after" not in this_week
    assert EMPTY_WEEK_QUESTION in this_week
    past = client.get(REVIEW, {"week": "2024-03-06"}).content.decode()
    assert "?week=2024-02-26" in past and "?week=2024-03-11" in past


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2024-02-30", "isn't a date we can find on a calendar"),
        ("next tuesday", "isn't a date we can find on a calendar"),
        ("1066-10-14", "after the year 1900"),
    ],
)
def test_the_review_refuses_impossible_weeks(
    alice: User, client_for: ClientFor, week: str, message: str
) -> None:
    response = client_for(alice).get(REVIEW, {"week": week})
    assert response.status_code == 400
    page = text_of(response)
    assert message in page and f'value="{week}"' in page
    assert "This week" in page


def test_the_review_refuses_a_week_that_has_not_come(alice: User, client_for: ClientFor) -> None:
    later = today_for(alice) + timedelta(days=8)
    response = client_for(alice).get(REVIEW, {"week": later.isoformat()})
    assert response.status_code == 400
    assert "That week hasn't come yet" in text_of(response)


def test_the_review_reads_only_my_own_notes(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    shared = write(bob, "Bob's words", day=MONDAY, feelings=("jealous",))
    share(shared, couple)
    log_trigger(bob, "Bob's trigger", MONDAY)
    page = text_of(client_for(alice).get(REVIEW, {"week": "2024-03-04"}))
    assert "Bob's" not in page and "jealous" not in page
    assert EMPTY_WEEK_QUESTION in page


# --- Speed: query counts that do not grow with the number of entries ---------------------


def fill_a_year(person: User, couple: Couple | None = None) -> None:
    start = today_for(person) - timedelta(days=364)
    for n in range(0, 365, 3):
        entry = write(person, f"day {n}", day=start + timedelta(days=n), feelings=("calm",))
        if couple and n % 30 == 0:
            share(entry, couple)
        if n % 2 == 0:
            log_trigger(person, f"moment {n}", start + timedelta(days=n), surface="hurt")


@pytest.mark.parametrize(
    "path", [INDEX, INDEX + "?q=day", INDEX + "?page=3", REVIEW, NEW, "/journal/triggers/new/"]
)
def test_journal_pages_have_bounded_queries(
    couple: Couple,
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
    path: str,
    journey_content: None,
) -> None:
    alice, bob = people(couple)
    Enrollment.objects.create(
        person=alice,
        journey=Journey.objects.get(slug=SLUG),
        started_on=today_for(alice) - timedelta(days=20),
    )
    client = client_for(alice)
    write(alice, "just one", day=today_for(alice))
    client.get(path)  # warm the session
    with django_assert_max_num_queries(14) as few:
        assert client.get(path).status_code == 200
    allowed = len(few.captured_queries)  # counted now, before the query log moves on
    fill_a_year(alice)
    fill_a_year(bob, couple)
    with django_assert_max_num_queries(allowed):
        assert client.get(path).status_code == 200


def test_entry_pages_have_bounded_queries(
    couple: Couple, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    alice, bob = people(couple)
    fill_a_year(alice, couple)
    entry = JournalEntry.objects.filter(person=alice, shared_in=couple).first()
    assert entry is not None
    for person, action in ((alice, ""), (alice, "edit"), (alice, "share"), (bob, "")):
        client = client_for(person)
        client.get(entry_url(entry, action))
        with django_assert_max_num_queries(12):
            assert client.get(entry_url(entry, action)).status_code == 200
