"""import_content: check, then import journeys by slug. Idempotent; never deletes user data."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from attune.journeys.content import check_paths
from attune.journeys.services import import_journey


class Command(BaseCommand):
    help = "Import journeys (default: content/). Nothing is imported if any file has a problem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        paths = options["paths"] or [Path(settings.CONTENT_DIR)]
        result = check_paths(paths)
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.errors:
            raise CommandError(f"{len(result.errors)} problem(s) found; nothing was imported.")
        for journey in result.journeys:
            outcome = import_journey(journey)
            retired = f", {outcome.retired} retired" if outcome.retired else ""
            self.stdout.write(f"{outcome.slug}: {outcome.outcome} ({outcome.days} days{retired})")
