"""Stored questionnaire results read for people: dates, change since last time, and charts.

Used by a person's own result pages and by a practitioner's view of granted results.
"""

from typing import Any

from django.utils import formats

from attune.assessments.models import Assessment
from attune.core import charts
from attune.core.instruments import Instrument
from attune.core.scoring import Result, reliable_change


def taking_date(taking: Assessment) -> str:
    """The day a taking was finished, as people read dates."""
    assert taking.completed_at is not None  # only finished takings are shown
    return formats.date_format(taking.completed_at, "j M Y")


def as_result(taking: Assessment) -> Result:
    """A stored taking as the core scoring result, to compare two takings."""
    scores: dict[str, int | float] = {
        name: int(value) if float(value).is_integer() else float(value)
        for name, value in taking.scores.items()
    }
    return Result(
        instrument_id=taking.instrument,
        scores=scores,
        style=taking.style or None,
        near_boundary=taking.near_boundary,
        total=scores.get("total"),
        distressed=taking.distressed,
    )


def history_chart(
    instrument: Instrument, takings: list[Assessment], chart_id: str = "score-history"
) -> str:
    """The SVG chart of a total over successive takings, with its cut-off band."""
    subscale = instrument.subscales[0]
    cutoff = instrument.cutoff_for(subscale.id)
    points = []
    previous: Assessment | None = None
    for taking in takings:
        reliable = False
        if previous is not None:
            change = reliable_change(instrument, as_result(previous), as_result(taking))
            reliable = bool(change.reliable)
        points.append(
            charts.HistoryPoint(taking.scores[subscale.id], taking_date(taking), reliable)
        )
        previous = taking
    return charts.score_history_chart(
        points,
        minimum=subscale.minimum,
        maximum=subscale.maximum,
        cutoff=cutoff.below if cutoff else None,
        cutoff_label=f"Below {cutoff.below:g}: {cutoff.meaning}" if cutoff else "",
        title=f"{instrument.short_name} over time",
        y_label=subscale.label,
        chart_id=chart_id,
    )


def changes_since_last(instrument: Instrument, takings: list[Assessment]) -> list[dict[str, Any]]:
    """How each score moved since the previous taking."""
    if len(takings) < 2:
        return []
    before, after = as_result(takings[-2]), as_result(takings[-1])
    found = []
    for subscale in instrument.subscales:
        change = reliable_change(instrument, before, after) if subscale.id == "total" else None
        difference = float(after.scores[subscale.id]) - float(before.scores[subscale.id])
        found.append(
            {
                "label": subscale.label,
                "difference": round(difference, 2),
                "since": taking_date(takings[-2]),
                "crossed": change.crossed_cutoff if change else None,
                "reliable": change.reliable if change else None,
            }
        )
    return found
