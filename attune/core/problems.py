"""Problems found in content files, reported as `path:line: message` for editors and CI."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, as a warning, worth a look) in a content file, at a line."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop an import; warnings do not."""
    return [problem for problem in problems if not problem.warning]
