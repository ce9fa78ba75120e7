"""check_content: report every problem in journeys and instruments as path:line: message."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from attune.journeys.content import check_paths


class Command(BaseCommand):
    help = "Check journeys and instrument files (default: content/). Exits 1 on any error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        paths = options["paths"] or [Path(settings.CONTENT_DIR)]
        result = check_paths(paths)
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.errors:
            raise CommandError(f"{len(result.errors)} problem(s) found; nothing was changed.")
        self.stdout.write(
            f"{len(result.journeys)} journey(s) and {len(result.instrument_files)} instrument "
            f"file(s) checked: no problems."
        )
