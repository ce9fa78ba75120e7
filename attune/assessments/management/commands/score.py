"""score: score a paper form (or a CSV of many) exactly as the app does, and print JSON/CSV."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from attune.assessments.instruments import OFFERED, all_instruments
from attune.core.scoring import ScoringError, results_to_csv, score_csv, score_in_order


class Command(BaseCommand):
    help = (
        "Score one form: score ecr-r --answers 1,2,... (item order; CSI: the points printed on "
        "the form). Or many: score csi-4 --csv forms.csv [--output scores.csv]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", help=f"one of: {', '.join(OFFERED)}")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--answers", help="comma-separated answers in item order")
        source.add_argument("--csv", type=Path, help="a CSV file: an id, then the answers")
        parser.add_argument("--output", type=Path, help="where to write the scored CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = all_instruments().get(options["instrument"])
        if instrument is None or options["instrument"] not in OFFERED:
            raise CommandError(
                f"unknown instrument {options['instrument']!r}; choose one of: {', '.join(OFFERED)}"
            )
        if options["answers"] is not None:
            values = []
            for position, cell in enumerate(options["answers"].split(","), start=1):
                try:
                    values.append(int(cell.strip()))
                except ValueError:
                    raise CommandError(
                        f"answer {position}: {cell.strip()!r} is not a whole number"
                    ) from None
            try:
                result = score_in_order(instrument, values)
            except ScoringError as wrong:
                raise CommandError(str(wrong)) from None
            self.stdout.write(json.dumps(result.as_json_dict()))
            return
        path: Path = options["csv"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as unreadable:
            raise CommandError(f"{path}: cannot read the file ({unreadable})") from None
        rows, problems = score_csv(instrument, text)
        for problem in problems:
            who = f"id {problem.id}: " if problem.id else ""
            self.stderr.write(f"{path}:{problem.line}: {who}{problem.message}")
        output = results_to_csv(rows)
        if options["output"]:
            options["output"].write_text(output, encoding="utf-8")
        else:
            self.stdout.write(output, ending="")
        if problems:
            raise CommandError(f"{len(problems)} row(s) could not be scored; {len(rows)} scored.")
