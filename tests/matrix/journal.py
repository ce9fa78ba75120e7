"""Authorization matrix rows and planted private things for the journal app."""

from tests.matrix.base import Row
from tests.world import World

ROWS: list[Row] = []


def plant(world: World) -> None:
    """Create Alice's private journal things (and anything the rows point at) in the world."""
