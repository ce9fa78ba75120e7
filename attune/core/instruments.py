"""Questionnaire instruments: their data files, read into plain dataclasses and checked.

Each published questionnaire lives in one YAML file in `content/instruments/`, so a corrected
fact is a one-line change there. Items are known by stable id and content, never by position
alone. Checking reports every problem as `path:line: message`, ready for an editor or CI log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

# One Problem type for every content file, so one command can check them all.
from attune.core.problems import Problem

Rule = Literal["mean", "sum"]
Side = Literal["left", "right"]
RULES: tuple[Rule, ...] = ("mean", "sum")
SIDES: tuple[Side, ...] = ("left", "right")

# Ranges in messages use an en dash, as the published record prints them; it is written as
# an escape because linters rightly flag look-alikes of "-" in source.
EN_DASH = "\u2013"

# A place in the parsed file: keys of mappings and indexes of lists, from the top down.
Where = tuple[str | int, ...]

TOP_KEYS = {
    "id",
    "name",
    "short_name",
    "citation",
    "terms",
    "instructions",
    "scales",
    "subscales",
    "items",
    "cutoffs",
    "reliable_change",
    "style_midpoint",
    "boundary_margin",
}
ITEM_KEYS = {"id", "text", "subscale", "reversed", "scale", "words"}
SUBSCALE_KEYS = {"id", "label", "rule", "range"}
CUTOFF_KEYS = {"subscale", "below", "meaning", "source"}
RELIABLE_CHANGE_KEYS = {"subscale", "sd", "alpha", "source"}


class InstrumentError(Exception):
    """An instrument file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ScaleOption:
    """One answer a person can give: the stored value and the words shown for it."""

    value: int
    label: str


@dataclass(frozen=True)
class Scale:
    """A named response scale; its options are in the order they are shown."""

    name: str
    options: tuple[ScaleOption, ...]

    @property
    def values(self) -> frozenset[int]:
        """Every value an answer on this scale may take."""
        return frozenset(option.value for option in self.options)

    @property
    def lowest(self) -> int:
        """The smallest value on the scale."""
        return min(self.values)

    @property
    def highest(self) -> int:
        """The largest value on the scale."""
        return max(self.values)

    def reverse(self, value: int) -> int:
        """Score a reverse-keyed answer: 8 - answer on a 1 to 7 scale."""
        return self.lowest + self.highest - value


@dataclass(frozen=True)
class WordPair:
    """The two words of a word-pair item, as printed, and which one is the positive end."""

    left: str
    right: str
    positive: Side


@dataclass(frozen=True)
class Item:
    """One question, known by a stable id that never depends on its position."""

    id: str
    text: str
    subscale: str
    reversed: bool
    scale: str
    words: WordPair | None = None


@dataclass(frozen=True)
class Subscale:
    """A score made from a group of items by a rule (mean or sum), with its possible range."""

    id: str
    label: str
    rule: Rule
    minimum: float
    maximum: float


@dataclass(frozen=True)
class Cutoff:
    """A published threshold: a score below `below` means what `meaning` says."""

    subscale: str
    below: float
    meaning: str
    source: str


@dataclass(frozen=True)
class Reliability:
    """The SD and reliability a reliable-change index needs; None until verified."""

    subscale: str
    sd: float | None
    alpha: float | None
    source: str


@dataclass(frozen=True)
class Instrument:
    """A published questionnaire: its wording, response scales, scoring key and cut-offs."""

    id: str
    name: str
    short_name: str
    citation: str
    terms: str
    instructions: str
    scales: tuple[Scale, ...]
    subscales: tuple[Subscale, ...]
    items: tuple[Item, ...]
    cutoffs: tuple[Cutoff, ...] = ()
    reliability: Reliability | None = None
    # Only attachment instruments place scores among styles; see scoring.place_attachment.
    style_midpoint: float | None = None
    boundary_margin: float | None = None

    def scale_of(self, item: Item) -> Scale:
        """The response scale an item is answered on."""
        return next(scale for scale in self.scales if scale.name == item.scale)

    def items_of(self, subscale_id: str) -> tuple[Item, ...]:
        """The items that make up one subscale, in instrument order."""
        return tuple(item for item in self.items if item.subscale == subscale_id)

    def cutoff_for(self, subscale_id: str) -> Cutoff | None:
        """The cut-off for a subscale, if the instrument has one."""
        return next((cut for cut in self.cutoffs if cut.subscale == subscale_id), None)

    def display_options(self, item: Item) -> tuple[ScaleOption, ...]:
        """An item's options from left to right; a word pair runs from its left word's end."""
        options = self.scale_of(item).options
        if item.words is None:
            return options
        ascending = tuple(sorted(options, key=lambda option: option.value))
        return ascending[::-1] if item.words.positive == "left" else ascending


def load_instrument(path: str | Path) -> Instrument:
    """Read one instrument file; raise InstrumentError listing every problem in it."""
    instrument, problems = _read(Path(path))
    if instrument is None:
        raise InstrumentError(problems)
    return instrument


def check_instrument_file(path: str | Path) -> list[Problem]:
    """Every problem in one instrument file, each with its line; empty when the file is good."""
    return _read(Path(path))[1]


def load_instruments(directory: str | Path) -> dict[str, Instrument]:
    """Read every `*.yaml` instrument in a directory, keyed by instrument id."""
    instruments: dict[str, Instrument] = {}
    problems: list[Problem] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        instrument, found = _read(path)
        problems.extend(found)
        if instrument is None:
            continue
        if instrument.id in instruments:
            message = f"another file already uses id {instrument.id!r}"
            problems.append(Problem(str(path), 1, message))
        instruments[instrument.id] = instrument
    if problems:
        raise InstrumentError(problems)
    return instruments


def _read(path: Path) -> tuple[Instrument | None, list[Problem]]:
    """Parse and check one file, returning the instrument only when nothing is wrong."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, 1, f"cannot read the file: {error}")]
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        return None, [Problem(name, line, f"YAML syntax: {error.problem or error.context}")]
    except yaml.YAMLError as error:
        return None, [Problem(name, 1, f"YAML syntax: {error}")]
    if root is None:
        return None, [Problem(name, 1, "the file is empty")]
    reader = _FileReader(name)
    reader.index_lines(root, ())
    instrument = reader.instrument(data)
    if reader.problems:
        return None, sorted(reader.problems, key=lambda problem: problem.line)
    return instrument, []


class _FileReader:
    """Turns one parsed file into an Instrument, collecting problems with their lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[Where, int] = {}
        self.problems: list[Problem] = []

    def index_lines(self, node: yaml.Node, where: Where) -> None:
        """Remember the line of every place in the file and report duplicate keys."""
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self.index_lines(child, (*where, index))
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                # safe_load would silently keep the last of two equal keys.
                if key in seen:
                    line = key_node.start_mark.line + 1
                    self.problems.append(Problem(self.path, line, f"key {key!r} appears twice"))
                seen.add(key)
                self.index_lines(value_node, (*where, key))
                # A problem with a value is reported on its key's line, where a reader looks.
                self.lines[(*where, key)] = key_node.start_mark.line + 1

    def report(self, where: Where, message: str) -> None:
        """Record a problem at the nearest place in the file that has a line."""
        while where and where not in self.lines:
            where = where[:-1]
        self.problems.append(Problem(self.path, self.lines.get(where, 1), message))

    def instrument(self, data: Any) -> Instrument | None:
        """Read the whole file; None when its top level is not a mapping."""
        top = self.mapping(data, (), "the file")
        if top is None:
            return None
        self.known_keys(top, TOP_KEYS, ())
        for key in ("scales", "subscales", "items"):
            if key not in top:
                self.report((), f"missing required key {key!r}")
        scales = self.scales(top["scales"], ("scales",)) if "scales" in top else {}
        subscales = self.subscales(top["subscales"], ("subscales",)) if "subscales" in top else []
        items = self.items(top["items"], ("items",), scales, subscales) if "items" in top else []
        self.check_subscales_have_items(subscales, items, scales)
        subscale_ids = {subscale.id for subscale in subscales}
        midpoint = self.number(top, "style_midpoint", (), optional=True)
        margin = self.number(top, "boundary_margin", (), optional=True)
        if (midpoint is None) != (margin is None):
            self.report((), "style_midpoint and boundary_margin go together; give both or neither")
        if midpoint is not None and not {"anxiety", "avoidance"} <= subscale_ids:
            self.report(("style_midpoint",), "a style needs subscales 'anxiety' and 'avoidance'")
        return Instrument(
            id=self.text(top, "id", ()),
            name=self.text(top, "name", ()),
            short_name=self.text(top, "short_name", ()),
            citation=self.text(top, "citation", ()),
            terms=self.text(top, "terms", ()),
            instructions=self.text(top, "instructions", ()),
            scales=tuple(scales.values()),
            subscales=tuple(subscales),
            items=tuple(items),
            cutoffs=self.cutoffs(top.get("cutoffs", []), ("cutoffs",), subscale_ids),
            reliability=self.reliability(top.get("reliable_change"), subscale_ids),
            style_midpoint=midpoint,
            boundary_margin=margin,
        )

    def scales(self, data: Any, where: Where) -> dict[str, Scale]:
        """Read the named response scales."""
        scales: dict[str, Scale] = {}
        named = self.mapping(data, where, "'scales'")
        for name, raw_options in (named or {}).items():
            place = (*where, name)
            options: list[ScaleOption] = []
            for index, raw in enumerate(self.list_of(raw_options, place, f"scale {name!r}")):
                option = self.mapping(raw, (*place, index), "a scale option")
                if option is None:
                    continue
                self.known_keys(option, {"value", "label"}, (*place, index))
                value = self.whole_number(option, "value", (*place, index))
                label = self.text(option, "label", (*place, index), allow_empty=True)
                if value is None:
                    continue
                if value in {known.value for known in options}:
                    self.report((*place, index, "value"), f"scale {name!r} repeats value {value}")
                options.append(ScaleOption(value, label))
            if options:
                scales[str(name)] = Scale(str(name), tuple(options))
        return scales

    def subscales(self, data: Any, where: Where) -> list[Subscale]:
        """Read the subscales and their scoring rules."""
        subscales: list[Subscale] = []
        for index, raw in enumerate(self.list_of(data, where, "'subscales'")):
            place = (*where, index)
            entry = self.mapping(raw, place, "a subscale")
            if entry is None:
                continue
            self.known_keys(entry, SUBSCALE_KEYS, place)
            subscale_id = self.text(entry, "id", place)
            if subscale_id in {known.id for known in subscales}:
                self.report((*place, "id"), f"subscale id {subscale_id!r} is used twice")
            rule_name = self.text(entry, "rule", place)
            if rule_name and rule_name not in RULES:
                self.report((*place, "rule"), f"'rule' should be one of: {', '.join(RULES)}")
            rule: Rule = "sum" if rule_name == "sum" else "mean"
            bounds = self.mapping(entry.get("range"), (*place, "range"), "'range'") or {}
            minimum = self.number(bounds, "min", (*place, "range"))
            maximum = self.number(bounds, "max", (*place, "range"))
            subscales.append(
                Subscale(
                    id=subscale_id,
                    label=self.text(entry, "label", place),
                    rule=rule,
                    minimum=minimum or 0.0,
                    maximum=maximum or 0.0,
                )
            )
        return subscales

    def items(
        self, data: Any, where: Where, scales: dict[str, Scale], subscales: list[Subscale]
    ) -> list[Item]:
        """Read the items and check that each points at a real subscale and scale."""
        items: list[Item] = []
        subscale_ids = [subscale.id for subscale in subscales]
        for index, raw in enumerate(self.list_of(data, where, "'items'")):
            place = (*where, index)
            entry = self.mapping(raw, place, "an item")
            if entry is None:
                continue
            self.known_keys(entry, ITEM_KEYS, place)
            item_id = self.text(entry, "id", place)
            if item_id and item_id in {known.id for known in items}:
                self.report((*place, "id"), f"item id {item_id!r} is used twice")
            item = Item(
                id=item_id,
                text=self.text(entry, "text", place),
                subscale=self.text(entry, "subscale", place),
                reversed=self.flag(entry, "reversed", place),
                scale=self.text(entry, "scale", place),
                words=self.words(entry.get("words"), (*place, "words")),
            )
            if item.subscale and item.subscale not in subscale_ids:
                known = ", ".join(subscale_ids)
                self.report(
                    (*place, "subscale"),
                    f"item {item_id}: unknown subscale {item.subscale!r} (known: {known})",
                )
            if item.scale and item.scale not in scales:
                known = ", ".join(scales)
                self.report(
                    (*place, "scale"),
                    f"item {item_id}: unknown scale {item.scale!r} (known: {known})",
                )
            items.append(item)
        return items

    def words(self, data: Any, where: Where) -> WordPair | None:
        """Read the optional left and right words of a word-pair item."""
        if data is None:
            return None
        entry = self.mapping(data, where, "'words'")
        if entry is None:
            return None
        self.known_keys(entry, {"left", "right", "positive"}, where)
        side = self.text(entry, "positive", where)
        if side and side not in SIDES:
            self.report((*where, "positive"), "'positive' should be left or right")
        positive: Side = "right" if side == "right" else "left"
        return WordPair(self.text(entry, "left", where), self.text(entry, "right", where), positive)

    def check_subscales_have_items(
        self, subscales: list[Subscale], items: list[Item], scales: dict[str, Scale]
    ) -> None:
        """Each subscale needs an item, and its stated range must be what its items can give."""
        for index, subscale in enumerate(subscales):
            members = [item for item in items if item.subscale == subscale.id]
            if not members:
                self.report(("subscales", index), f"subscale {subscale.id!r} has no items")
                continue
            member_scales = [scales[item.scale] for item in members if item.scale in scales]
            if len(member_scales) != len(members):
                continue
            lowest = float(sum(scale.lowest for scale in member_scales))
            highest = float(sum(scale.highest for scale in member_scales))
            if subscale.rule == "mean":
                lowest, highest = lowest / len(members), highest / len(members)
            if not (
                math.isclose(subscale.minimum, lowest) and math.isclose(subscale.maximum, highest)
            ):
                self.report(
                    ("subscales", index, "range"),
                    f"subscale {subscale.id!r}: its items give {lowest:g}{EN_DASH}{highest:g}, "
                    f"not {subscale.minimum:g}{EN_DASH}{subscale.maximum:g}",
                )

    def cutoffs(self, data: Any, where: Where, subscale_ids: set[str]) -> tuple[Cutoff, ...]:
        """Read the cut-offs; each needs a known subscale and a numeric threshold."""
        cutoffs: list[Cutoff] = []
        for index, raw in enumerate(self.list_of(data, where, "'cutoffs'", allow_empty=True)):
            place = (*where, index)
            entry = self.mapping(raw, place, "a cut-off")
            if entry is None:
                continue
            self.known_keys(entry, CUTOFF_KEYS, place)
            subscale = self.text(entry, "subscale", place)
            if subscale and subscale not in subscale_ids:
                self.report((*place, "subscale"), f"cut-off for unknown subscale {subscale!r}")
            below = self.number(entry, "below", place)
            cutoffs.append(
                Cutoff(
                    subscale=subscale,
                    below=below or 0.0,
                    meaning=self.text(entry, "meaning", place),
                    source=self.text(entry, "source", place),
                )
            )
        return tuple(cutoffs)

    def reliability(self, data: Any, subscale_ids: set[str]) -> Reliability | None:
        """Read the optional reliable-change block; sd and alpha may be null until verified."""
        if data is None:
            return None
        where: Where = ("reliable_change",)
        entry = self.mapping(data, where, "'reliable_change'")
        if entry is None:
            return None
        self.known_keys(entry, RELIABLE_CHANGE_KEYS, where)
        subscale = self.text(entry, "subscale", where)
        if subscale and subscale not in subscale_ids:
            self.report((*where, "subscale"), f"reliable change for unknown subscale {subscale!r}")
        sd = self.number(entry, "sd", where, nullable=True)
        alpha = self.number(entry, "alpha", where, nullable=True)
        if sd is not None and sd <= 0:
            self.report((*where, "sd"), "'sd' should be above 0")
        if alpha is not None and not 0 <= alpha < 1:
            self.report((*where, "alpha"), "'alpha' should be at least 0 and below 1")
        return Reliability(subscale, sd, alpha, self.text(entry, "source", where))

    def mapping(self, data: Any, where: Where, what: str) -> dict[str, Any] | None:
        """The data as a mapping, or None after reporting that it is not one."""
        if isinstance(data, dict):
            return data
        self.report(where, f"{what} should be a mapping of keys to values")
        return None

    def list_of(self, data: Any, where: Where, what: str, allow_empty: bool = False) -> list[Any]:
        """The data as a list, or an empty list after reporting what is wrong."""
        if not isinstance(data, list):
            if data is not None or not allow_empty:
                self.report(where, f"{what} should be a list")
            return []
        if not data and not allow_empty:
            self.report(where, f"{what} should not be empty")
        return data

    def known_keys(self, entry: dict[str, Any], allowed: set[str], where: Where) -> None:
        """Report keys nobody reads, which are usually typos."""
        for key in entry:
            if key not in allowed:
                self.report((*where, key), f"unknown key {key!r}")

    def text(self, entry: dict[str, Any], key: str, where: Where, allow_empty: bool = False) -> str:
        """A required text value, or "" after reporting what is wrong."""
        if key not in entry:
            self.report(where, f"missing required key {key!r}")
            return ""
        value = entry[key]
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            self.report((*where, key), f"{key!r} should be text")
            return ""
        return value

    def flag(self, entry: dict[str, Any], key: str, where: Where) -> bool:
        """A required true/false value, or False after reporting what is wrong."""
        if key not in entry:
            self.report(where, f"missing required key {key!r}")
            return False
        value = entry[key]
        if not isinstance(value, bool):
            self.report((*where, key), f"{key!r} should be true or false")
            return False
        return value

    def whole_number(self, entry: dict[str, Any], key: str, where: Where) -> int | None:
        """A required whole number, or None after reporting what is wrong."""
        if key not in entry:
            self.report(where, f"missing required key {key!r}")
            return None
        value = entry[key]
        # bool is a subclass of int in Python, and `true` is never meant as a number here.
        if isinstance(value, bool) or not isinstance(value, int):
            self.report((*where, key), f"{key!r} should be a whole number")
            return None
        return value

    def number(
        self,
        entry: dict[str, Any],
        key: str,
        where: Where,
        optional: bool = False,
        nullable: bool = False,
    ) -> float | None:
        """A number (null allowed when `nullable`, absence when `optional`), or None."""
        if key not in entry:
            if not optional:
                self.report(where, f"missing required key {key!r}")
            return None
        value = entry[key]
        if value is None and nullable:
            return None
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not is_number or not math.isfinite(value):
            self.report((*where, key), f"{key!r} should be a number")
            return None
        return float(value)
