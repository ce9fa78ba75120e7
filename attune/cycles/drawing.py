"""Stored cycle sides turned into what attune/core/cycle.py draws. Used by the cycle map
pages and by a practitioner's view of a granted map."""

from attune.core.cycle import CycleSide as DrawnSide
from attune.cycles.models import CycleSide, CycleSideVersion, Move


def move_phrase(side: CycleSide | CycleSideVersion) -> str:
    """The ticked moves and the person's own words as one phrase: "pursue and ask again"."""
    known = set(Move.values)
    parts: list[str] = [str(move) for move in side.moves if move in known]
    if side.move_words.strip():
        parts.append(side.move_words.strip())
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def drawn_side(side: CycleSide | None, name: str, is_guess: bool = False) -> DrawnSide:
    """A stored side as the core drawing wants it; an empty side when there is none."""
    if side is None:
        return DrawnSide(name, "", "", "", "", "", "", is_guess=is_guess)
    return DrawnSide(
        name=name,
        move=move_phrase(side),
        partner_sees=side.partner_sees,
        surface=side.surface,
        underneath=side.underneath,
        fear=side.fear,
        need=side.need,
        is_guess=is_guess,
    )
