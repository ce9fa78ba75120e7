"""Authorization matrix rows and planted private things for the cycle map (cycles app)."""

from tests.matrix.base import Row
from tests.world import World

ROWS: list[Row] = []


def plant(world: World) -> None:
    """Create Alice's private cycle-map things (and anything the rows point at) in the world."""
