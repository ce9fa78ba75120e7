"""The ritual library, read from content/practices/rituals.yaml once per process.

The library is a static file in git, identical on every app server, so reading it once is safe.
People's adopted rituals point at a library entry by slug; a slug that later disappears from
the file leaves their ritual working, just without the library's words.
"""

from dataclasses import dataclass
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.http import Http404


class Kind:
    """The two shelves of the library."""

    SECURITY = "security"
    REPAIR = "repair"


KIND_NAMES = {
    Kind.SECURITY: "Security rituals",
    Kind.REPAIR: "Repair rituals",
}
KIND_ABOUT = {
    Kind.SECURITY: "Small, predictable moments of connection, so closeness doesn't have to be "
    "chased or braced against.",
    Kind.REPAIR: "Ways to pause a hard moment and find your way back to each other afterwards.",
}

# What a calendar shows for a ritual whose library entry is gone.
FALLBACK_LABEL = "ritual"


@dataclass(frozen=True)
class LibraryRitual:
    """A ritual as the library describes it: what to do, why it helps, and a neutral label."""

    slug: str
    kind: str
    title: str
    label: str
    minutes: int
    summary: str
    steps: tuple[str, ...]
    why: str
    alone: str
    days: tuple[int, ...]
    time: time | None

    @property
    def calendar_title(self) -> str:
        """The words a calendar or a lock screen shows: neutral, never the person's own."""
        return f"Attune: {self.label}"


def calendar_title_for(slug: str) -> str:
    """The neutral calendar words for a library slug, even one no longer in the library."""
    found = all_rituals().get(slug)
    return found.calendar_title if found else f"Attune: {FALLBACK_LABEL}"


class LibraryError(ValueError):
    """The library file has a problem; the message names the ritual and the field."""


def _entry(raw: dict[str, Any], position: int) -> LibraryRitual:
    where = f"rituals.yaml ritual {position} ({raw.get('slug', 'no slug')})"
    for key in ("slug", "kind", "title", "label", "minutes", "summary", "steps", "why", "alone"):
        if not raw.get(key):
            raise LibraryError(f"{where}: '{key}' is missing or empty.")
    if raw["kind"] not in KIND_NAMES:
        raise LibraryError(f"{where}: kind must be one of {', '.join(KIND_NAMES)}.")
    days = tuple(int(day) for day in raw.get("days") or ())
    if any(day not in range(7) for day in days):
        raise LibraryError(f"{where}: days must be 0 (Monday) to 6 (Sunday).")
    suggested = str(raw.get("time") or "")
    try:
        at = time.fromisoformat(suggested) if suggested else None
    except ValueError as bad:
        raise LibraryError(f"{where}: time must look like 20:30.") from bad
    return LibraryRitual(
        slug=str(raw["slug"]),
        kind=str(raw["kind"]),
        title=str(raw["title"]),
        label=str(raw["label"]),
        minutes=int(raw["minutes"]),
        summary=" ".join(str(raw["summary"]).split()),
        steps=tuple(" ".join(str(step).split()) for step in raw["steps"]),
        why=" ".join(str(raw["why"]).split()),
        alone=" ".join(str(raw["alone"]).split()),
        days=days,
        time=at,
    )


def load_library(path: Path) -> dict[str, LibraryRitual]:
    """Every ritual in a library file by slug, in the file's order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, LibraryRitual] = {}
    for position, raw in enumerate(data.get("rituals") or [], start=1):
        ritual = _entry(raw, position)
        if ritual.slug in found:
            raise LibraryError(f"rituals.yaml: the slug {ritual.slug} appears twice.")
        found[ritual.slug] = ritual
    return found


@cache
def all_rituals() -> dict[str, LibraryRitual]:
    """The library by slug."""
    return load_library(Path(settings.CONTENT_DIR) / "practices" / "rituals.yaml")


@dataclass(frozen=True)
class Shelf:
    """One kind of ritual, with a line about what they are for."""

    kind: str
    name: str
    about: str
    rituals: tuple[LibraryRitual, ...]


def shelves() -> list[Shelf]:
    """The library as shelves, in the order people read it."""
    rituals = list(all_rituals().values())
    return [
        Shelf(kind, name, KIND_ABOUT[kind], tuple(r for r in rituals if r.kind == kind))
        for kind, name in KIND_NAMES.items()
    ]


def get_library_ritual(slug: str) -> LibraryRitual:
    """One library ritual by slug, or 404."""
    found = all_rituals().get(slug)
    if found is None:
        raise Http404
    return found
