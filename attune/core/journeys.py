"""Journeys in Markdown: read a journey file or folder, check it, and render it once.

The format is the one of the original "Attachment Healing" seed (docs/writing-journeys.md):
YAML front matter, an introduction, `## Day N: Title` sections with `###` subsections, and
the plan, daily activities, foundations and outcomes. A journey is either one file or a folder
holding `journey.md` and one file per day. Every problem is reported with its file and line.
"""

import hashlib
import math
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from attune.core.markdown import render_inline, render_markdown
from attune.core.problems import Problem

JOURNEY_SUFFIXES = {".md", ".markdown", ".txt"}
FOLDER_JOURNEY_FILE = "journey.md"
KNOWN_TOOLS = frozenset(
    {
        "ecr-r", "ecr-rs", "csi-4", "csi-16", "journal", "trigger-log", "weekly-review",
        "cycle-map", "i-statement-coach", "speaker-listener", "breathing", "grounding",
        "body-scan", "ritual-builder", "safety-check",
    }
)  # fmt: skip
REQUIRED_FRONT_MATTER: dict[str, type] = {
    "title": str,
    "duration": str,
    "category": str,
    "sequence": int,
    "description": str,
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DURATION = re.compile(r"^\s*(\d+)\s*(day|days|week|weeks)\s*$", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
DAY_HEADING = re.compile(r"^Day\s+(\d+)\s*(?:[:.\-\u2013\u2014]\s*(.*))?$", re.IGNORECASE)
WEEK_HEADING = re.compile(r"^Week\s+(\d+)\s*(?:[:.\-\u2013\u2014]\s*(.*))?$", re.IGNORECASE)
TOOL_LINE = re.compile(r"^\s*\{\{\s*tool\s*:\s*([^}]*?)\s*\}\}\s*$")
NUMBERED_ITEM = re.compile(r"^(\d+)[.)]\s+(.*)$")
STEP_PARAGRAPH = re.compile(r"^\**Step\s+(\d+)\**\s*[:.]", re.IGNORECASE)
BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
TOGETHER = re.compile(r"\b(together|take turns|with your partner|as a couple)\b", re.IGNORECASE)

# Level-2 sections of the journey body, by the start of their heading.
PLAN = "plan"
OVERVIEW_SECTIONS = {
    "your journey plan": PLAN,
    "daily activities": "daily_activities",
    "psychological foundation": "foundation",
    "expected outcomes": "outcomes",
}
# Level-3 sections of a day, by the start of their heading (apostrophes normalised).
LEARNING, WHY, ACTIVITY, QUESTIONS = "learning", "why", "activity", "questions"
DAY_SECTIONS = {
    "today's learning": LEARNING,
    "why this matters": WHY,
    "today's activity": ACTIVITY,
    "reflection questions": QUESTIONS,
}
PRACTICE_KINDS = {"practice": "Practice", "trigger technique": "Trigger Technique"}


@dataclass(frozen=True)
class Step:
    """One step of a day's activity, ticked by each person; together-steps form the talk."""

    number: int
    html: str
    together: bool


@dataclass(frozen=True)
class Question:
    """One numbered reflection question."""

    number: int
    html: str


@dataclass(frozen=True)
class Practice:
    """A practice or trigger technique to carry through the day."""

    kind: str
    name: str
    html: str


@dataclass
class Day:
    """One day of a journey, rendered."""

    number: int
    title: str
    path: str
    line: int
    learning_html: str = ""
    why_html: str = ""
    activity_intro_html: str = ""
    steps: list[Step] = field(default_factory=list)
    activity_after_html: str = ""
    solo_html: str = ""
    practice: Practice | None = None
    questions: list[Question] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    extra_html: str = ""


@dataclass(frozen=True)
class PlanWeek:
    """One week of the journey plan: its theme and one topic per day."""

    number: int
    theme: str
    topics: tuple[str, ...]


@dataclass
class Journey:
    """A whole journey as read from its file or folder, with its HTML rendered."""

    slug: str
    title: str
    category: str
    sequence: int
    description: str
    duration: str
    duration_days: int
    path: str
    intro_html: str = ""
    plan: list[PlanWeek] = field(default_factory=list)
    daily_activities_html: str = ""
    foundation_html: str = ""
    outcomes_html: str = ""
    days: list[Day] = field(default_factory=list)
    fingerprint: str = ""


@dataclass
class _Line:
    """A line of source with the file and line number it came from."""

    path: str
    number: int
    text: str


@dataclass
class _Section:
    """A heading and the lines under it, up to the next heading of the same or higher level."""

    title: str
    level: int
    at: _Line
    body: list[_Line] = field(default_factory=list)
    children: list["_Section"] = field(default_factory=list)

    def markdown(self) -> str:
        return "\n".join(line.text for line in self.body)


def parse_duration(text: str) -> int | None:
    """The number of days in "6 weeks", "1 week" or "10 days"; None if not understood."""
    match = DURATION.match(text)
    if not match or int(match.group(1)) < 1:
        return None
    count = int(match.group(1))
    return count * 7 if match.group(2).lower().startswith("week") else count


def weeks_in(duration_days: int) -> int:
    """How many plan weeks a duration needs."""
    return math.ceil(duration_days / 7)


def slugify(text: str) -> str:
    """Lower-case words joined by dashes, for a journey slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def is_journey_folder(path: Path) -> bool:
    """A folder journey holds a journey.md beside its day files."""
    return path.is_dir() and (path / FOLDER_JOURNEY_FILE).is_file()


def find_journey_sources(paths: Iterable[Path]) -> list[Path]:
    """Every journey file or folder at or under the given paths, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            if path.suffix.lower() in JOURNEY_SUFFIXES:
                found.append(path)
        elif is_journey_folder(path):
            found.append(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or child.name.lower().startswith("readme"):
                    continue
                if child.is_dir() or child.suffix.lower() in JOURNEY_SUFFIXES:
                    found.extend(find_journey_sources([child]))
    return found


def read_journey(source: Path) -> tuple[Journey | None, list[Problem]]:
    """Read and check one journey file or folder; the journey is None when there are errors."""
    reader = _JourneyReader()
    journey = reader.read(source)
    has_errors = any(not problem.warning for problem in reader.problems)
    return (None if has_errors else journey), reader.problems


class _JourneyReader:
    """Collects problems while turning a journey's source into a Journey."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, at: _Line, message: str, warning: bool = False) -> None:
        self.problems.append(Problem(at.path, at.number, message, warning))

    def read(self, source: Path) -> Journey | None:
        main = source / FOLDER_JOURNEY_FILE if source.is_dir() else source
        texts: list[tuple[Path, str]] = []
        try:
            main_text = main.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as unreadable:
            self.problems.append(Problem(str(main), 1, f"cannot read file: {unreadable}"))
            return None
        texts.append((main, main_text))
        front, body_start = self.front_matter(str(main), main_text)
        lines = [
            _Line(str(main), number, text)
            for number, text in enumerate(main_text.splitlines(), start=1)
        ][body_start:]
        root = self.outline(lines)
        day_sections = [s for s in root if s.level == 2 and DAY_HEADING.match(s.title)]
        if source.is_dir():
            for day_file in sorted(source.iterdir()):
                if day_file == main or day_file.suffix.lower() not in JOURNEY_SUFFIXES:
                    continue
                if day_file.name.lower().startswith("readme"):
                    continue
                day_sections.extend(self.day_file_sections(day_file, texts))
        if front is None:
            return None
        journey = self.journey_from_front(front, source, str(main))
        if journey is None:
            return None
        self.overview(journey, root, str(main))
        self.days(journey, day_sections, str(main))
        digest = hashlib.sha256()
        for path, text in texts:
            digest.update(path.name.encode() + b"\0" + text.encode() + b"\0")
        journey.fingerprint = digest.hexdigest()
        return journey

    def day_file_sections(self, path: Path, texts: list[tuple[Path, str]]) -> list[_Section]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as unreadable:
            self.problems.append(Problem(str(path), 1, f"cannot read file: {unreadable}"))
            return []
        texts.append((path, text))
        lines = [_Line(str(path), n, t) for n, t in enumerate(text.splitlines(), start=1)]
        sections = self.outline(lines)
        days = [s for s in sections if s.level == 2 and DAY_HEADING.match(s.title)]
        if len(days) != 1:
            first = lines[0] if lines else _Line(str(path), 1, "")
            self.problem(
                first,
                f"a day file must hold exactly one '## Day N: Title' section, found {len(days)}",
            )
        return days

    def front_matter(self, path: str, text: str) -> tuple[dict[str, Any] | None, int]:
        """The front matter mapping and the index of the first body line."""
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            self.problems.append(Problem(path, 1, "missing front matter: start with a '---' line"))
            return None, 0
        closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        if closing is None:
            self.problems.append(Problem(path, 1, "front matter is not closed by a '---' line"))
            return None, 0
        try:
            data = yaml.safe_load("\n".join(lines[1:closing]))
        except yaml.YAMLError as bad:
            mark = getattr(bad, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 2
            reason = getattr(bad, "problem", None) or str(bad).splitlines()[0]
            self.problems.append(Problem(path, line, f"front matter is not valid YAML: {reason}"))
            return None, closing + 1
        if not isinstance(data, dict):
            self.problems.append(Problem(path, 2, "front matter must be 'key: value' lines"))
            return None, closing + 1
        return data, closing + 1

    def journey_from_front(self, front: dict[str, Any], source: Path, path: str) -> Journey | None:
        at = _Line(path, 1, "")
        ok = True
        for key, kind in REQUIRED_FRONT_MATTER.items():
            value = front.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.problem(at, f"front matter: '{key}' is required")
                ok = False
            elif not isinstance(value, kind) or isinstance(value, bool):
                self.problem(at, f"front matter: '{key}' must be {_kind_name(kind)}")
                ok = False
        if not ok:
            return None
        duration_days = parse_duration(front["duration"])
        if duration_days is None:
            self.problem(
                at,
                f"front matter: duration {front['duration']!r} is not understood; "
                "write it like '6 weeks', '1 week' or '10 days'",
            )
            return None
        slug = front.get("slug") or slugify(front["title"])
        if not isinstance(slug, str) or not SLUG.match(slug):
            self.problem(at, "front matter: 'slug' must be lower-case words joined by dashes")
            return None
        return Journey(
            slug=slug,
            title=front["title"].strip(),
            category=front["category"].strip(),
            sequence=front["sequence"],
            description=front["description"].strip(),
            duration=front["duration"].strip(),
            duration_days=duration_days,
            path=str(source),
        )

    def outline(self, lines: list[_Line]) -> list[_Section]:
        """Flat list of sections (levels 1–2) with their level-3 children nested."""
        sections: list[_Section] = []
        preamble = _Section("", 0, lines[0] if lines else _Line("", 1, ""))
        sections.append(preamble)
        current = preamble
        child: _Section | None = None
        in_fence = False
        for line in lines:
            if FENCE.match(line.text):
                in_fence = not in_fence
            heading = None if in_fence else HEADING.match(line.text)
            if heading and len(heading.group(1)) <= 2:
                current = _Section(heading.group(2), len(heading.group(1)), line)
                sections.append(current)
                child = None
            elif heading and len(heading.group(1)) == 3:
                child = _Section(heading.group(2), 3, line)
                current.children.append(child)
            elif child is not None:
                child.body.append(line)
            else:
                current.body.append(line)
        return sections

    def overview(self, journey: Journey, sections: list[_Section], path: str) -> None:
        intro: list[str] = []
        plan: _Section | None = None
        for section in sections:
            if section.level == 2 and DAY_HEADING.match(section.title):
                continue
            kind = _section_kind(section.title, OVERVIEW_SECTIONS)
            if kind == PLAN:
                plan = section
            elif kind is not None:
                setattr(journey, f"{kind}_html", render_markdown(_full_markdown(section)))
            elif section.level == 1 or section.level == 0:
                # The h1 title is the page's own heading; what follows it is the introduction.
                intro.append(_full_markdown(section, with_heading=False))
            else:
                intro.append(_full_markdown(section))
        journey.intro_html = render_markdown("\n\n".join(part for part in intro if part.strip()))
        if plan is None:
            self.problem(_Line(path, 1, ""), "missing '## Your Journey Plan' section")
            return
        journey.plan = self.plan_weeks(plan, weeks_in(journey.duration_days), journey.duration)

    def plan_weeks(self, plan: _Section, expected: int, duration: str) -> list[PlanWeek]:
        weeks: list[PlanWeek] = []
        for child in plan.children:
            match = WEEK_HEADING.match(child.title)
            if not match:
                self.problem(child.at, f"plan: expected '### Week N: Theme', found {child.title!r}")
                continue
            topics = tuple(
                bullet.group(1).strip()
                for line in child.body
                if (bullet := BULLET.match(line.text)) and not line.text.startswith((" ", "\t"))
            )
            weeks.append(PlanWeek(int(match.group(1)), (match.group(2) or "").strip(), topics))
        numbers = [week.number for week in weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            self.problem(plan.at, f"plan: weeks must be numbered 1, 2, 3…; found {numbers}")
        if len(weeks) != expected:
            self.problem(
                plan.at,
                f"plan: a journey of {duration} needs {expected} week(s) in its plan, "
                f"found {len(weeks)}",
            )
        return weeks

    def days(self, journey: Journey, sections: list[_Section], path: str) -> None:
        seen: dict[int, _Line] = {}
        for section in sections:
            match = DAY_HEADING.match(section.title)
            assert match is not None
            number = int(match.group(1))
            title = (match.group(2) or "").strip()
            if not title:
                self.problem(section.at, f"Day {number} needs a title: '## Day {number}: Title'")
            if number in seen:
                earlier = seen[number]
                self.problem(
                    section.at,
                    f"Day {number} appears twice (also at {earlier.path}:{earlier.number})",
                )
                continue
            seen[number] = section.at
            journey.days.append(self.day(number, title, section))
        journey.days.sort(key=lambda day: day.number)
        numbers = [day.number for day in journey.days]
        if not numbers:
            self.problem(_Line(path, 1, ""), "the journey has no '## Day N: Title' sections")
        for expected, day in enumerate(journey.days, start=1):
            if day.number != expected:
                self.problem(
                    _Line(day.path, day.line, ""),
                    f"days must be numbered 1..N with no gap: expected Day {expected}, "
                    f"found Day {day.number}",
                )
                break
        if numbers and numbers[-1] > journey.duration_days:
            last = journey.days[-1]
            self.problem(
                _Line(last.path, last.line, ""),
                f"Day {last.number} is beyond the journey's duration of {journey.duration}",
            )

    def day(self, number: int, title: str, section: _Section) -> Day:
        day = Day(number=number, title=title, path=section.at.path, line=section.at.number)
        found: set[str] = set()
        extra: list[str] = []
        # Text directly under the day heading (before any ###) is kept as a lead-in.
        lead = self.take_tools(day, section.body)
        if lead.strip():
            extra.append(lead)
        for child in section.children:
            body = self.take_tools(day, child.body)
            kind = _section_kind(child.title, DAY_SECTIONS)
            practice = _practice_kind(child.title)
            if kind in found:
                self.problem(child.at, f"Day {number}: '{child.title}' appears twice")
                continue
            if kind == LEARNING:
                day.learning_html = render_markdown(body)
            elif kind == WHY:
                day.why_html = render_markdown(body)
            elif kind == ACTIVITY:
                self.activity(day, child, body)
            elif kind == QUESTIONS:
                self.questions(day, child, body)
            elif practice is not None:
                name = child.title.split(":", 1)[1].strip() if ":" in child.title else ""
                day.practice = Practice(practice, name, render_markdown(body))
            else:
                extra.append(f"### {child.title}\n\n{body}")
            if kind is not None:
                found.add(kind)
        if extra:
            day.extra_html = render_markdown("\n\n".join(extra))
        for kind, label in (
            (LEARNING, "### Today's Learning"),
            (ACTIVITY, "### Today's Activity"),
            (QUESTIONS, "### Reflection Questions"),
        ):
            if kind not in found:
                self.problem(section.at, f"Day {number} has no '{label}' section")
        if WHY not in found:
            self.problem(
                section.at, f"Day {number} has no '### Why This Matters…' section", warning=True
            )
        return day

    def take_tools(self, day: Day, lines: list[_Line]) -> str:
        """The section's Markdown without its `{{ tool: NAME }}` lines, noting the tools."""
        kept: list[str] = []
        for line in lines:
            match = TOOL_LINE.match(line.text)
            if match is None:
                kept.append(line.text)
                continue
            name = match.group(1).strip().lower()
            if name not in KNOWN_TOOLS:
                self.problem(
                    line,
                    f"unknown tool {name!r}; the day will show its text alone "
                    f"(known tools: {', '.join(sorted(KNOWN_TOOLS))})",
                    warning=True,
                )
            elif name not in day.tools:
                day.tools.append(name)
        return "\n".join(kept)

    def activity(self, day: Day, section: _Section, body: str) -> None:
        """Split an activity into its lead-in, tickable steps, what follows, and the solo part."""
        lines = body.split("\n")
        solo_at = next(
            (
                i
                for i, text in enumerate(lines)
                if (h := HEADING.match(text)) and h.group(2).lower().startswith("on your own")
            ),
            None,
        )
        if solo_at is not None:
            day.solo_html = render_markdown("\n".join(lines[solo_at + 1 :]))
            lines = lines[:solo_at]
        intro, steps, after = _split_steps(lines)
        day.activity_intro_html = render_markdown("\n".join(intro))
        day.activity_after_html = render_markdown("\n".join(after))
        day.steps = [
            Step(number, render_markdown(text), bool(TOGETHER.search(_plain(text)[:60])))
            for number, text in enumerate(steps, start=1)
        ]
        if not day.steps:
            self.problem(
                section.at,
                f"Day {day.number}: the activity has no steps; number them '1. …' "
                "or start paragraphs with 'Step 1:'",
                warning=True,
            )

    def questions(self, day: Day, section: _Section, body: str) -> None:
        items: list[list[str]] = []
        for text in body.split("\n"):
            match = NUMBERED_ITEM.match(text)
            if match:
                items.append([match.group(2)])
            elif items and text.startswith((" ", "\t")) and text.strip():
                items[-1].append(text.strip())
        day.questions = [
            Question(number, render_inline(" ".join(parts)))
            for number, parts in enumerate(items, start=1)
        ]
        if not day.questions:
            self.problem(
                section.at,
                f"Day {day.number}: 'Reflection Questions' needs at least one numbered "
                "question ('1. …')",
            )


def _split_steps(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Lead-in lines, the text of each step, and lines after the steps.

    Steps are either a top-level numbered list ("1. …", continuation lines indented) or
    paragraphs that start with "Step N:" (as in the seed), each running to the next step.
    """
    step_paragraphs = [i for i, text in enumerate(lines) if STEP_PARAGRAPH.match(text)]
    if step_paragraphs:
        starts = [*step_paragraphs, len(lines)]
        steps = ["\n".join(lines[a:b]).strip() for a, b in pairwise(starts)]
        return lines[: step_paragraphs[0]], steps, []
    intro: list[str] = []
    steps_text: list[list[str]] = []
    after: list[str] = []
    blank_before = False
    for text in lines:
        if after:
            after.append(text)
            continue
        match = NUMBERED_ITEM.match(text)
        if match:
            steps_text.append([match.group(2)])
        elif not steps_text:
            intro.append(text)
        elif not text.strip():
            steps_text[-1].append("")
        elif text.startswith((" ", "\t")) or not blank_before:
            steps_text[-1].append(text[3:] if text.startswith("   ") else text.strip())
        else:
            after.append(text)
        blank_before = not text.strip()
    return intro, ["\n".join(step).strip() for step in steps_text], after


def _plain(markdown: str) -> str:
    return re.sub(r"[*_`]", "", markdown)


def _normalise(title: str) -> str:
    return title.replace("\u2019", "'").strip().lower()


def _section_kind(title: str, kinds: dict[str, str]) -> str | None:
    normalised = _normalise(title)
    for start, kind in kinds.items():
        if normalised.startswith(start):
            return kind
    return None


def _practice_kind(title: str) -> str | None:
    normalised = _normalise(title)
    for start, label in PRACTICE_KINDS.items():
        if normalised.startswith(start):
            return label
    return None


def _full_markdown(section: _Section, with_heading: bool = True) -> str:
    parts = [section.markdown()]
    for child in section.children:
        parts.append(f"### {child.title}\n\n{child.markdown()}")
    text = "\n\n".join(parts)
    if with_heading and section.level == 2 and _section_kind(section.title, OVERVIEW_SECTIONS):
        return text  # the page renders these sections under its own headings
    if with_heading and section.level >= 2:
        return f"## {section.title}\n\n{text}"
    return text


def _kind_name(kind: type) -> str:
    return {str: "text", int: "a whole number"}.get(kind, kind.__name__)


def days_open(started_on: date, today: date, total_days: int) -> int:
    """How many days are open: Day 1 on the start date, one more each calendar day after."""
    if today < started_on:
        return 1 if total_days else 0
    return min(total_days, (today - started_on).days + 1)


def days_per_week(total_days: int, plan_weeks: int) -> int:
    """How many journey days each plan week holds (30 days over 6 weeks: 5)."""
    return max(1, math.ceil(total_days / max(plan_weeks, 1)))


def current_day(open_count: int, done: AbstractSet[int]) -> int:
    """The day to show next: the first open day not finished, else the last open day."""
    for number in range(1, open_count + 1):
        if number not in done:
            return number
    return max(open_count, 1)
