"""One download of everything a person holds in Attune: JSON for machines, Markdown for people.

Each app's access module answers "what does this person hold here?" with `export_for(person)`:
their own things, plus what a partner shared with them, marked as such. Nothing a partner
kept private can be in it, because those functions only read through the same access rules
as the pages do.
"""

import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from attune.accounts.models import User
from attune.assessments import access as assessments_access
from attune.care import access as care_access
from attune.couples import access as couples_access
from attune.cycles import access as cycles_access
from attune.journal import access as journal_access
from attune.journeys import access as journeys_access
from attune.practices import access as practices_access
from attune.safety import access as safety_access

# Section name -> the app function that gathers it. Order is the order in the files.
EXPORTERS: list[tuple[str, Callable[[User], dict[str, object]]]] = [
    ("partner", couples_access.export_for),
    ("journeys", journeys_access.export_for),
    ("questionnaires", assessments_access.export_for),
    ("journal", journal_access.export_for),
    ("cycle_map", cycles_access.export_for),
    ("rituals", practices_access.export_for),
    ("therapists", care_access.export_for),
    ("safety_check", safety_access.export_for),
]

TAG = re.compile(r"<[^>]+>")


def gather(person: User) -> dict[str, Any]:
    """Everything the person holds, as JSON-ready data."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "about": (
            "Everything you wrote and answered in Attune, your results and settings, and the "
            "items your partner chose to share with you (under 'shared_with_me')."
        ),
        "account": {
            "email": person.email,
            "display_name": person.display_name,
            "time_zone": person.time_zone,
            "joined": person.date_joined.isoformat(),
        },
    }
    for name, exporter in EXPORTERS:
        data[name] = exporter(person)
    return data


def export_zip(person: User) -> bytes:
    """A zip with data.json and readable Markdown files."""
    data = gather(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("attune-export/data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("attune-export/README.md", readme(data))
        archive.writestr("attune-export/journeys.md", journeys_markdown(data["journeys"]))
        for name, _ in EXPORTERS:
            if name != "journeys":
                archive.writestr(
                    f"attune-export/{name.replace('_', '-')}.md",
                    generic_markdown(name.replace("_", " ").capitalize(), data[name]),
                )
    return buffer.getvalue()


def plain(fragment: str) -> str:
    """Text of a rendered HTML fragment, for Markdown files."""
    return html.unescape(TAG.sub("", fragment)).strip()


def readme(data: dict[str, Any]) -> str:
    account = data["account"]
    return (
        "# Your Attune data\n\n"
        f"Exported {data['exported_at']} for {account['email']}.\n\n"
        "- `data.json` holds everything, for moving to another tool.\n"
        "- The `.md` files are the same, for reading.\n"
        "- Items your partner shared with you are marked **shared with me**; nothing your "
        "partner kept private is here.\n"
    )


def journeys_markdown(journeys: dict[str, Any]) -> str:
    lines = ["# Journeys", ""]
    for enrollment in journeys["enrollments"]:
        lines.append(
            f"- **{enrollment['title']}**: started {enrollment['started_on']}, "
            f"{'together' if enrollment['together'] else 'on my own'}, "
            f"days finished: {', '.join(map(str, enrollment['days_finished'])) or 'none yet'}"
        )
    lines += ["", "## My answers", ""]
    lines += _answers_markdown(journeys["answers"])
    if journeys["shared_with_me"]:
        lines += ["", "## Shared with me", ""]
        lines += _answers_markdown(journeys["shared_with_me"])
    return "\n".join(lines) + "\n"


def _answers_markdown(answers: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    day = None
    for answer in answers:
        if (answer["journey"], answer["day"]) != day:
            day = (answer["journey"], answer["day"])
            lines += [f"### {answer['journey']} — Day {answer['day']}: {answer['day_title']}", ""]
        by = f" (from {answer['from']}, shared with me)" if "from" in answer else ""
        lines += [
            f"**{answer['question']}. {plain(answer['question_html'])}**{by}",
            "",
            answer["answer"] or "_(no answer)_",
            "",
        ]
    return lines or ["_Nothing yet._", ""]


def generic_markdown(title: str, value: Any) -> str:
    """Readable Markdown for any JSON-like data: headings for sections, bullets for fields."""
    return f"# {title}\n\n" + "\n".join(_markdown_lines(value, 2)) + "\n"


def _markdown_lines(value: Any, level: int) -> list[str]:
    if isinstance(value, dict):
        if not value:
            return ["_Nothing here._"]
        lines: list[str] = []
        for key, item in value.items():
            label = str(key).replace("_", " ")
            if isinstance(item, dict | list):
                lines += ["", f"{'#' * min(level, 6)} {label.capitalize()}", ""]
                lines += _markdown_lines(item, level + 1)
            else:
                text = plain(str(item)) if str(key).endswith("_html") else _scalar(item)
                lines.append(f"- **{label}**: {text}")
        return lines
    if isinstance(value, list):
        if not value:
            return ["_Nothing here._"]
        lines = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, dict | list):
                lines += ["", f"{'#' * min(level, 6)} {index}", ""]
                lines += _markdown_lines(item, level + 1)
            else:
                lines.append(f"- {_scalar(item)}")
        return lines
    return [_scalar(value)]


def _scalar(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
