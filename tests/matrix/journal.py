"""Authorization matrix rows and planted private things for the journal app.

Alice has a private entry (with a draft of changes to it), an entry shared with Bob, an entry
she once shared with Dana, a private trigger note and a draft of a new entry. Only the entry
shared with Bob may reach anyone else, and only Bob.
"""

from django.utils import timezone

from attune.journal.models import JournalDraft
from attune.journal.services import EntryContent, TriggerContent, save_entry, save_trigger
from tests.matrix.base import NOT_FOUND, OK, REDIRECT, Row, no_args, signed_in
from tests.world import World

PRIVATE_ENTRY_CANARY = "canary-journal-P3NV: what I wrote at midnight"
CLOSENESS_CANARY = "canary-journal-close-H6WQ: his hand on my back"
FEELING_CANARY = "canary-feeling-Q8ZA"
FORMER_ENTRY_CANARY = "canary-journal-former-D2KS: shared with Dana once"
TRIGGER_CANARY = "canary-trigger-T9LM: he looked at his phone again"
UNDERNEATH_CANARY = "canary-trigger-under-U5RB: that I am too much"
NEW_DRAFT_CANARY = "canary-draft-F7YC: half a sentence"
EDIT_DRAFT_CANARY = "canary-edit-draft-E4JX: a change not saved yet"
SHARED_ENTRY_TEXT = "Alice chose to share this journal entry with Bob"
A_PAST_DAY = "2024-03-04"  # a day that is in the past wherever each actor lives


def private_entry(world: World) -> list[object]:
    return [world.extras["journal_private_entry"]]


def shared_entry(world: World) -> list[object]:
    return [world.extras["journal_shared_entry"]]


def former_entry(world: World) -> list[object]:
    return [world.extras["journal_former_entry"]]


def private_trigger(world: World) -> list[object]:
    return [world.extras["journal_private_trigger"]]


def new_entry_draft(world: World) -> list[object]:
    return [world.extras["journal_new_entry_draft"]]


ENTRY = {"written_on": A_PAST_DAY, "text": "A few words of my own."}
TRIGGER = {"happened_on": A_PAST_DAY, "situation": "A moment of my own."}
ALICE_ONLY_PAGE = signed_in(NOT_FOUND, alice=OK)
ALICE_ONLY_ACTION = signed_in(NOT_FOUND, alice=REDIRECT)

ROWS: list[Row] = [
    # Each person's own journal pages.
    Row("journal:index", "GET", no_args, signed_in(OK)),
    Row("journal:new", "GET", no_args, signed_in(OK)),
    Row("journal:new", "POST", no_args, signed_in(REDIRECT), data=ENTRY),
    Row("journal:autosave", "POST", no_args, signed_in(OK), data={"text": "a draft"}),
    Row("journal:weekly_review", "GET", no_args, signed_in(OK)),
    Row("journal:trigger_new", "GET", no_args, signed_in(OK)),
    Row("journal:trigger_new", "POST", no_args, signed_in(REDIRECT), data=TRIGGER),
    # Alice's private entry: hers alone.
    Row("journal:entry", "GET", private_entry, ALICE_ONLY_PAGE),
    Row("journal:edit", "GET", private_entry, ALICE_ONLY_PAGE),
    Row("journal:edit", "POST", private_entry, ALICE_ONLY_ACTION, data=ENTRY),
    Row(
        "journal:autosave_entry",
        "POST",
        private_entry,
        ALICE_ONLY_PAGE,
        data={"text": "a change"},
    ),
    Row("journal:delete", "GET", private_entry, ALICE_ONLY_PAGE),
    Row("journal:delete", "POST", private_entry, ALICE_ONLY_ACTION),
    Row("journal:share", "GET", private_entry, ALICE_ONLY_PAGE),
    Row("journal:share", "POST", private_entry, ALICE_ONLY_ACTION),
    Row("journal:discard_draft", "POST", new_entry_draft, ALICE_ONLY_ACTION),
    # Shared with Bob: he may read it, never change it.
    Row("journal:entry", "GET", shared_entry, signed_in(NOT_FOUND, alice=OK, bob=OK)),
    Row("journal:edit", "GET", shared_entry, ALICE_ONLY_PAGE),
    Row("journal:share", "GET", shared_entry, ALICE_ONLY_PAGE),
    Row("journal:unshare", "POST", shared_entry, ALICE_ONLY_ACTION),
    Row("journal:delete", "POST", shared_entry, ALICE_ONLY_ACTION),
    # Shared with Dana while they were together: after unlinking, nobody else sees it.
    Row("journal:entry", "GET", former_entry, ALICE_ONLY_PAGE),
    # The trigger log is always private.
    Row("journal:trigger", "GET", private_trigger, ALICE_ONLY_PAGE),
    Row("journal:trigger_edit", "GET", private_trigger, ALICE_ONLY_PAGE),
    Row("journal:trigger_edit", "POST", private_trigger, ALICE_ONLY_ACTION, data=TRIGGER),
    Row("journal:trigger_delete", "GET", private_trigger, ALICE_ONLY_PAGE),
    Row("journal:trigger_delete", "POST", private_trigger, ALICE_ONLY_ACTION),
]


def plant(world: World) -> None:
    """Create Alice's private journal things (and anything the rows point at) in the world."""
    alice = world.people["alice"]
    today = timezone.localdate(timezone.now(), alice.zone)
    private = save_entry(
        alice,
        None,
        EntryContent(
            written_on=today,
            text=PRIVATE_ENTRY_CANARY,
            closeness=CLOSENESS_CANARY,
            feelings=("anxious", FEELING_CANARY),
        ),
    )
    shared = save_entry(alice, None, EntryContent(written_on=today, text=SHARED_ENTRY_TEXT))
    shared.shared_in = world.couple
    shared.save(update_fields=["shared_in"])
    # Shared while Alice and Dana were linked; that couple has ended since.
    former = save_entry(alice, None, EntryContent(written_on=today, text=FORMER_ENTRY_CANARY))
    former.shared_in = world.former_couple
    former.save(update_fields=["shared_in"])
    trigger = save_trigger(
        alice,
        None,
        TriggerContent(happened_on=today, situation=TRIGGER_CANARY, underneath=UNDERNEATH_CANARY),
    )
    draft = JournalDraft.objects.create(person=alice, fields={"text": NEW_DRAFT_CANARY})
    JournalDraft.objects.create(person=alice, entry=private, fields={"text": EDIT_DRAFT_CANARY})
    world.extras.update(
        {
            "journal_private_entry": private.id,
            "journal_shared_entry": shared.id,
            "journal_former_entry": former.id,
            "journal_private_trigger": trigger.id,
            "journal_new_entry_draft": draft.id,
        }
    )
    world.more_canaries.extend(
        [
            PRIVATE_ENTRY_CANARY,
            CLOSENESS_CANARY,
            FEELING_CANARY,
            FORMER_ENTRY_CANARY,
            TRIGGER_CANARY,
            UNDERNEATH_CANARY,
            NEW_DRAFT_CANARY,
            EDIT_DRAFT_CANARY,
        ]
    )
