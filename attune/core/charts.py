"""Accessible SVG charts of attachment scores and of a score over time, drawn on the server.

Each chart is one SVG string with no script, no stylesheet and nothing fetched: every colour
and size is an inline attribute, and every piece of text passes through `html.escape`. The
SVG is `role="img"`, labelled by its <title> and <desc>; the desc says the latest scores in
words, because a screen reader does not read the <title> tooltips inside an image. Values off
the scale are drawn at its edge, and their tooltips still show the true value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from attune.core.scoring import ATTACHMENT_STYLES, place_attachment

# The ECR-R and ECR-RS subscales are means of 1-7 answers.
SCALE_LOWEST = 1.0
SCALE_HIGHEST = 7.0
NO_RESULTS = "No results yet"

# Short words for the quadrants; the plot has room for one or two words each.
QUADRANT_LABELS: Mapping[str, str] = {
    "secure": "Secure",
    "anxious": "Anxious",
    "dismissive-avoidant": "Dismissive-avoidant",
    "fearful-avoidant": "Fearful-avoidant",
}

# Soft tints so the points, not the regions, carry the eye. The words name each region, so
# the tints need not be told apart.
_QUADRANT_TINTS: Mapping[str, str] = {
    "secure": "#eaf4ee",
    "anxious": "#fcf1e1",
    "dismissive-avoidant": "#e8f0f8",
    "fearful-avoidant": "#f3ecf5",
}

# Okabe-Ito hues, darkened to keep at least 4:1 contrast on every tint; each series also has
# its own marker shape, so colour is never the only difference.
_SERIES_COLOURS = ("#0072B2", "#C24E00", "#00785A", "#A8508A")
_SERIES_SHAPES = ("circle", "square", "triangle", "diamond")

_INK = "#3d3d3d"
_SOFT_INK = "#555555"
_AXIS = "#8c8c8c"
_GRID = "#e4e4e4"
_BAND = "#6b6b6b"
_BAND_OPACITY = "0.12"
_CUTOFF_FILL = "#fcefdf"
_CUTOFF_INK = "#7a4a12"
_LINE = "#0072B2"
# 13px in a viewBox about 500 wide stays near 9px on a narrow phone.
_SMALL_TEXT = 13
# About how wide one character of small text is; SVG cannot measure text on the server.
_CHARACTER_WIDTH = 7.3
_FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 forbids even when escaped; one in a label would break the whole SVG.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Attribute = str | int | float


@dataclass(frozen=True)
class PlotPoint:
    """One attachment result to plot: its two scores, a date label and whose it is."""

    anxiety: float
    avoidance: float
    label: str
    series: str = "me"


@dataclass(frozen=True)
class HistoryPoint:
    """One taking of a questionnaire: its score, a date label and whether it moved reliably."""

    value: float
    label: str
    # True when the change from the previous taking is larger than measurement error.
    reliable_change: bool = False


@dataclass(frozen=True)
class _Frame:
    """Where the plotting area sits in the viewBox, and the values at its edges."""

    left: float
    top: float
    width: float
    height: float
    low: float
    high: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, value: float) -> float:
        """The x of a value on the horizontal axis, kept inside the frame."""
        share = (_clamp(value, self.low, self.high) - self.low) / (self.high - self.low)
        return self.left + share * self.width

    def y(self, value: float) -> float:
        """The y of a value on the vertical axis, high values at the top, kept inside."""
        share = (_clamp(value, self.low, self.high) - self.low) / (self.high - self.low)
        return self.bottom - share * self.height


def attachment_plot(
    points: Sequence[PlotPoint],
    *,
    midpoint: float = 4.0,
    margin: float = 0.5,
    title: str = "Your attachment scores",
    chart_id: str = "attachment-plot",
) -> str:
    """An SVG plot of avoidance (across) and anxiety (up) with the four style regions."""
    for point in points:
        _check_finite(point.anxiety, "anxiety", point.label)
        _check_finite(point.avoidance, "avoidance", point.label)
    series = _series_order(points)
    frame = _Frame(left=64, top=16, width=392, height=392, low=SCALE_LOWEST, high=SCALE_HIGHEST)
    key_y = frame.bottom + 74
    legend_y = key_y + 26
    height = (legend_y if len(series) > 1 else key_y) + 18
    body = [
        *_quadrants(frame, midpoint),
        *_boundary_bands(frame, midpoint, margin),
        *_attachment_axes(frame),
        _boundary_key(frame.left, key_y, midpoint, margin),
    ]
    if len(series) > 1:
        body.append(_series_legend(frame.left, legend_y, series))
    if points:
        for index, name in enumerate(series):
            own = [point for point in points if point.series == name]
            body.append(_attachment_series(frame, own, index, named=len(series) > 1))
    else:
        body.append(_no_results(frame.left + frame.width / 2, frame.top + frame.height / 2))
    desc = _attachment_desc(points, series, midpoint, margin)
    return _svg(chart_id, 480, height, title, desc, body)


def score_history_chart(
    points: Sequence[HistoryPoint],
    *,
    minimum: float,
    maximum: float,
    cutoff: float | None,
    cutoff_label: str,
    title: str,
    y_label: str,
    chart_id: str = "score-history",
) -> str:
    """An SVG line chart of one score over successive takings, with its cut-off band."""
    _check_finite(minimum, "minimum", title)
    _check_finite(maximum, "maximum", title)
    if not minimum < maximum:
        raise ValueError(f"the minimum ({minimum}) must be below the maximum ({maximum})")
    if cutoff is not None:
        _check_finite(cutoff, "cut-off", title)
    for point in points:
        _check_finite(point.value, "score", point.label)
    width = 520
    if not points:
        body = [_no_results(width / 2, 70)]
        return _svg(chart_id, width, 140, title, f"{NO_RESULTS}.", body)
    frame = _Frame(left=64, top=16, width=432, height=220, low=minimum, high=maximum)
    reliable = any(point.reliable_change for point in points)
    legend_y = frame.bottom + 52
    height = (legend_y if reliable else frame.bottom + 28) + 16
    body = [*_history_axes(frame, y_label)]
    xs = _evenly_spaced(frame, len(points))
    body.append(_date_labels(frame, xs, [point.label for point in points], width))
    body.append(_history_line(frame, xs, points, y_label))
    if cutoff is not None:
        body.insert(0, _cutoff_band(frame, cutoff, cutoff_label))
        # Its words go over the line, haloed, so that a line crossing them leaves them legible.
        body.append(_cutoff_label(frame, cutoff, cutoff_label))
    if reliable:
        body.append(_reliable_legend(frame.left, legend_y))
    desc = _history_desc(points, minimum, maximum, cutoff, cutoff_label, y_label)
    return _svg(chart_id, width, height, title, desc, body)


# The attachment plot, piece by piece


def _quadrants(frame: _Frame, midpoint: float) -> list[str]:
    """The four tinted regions, each named in its outer corner."""
    split_x, split_y = frame.x(midpoint), frame.y(midpoint)
    parts = []
    for style in ATTACHMENT_STYLES.values():
        x0, x1 = (split_x, frame.right) if style.high_avoidance else (frame.left, split_x)
        y0, y1 = (frame.top, split_y) if style.high_anxiety else (split_y, frame.bottom)
        parts.append(
            _element(
                "rect",
                {
                    "x": x0,
                    "y": y0,
                    "width": x1 - x0,
                    "height": y1 - y0,
                    "fill": _QUADRANT_TINTS[style.id],
                },
            )
        )
        # Labels sit in the outer corners, away from the middle where most people score.
        text_x = frame.right - 10 if style.high_avoidance else frame.left + 10
        text_y = frame.top + 22 if style.high_anxiety else frame.bottom - 12
        parts.append(
            _text(
                QUADRANT_LABELS[style.id],
                {
                    "class": "region",
                    "x": text_x,
                    "y": text_y,
                    "text-anchor": "end" if style.high_avoidance else "start",
                    "font-size": 14,
                    "font-weight": 600,
                    "fill": _INK,
                },
            )
        )
    return parts


def _boundary_bands(frame: _Frame, midpoint: float, margin: float) -> list[str]:
    """Faint bands within `margin` of the midpoint on each axis, and the midpoint lines."""
    low, high = midpoint - margin, midpoint + margin
    shade: dict[str, Attribute] = {"fill": _BAND, "fill-opacity": _BAND_OPACITY}
    across: dict[str, Attribute] = {
        "x": frame.x(low),
        "y": frame.top,
        "width": frame.x(high) - frame.x(low),
    }
    up: dict[str, Attribute] = {"x": frame.left, "y": frame.y(high), "width": frame.width}
    tooltip = _title(f"Near the boundary: within {_score(margin)} of {_score(midpoint)}")
    dash: dict[str, Attribute] = {"stroke": _AXIS, "stroke-width": 1, "stroke-dasharray": "4 4"}
    return [
        _element(
            "g",
            {"class": "boundary-band"},
            tooltip
            + _element("rect", across | {"height": frame.height} | shade)
            + _element("rect", up | {"height": frame.y(low) - frame.y(high)} | shade),
        ),
        _line(frame.x(midpoint), frame.top, frame.x(midpoint), frame.bottom, dash),
        _line(frame.left, frame.y(midpoint), frame.right, frame.y(midpoint), dash),
    ]


def _attachment_axes(frame: _Frame) -> list[str]:
    """The frame, ticks 1 to 7 on both axes, and the two axis names."""
    parts = [
        _element(
            "rect",
            {
                "x": frame.left,
                "y": frame.top,
                "width": frame.width,
                "height": frame.height,
                "fill": "none",
                "stroke": _AXIS,
            },
        )
    ]
    tick_style: dict[str, Attribute] = {"stroke": _AXIS, "stroke-width": 1}
    label_style: dict[str, Attribute] = {
        "font-size": _SMALL_TEXT,
        "fill": _SOFT_INK,
        "text-anchor": "middle",
    }
    for value in range(int(SCALE_LOWEST), int(SCALE_HIGHEST) + 1):
        x, y = frame.x(value), frame.y(value)
        parts.append(_line(x, frame.bottom, x, frame.bottom + 5, tick_style))
        parts.append(
            _text(
                str(value),
                {"class": "x-tick", "x": x, "y": frame.bottom + 20, **label_style},
            )
        )
        parts.append(_line(frame.left - 5, y, frame.left, y, tick_style))
        parts.append(
            _text(
                str(value),
                {
                    "class": "y-tick",
                    "x": frame.left - 9,
                    "y": y,
                    "dy": "0.35em",
                    **label_style,
                    "text-anchor": "end",
                },
            )
        )
    name_style: dict[str, Attribute] = {
        "font-size": 14,
        "font-weight": 600,
        "fill": _INK,
        "text-anchor": "middle",
    }
    middle_x, middle_y = frame.left + frame.width / 2, frame.top + frame.height / 2
    parts.append(
        _text(
            "Avoidance →",
            {"class": "axis-label", "x": middle_x, "y": frame.bottom + 44, **name_style},
        )
    )
    # Rotated to read upwards, so the arrow points towards higher anxiety.
    parts.append(
        _text(
            "Anxiety →",
            {
                "class": "axis-label",
                "x": frame.left - 36,
                "y": middle_y,
                "transform": f"rotate(-90 {_coord(frame.left - 36)} {_coord(middle_y)})",
                **name_style,
            },
        )
    )
    return parts


def _boundary_key(x: float, y: float, midpoint: float, margin: float) -> str:
    """A swatch of the boundary band with its words."""
    return _element(
        "g",
        {"class": "key"},
        _element(
            "rect",
            {
                "x": x,
                "y": y - 11,
                "width": 22,
                "height": 14,
                "fill": _BAND,
                "fill-opacity": _BAND_OPACITY,
                "stroke": _AXIS,
                "stroke-dasharray": "3 3",
            },
        )
        + _text(
            f"Near the boundary (within {_score(margin)} of {_score(midpoint)})",
            {"x": x + 30, "y": y, "font-size": _SMALL_TEXT, "fill": _SOFT_INK},
        ),
    )


def _series_legend(x: float, y: float, series: Sequence[str]) -> str:
    """Each series' marker and name, in the order the series first appear."""
    entries = []
    for index, name in enumerate(series):
        colour = _SERIES_COLOURS[index % len(_SERIES_COLOURS)]
        shape = _SERIES_SHAPES[index % len(_SERIES_SHAPES)]
        marker = _marker(shape, x + 11, y - 4, 6, {"fill": colour})
        entries.append(
            marker + _text(name, {"x": x + 24, "y": y, "font-size": _SMALL_TEXT, "fill": _INK})
        )
        x += 40 + 7.5 * len(name)
    return _element("g", {"class": "legend"}, "".join(entries))


def _attachment_series(
    frame: _Frame, points: Sequence[PlotPoint], index: int, *, named: bool
) -> str:
    """One person's results: a path through them in order, small dots, the latest larger."""
    colour = _SERIES_COLOURS[index % len(_SERIES_COLOURS)]
    shape = _SERIES_SHAPES[index % len(_SERIES_SHAPES)]
    centres = [(frame.x(point.avoidance), frame.y(point.anxiety)) for point in points]
    parts = []
    if len(centres) > 1:
        parts.append(
            _element(
                "path",
                {
                    "class": "trail",
                    "d": _path(centres),
                    "fill": "none",
                    "stroke": colour,
                    "stroke-width": 2,
                    "stroke-opacity": "0.55",
                    "stroke-linejoin": "round",
                    "stroke-linecap": "round",
                },
            )
        )
    for position, (point, (x, y)) in enumerate(zip(points, centres, strict=True)):
        words = f"{point.label}: anxiety {_score(point.anxiety)}, "
        words += f"avoidance {_score(point.avoidance)}"
        if named:
            words = f"{point.series}, {words}"
        if position == len(points) - 1:
            # The latest is solid and larger, with a soft halo, so it reads as "now".
            halo = _element(
                "circle", {"cx": x, "cy": y, "r": 12, "fill": colour, "fill-opacity": "0.18"}
            )
            mark = _marker(shape, x, y, 7.5, {"fill": colour, "stroke": "#ffffff"})
            parts.append(
                _element("g", {"class": "point latest"}, _title(f"Latest, {words}") + halo + mark)
            )
        else:
            # Earlier results are hollow and small: present, but quieter than the latest.
            mark = _marker(shape, x, y, 4, {"fill": "#ffffff", "stroke": colour})
            parts.append(_element("g", {"class": "point"}, _title(words) + mark))
    return _element("g", {"class": "series", "data-series": points[0].series}, "".join(parts))


def _attachment_desc(
    points: Sequence[PlotPoint], series: Sequence[str], midpoint: float, margin: float
) -> str:
    """The plot in words: how it is laid out, then each person's latest result and region."""
    layout = (
        f"Avoidance runs across and anxiety runs up, each from 1 to 7, "
        f"split at {_score(midpoint)} into four regions."
    )
    if not points:
        return f"{layout} {NO_RESULTS}."
    sentences = [layout]
    for name in series:
        own = [point for point in points if point.series == name]
        latest = own[-1]
        placement = place_attachment(latest.anxiety, latest.avoidance, midpoint, margin)
        whose = f"{name}'s latest result" if len(series) > 1 else "Latest result"
        sentence = (
            f"{whose}, {latest.label}: anxiety {_score(latest.anxiety)}, "
            f"avoidance {_score(latest.avoidance)}, in the "
            f"{QUADRANT_LABELS[placement.style]} region"
        )
        others = [QUADRANT_LABELS[style] for style in placement.neighbouring_styles[1:]]
        if others:
            plural = "boundaries" if len(others) > 1 else "boundary"
            sentence += f", near its {plural} with {_and_list(others)}"
        sentence += "."
        if len(own) > 1:
            sentence += f" {len(own)} results are shown, joined in the order they were taken."
        sentences.append(sentence)
    return " ".join(sentences)


# The score history chart, piece by piece


def _cutoff_band(frame: _Frame, cutoff: float, label: str) -> str:
    """The region below the cut-off, shaded, with a dashed line at the cut-off."""
    top = frame.y(cutoff)
    return _element(
        "g",
        {"class": "cutoff"},
        _title(label)
        + _element(
            "rect",
            {
                "class": "cutoff-band",
                "x": frame.left,
                "y": top,
                "width": frame.width,
                "height": frame.bottom - top,
                "fill": _CUTOFF_FILL,
            },
        )
        + _line(
            frame.left,
            top,
            frame.right,
            top,
            {"stroke": _CUTOFF_INK, "stroke-width": 1, "stroke-dasharray": "5 4"},
        ),
    )


def _cutoff_label(frame: _Frame, cutoff: float, label: str) -> str:
    """The band's words, inside it when it is tall enough, otherwise just above its line."""
    top = frame.y(cutoff)
    return _text(
        label,
        {
            "class": "cutoff-label",
            "x": frame.left + 10,
            "y": top + 17 if frame.bottom - top >= 24 else top - 6,
            "font-size": _SMALL_TEXT,
            "fill": _CUTOFF_INK,
            "stroke": _CUTOFF_FILL,
            "stroke-width": 4,
            "stroke-linejoin": "round",
            "paint-order": "stroke",
        },
    )


def _history_axes(frame: _Frame, y_label: str) -> list[str]:
    """Gridlines and labels at round values, the two axis lines, and the y axis name."""
    parts = []
    for value in _round_ticks(frame.low, frame.high):
        y = frame.y(value)
        parts.append(_line(frame.left, y, frame.right, y, {"stroke": _GRID, "stroke-width": 1}))
        parts.append(
            _text(
                _score(value),
                {
                    "class": "y-tick",
                    "x": frame.left - 9,
                    "y": y,
                    "dy": "0.35em",
                    "text-anchor": "end",
                    "font-size": _SMALL_TEXT,
                    "fill": _SOFT_INK,
                },
            )
        )
    axis: dict[str, Attribute] = {"stroke": _AXIS, "stroke-width": 1}
    parts.append(_line(frame.left, frame.top, frame.left, frame.bottom, axis))
    parts.append(_line(frame.left, frame.bottom, frame.right, frame.bottom, axis))
    middle_y = frame.top + frame.height / 2
    parts.append(
        _text(
            y_label,
            {
                "class": "axis-label",
                "x": frame.left - 44,
                "y": middle_y,
                "transform": f"rotate(-90 {_coord(frame.left - 44)} {_coord(middle_y)})",
                "text-anchor": "middle",
                "font-size": 13,
                "font-weight": 600,
                "fill": _INK,
            },
        )
    )
    return parts


def _evenly_spaced(frame: _Frame, count: int) -> list[float]:
    """The x of each taking, evenly spaced and clear of the axes; one taking sits centred."""
    if count == 1:
        return [frame.left + frame.width / 2]
    inset = 28
    step = (frame.width - 2 * inset) / (count - 1)
    return [frame.left + inset + index * step for index in range(count)]


def _date_labels(
    frame: _Frame, xs: Sequence[float], labels: Sequence[str], chart_width: float
) -> str:
    """Date labels under the takings, thinned so that they never overlap."""
    widest = max(len(label) for label in labels) * _CHARACTER_WIDTH + 12
    spacing = xs[1] - xs[0] if len(xs) > 1 else frame.width
    every = max(1, math.ceil(widest / spacing))
    shown = list(range(0, len(xs), every))
    # The latest date always shows; an earlier one too close to it gives way.
    if shown[-1] != len(xs) - 1:
        if len(xs) - 1 - shown[-1] < every and len(shown) > 1:
            shown.pop()
        shown.append(len(xs) - 1)
    return _element(
        "g",
        {"class": "x-labels"},
        "".join(
            _text(
                labels[index],
                {
                    "class": "x-tick",
                    # Centred under the taking, but nudged in rather than cut off at an edge.
                    "x": _clamp(
                        xs[index],
                        len(labels[index]) * _CHARACTER_WIDTH / 2 + 2,
                        chart_width - len(labels[index]) * _CHARACTER_WIDTH / 2 - 2,
                    ),
                    "y": frame.bottom + 20,
                    "text-anchor": "middle",
                    "font-size": _SMALL_TEXT,
                    "fill": _SOFT_INK,
                },
            )
            for index in shown
        ),
    )


def _history_line(
    frame: _Frame, xs: Sequence[float], points: Sequence[HistoryPoint], y_label: str
) -> str:
    """The line through the takings in order, a dot for each, a ring on reliable changes."""
    centres = [(x, frame.y(point.value)) for x, point in zip(xs, points, strict=True)]
    parts = []
    if len(centres) > 1:
        parts.append(
            _element(
                "path",
                {
                    "class": "trail",
                    "d": _path(centres),
                    "fill": "none",
                    "stroke": _LINE,
                    "stroke-width": "2.5",
                    "stroke-linejoin": "round",
                    "stroke-linecap": "round",
                },
            )
        )
    for position, (point, (x, y)) in enumerate(zip(points, centres, strict=True)):
        latest = position == len(points) - 1
        words = f"{point.label}: {y_label} {_score(point.value)}"
        content = ""
        if point.reliable_change:
            words += ", a reliable change"
            content += _element(
                "circle",
                {
                    "class": "ring",
                    "cx": x,
                    "cy": y,
                    "r": 10,
                    "fill": "none",
                    "stroke": _INK,
                    "stroke-width": 2,
                },
            )
        content += _element(
            "circle",
            {
                "cx": x,
                "cy": y,
                "r": 6 if latest else "4.5",
                "fill": _LINE,
                "stroke": "#ffffff",
                "stroke-width": "1.5",
            },
        )
        classes = "point latest" if latest else "point"
        parts.append(_element("g", {"class": classes}, _title(words) + content))
    return _element("g", {"class": "series"}, "".join(parts))


def _reliable_legend(x: float, y: float) -> str:
    """What the ring around a point means."""
    return _element(
        "g",
        {"class": "legend"},
        _element(
            "circle",
            {"cx": x + 10, "cy": y - 4, "r": 8, "fill": "none", "stroke": _INK, "stroke-width": 2},
        )
        + _element("circle", {"cx": x + 10, "cy": y - 4, "r": 4, "fill": _LINE})
        + _text(
            "Reliable change: more than measurement error",
            {"x": x + 26, "y": y, "font-size": _SMALL_TEXT, "fill": _SOFT_INK},
        ),
    )


def _history_desc(
    points: Sequence[HistoryPoint],
    minimum: float,
    maximum: float,
    cutoff: float | None,
    cutoff_label: str,
    y_label: str,
) -> str:
    """The chart in words: the latest score, where it sits, the first one and reliable moves."""
    latest = points[-1]
    sentences = [
        f"Latest, {latest.label}: {y_label} {_score(latest.value)}, on a scale from "
        f"{_score(minimum)} to {_score(maximum)}."
    ]
    if cutoff is not None:
        # Strictly below, as the scoring reads the cut-off.
        side = "below" if latest.value < cutoff else "at or above"
        sentences.append(f"That is {side} the cut-off of {_score(cutoff)} ({cutoff_label}).")
    if len(points) > 1:
        first = points[0]
        sentences.append(
            f"{len(points)} results are shown, the first on {first.label} at {_score(first.value)}."
        )
    reliable = [point.label for point in points if point.reliable_change]
    if reliable:
        sentences.append(f"Reliable change at {_and_list(reliable)}.")
    return " ".join(sentences)


# Shared drawing


def _svg(chart_id: str, width: int, height: float, title: str, desc: str, body: list[str]) -> str:
    """The outer SVG: scalable, an image to assistive technology, named by title and desc."""
    # The ids are listed in aria-labelledby, which splits on spaces.
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError(f"{chart_id!r} is not a usable id: use letters, digits and -")
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    opening = _attributes(
        {
            "xmlns": _SVG_NAMESPACE,
            "viewBox": f"0 0 {width} {_coord(height)}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{title_id} {desc_id}",
            "font-family": _FONT,
        }
    )
    return (
        f"<svg {opening}>"
        f'<title id="{_escaped(title_id)}">{_escaped(title)}</title>'
        f'<desc id="{_escaped(desc_id)}">{_escaped(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _no_results(x: float, y: float) -> str:
    """A gentle note where the results will appear."""
    return _element(
        "g",
        {"class": "empty"},
        _element(
            "rect",
            {
                "x": x - 80,
                "y": y - 20,
                "width": 160,
                "height": 36,
                "rx": 8,
                "fill": "#ffffff",
                "stroke": _GRID,
            },
        )
        + _text(
            NO_RESULTS,
            {"x": x, "y": y + 3, "text-anchor": "middle", "font-size": 14, "fill": _SOFT_INK},
        ),
    )


def _marker(shape: str, x: float, y: float, size: float, paint: dict[str, Attribute]) -> str:
    """A marker of about the same area in each shape, centred on x, y."""
    defaults: dict[str, Attribute] = {"stroke-width": "1.5"}
    paint = defaults | paint
    if shape == "circle":
        return _element("circle", {"cx": x, "cy": y, "r": size} | paint)
    if shape == "square":
        side = size * 1.8
        return _element(
            "rect",
            {"x": x - side / 2, "y": y - side / 2, "width": side, "height": side} | paint,
        )
    if shape == "triangle":
        corners = [(x, y - size * 1.3), (x + size * 1.2, y + size * 0.8)]
        corners.append((x - size * 1.2, y + size * 0.8))
    else:
        reach = size * 1.3
        corners = [(x, y - reach), (x + reach, y), (x, y + reach), (x - reach, y)]
    points = " ".join(f"{_coord(cx)},{_coord(cy)}" for cx, cy in corners)
    return _element("polygon", {"points": points} | paint)


def _line(x1: float, y1: float, x2: float, y2: float, paint: Mapping[str, Attribute]) -> str:
    """A straight line."""
    return _element("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, **paint})


def _path(centres: Sequence[tuple[float, float]]) -> str:
    """Path data through the centres in order."""
    steps = [f"{_coord(x)} {_coord(y)}" for x, y in centres]
    return "M" + " L".join(steps)


def _text(words: str, attributes: Mapping[str, Attribute]) -> str:
    """A text element holding escaped words."""
    return _element("text", attributes, _escaped(words))


def _title(words: str) -> str:
    """A tooltip for the element it opens."""
    return f"<title>{_escaped(words)}</title>"


def _escaped(text: str) -> str:
    """Text made safe for SVG content and attribute values."""
    return escape(_NOT_XML.sub("", text))


def _element(name: str, attributes: Mapping[str, Attribute], content: str = "") -> str:
    """One SVG element; content must already be escaped markup."""
    opening = f"<{name} {_attributes(attributes)}"
    return f"{opening}>{content}</{name}>" if content else f"{opening}/>"


def _attributes(attributes: Mapping[str, Attribute]) -> str:
    """Attributes as escaped text; floats are coordinates, rounded to keep the SVG small."""
    return " ".join(
        f'{name}="{_escaped(_coord(value) if isinstance(value, float) else str(value))}"'
        for name, value in attributes.items()
    )


# Numbers and words


def _coord(value: float) -> str:
    """A coordinate to one decimal, without a trailing .0."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _score(value: float) -> str:
    """A score with up to two decimals: 4.3, 13.5, 21."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _round_ticks(low: float, high: float) -> list[float]:
    """About five round values from low to high, for gridlines."""
    rough = (high - low) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * factor for factor in (1, 2, 2.5, 5, 10) if power * factor >= rough)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [index * step for index in range(first, last + 1)]


def _and_list(words: Sequence[str]) -> str:
    """Words joined as in a sentence: a, b and c."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _series_order(points: Sequence[PlotPoint]) -> list[str]:
    """Series names in the order they first appear."""
    return list(dict.fromkeys(point.series for point in points))


def _check_finite(value: float, what: str, label: str) -> None:
    """Refuse a value that cannot be placed on any axis."""
    if not math.isfinite(value):
        raise ValueError(f"{label}: the {what} must be a finite number, not {value!r}")


def _clamp(value: float, low: float, high: float) -> float:
    """The value, kept between low and high."""
    return min(max(value, low), high)
