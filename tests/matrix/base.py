"""The shape of a matrix row, shared by the per-app row modules in this package."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.world import World

# Theo is a practitioner Alice granted access to; Tess is a practitioner with no grant. Outside
# the practitioner portal both are simply other people, like Carol.
ACTORS = ("anonymous", "alice", "bob", "carol", "dana", "theo", "tess", "staff")
OK, REDIRECT, NOT_FOUND, LOGIN = 200, 302, 404, "login"
SLUG = "attachment-healing"


@dataclass
class Row:
    """One URL and action, and what each actor must get."""

    name: str
    method: str
    args: Callable[[World], list[object]]
    expect: dict[str, int | str]
    data: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.name} {self.args.__name__}"


def everyone(code: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ACTORS, code)


def signed_in(code: int | str, **others: int | str) -> dict[str, int | str]:
    """Anonymous people are sent to log in; signed-in people get `code` unless named."""
    return {"anonymous": LOGIN, **dict.fromkeys(ACTORS[1:], code), **others}


def no_args(world: World) -> list[object]:
    return []


def invitation_id(world: World) -> list[object]:
    return [world.invitation.id]


def invitation_token(world: World) -> list[object]:
    return [world.invitation.token]


def slug(world: World) -> list[object]:
    return [SLUG]


def day_one(world: World) -> list[object]:
    return [SLUG, 1]


def question_one(world: World) -> list[object]:
    return [SLUG, 1, 1]


def instrument(world: World) -> list[object]:
    return ["ecr-r"]


def private_result(world: World) -> list[object]:
    return [world.private_result.id]


def shared_result(world: World) -> list[object]:
    return [world.shared_result.id]
