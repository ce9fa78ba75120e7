"""Authorization matrix rows and planted private things for the care app (practitioners)."""

from tests.matrix.base import Row
from tests.world import World

ROWS: list[Row] = []


def plant(world: World) -> None:
    """Make Theo and Tess practitioners; Alice grants Theo access to some of her things."""
