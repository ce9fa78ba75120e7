"""The journey parser and linter, on the seed and on small journeys written here."""

from datetime import date
from pathlib import Path

import pytest

from attune.core.journeys import (
    days_open,
    days_per_week,
    find_journey_sources,
    parse_duration,
    read_journey,
)
from attune.core.markdown import render_markdown
from tests.cast import REPO, SEED

FRONT = """---
title: Small Steps
duration: 1 week
category: Practice
sequence: 2
description: A short journey for tests.
---
"""
PLAN = """
## Your Journey Plan

### Week 1: Beginning
- First topic
- Second topic
"""


def day(number: int, title: str = "A Day", questions: str = "1. What do you notice?") -> str:
    return f"""
## Day {number}: {title}

### Today's Learning
Something to learn.

### Why This Matters For Your Relationship
Because it does.

### Today's Activity
**Time:** 10 minutes

1. **On your own:** write.
2. **Together:** talk.

#### On Your Own
Write a letter you do not send.

### Reflection Questions
{questions}
"""


def write(tmp_path: Path, text: str, name: str = "journey.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    _, problems = read_journey(write(tmp_path, text))
    return [str(problem) for problem in problems]


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside this checkout")
def test_the_seed_file_reads_unchanged_with_no_problems() -> None:
    journey, problems = read_journey(SEED)
    assert problems == []
    assert journey is not None
    assert (journey.slug, journey.title, journey.duration_days) == (
        "attachment-healing",
        "Attachment Healing",
        42,
    )
    assert [week.theme for week in journey.plan][:2] == [
        "Understanding Attachment",
        "Anxious Attachment Healing",
    ]
    first = journey.days[0]
    assert first.title == "Your Attachment Story"
    assert len(first.questions) == 4
    assert [step.together for step in first.steps] == [False, True, True]
    assert "Emma and Jason" in first.learning_html
    assert "Understanding Attachment" in journey.intro_html
    assert "By the end of this journey" in journey.outcomes_html


def test_the_real_journey_has_thirty_complete_days() -> None:
    journey, problems = read_journey(REPO / "content" / "journeys" / "attachment-healing")
    assert [p for p in problems if not p.warning] == []
    assert journey is not None
    assert [d.number for d in journey.days] == list(range(1, 31))
    assert len(journey.plan) == 6


def test_a_small_journey_reads(tmp_path: Path) -> None:
    journey, problems = read_journey(write(tmp_path, FRONT + "# Small\n\nHello." + day(1) + PLAN))
    assert problems == []
    assert journey is not None
    assert journey.slug == "small-steps"
    assert journey.days[0].solo_html.strip() == "<p>Write a letter you do not send.</p>"
    assert [s.together for s in journey.days[0].steps] == [False, True]


def test_a_folder_journey_reads_its_day_files_by_number(tmp_path: Path) -> None:
    write(tmp_path, FRONT + "# Small\n" + PLAN)
    write(tmp_path, day(2, "Second"), "z-second.md")
    write(tmp_path, day(1, "First"), "a-first.md")
    journey, problems = read_journey(tmp_path)
    assert problems == []
    assert journey is not None
    assert [(d.number, d.title) for d in journey.days] == [(1, "First"), (2, "Second")]
    assert find_journey_sources([tmp_path]) == [tmp_path]


def test_missing_and_mistyped_front_matter(tmp_path: Path) -> None:
    text = FRONT.replace("sequence: 2", "sequence: soon").replace("title: Small Steps\n", "")
    found = messages(tmp_path, text + day(1) + PLAN)
    assert f"{tmp_path / 'journey.md'}:1: front matter: 'title' is required" in found
    assert f"{tmp_path / 'journey.md'}:1: front matter: 'sequence' must be a whole number" in found


def test_malformed_yaml_names_its_line(tmp_path: Path) -> None:
    text = FRONT.replace("category: Practice", "category: [unclosed")
    found = messages(tmp_path, text + day(1) + PLAN)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'journey.md'}:")
    assert "not valid YAML" in found[0]
    assert int(found[0].split(":")[1]) in {4, 5, 6}


def test_durations() -> None:
    assert parse_duration("6 weeks") == 42
    assert parse_duration("1 week") == 7
    assert parse_duration("10 days") == 10
    assert parse_duration("a fortnight") is None
    assert parse_duration("0 days") is None


def test_an_unknown_duration_is_reported(tmp_path: Path) -> None:
    found = messages(tmp_path, FRONT.replace("1 week", "a while") + day(1) + PLAN)
    assert any("duration 'a while' is not understood" in line for line in found)


def test_day_gaps_and_duplicates_name_the_line(tmp_path: Path) -> None:
    text = FRONT + day(1) + day(3) + day(3) + PLAN
    found = messages(tmp_path, text)
    assert any("Day 3 appears twice" in line for line in found)
    assert any("expected Day 2, found Day 3" in line for line in found)
    duplicate_line = next(line for line in found if "appears twice" in line)
    assert text.splitlines()[int(duplicate_line.split(":")[1]) - 1] == "## Day 3: A Day"


def test_a_day_needs_learning_an_activity_and_numbered_questions(tmp_path: Path) -> None:
    text = FRONT + "\n## Day 1: Bare\n\n### Reflection Questions\n- not numbered\n" + PLAN
    found = messages(tmp_path, text)
    assert any("no '### Today's Learning' section" in line for line in found)
    assert any("no '### Today's Activity' section" in line for line in found)
    assert any("needs at least one numbered question" in line for line in found)


def test_the_plan_needs_one_week_per_week(tmp_path: Path) -> None:
    found = messages(tmp_path, FRONT.replace("1 week", "2 weeks") + day(1) + PLAN)
    assert any("needs 2 week(s) in its plan, found 1" in line for line in found)


def test_unknown_tools_are_a_warning_and_known_ones_are_kept(tmp_path: Path) -> None:
    text = FRONT + day(1) + "\n{{ tool: ecr-r }}\n{{ tool: time-machine }}\n" + PLAN
    journey, problems = read_journey(write(tmp_path, text))
    assert journey is not None
    assert journey.days[0].tools == ["ecr-r"]
    assert [p.warning for p in problems] == [True]
    assert "unknown tool 'time-machine'" in str(problems[0])
    assert "{{" not in journey.days[0].learning_html + journey.days[0].extra_html


def test_a_day_file_must_hold_one_day(tmp_path: Path) -> None:
    write(tmp_path, FRONT + PLAN)
    write(tmp_path, day(1) + day(2), "days.md")
    _, problems = read_journey(tmp_path)
    assert any("exactly one '## Day N: Title' section, found 2" in str(p) for p in problems)


def test_generous_with_unicode_lists_emphasis_and_emoji(tmp_path: Path) -> None:
    learning = (
        "Café — “quotes” 💛 and **bold**, *italics*:\n\n- one\n  - nested ✨\n- two\n\n"
        "```\n## Day 9: not a heading inside code\n```\n"
    )
    text = FRONT + day(1).replace("Something to learn.", learning) + PLAN
    journey, problems = read_journey(write(tmp_path, text))
    assert problems == []
    assert journey is not None
    html = journey.days[0].learning_html
    assert "💛" in html and "<strong>bold</strong>" in html and "<em>italics</em>" in html
    assert html.count("<ul>") == 2


def test_content_cannot_put_script_on_a_page() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html


def test_days_open_one_per_calendar_day() -> None:
    start = date(2026, 3, 1)
    assert days_open(start, date(2026, 3, 1), 30) == 1
    assert days_open(start, date(2026, 3, 5), 30) == 5
    assert days_open(start, date(2026, 6, 1), 30) == 30
    assert days_open(start, date(2026, 2, 27), 30) == 1


def test_days_per_week() -> None:
    assert days_per_week(30, 6) == 5
    assert days_per_week(1, 6) == 1
    assert days_per_week(10, 2) == 5
