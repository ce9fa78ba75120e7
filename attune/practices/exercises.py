"""The calming exercises as data: breathing patterns and the body scan's stops.

The pages render these for reading without JavaScript, and hand the same data to the small
timer script, so the written counts and the guided counts never disagree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    """One part of a breath: what to do, for how many counts (a count is a second)."""

    cue: str
    counts: int

    @property
    def counted(self) -> str:
        """The phase as text counts: "Breathe in… 2… 3… 4"."""
        return f"{self.cue}… " + "… ".join(str(n) for n in range(2, self.counts + 1))


@dataclass(frozen=True)
class BreathingPattern:
    """A rhythm of breathing, repeated for a few minutes."""

    slug: str
    name: str
    rhythm: str
    about: str
    phases: tuple[Phase, ...]

    @property
    def seconds_per_round(self) -> int:
        return sum(phase.counts for phase in self.phases)

    def as_data(self) -> dict[str, object]:
        """What the timer script needs."""
        return {
            "slug": self.slug,
            "name": self.name,
            "phases": [{"cue": p.cue, "counts": p.counts} for p in self.phases],
        }


BREATHING_PATTERNS = (
    BreathingPattern(
        slug="box",
        name="Box breathing",
        rhythm="in 4 · hold 4 · out 4 · hold 4",
        about="Four even sides, like tracing a square. Steadying when your thoughts are racing.",
        phases=(
            Phase("Breathe in", 4),
            Phase("Hold", 4),
            Phase("Breathe out", 4),
            Phase("Hold", 4),
        ),
    ),
    BreathingPattern(
        slug="slower-exhale",
        name="A slower breath out",
        rhythm="in 4 · out 6",
        about="Breathing out for longer than you breathe in tells your body it can stand down. "
        "Gentle when you feel flooded or shaky.",
        phases=(Phase("Breathe in", 4), Phase("Breathe out", 6)),
    ),
    BreathingPattern(
        slug="long-exhale",
        name="A long breath out",
        rhythm="in 4 · out 7",
        about="The same idea, a little deeper. If it feels like a strain, go back to out 6.",
        phases=(Phase("Breathe in", 4), Phase("Breathe out", 7)),
    ),
)
DEFAULT_PATTERN = "slower-exhale"
BREATHING_MINUTES = (1, 2, 3, 4)
DEFAULT_MINUTES = 2


def breathing_pattern(slug: str) -> BreathingPattern:
    """The pattern with this slug, or the gentle default for anything else."""
    for pattern in BREATHING_PATTERNS:
        if pattern.slug == slug:
            return pattern
    return next(p for p in BREATHING_PATTERNS if p.slug == DEFAULT_PATTERN)


@dataclass(frozen=True)
class ScanStop:
    """A place the body scan rests for a while."""

    place: str
    guide: str
    seconds: int = 25


BODY_SCAN = (
    ScanStop(
        "Settling",
        "Sit or lie so your body is supported. Let your eyes close or rest on one spot. "
        "Take two slow breaths and let the out-breath be a little longer.",
        20,
    ),
    ScanStop(
        "Feet",
        "Notice your feet: the floor under them, warmth or coolness, pressure, tingling. "
        "Nothing to change, only noticing.",
    ),
    ScanStop(
        "Legs",
        "Move your attention up through your calves and knees to your thighs. "
        "Notice where they are heavy and where they are held.",
    ),
    ScanStop(
        "Belly and back",
        "Feel your belly rise and fall with the breath. Notice your back against the chair "
        "or floor. If there is tightness, breathe towards it.",
    ),
    ScanStop(
        "Chest",
        "Notice your chest and heartbeat. Feelings often live here: heaviness, flutter, "
        "ache, ease. Name what is here in one word, kindly.",
    ),
    ScanStop(
        "Hands and arms",
        "Notice your hands. Let them soften, fingers loose. Feel your arms hanging from "
        "your shoulders.",
    ),
    ScanStop(
        "Shoulders and neck",
        "Shoulders often creep up when we are on guard. See if they can drop a little, "
        "just a little, on the next breath out.",
    ),
    ScanStop(
        "Jaw and face",
        "Unclench your jaw; let your tongue rest. Soften the space between your eyebrows "
        "and around your eyes.",
    ),
    ScanStop(
        "Whole body",
        "Sense your whole body breathing at once. Notice one place that feels even slightly "
        "okay, and rest your attention there for a moment before you open your eyes.",
        30,
    ),
)


def body_scan_minutes() -> int:
    """How long the guided body scan takes, rounded up to whole minutes."""
    seconds = sum(stop.seconds for stop in BODY_SCAN)
    return -(-seconds // 60)
