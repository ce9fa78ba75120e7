"""A couple's negative cycle as one loop: in sentences, and as an accessible SVG picture.

Each partner has a move (what they do when the loop starts), the feeling that shows on the
surface, and what lies underneath it: a deeper feeling, a fear and a need. The loop runs
one partner's move → the other's surface feeling → the other's move → the first's surface
feeling → the first's move again. Someone mapping alone may fill in their partner's side as a
guess, and the guess is always shown as one.

The picture is drawn on the server with no scripts, fonts or links, with every piece of text
escaped, so it can be put straight into a page or an e-mail.
"""

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html import escape
from typing import Literal

WRAP_AT = 28
MAX_LINES = 4
GUESS_MARK = "(my guess)"
NOT_WRITTEN = "not written yet"

# Leading words a person may type that the sentences already supply ("I withdraw").
MOVE_LEADS = ("i ", "you ")
FEELING_LEADS = ("i feel ", "you feel ", "feel ", "i'm ", "i am ", "you're ", "you are ")
FEAR_LEADS = (
    "my fear is ", "your fear is ", "i fear ", "fear of ", "i'm afraid of ", "i am afraid of ",
    "afraid of ", "i'm afraid ", "i am afraid ", "afraid ", "of ",
)  # fmt: skip
NEED_LEADS = ("i need ", "you need ", "my need is ", "your need is ", "need ")

# Picture geometry, in viewBox units. The width keeps text readable when a phone scales it.
WIDTH = 640
MARGIN = 24
BOX_WIDTH = 264
GAP_X = WIDTH - 2 * MARGIN - 2 * BOX_WIDTH
GAP_Y = 120
PADDING = 16
TOP = 58
RADIUS = 12
ARROW_CLEARANCE = 8

INK = "#1f2933"
MUTED = "#52606d"
ARROW = "#7b8794"
BACKGROUND = "#fbfaf7"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
# (fill, border) for the first and the second partner: calm, and far apart from the ink.
COLOURS = (("#eaf2f8", "#4f7393"), ("#ecf5ee", "#4f7d5f"))


@dataclass(frozen=True)
class CycleSide:
    """One partner's part in the loop; is_guess when someone else filled it in for them."""

    name: str
    move: str
    partner_sees: str
    surface: str
    underneath: str
    fear: str
    need: str
    is_guess: bool = False


def cycle_sentences(
    first: CycleSide, second: CycleSide, *, view: Literal["first", "second"] = "first"
) -> tuple[str, ...]:
    """The loop in plain words, told as "I" by the first partner, or by the second if asked."""
    me, you = (first, second) if view == "first" else (second, first)
    my_move = _clean(me.move, MOVE_LEADS)
    your_move = _clean(you.move, MOVE_LEADS)
    your_feeling = _clean(you.surface, FEELING_LEADS)
    my_feeling = _clean(me.surface, FEELING_LEADS)

    sentences = []
    loop = _loop_sentence(my_move, my_feeling, me.is_guess, your_move, your_feeling, you.is_guess)
    if loop:
        sentences.append(loop)
    my_outside = _clean(me.partner_sees, ())
    if my_outside:
        when = f"When I {my_move}, what" if my_move else "What"
        sentences.append(_sentence(f"{when} you may see is {my_outside}"))
    your_outside = _clean(you.partner_sees, ())
    if your_outside:
        when = f"When you {your_move}, what" if your_move else "What"
        sentences.append(_sentence(f"{when} I see is {your_outside}"))
    for side, person, possessive in ((me, "I", "my"), (you, "you", "your")):
        underneath = _underneath_sentence(side, person, possessive)
        if underneath:
            sentences.append(underneath)
    if my_move and your_move:
        # The loop is named as what hurts, so that neither partner is cast as the problem.
        sentences.append("The loop is what hurts us both — not you, and not me.")
    return tuple(sentences)


def cycle_svg(
    first: CycleSide, second: CycleSide, cycle_name: str, *, id_prefix: str = "cycle"
) -> str:
    """The loop as a self-contained SVG picture, with the sentences as its description."""
    prefix = re.sub(r"[^A-Za-z0-9_-]", "", id_prefix) or "cycle"
    first_person = _person(first.name, _Person("Me", "What I do", "How I feel", "What I may see"))
    second_person = _person(
        second.name,
        _Person(
            "My partner",
            "What my partner does",
            "How my partner feels",
            "What my partner may see",
        ),
    )
    name = " ".join(cycle_name.split()) or "Our cycle"
    sentences = cycle_sentences(first, second)
    description = " ".join(sentences)
    if description and first.name.strip():
        description = f"As {first_person.heading} sees it: {description}"

    # Clockwise from the top left: what the first does, how the second feels, what the second
    # does, how the first feels.
    first_move = _move_box(first, first_person, second_person)
    second_feeling = _feeling_box(second, second_person)
    second_move = _move_box(second, second_person, first_person)
    first_feeling = _feeling_box(first, first_person)
    top_height = max(first_move.height, second_feeling.height)
    bottom_height = max(second_move.height, first_feeling.height)
    left_x = MARGIN
    right_x = WIDTH - MARGIN - BOX_WIDTH
    bottom_y = TOP + top_height + GAP_Y
    height = bottom_y + bottom_height + MARGIN
    left_middle = left_x + BOX_WIDTH // 2
    right_middle = right_x + BOX_WIDTH // 2
    gap_start = left_x + BOX_WIDTH + ARROW_CLEARANCE
    gap_end = right_x - ARROW_CLEARANCE
    top_row_middle = TOP + top_height // 2
    bottom_row_middle = bottom_y + bottom_height // 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="{FONT}">',
        f'<title id="{prefix}-title">{escape(name)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        "<defs>",
        f'<marker id="{prefix}-arrowhead" viewBox="0 0 10 10" refX="8" refY="5" '
        'markerWidth="4.5" markerHeight="4.5" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{ARROW}"/></marker>',
        "</defs>",
        f'<rect width="{WIDTH}" height="{height}" rx="18" fill="{BACKGROUND}"/>',
        _name_heading(first_person.heading, first.is_guess, left_middle, COLOURS[0][1]),
        _name_heading(second_person.heading, second.is_guess, right_middle, COLOURS[1][1]),
        first_move.render(left_x, TOP, top_height, first.is_guess, COLOURS[0]),
        second_feeling.render(right_x, TOP, top_height, second.is_guess, COLOURS[1]),
        second_move.render(right_x, bottom_y, bottom_height, second.is_guess, COLOURS[1]),
        first_feeling.render(left_x, bottom_y, bottom_height, first.is_guess, COLOURS[0]),
        _arrow(prefix, gap_start, top_row_middle, gap_end, top_row_middle),
        _arrow(
            prefix,
            right_middle,
            TOP + top_height + ARROW_CLEARANCE,
            right_middle,
            bottom_y - ARROW_CLEARANCE,
        ),
        _arrow(prefix, gap_end, bottom_row_middle, gap_start, bottom_row_middle),
        _arrow(
            prefix,
            left_middle,
            bottom_y - ARROW_CLEARANCE,
            left_middle,
            TOP + top_height + ARROW_CLEARANCE,
        ),
        _cycle_name(name, WIDTH // 2, TOP + top_height + GAP_Y // 2),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _loop_sentence(
    my_move: str,
    my_feeling: str,
    guessing_me: bool,
    your_move: str,
    your_feeling: str,
    guessing_you: bool,
) -> str:
    # A guessed feeling is offered as a guess; the moves are what each partner can see.
    you_feel = "perhaps you feel" if guessing_you else "you feel"
    i_feel = "perhaps I feel" if guessing_me else "I feel"
    your_part = _joined(
        f"{you_feel} {your_feeling}" if your_feeling else "",
        f"you {your_move}" if your_move else "",
    )
    my_part = _joined(
        f"{i_feel} {my_feeling}" if my_feeling else "",
        f"I {my_move} more" if my_move else "",
    )
    if my_move and your_part:
        return _sentence(f"When I {my_move}, {your_part}; then {my_part}")
    if my_move:
        return _sentence(f"When I {my_move}, {my_part}")
    if your_part and my_part:
        return _sentence(f"{your_part}; then {my_part}")
    return _sentence(your_part or my_part)


def _joined(*parts: str) -> str:
    return " and ".join(part for part in parts if part)


def _underneath_sentence(side: CycleSide, person: str, possessive: str) -> str:
    underneath = _clean(side.underneath, FEELING_LEADS)
    fear = _clean(side.fear, FEAR_LEADS)
    need = _clean(side.need, NEED_LEADS)
    parts = [
        f"underneath, {person} feel {underneath}" if underneath else "",
        f"{possessive} fear is {fear}" if fear else "",
        f"what {person} long for is {need}" if need else "",
    ]
    said = "; ".join(part for part in parts if part)
    if said and side.is_guess:
        said = f"perhaps {said}"
    return _sentence(said)


def _sentence(text: str) -> str:
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."


def _clean(text: str, leads: Iterable[str]) -> str:
    """Text ready to go mid-sentence: trimmed, without words the sentence already says."""
    text = " ".join(text.split()).rstrip(" .;,")
    comparable = text.lower().replace("’", "'")
    for lead in leads:
        if comparable.startswith(lead) and len(text) > len(lead):
            text = text[len(lead) :].lstrip()
            break
    # Lower-case a capital that only started the sentence: not "I", not an acronym like "ER".
    first_word = text.split(" ", 1)[0] if text else ""
    if first_word and not (
        first_word == "I" or first_word.startswith(("I'", "I’")) or first_word[1:2].isupper()
    ):
        text = text[0].lower() + text[1:]
    return text


@dataclass(frozen=True)
class _Person:
    """How one partner is named in the picture: above their boxes and in the boxes' labels."""

    heading: str
    does: str
    feels: str
    may_see: str


def _person(name: str, unnamed: _Person) -> _Person:
    name = " ".join(name.split())
    if not name:
        return unnamed
    # Labels keep their verb, so a long name is shortened there rather than the label cut.
    short = _wrap(name, 16, 1)[0]
    return _Person(name, f"What {short} does", f"How {short} feels", f"What {short} may see")


def _wrap(text: str, width: int = WRAP_AT, max_lines: int = MAX_LINES) -> list[str]:
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1].rstrip() + "…"]
    return lines


@dataclass(frozen=True)
class _Block:
    """Lines of text in one style, with the class a stylesheet or a test can find them by."""

    lines: tuple[str, ...]
    css_class: str
    size: int
    line_height: int
    colour: str = INK
    weight: int = 400
    italic: bool = False
    space_before: int = 0
    dashed_line_before: bool = False

    @property
    def height(self) -> int:
        return self.space_before + self.line_height * len(self.lines)


@dataclass(frozen=True)
class _Box:
    """A rounded box of text blocks, as tall as its text needs."""

    css_class: str
    blocks: tuple[_Block, ...]

    @property
    def height(self) -> int:
        return 2 * PADDING + sum(block.height for block in self.blocks)

    def render(self, x: int, y: int, height: int, is_guess: bool, colours: tuple[str, str]) -> str:
        fill, border = colours
        dashes = ' stroke-dasharray="7 5"' if is_guess else ""
        out = [
            f'<g class="{self.css_class}{" guess" if is_guess else ""}">',
            f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{height}" rx="{RADIUS}" '
            f'fill="{fill}" stroke="{border}" stroke-width="2"{dashes}/>',
        ]
        cursor = y + PADDING
        for block in self.blocks:
            cursor += block.space_before
            if block.dashed_line_before:
                line_y = cursor - block.space_before // 2
                out.append(
                    f'<line x1="{x + PADDING}" y1="{line_y}" x2="{x + BOX_WIDTH - PADDING}" '
                    f'y2="{line_y}" stroke="{border}" stroke-width="1.5" '
                    'stroke-dasharray="4 4" opacity="0.7"/>'
                )
            out.append(_text(block, x + PADDING, cursor))
            cursor += block.line_height * len(block.lines)
        out.append("</g>")
        return "\n".join(out)


def _text(block: _Block, x: int, top: int) -> str:
    # The first baseline sits about one font size below the top of the block's first line.
    baseline = top + block.size + (block.line_height - block.size) // 2 - 2
    style = ' font-style="italic"' if block.italic else ""
    weight = f' font-weight="{block.weight}"' if block.weight != 400 else ""
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if n == 0 else block.line_height}">{escape(line)}</tspan>'
        for n, line in enumerate(block.lines)
    )
    return (
        f'<text class="{block.css_class}" x="{x}" y="{baseline}" font-size="{block.size}" '
        f'fill="{block.colour}"{weight}{style}>{spans}</text>'
    )


def _label(text: str) -> _Block:
    return _Block(tuple(_wrap(text, 30, 1)), "label", 13, 17, MUTED, weight=600)


def _main(text: str, css_class: str) -> _Block:
    if not text:
        return _Block((NOT_WRITTEN,), css_class, 15, 21, MUTED, italic=True, space_before=6)
    return _Block(tuple(_wrap(text)), css_class, 16, 21, space_before=6)


def _move_box(side: CycleSide, person: _Person, partner: _Person) -> _Box:
    blocks = [_label(person.does), _main(_clean(side.move, MOVE_LEADS), "move")]
    outside = _clean(side.partner_sees, ())
    if outside:
        blocks.append(replace(_label(partner.may_see), space_before=14))
        blocks.append(_Block(tuple(_wrap(outside)), "partner-sees", 15, 20, space_before=4))
    return _Box("box move-box", tuple(blocks))


def _feeling_box(side: CycleSide, person: _Person) -> _Box:
    blocks = [_label(person.feels), _main(_clean(side.surface, FEELING_LEADS), "surface")]
    deeper = [
        _clean(side.underneath, FEELING_LEADS),
        _prefixed("Fear: ", _clean(side.fear, FEAR_LEADS)),
        _prefixed("Needs: ", _clean(side.need, NEED_LEADS)),
    ]
    lines = [line for text in deeper if text for line in _wrap(text)]
    if lines:
        heading = _Block(
            ("underneath",),
            "label",
            13,
            17,
            MUTED,
            weight=600,
            italic=True,
            space_before=22,
            dashed_line_before=True,
        )
        blocks.append(heading)
        blocks.append(_Block(tuple(lines), "underneath", 15, 20, "#323f4b", space_before=4))
    return _Box("box feeling-box", tuple(blocks))


def _prefixed(prefix: str, text: str) -> str:
    return prefix + text if text else ""


def _name_heading(name: str, is_guess: bool, middle: int, colour: str) -> str:
    shown = _wrap(f"{name} {GUESS_MARK}" if is_guess else name, 26, 1)[0]
    return (
        f'<text class="name" x="{middle}" y="{TOP - 18}" text-anchor="middle" font-size="18" '
        f'font-weight="600" fill="{colour}">{escape(shown)}</text>'
    )


def _arrow(prefix: str, x1: int, y1: int, x2: int, y2: int) -> str:
    return (
        f'<line class="arrow" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{ARROW}" '
        f'stroke-width="2.5" stroke-linecap="round" marker-end="url(#{prefix}-arrowhead)"/>'
    )


def _cycle_name(name: str, middle: int, centre_y: int) -> str:
    lines = _wrap(name, 22, 3)
    line_height = 22
    first_baseline = centre_y - (len(lines) - 1) * line_height // 2 + 6
    spans = "".join(
        f'<tspan x="{middle}" dy="{0 if n == 0 else line_height}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text class="cycle-name" x="{middle}" y="{first_baseline}" text-anchor="middle" '
        f'font-size="18" font-weight="600" fill="{INK}">{spans}</text>'
    )
