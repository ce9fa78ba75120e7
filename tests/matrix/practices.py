"""Authorization matrix rows and planted private things for the practices app.

The coach, speaker–listener turns and the calming exercises store nothing and are open to
everyone (the Safety page links to them). Rituals are each person's own: Alice's adapted
ritual, her notes on a ritual she does with Bob, and her done marks reach nobody else. A
proposal is seen by both partners of the couple it was made in, and only while it lasts.
Alice's calendar address answers anyone holding its token, and shows only neutral words.
"""

from datetime import time

from attune.practices import library, services
from attune.practices.models import CoupleRitual, Ritual
from tests.matrix.base import (
    NOT_FOUND,
    OK,
    REDIRECT,
    Row,
    everyone,
    no_args,
    signed_in,
)
from tests.world import World

PRIVATE_TITLE_CANARY = "canary-ritual-title-R7VQ: my secret name for it"
PRIVATE_NOTES_CANARY = "canary-ritual-notes-W3HN: what I never say aloud"
COUPLE_NOTES_CANARY = "canary-couple-notes-B5KD: my own notes on our Sunday talk"
FORMER_PROPOSAL_CANARY = "canary-former-proposal-P9TE: offered to Dana once"
FORMER_NOTES_CANARY = "canary-former-notes-J2LC: kept from before"
PROPOSAL_TITLE = "Alice would like a real hello"
AGREED_TITLE = "Our Sunday state of us"

VALID_RITUAL = {
    "adopt-title": "Evening check-in",
    "adopt-notes": "",
    "adopt-days": "0",
    "adopt-start_time": "20:30",
    "adopt-duration_minutes": "10",
}
VALID_PROPOSAL = {
    "propose-title": "Our check-in",
    "propose-days": "6",
    "propose-start_time": "10:00",
    "propose-duration_minutes": "20",
}
VALID_ADAPT = {
    "title": "My check-in",
    "notes": "",
    "days": "1",
    "start_time": "21:00",
    "duration_minutes": "10",
}


def library_slug(world: World) -> list[object]:
    return ["daily-check-in"]


def alices_private_ritual(world: World) -> list[object]:
    return [world.extras["practices.private_ritual"]]


def alices_couple_copy(world: World) -> list[object]:
    return [world.extras["practices.alice_couple_copy"]]


def bobs_couple_copy(world: World) -> list[object]:
    return [world.extras["practices.bob_couple_copy"]]


def danas_former_copy(world: World) -> list[object]:
    return [world.extras["practices.dana_former_copy"]]


def waiting_proposal(world: World) -> list[object]:
    return [world.extras["practices.waiting_proposal"]]


def former_proposal(world: World) -> list[object]:
    return [world.extras["practices.former_proposal"]]


def alices_feed_token(world: World) -> list[object]:
    return [world.extras["practices.feed_token"]]


def wrong_feed_token(world: World) -> list[object]:
    return ["not-the-token-anyone-was-given-0123456789abcdef"]


open_to_all = everyone(OK)
alice_only = signed_in(NOT_FOUND, alice=OK)

ROWS: list[Row] = [
    # Tools that store nothing: the same page for everyone.
    Row("practices:index", "GET", no_args, open_to_all),
    Row("practices:coach", "GET", no_args, open_to_all),
    Row("practices:coach", "POST", no_args, open_to_all, data={"message": "You never listen."}),
    Row("practices:coach_check", "POST", no_args, open_to_all, data={"message": "You never call."}),
    Row("practices:speaker_listener", "GET", no_args, open_to_all),
    Row("practices:breathing", "GET", no_args, open_to_all),
    Row("practices:grounding", "GET", no_args, open_to_all),
    Row("practices:body_scan", "GET", no_args, open_to_all),
    # Rituals: each signed-in person sees their own list and the library.
    Row("practices:rituals", "GET", no_args, signed_in(OK)),
    Row("practices:library_ritual", "GET", library_slug, signed_in(OK)),
    Row("practices:adopt", "POST", library_slug, signed_in(REDIRECT), data=VALID_RITUAL),
    # Proposing: linked people propose; others are told there's nobody to propose to.
    Row("practices:propose", "POST", library_slug, signed_in(REDIRECT), data=VALID_PROPOSAL),
    # A ritual is its owner's alone; a partner's copy of a couple ritual is theirs alone.
    Row("practices:ritual", "GET", alices_private_ritual, alice_only),
    Row(
        "practices:ritual",
        "POST",
        alices_private_ritual,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data=VALID_ADAPT,
    ),
    Row("practices:ritual", "GET", alices_couple_copy, alice_only),
    Row("practices:ritual", "GET", bobs_couple_copy, signed_in(NOT_FOUND, bob=OK)),
    Row("practices:ritual", "GET", danas_former_copy, signed_in(NOT_FOUND, dana=OK)),
    Row(
        "practices:ritual_done",
        "POST",
        alices_private_ritual,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"action": "done"},
    ),
    Row(
        "practices:ritual_done",
        "POST",
        alices_couple_copy,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"action": "undo"},
    ),
    Row(
        "practices:ritual_let_go",
        "POST",
        alices_private_ritual,
        signed_in(NOT_FOUND, alice=REDIRECT),
    ),
    # A proposal: both partners of the current couple; nobody once the couple has ended.
    Row(
        "practices:proposal",
        "POST",
        waiting_proposal,
        signed_in(NOT_FOUND, alice=REDIRECT, bob=REDIRECT),
        data={"action": "accept"},
    ),
    Row(
        "practices:proposal",
        "POST",
        former_proposal,
        signed_in(NOT_FOUND),
        data={"action": "accept"},
    ),
    # The calendar: a download behind log-in; a feed for whoever holds the secret token.
    Row("practices:calendar_download", "GET", no_args, signed_in(OK)),
    Row(
        "practices:calendar_link",
        "POST",
        no_args,
        signed_in(REDIRECT),
        data={"action": "renew"},
    ),
    Row("practices:calendar_feed", "GET", alices_feed_token, open_to_all),
    Row("practices:calendar_feed", "GET", wrong_feed_token, everyone(NOT_FOUND)),
]


def plant(world: World) -> None:
    """Create Alice's private practices things (and anything the rows point at) in the world."""
    alice, bob, dana = world.people["alice"], world.people["bob"], world.people["dana"]

    private = services.adopt_ritual(
        alice,
        library.get_library_ritual("daily-check-in"),
        PRIVATE_TITLE_CANARY,
        PRIVATE_NOTES_CANARY,
        services.Schedule((0, 2, 4), time(20, 30), 10),
    )
    services.mark_done(alice, private)

    agreed = services.propose_ritual(
        alice,
        library.get_library_ritual("weekly-state-of-us"),
        AGREED_TITLE,
        services.Schedule((6,), time(10, 0), 30),
    )
    bob_copy = services.accept_proposal(bob, agreed)
    alice_copy = Ritual.objects.get(person=alice, couple_ritual=agreed)
    alice_copy.notes = COUPLE_NOTES_CANARY
    alice_copy.save(update_fields=["notes"])
    services.mark_done(alice, alice_copy)

    waiting = services.propose_ritual(
        alice,
        library.get_library_ritual("hello-ritual"),
        PROPOSAL_TITLE,
        services.Schedule((0, 1, 2, 3, 4), time(18, 0), 2),
    )

    # From Alice and Dana's time together: a proposal never answered, and a ritual they
    # agreed on. Dana keeps her own copy; Alice's notes on hers stay Alice's.
    former = world.former_couple
    unanswered = CoupleRitual.objects.create(
        couple=former,
        proposed_by=alice,
        library_slug="goodbye-ritual",
        title=FORMER_PROPOSAL_CANARY,
        time_zone="Europe/London",
    )
    together_before = CoupleRitual.objects.create(
        couple=former,
        proposed_by=alice,
        library_slug="bedtime-appreciation",
        title="One thing before sleep",
        time_zone="Europe/London",
        status=CoupleRitual.Status.AGREED,
    )
    Ritual.objects.create(
        person=alice,
        library_slug="bedtime-appreciation",
        title="One thing before sleep",
        notes=FORMER_NOTES_CANARY,
        couple_ritual=together_before,
    )
    dana_copy = Ritual.objects.create(
        person=dana,
        library_slug="bedtime-appreciation",
        title="One thing before sleep",
        couple_ritual=together_before,
    )

    feed = services.open_calendar_feed(alice)

    world.extras.update(
        {
            "practices.private_ritual": private.id,
            "practices.alice_couple_copy": alice_copy.id,
            "practices.bob_couple_copy": bob_copy.id,
            "practices.dana_former_copy": dana_copy.id,
            "practices.waiting_proposal": waiting.id,
            "practices.former_proposal": unanswered.id,
            "practices.feed_token": feed.token,
        }
    )
    world.more_canaries.extend(
        [
            PRIVATE_TITLE_CANARY,
            PRIVATE_NOTES_CANARY,
            COUPLE_NOTES_CANARY,
            FORMER_PROPOSAL_CANARY,
            FORMER_NOTES_CANARY,
        ]
    )
