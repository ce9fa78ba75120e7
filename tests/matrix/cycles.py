"""Authorization matrix rows and planted private things for the cycle map (cycles app).

Alice has written her side of her and Bob's map but not marked it ready, so Bob must see
nothing of it, even though his own side is ready. She also has a map made alone (with her
guess of Bob's side) and a map with Dana from when they were linked; both stay hers alone.
"""

from attune.cycles.models import CycleMap, CycleSide
from attune.cycles.services import SideContent, save_map_alone, save_side
from tests.matrix.base import NOT_FOUND, OK, REDIRECT, Row, no_args, signed_in
from tests.world import World

SIDE_CANARY = "canary-cycle-side-R4TT: I follow him from room to room"
FEAR_CANARY = "canary-cycle-fear-W2XN: that he will leave like my father did"
EARLIER_CANARY = "canary-cycle-earlier-K7PB: the first way I put it"
ALONE_CANARY = "canary-cycle-alone-Z3HD: what I really do"
GUESS_CANARY = "canary-cycle-guess-M5QE: what I think Bob fears"
ALONE_NAME_CANARY = "canary-cycle-alone-name-B8VC"
FORMER_CANARY = "canary-cycle-former-J6GS: my side with Dana"
FORMER_NAME_CANARY = "canary-cycle-former-name-N1TY"


def alice_side(world: World) -> list[object]:
    return [world.extras["cycle_alice_side"]]


def bob_side(world: World) -> list[object]:
    return [world.extras["cycle_bob_side"]]


def alice_side_alone(world: World) -> list[object]:
    return [world.extras["cycle_alice_side_alone"]]


def alice_side_with_dana(world: World) -> list[object]:
    return [world.extras["cycle_alice_side_with_dana"]]


ROWS: list[Row] = [
    # Each person's own map page: their side, the shared map, or the map made alone.
    Row("cycles:map", "GET", no_args, signed_in(OK)),
    Row(
        "cycles:map",
        "POST",
        no_args,
        signed_in(REDIRECT),
        # A person with no partner gets the map made alone, whose fields are prefixed.
        data={"action": "save", "move_words": "go quiet", "mine-move_words": "go quiet"},
    ),
    Row("cycles:ready", "POST", no_args, signed_in(REDIRECT), data={"ready": "1"}),
    Row("cycles:plan", "POST", no_args, signed_in(REDIRECT), data={"name": "the spin"}),
    Row("cycles:solo", "GET", no_args, signed_in(OK)),
    # Earlier versions of a side belong to its writer alone, even once the map is shared.
    Row("cycles:history", "GET", alice_side, signed_in(NOT_FOUND, alice=OK)),
    Row("cycles:history", "GET", bob_side, signed_in(NOT_FOUND, bob=OK)),
    Row("cycles:history", "GET", alice_side_alone, signed_in(NOT_FOUND, alice=OK)),
    Row("cycles:history", "GET", alice_side_with_dana, signed_in(NOT_FOUND, alice=OK)),
]


def plant(world: World) -> None:
    """Create Alice's private cycle-map things (and anything the rows point at) in the world."""
    alice, bob, dana = (world.people[name] for name in ("alice", "bob", "dana"))
    save_side(alice, world.couple, SideContent(moves=("pursue",), move_words=EARLIER_CANARY))
    side = save_side(
        alice,
        world.couple,
        SideContent(moves=("pursue",), move_words=SIDE_CANARY, fear=FEAR_CANARY),
    )
    bob_side = save_side(
        bob,
        world.couple,
        SideContent(moves=("withdraw",), surface="flooded", need="a little calm"),
        mark_ready=True,
    )
    save_map_alone(
        alice,
        SideContent(moves=("protest",), move_words=ALONE_CANARY),
        SideContent(moves=("shut down",), fear=GUESS_CANARY),
        ALONE_NAME_CANARY,
        "",
    )
    alone_side = CycleSide.objects.get(person=alice, couple__isnull=True, is_guess=False)
    # Alice and Dana both marked their sides ready while they were linked; it has ended since.
    with_dana = save_side(
        alice,
        world.former_couple,
        SideContent(moves=("criticise",), move_words=FORMER_CANARY),
        mark_ready=True,
    )
    save_side(dana, world.former_couple, SideContent(moves=("defend",)), mark_ready=True)
    CycleMap.objects.create(couple=world.former_couple, name=FORMER_NAME_CANARY)
    assert side.ready_at is None and bob_side.ready_at is not None
    world.extras.update(
        {
            "cycle_alice_side": side.id,
            "cycle_bob_side": bob_side.id,
            "cycle_alice_side_alone": alone_side.id,
            "cycle_alice_side_with_dana": with_dana.id,
        }
    )
    world.more_canaries.extend(
        [
            SIDE_CANARY,
            FEAR_CANARY,
            EARLIER_CANARY,
            ALONE_CANARY,
            GUESS_CANARY,
            ALONE_NAME_CANARY,
            FORMER_CANARY,
            FORMER_NAME_CANARY,
        ]
    )
