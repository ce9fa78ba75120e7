"""Finding and checking everything under content/: journeys and instrument files."""

from dataclasses import dataclass, field
from pathlib import Path

from attune.core import instruments
from attune.core.journeys import Journey, find_journey_sources, read_journey
from attune.core.problems import Problem


@dataclass
class ContentCheck:
    """What checking a set of paths found."""

    journeys: list[Journey] = field(default_factory=list)
    instrument_files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]


def is_instrument_file(path: Path) -> bool:
    return path.suffix in {".yaml", ".yml"} and path.parent.name == "instruments"


def check_paths(paths: list[Path]) -> ContentCheck:
    """Read and check every journey and instrument file at or under the paths."""
    result = ContentCheck()
    journey_paths: list[Path] = []
    for path in paths:
        if not path.exists():
            result.problems.append(Problem(str(path), 0, "no such file or folder"))
            continue
        if is_instrument_file(path):
            result.instrument_files.append(path)
        elif path.is_dir():
            result.instrument_files.extend(
                sorted(p for p in path.rglob("*") if is_instrument_file(p))
            )
            journey_paths.append(path / "journeys" if (path / "journeys").is_dir() else path)
        else:
            journey_paths.append(path)
    for source in find_journey_sources(journey_paths):
        if source.parent.name == "instruments":
            continue
        journey, problems = read_journey(source)
        result.problems.extend(problems)
        if journey is not None:
            result.journeys.append(journey)
    for path in result.instrument_files:
        result.problems.extend(instruments.check_instrument_file(path))
    slugs: dict[str, str] = {}
    for journey in result.journeys:
        if journey.slug in slugs:
            result.problems.append(
                Problem(
                    journey.path, 1, f"slug {journey.slug!r} is also used by {slugs[journey.slug]}"
                )
            )
        slugs[journey.slug] = journey.path
    return result
