"""Words for styles and for the dance two styles tend to fall into, from content/assessments/."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings


@dataclass(frozen=True)
class StyleWords:
    """How a style tends to feel, where it often comes from, and what helps."""

    id: str
    label: str
    feels_like: str
    came_from: str
    what_helps: str


@dataclass(frozen=True)
class Dance:
    """The pattern two styles often fall into together."""

    name: str
    text: str


@dataclass(frozen=True)
class Words:
    """All the words, read once."""

    styles: dict[str, StyleWords]
    near_boundary: str
    dances: dict[frozenset[str], Dance]


@cache
def words() -> Words:
    """Read the style and dance words (static content from git)."""
    path = Path(settings.CONTENT_DIR) / "assessments" / "styles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Words(
        styles={
            style_id: StyleWords(
                id=style_id,
                label=entry["label"],
                feels_like=entry["feels_like"],
                came_from=entry["came_from"],
                what_helps=entry["what_helps"],
            )
            for style_id, entry in data["styles"].items()
        },
        near_boundary=data["near_boundary"],
        dances={
            frozenset(entry["styles"]): Dance(entry["name"], entry["text"])
            for entry in data["dances"]
        },
    )


def dance_for(first_style: str, second_style: str) -> Dance | None:
    """The dance two styles tend to fall into (order does not matter)."""
    return words().dances.get(frozenset({first_style, second_style}))
