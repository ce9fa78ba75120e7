"""The Attachment Healing journey as written: every day meets the brief it was written to."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from attune.core.journeys import Day, read_journey
from tests.cast import REPO, SEED

JOURNEY = REPO / "content" / "journeys" / "attachment-healing"
SEEDCHECK = REPO.parent / "shared" / "tools" / "seedcheck"


def days() -> list[Day]:
    journey, _ = read_journey(JOURNEY)
    assert journey is not None
    return journey.days


def words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("day", days(), ids=lambda d: f"day-{d.number}")
def test_each_day_is_complete(day: Day) -> None:
    assert 400 <= words(day.learning_html) <= 800
    assert "Example:" in day.learning_html, "a worked example of a couple"
    assert day.why_html
    assert "Time:" in day.activity_intro_html
    assert len(day.steps) >= 3
    together = [step.together for step in day.steps]
    assert together[0] is False and together[-1] is True, "alone first, then together"
    assert day.solo_html, "an on-your-own alternative"
    assert 3 <= len(day.questions) <= 5


def test_day_n_follows_the_plan() -> None:
    journey, _ = read_journey(JOURNEY)
    assert journey is not None
    seed, _ = read_journey(SEED) if SEED.exists() else (journey, [])
    assert seed is not None
    assert [w.topics for w in journey.plan] == [w.topics for w in seed.plan]
    assert len(journey.days) == sum(len(w.topics) for w in journey.plan) == 30


def test_the_tools_are_where_the_journey_needs_them() -> None:
    tools = {day.number: day.tools for day in days()}
    assert {"ecr-r", "ecr-rs", "csi-4"} <= set(tools[2])
    assert "ecr-rs" in tools[15] and "csi-4" in tools[15]
    assert any("cycle-map" in tools[n] for n in range(16, 21))
    assert "ecr-rs" in tools[29] and "csi-4" in tools[29]


def test_no_guilt_words() -> None:
    for path in sorted(JOURNEY.glob("*.md")):
        text = path.read_text(encoding="utf-8").lower()
        for word in ("streak", "you failed", "you missed"):
            assert word not in text, f"{path.name}: {word}"


@pytest.mark.skipif(not SEEDCHECK.exists(), reason="the shared tools are not beside this checkout")
def test_no_sentence_is_copied_from_the_seeds() -> None:
    files = [str(p) for p in sorted((REPO / "content").rglob("*")) if p.is_file()]
    files += [str(p) for p in sorted((REPO / "docs").rglob("*.md"))]
    result = subprocess.run(
        [sys.executable, str(SEEDCHECK), *files], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_readme_exists_for_newcomers() -> None:
    assert Path(REPO / "README.md").exists()
