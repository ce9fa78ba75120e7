"""Scoring questionnaire answers exactly as the published keys say.

Answers are the stored scale values, keyed by item id. Reverse-keyed items score
lowest + highest - answer (8 - answer on a 1 to 7 scale). Subscales are the mean or the sum of
their items. Arithmetic is done in exact fractions so that boundary rules ("within 0.5 of 4")
give the same answer for every way of reaching the same score.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from attune.core.instruments import EN_DASH, Instrument, Item

# Sums are whole numbers; means are floats.
Score = int | float

TOTAL = "total"


class ScoringError(ValueError):
    """Answers that cannot be scored; the message names the item and what is wrong."""


@dataclass(frozen=True)
class AttachmentStyle:
    """One of the four conventional attachment styles, placed by its two dimensions."""

    id: str
    label: str
    high_anxiety: bool
    high_avoidance: bool


# Bartholomew & Horowitz (1991): a convention for describing two continuous scores, not a
# diagnosis. The app writes the descriptions.
ATTACHMENT_STYLES: Mapping[str, AttachmentStyle] = {
    style.id: style
    for style in (
        AttachmentStyle("secure", "Secure", high_anxiety=False, high_avoidance=False),
        AttachmentStyle(
            "anxious", "Anxious (preoccupied)", high_anxiety=True, high_avoidance=False
        ),
        AttachmentStyle(
            "dismissive-avoidant", "Dismissive-avoidant", high_anxiety=False, high_avoidance=True
        ),
        AttachmentStyle(
            "fearful-avoidant", "Fearful-avoidant", high_anxiety=True, high_avoidance=True
        ),
    )
}


@dataclass(frozen=True)
class Placement:
    """Where two attachment scores sit among the styles, and whether near a boundary."""

    style: str
    near_boundary: bool
    # The person's own style first, then each style across a boundary they are near;
    # empty when they are near no boundary.
    neighbouring_styles: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """The scores from one completed instrument, with the readings the instrument supports."""

    instrument_id: str
    scores: dict[str, Score]
    # Attachment instruments only.
    style: str | None = None
    near_boundary: bool | None = None
    neighbouring_styles: tuple[str, ...] = ()
    # Instruments with a total only (the CSI); `distressed` needs a cut-off on the total.
    total: Score | None = None
    distressed: bool | None = None

    def as_json_dict(self) -> dict[str, object]:
        """The result as plain JSON data, means rounded to 3 decimals and sums whole."""
        data: dict[str, object] = {
            "instrument": self.instrument_id,
            "scores": {name: _rounded(value) for name, value in self.scores.items()},
        }
        if self.style is not None:
            data["style"] = self.style
            data["near_boundary"] = self.near_boundary
        if self.distressed is not None:
            data["distressed"] = self.distressed
        return data


class Crossing(StrEnum):
    """Which way a score crossed its cut-off between two occasions."""

    INTO_DISTRESS = "into distress"
    OUT_OF_DISTRESS = "out of distress"


@dataclass(frozen=True)
class Change:
    """How one score moved between two occasions."""

    instrument_id: str
    subscale: str
    before: Score
    after: Score
    difference: Score  # after - before, so a rise in satisfaction is positive
    crossed_cutoff: Crossing | None
    # None while the instrument's SD and reliability are not verified: no RCI is shown then.
    reliable: bool | None
    smallest_reliable_difference: float | None


@dataclass(frozen=True)
class Row:
    """One scored line of a CSV file."""

    id: str
    line: int
    result: Result


@dataclass(frozen=True)
class RowProblem:
    """One CSV line that could not be scored, and why."""

    line: int
    id: str
    message: str

    def __str__(self) -> str:
        if self.id:
            return f"line {self.line} (id {self.id}): {self.message}"
        return f"line {self.line}: {self.message}"


def score(instrument: Instrument, answers: Mapping[str, int]) -> Result:
    """Score answers keyed by item id; raise ScoringError for unknown, missing or off-scale."""
    known = {item.id for item in instrument.items}
    unknown = [item_id for item_id in answers if item_id not in known]
    if unknown:
        names = ", ".join(repr(item_id) for item_id in unknown)
        raise ScoringError(f"{instrument.short_name} has no item with id {names}")
    points: dict[str, int] = {}
    for position, item in enumerate(instrument.items, start=1):
        if item.id not in answers:
            raise ScoringError(f"item {position} ({item.id}): no answer")
        points[item.id] = _points(instrument, item, position, answers[item.id])
    return _result(instrument, points)


def score_in_order(instrument: Instrument, values: Sequence[int]) -> Result:
    """Score raw answers given in item order, as typed on the command line."""
    if len(values) != len(instrument.items):
        raise ScoringError(f"expected {len(instrument.items)} answers, got {len(values)}")
    answers = dict(zip((item.id for item in instrument.items), values, strict=True))
    return score(instrument, answers)


def place_attachment(
    anxiety: float | Fraction,
    avoidance: float | Fraction,
    midpoint: float = 4,
    margin: float = 0.5,
) -> Placement:
    """Name the style for an anxiety and an avoidance score, and any styles nearby."""
    middle, near = _exact(midpoint), _exact(margin)
    anxious_by, avoidant_by = _exact(anxiety) - middle, _exact(avoidance) - middle
    # High means strictly above the midpoint, so a score of exactly 4 counts as low.
    high_anxiety, high_avoidance = anxious_by > 0, avoidant_by > 0
    # Inclusive: 3.5 and 4.5 are near the boundary at 4.
    near_anxiety, near_avoidance = abs(anxious_by) <= near, abs(avoidant_by) <= near
    own = _style_for(high_anxiety, high_avoidance)
    if not (near_anxiety or near_avoidance):
        return Placement(own, near_boundary=False, neighbouring_styles=())
    anxiety_sides = [high_anxiety, not high_anxiety] if near_anxiety else [high_anxiety]
    avoidance_sides = [high_avoidance, not high_avoidance] if near_avoidance else [high_avoidance]
    neighbours = tuple(
        _style_for(anxious, avoidant) for anxious in anxiety_sides for avoidant in avoidance_sides
    )
    return Placement(own, near_boundary=True, neighbouring_styles=neighbours)


def reliable_change(instrument: Instrument, before: Result, after: Result) -> Change:
    """Compare two results: points moved, cut-off crossed, and reliable change if known."""
    for result in (before, after):
        if result.instrument_id != instrument.id:
            raise ScoringError(
                f"a {result.instrument_id} result cannot be compared as {instrument.id}"
            )
    reliability = instrument.reliability
    subscale = reliability.subscale if reliability is not None else TOTAL
    if subscale not in before.scores or subscale not in after.scores:
        raise ScoringError(f"{instrument.id} has no {subscale!r} score to compare")
    first, second = before.scores[subscale], after.scores[subscale]
    difference = second - first
    reliable: bool | None = None
    smallest: float | None = None
    if reliability is not None and reliability.sd is not None and reliability.alpha is not None:
        # Jacobson & Truax (1991): 1.96 * SD * sqrt(2) * sqrt(1 - alpha) is the smallest
        # change unlikely to come from measurement error alone.
        smallest = 1.96 * reliability.sd * math.sqrt(2) * math.sqrt(1 - reliability.alpha)
        reliable = abs(difference) >= smallest
    return Change(
        instrument_id=instrument.id,
        subscale=subscale,
        before=first,
        after=second,
        difference=difference,
        crossed_cutoff=_crossing(instrument, subscale, first, second),
        reliable=reliable,
        smallest_reliable_difference=smallest,
    )


def score_csv(instrument: Instrument, text: str) -> tuple[list[Row], list[RowProblem]]:
    """Score a CSV of `id, answers in item order...`; an optional header row is skipped."""
    rows: list[Row] = []
    problems: list[RowProblem] = []
    first_line_of: dict[str, int] = {}
    looking_for_header = True
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    next_line = 1
    for raw_cells in reader:
        line, next_line = next_line, reader.line_num + 1
        cells = [cell.strip() for cell in raw_cells]
        # Spreadsheets pad short rows with empty cells; those are not answers.
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if looking_for_header:
            looking_for_header = False
            if _is_header(cells):
                continue
        row_id, cells = cells[0], cells[1:]
        if not row_id:
            problems.append(RowProblem(line, "", "the first column needs an id"))
            continue
        if row_id in first_line_of:
            message = f"this id is already used on line {first_line_of[row_id]}"
            problems.append(RowProblem(line, row_id, message))
            continue
        first_line_of[row_id] = line
        try:
            result = score_in_order(instrument, _answers_from_cells(instrument, cells))
        except ScoringError as error:
            problems.append(RowProblem(line, row_id, str(error)))
            continue
        rows.append(Row(row_id, line, result))
    return rows, problems


def results_to_csv(rows: Sequence[Row]) -> str:
    """Scored rows as CSV: id, each score, then style and near_boundary or distressed."""
    if not rows:
        return ""
    sample = rows[0].result
    header = ["id", *sample.scores]
    if sample.style is not None:
        header += ["style", "near_boundary"]
    if sample.distressed is not None:
        header += ["distressed"]
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        result = row.result
        cells = [row.id, *(_formatted(value) for value in result.scores.values())]
        if result.style is not None:
            cells += [result.style, _yes_no(result.near_boundary)]
        if result.distressed is not None:
            cells += [_yes_no(result.distressed)]
        writer.writerow(cells)
    return output.getvalue()


def _points(instrument: Instrument, item: Item, position: int, value: int) -> int:
    """The points one answer gives, after reversal; ScoringError when it is not on the scale."""
    scale = instrument.scale_of(item)
    # bool is a subclass of int in Python; True is never a meant answer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScoringError(f"item {position} ({item.id}): {value!r} is not a whole number")
    if value not in scale.values:
        raise ScoringError(
            f"item {position} ({item.id}): {value} is outside the scale "
            f"{scale.lowest}{EN_DASH}{scale.highest}"
        )
    return scale.reverse(value) if item.reversed else value


def _result(instrument: Instrument, points: Mapping[str, int]) -> Result:
    """Combine item points into subscale scores and the readings built on them."""
    exact: dict[str, Fraction] = {}
    scores: dict[str, Score] = {}
    for subscale in instrument.subscales:
        items = instrument.items_of(subscale.id)
        total = Fraction(sum(points[item.id] for item in items))
        if subscale.rule == "mean":
            exact[subscale.id] = total / len(items)
            scores[subscale.id] = float(exact[subscale.id])
        else:
            exact[subscale.id] = total
            scores[subscale.id] = int(total)
    placement = None
    if instrument.style_midpoint is not None:
        placement = place_attachment(
            exact["anxiety"],
            exact["avoidance"],
            instrument.style_midpoint,
            instrument.boundary_margin or 0,
        )
    distressed = None
    cutoff = instrument.cutoff_for(TOTAL)
    if TOTAL in exact and cutoff is not None:
        distressed = exact[TOTAL] < _exact(cutoff.below)
    return Result(
        instrument_id=instrument.id,
        scores=scores,
        style=placement.style if placement else None,
        near_boundary=placement.near_boundary if placement else None,
        neighbouring_styles=placement.neighbouring_styles if placement else (),
        total=scores.get(TOTAL),
        distressed=distressed,
    )


def _crossing(
    instrument: Instrument, subscale: str, before: Score, after: Score
) -> Crossing | None:
    """Which way a score crossed its subscale's cut-off, if it did."""
    cutoff = instrument.cutoff_for(subscale)
    if cutoff is None:
        return None
    below = _exact(cutoff.below)
    was_below, is_below = _exact(before) < below, _exact(after) < below
    if is_below and not was_below:
        return Crossing.INTO_DISTRESS
    if was_below and not is_below:
        return Crossing.OUT_OF_DISTRESS
    return None


def _answers_from_cells(instrument: Instrument, cells: list[str]) -> list[int]:
    """Read CSV cells as whole numbers; ScoringError names the first cell that is not one."""
    if len(cells) != len(instrument.items):
        raise ScoringError(f"expected {len(instrument.items)} answers, got {len(cells)}")
    answers: list[int] = []
    for position, (item, cell) in enumerate(zip(instrument.items, cells, strict=True), start=1):
        where = f"item {position} ({item.id})"
        if not cell:
            raise ScoringError(f"{where}: no answer")
        try:
            answers.append(int(cell))
        except ValueError:
            kind = "a whole number" if _is_number(cell) else "a number"
            raise ScoringError(f"{where}: {cell!r} is not {kind}") from None
    return answers


def _is_header(cells: list[str]) -> bool:
    """A first row is a header when none of its answer cells is a number."""
    answers = cells[1:]
    return bool(answers) and not any(_is_number(cell) for cell in answers)


def _is_number(cell: str) -> bool:
    """Whether a CSV cell reads as any finite number."""
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return False


def _style_for(high_anxiety: bool, high_avoidance: bool) -> str:
    """The style id for one quadrant."""
    return next(
        style.id
        for style in ATTACHMENT_STYLES.values()
        if style.high_anxiety == high_anxiety and style.high_avoidance == high_avoidance
    )


def _exact(value: float | Fraction) -> Fraction:
    """A number as an exact fraction; floats by their shortest decimal form, so 0.1 is 1/10."""
    if isinstance(value, Fraction | int):
        return Fraction(value)
    return Fraction(repr(value))


def _rounded(value: Score) -> Score:
    """Means to 3 decimals for display; sums stay whole."""
    return round(value, 3) if isinstance(value, float) else value


def _formatted(value: Score) -> str:
    """A score as CSV text: means with 3 decimals, sums whole."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _yes_no(flag: bool | None) -> str:
    """A flag as CSV text, spelled as in the JSON output."""
    return "true" if flag else "false"
