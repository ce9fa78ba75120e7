"""The SVG charts are well-formed, accessible, drawn to scale, and stay inside their box."""

import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune.core.charts import (
    HistoryPoint,
    PlotPoint,
    attachment_plot,
    score_history_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
COORDINATES = ("x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "width", "height")

# Alice retakes the ECR-RS over a journey; her anxiety and avoidance both ease.
ALICE_RETAKES = [
    PlotPoint(anxiety=5.6, avoidance=4.9, label="12 Jan 2026"),
    PlotPoint(anxiety=5.0, avoidance=4.2, label="9 Feb 2026"),
    PlotPoint(anxiety=4.3, avoidance=2.1, label="12 Mar 2026"),
]
COUPLE = [
    PlotPoint(anxiety=4.3, avoidance=2.1, label="12 Mar 2026", series="Alice"),
    PlotPoint(anxiety=2.2, avoidance=5.4, label="14 Mar 2026", series="Bob"),
]
CSI_4_HISTORY = [
    HistoryPoint(value=9, label="12 Jan 2026"),
    HistoryPoint(value=11, label="9 Feb 2026"),
    HistoryPoint(value=15, label="12 Mar 2026", reliable_change=True),
    HistoryPoint(value=16, label="10 Apr 2026"),
    HistoryPoint(value=18.25, label="8 May 2026", reliable_change=True),
]


def csi_4_chart(
    points: list[HistoryPoint],
    *,
    minimum: float = 0,
    maximum: float = 21,
    cutoff: float | None = 13.5,
    cutoff_label: str = "Below 13.5: notable dissatisfaction",
    title: str = "CSI-4 over time",
    y_label: str = "CSI-4 total",
) -> str:
    """A CSI-4 history chart, with any option changed."""
    return score_history_chart(
        points,
        minimum=minimum,
        maximum=maximum,
        cutoff=cutoff,
        cutoff_label=cutoff_label,
        title=title,
        y_label=y_label,
    )


def parse(svg: str) -> ET.Element:
    """The SVG as a tree; fails the test when it is not well-formed XML."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted data
    assert root.tag == f"{SVG}svg"
    return root


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if name in element.get("class", "").split()]


def texts(root: ET.Element, name: str | None = None) -> list[str]:
    elements = with_class(root, name) if name else list(root.iter(f"{SVG}text"))
    return ["".join(element.itertext()) for element in elements]


def tooltip(group: ET.Element) -> str:
    title = group.find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    return title.text


def marker(group: ET.Element) -> ET.Element:
    """A point's own marker: the last shape in its group, after any halo or ring."""
    return list(group)[-1]


def centre(shape: ET.Element) -> tuple[float, float]:
    if shape.tag == f"{SVG}circle":
        return float(shape.get("cx", "")), float(shape.get("cy", ""))
    if shape.tag == f"{SVG}rect":
        x, y = float(shape.get("x", "")), float(shape.get("y", ""))
        return x + float(shape.get("width", "")) / 2, y + float(shape.get("height", "")) / 2
    corners = [pair.split(",") for pair in shape.get("points", "").split()]
    xs, ys = [float(x) for x, _ in corners], [float(y) for _, y in corners]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def path_points(path: ET.Element) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def flat(pairs: list[tuple[float, float]]) -> list[float]:
    return [number for pair in pairs for number in pair]


def tick_positions(root: ET.Element, name: str, attribute: str) -> dict[float, float]:
    """Each axis tick's value and its position, read from the drawn tick labels."""
    return {
        float("".join(tick.itertext())): float(tick.get(attribute, ""))
        for tick in with_class(root, name)
    }


def y_on_axis(root: ET.Element, value: float) -> float:
    """Where a value sits on the y axis, by the straight line through the tick labels."""
    ticks = sorted(tick_positions(root, "y-tick", "y").items())
    (low, low_y), (high, high_y) = ticks[0], ticks[-1]
    return low_y + (value - low) * (high_y - low_y) / (high - low)


def assert_accessible(root: ET.Element, title: str) -> str:
    """role=img labelled by its own title and desc; returns the desc text."""
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox")
    title_element, desc_element = list(root)[:2]
    assert title_element.tag == f"{SVG}title"
    assert desc_element.tag == f"{SVG}desc"
    assert root.get("aria-labelledby", "").split() == [
        title_element.get("id"),
        desc_element.get("id"),
    ]
    assert title_element.text == title
    assert desc_element.text
    return desc_element.text


def assert_inside_view_box(root: ET.Element) -> None:
    """Every drawn coordinate lies within the viewBox."""
    _, _, width, height = (float(n) for n in root.get("viewBox", "").split())
    for element in root.iter():
        spots: list[tuple[float, float]] = []
        if element.tag == f"{SVG}circle":
            x, y, r = (float(element.get(name, "")) for name in ("cx", "cy", "r"))
            spots += [(x - r, y - r), (x + r, y + r)]
        elif element.tag == f"{SVG}rect":
            x, y = float(element.get("x", "")), float(element.get("y", ""))
            width_, height_ = float(element.get("width", "")), float(element.get("height", ""))
            spots += [(x, y), (x + width_, y + height_)]
        elif element.tag == f"{SVG}line":
            spots += [
                (float(element.get("x1", "")), float(element.get("y1", ""))),
                (float(element.get("x2", "")), float(element.get("y2", ""))),
            ]
        elif element.tag == f"{SVG}polygon":
            spots += [
                (float(x), float(y))
                for x, y in (pair.split(",") for pair in element.get("points", "").split())
            ]
        elif element.tag == f"{SVG}path":
            spots += path_points(element)
        elif element.tag == f"{SVG}text":
            spots.append((float(element.get("x", "")), float(element.get("y", ""))))
        for x, y in spots:
            assert 0 <= x <= width, (element.tag, element.attrib)
            assert 0 <= y <= height, (element.tag, element.attrib)


def assert_self_contained(svg: str, root: ET.Element) -> None:
    """No script, stylesheet or anything fetched from elsewhere."""
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"script", "style", "image", "use", "foreignObject", "a"}
    assert "href" not in svg
    assert "<script" not in svg.lower()
    assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)


# The attachment plot


def test_plot_is_well_formed_and_self_contained() -> None:
    svg = attachment_plot(ALICE_RETAKES)
    root = parse(svg)
    assert_self_contained(svg, root)
    assert_inside_view_box(root)


def test_plot_names_the_four_regions() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    assert sorted(texts(root, "region")) == [
        "Anxious",
        "Dismissive-avoidant",
        "Fearful-avoidant",
        "Secure",
    ]


def test_regions_sit_in_their_quadrants() -> None:
    root = parse(attachment_plot([]))
    x_of = tick_positions(root, "x-tick", "x")
    y_of = tick_positions(root, "y-tick", "y")
    places = {
        "".join(label.itertext()): (float(label.get("x", "")), float(label.get("y", "")))
        for label in with_class(root, "region")
    }
    # Avoidance grows to the right; anxiety grows upwards, so its y falls.
    assert places["Secure"][0] < x_of[4] and places["Secure"][1] > y_of[4]
    assert places["Anxious"][0] < x_of[4] and places["Anxious"][1] < y_of[4]
    assert places["Dismissive-avoidant"][0] > x_of[4] and places["Dismissive-avoidant"][1] > y_of[4]
    assert places["Fearful-avoidant"][0] > x_of[4] and places["Fearful-avoidant"][1] < y_of[4]


def test_plot_has_axes_ticks_and_the_boundary_band() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    assert texts(root, "x-tick") == [str(n) for n in range(1, 8)]
    assert texts(root, "y-tick") == [str(n) for n in range(1, 8)]
    assert texts(root, "axis-label") == ["Avoidance →", "Anxiety →"]
    (band,) = with_class(root, "boundary-band")
    assert tooltip(band) == "Near the boundary: within 0.5 of 4"
    across, up = band.findall(f"{SVG}rect")
    x_of = tick_positions(root, "x-tick", "x")
    y_of = tick_positions(root, "y-tick", "y")
    # A sixth of the axis per point, so half a point either side of 4 is 3.5 to 4.5.
    assert float(across.get("x", "")) == pytest.approx((x_of[3] + x_of[4]) / 2, abs=0.15)
    assert float(across.get("width", "")) == pytest.approx(x_of[5] - x_of[4], abs=0.15)
    assert float(up.get("y", "")) == pytest.approx((y_of[4] + y_of[5]) / 2, abs=0.15)
    assert any("Near the boundary (within 0.5 of 4)" in text for text in texts(root))


def test_plot_draws_one_marker_per_result() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    points = with_class(root, "point")
    assert len(points) == 3
    assert [tooltip(point) for point in points] == [
        "12 Jan 2026: anxiety 5.6, avoidance 4.9",
        "9 Feb 2026: anxiety 5, avoidance 4.2",
        "Latest, 12 Mar 2026: anxiety 4.3, avoidance 2.1",
    ]


def test_plot_places_points_by_their_scores() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    x_of = tick_positions(root, "x-tick", "x")
    y_of = tick_positions(root, "y-tick", "y")
    latest = marker(with_class(root, "latest")[0])
    x, y = centre(latest)
    # 2.1 is 1.1 points past the 1 tick; 4.3 is 0.3 points above the 4 tick.
    assert x == pytest.approx(x_of[1] + 1.1 * (x_of[2] - x_of[1]), abs=0.15)
    assert y == pytest.approx(y_of[4] + 0.3 * (y_of[5] - y_of[4]), abs=0.15)


def test_path_joins_the_retakes_in_the_order_taken() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    (trail,) = with_class(root, "trail")
    centres = [centre(marker(point)) for point in with_class(root, "point")]
    assert flat(path_points(trail)) == pytest.approx(flat(centres), abs=0.11)
    xs = [x for x, _ in path_points(trail)]
    # Avoidance eased at every retake, so the path runs leftwards.
    assert xs == sorted(xs, reverse=True)


def test_only_the_latest_point_is_emphasised() -> None:
    root = parse(attachment_plot(ALICE_RETAKES))
    *earlier, last = with_class(root, "point")
    assert with_class(root, "latest") == [last]
    latest_radius = float(marker(last).get("r", ""))
    for point in earlier:
        assert float(marker(point).get("r", "")) < latest_radius
        # Earlier points are hollow; the latest is solid.
        assert marker(point).get("fill") == "#ffffff"
    assert marker(last).get("fill") != "#ffffff"


def test_a_single_result_is_a_dot_without_a_path() -> None:
    root = parse(attachment_plot(ALICE_RETAKES[-1:]))
    assert len(with_class(root, "point")) == 1
    assert with_class(root, "trail") == []
    assert with_class(root, "legend") == []


def test_plot_desc_states_the_latest_scores_in_words() -> None:
    root = parse(attachment_plot(ALICE_RETAKES, title="Alice's attachment scores"))
    desc = assert_accessible(root, "Alice's attachment scores")
    assert desc == (
        "Avoidance runs across and anxiety runs up, each from 1 to 7, split at 4 into four "
        "regions. Latest result, 12 Mar 2026: anxiety 4.3, avoidance 2.1, in the Anxious "
        "region, near its boundary with Secure. 3 results are shown, joined in the order they "
        "were taken."
    )


def test_desc_names_every_neighbour_near_the_middle() -> None:
    root = parse(attachment_plot([PlotPoint(anxiety=4.0, avoidance=4.5, label="today")]))
    desc = assert_accessible(root, "Your attachment scores")
    # Exactly 4 counts as low, as in the scoring.
    assert (
        "in the Dismissive-avoidant region, near its boundaries with Secure, "
        "Fearful-avoidant and Anxious." in desc
    )


def test_couple_view_draws_each_partner_in_its_own_shape_and_colour() -> None:
    root = parse(attachment_plot(COUPLE, title="Alice and Bob"))
    alice, bob = with_class(root, "series")
    assert (alice.get("data-series"), bob.get("data-series")) == ("Alice", "Bob")
    alice_marker = marker(with_class(alice, "point")[0])
    bob_marker = marker(with_class(bob, "point")[0])
    assert alice_marker.tag == f"{SVG}circle"
    assert bob_marker.tag == f"{SVG}rect"
    assert alice_marker.get("fill") != bob_marker.get("fill")
    assert tooltip(with_class(bob, "point")[0]) == (
        "Latest, Bob, 14 Mar 2026: anxiety 2.2, avoidance 5.4"
    )


def test_couple_view_has_a_legend_with_each_shape() -> None:
    root = parse(attachment_plot(COUPLE))
    (legend,) = with_class(root, "legend")
    assert texts(legend) == ["Alice", "Bob"]
    shapes = [child.tag for child in legend if child.tag != f"{SVG}text"]
    assert shapes == [f"{SVG}circle", f"{SVG}rect"]
    assert_inside_view_box(root)


def test_couple_desc_gives_each_partners_latest_result() -> None:
    root = parse(attachment_plot(COUPLE, title="Alice and Bob"))
    desc = assert_accessible(root, "Alice and Bob")
    assert "Alice's latest result, 12 Mar 2026: anxiety 4.3, avoidance 2.1" in desc
    assert (
        "Bob's latest result, 14 Mar 2026: anxiety 2.2, avoidance 5.4, in the "
        "Dismissive-avoidant region." in desc
    )


def test_out_of_range_scores_are_drawn_at_the_edge_and_told_truly() -> None:
    points = [PlotPoint(anxiety=9.5, avoidance=-2, label="typo")]
    root = parse(attachment_plot(points))
    assert_inside_view_box(root)
    (point,) = with_class(root, "point")
    x, y = centre(marker(point))
    assert x == pytest.approx(tick_positions(root, "x-tick", "x")[1], abs=0.11)
    assert y == pytest.approx(tick_positions(root, "y-tick", "y")[7], abs=0.11)
    assert tooltip(point) == "Latest, typo: anxiety 9.5, avoidance -2"


def test_scores_show_at_most_two_decimals_and_coordinates_one() -> None:
    svg = attachment_plot([PlotPoint(anxiety=4 + 1 / 3, avoidance=2.0, label="today")])
    root = parse(svg)
    assert tooltip(with_class(root, "point")[0]) == "Latest, today: anxiety 4.33, avoidance 2"
    for element in list(root.iter())[1:]:
        for name in COORDINATES:
            if name in element.attrib:
                assert re.fullmatch(r"-?\d+(\.\d)?", element.attrib[name]), element.attrib


def test_plot_escapes_labels_and_titles() -> None:
    hostile = "<script>alert(1)</script>"
    points = [
        PlotPoint(anxiety=3, avoidance=3, label=hostile, series="Alice"),
        PlotPoint(anxiety=5, avoidance=5, label="today", series='Bob" onload="x'),
    ]
    svg = attachment_plot(points, title=hostile)
    root = parse(svg)
    assert_self_contained(svg, root)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert tooltip(with_class(root, "point")[0]).startswith(f"Latest, Alice, {hostile}: ")
    assert next(iter(root)).text == hostile
    (legend,) = with_class(root, "legend")
    assert texts(legend) == ["Alice", 'Bob" onload="x']
    assert with_class(root, "series")[1].get("data-series") == 'Bob" onload="x'


def test_empty_plot_still_shows_the_regions_and_says_so() -> None:
    root = parse(attachment_plot([]))
    desc = assert_accessible(root, "Your attachment scores")
    assert desc.endswith("No results yet.")
    assert with_class(root, "point") == []
    assert "No results yet" in texts(root)
    assert len(texts(root, "region")) == 4


def test_plot_refuses_a_score_that_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="anxiety must be a finite number"):
        attachment_plot([PlotPoint(anxiety=float("nan"), avoidance=2, label="today")])


def test_two_charts_on_one_page_can_have_their_own_ids() -> None:
    root = parse(attachment_plot(COUPLE, chart_id="couple-plot"))
    assert root.get("aria-labelledby") == "couple-plot-title couple-plot-desc"


def test_a_chart_id_must_be_one_word() -> None:
    with pytest.raises(ValueError, match="not a usable id"):
        attachment_plot(COUPLE, chart_id="couple plot")


def test_characters_xml_forbids_are_left_out_of_labels() -> None:
    root = parse(csi_4_chart([HistoryPoint(value=10, label="12\x08 Mar\x00")]))
    assert texts(root, "x-tick") == ["12 Mar"]


scores = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(
    st.lists(
        st.builds(
            PlotPoint,
            anxiety=scores,
            avoidance=scores,
            label=st.text(max_size=20),
            series=st.sampled_from(["Alice", "Bob", "Carol", "Dana", "Theo"]),
        ),
        max_size=6,
    )
)
def test_any_plot_is_well_formed_and_stays_in_its_box(points: list[PlotPoint]) -> None:
    root = parse(attachment_plot(points))
    assert_inside_view_box(root)
    assert len(with_class(root, "point")) == len(points)


# The score history chart


def test_history_is_well_formed_and_self_contained() -> None:
    svg = csi_4_chart(CSI_4_HISTORY)
    root = parse(svg)
    assert_self_contained(svg, root)
    assert_inside_view_box(root)


def test_history_draws_a_point_per_taking_with_its_date() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY))
    points = with_class(root, "point")
    assert len(points) == 5
    assert tooltip(points[0]) == "12 Jan 2026: CSI-4 total 9"
    assert tooltip(points[-1]) == "8 May 2026: CSI-4 total 18.25, a reliable change"
    assert texts(root, "x-tick") == [point.label for point in CSI_4_HISTORY]
    assert texts(root, "axis-label") == ["CSI-4 total"]


def test_history_line_runs_through_the_takings_in_order_at_their_values() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY))
    (trail,) = with_class(root, "trail")
    drawn = path_points(trail)
    xs = [x for x, _ in drawn]
    assert xs == sorted(xs)
    # Evenly spaced takings.
    gaps = [b - a for a, b in pairwise(xs)]
    assert max(gaps) - min(gaps) <= 0.2
    for (_, y), point in zip(drawn, CSI_4_HISTORY, strict=True):
        assert y == pytest.approx(y_on_axis(root, point.value), abs=0.2)
    centres = [centre(marker(point)) for point in with_class(root, "point")]
    assert flat(drawn) == pytest.approx(flat(centres), abs=0.11)


@pytest.mark.parametrize(
    ("maximum", "cutoff", "cutoff_label"),
    [
        (21, 13.5, "Below 13.5: notable dissatisfaction"),
        (81, 51.5, "Below 51.5: notable dissatisfaction"),
    ],
)
def test_cutoff_band_covers_the_scores_below_the_cutoff(
    maximum: float, cutoff: float, cutoff_label: str
) -> None:
    root = parse(
        csi_4_chart(CSI_4_HISTORY, maximum=maximum, cutoff=cutoff, cutoff_label=cutoff_label)
    )
    (band,) = with_class(root, "cutoff-band")
    top = float(band.get("y", ""))
    bottom = top + float(band.get("height", ""))
    assert top == pytest.approx(y_on_axis(root, cutoff), abs=0.15)
    assert bottom == pytest.approx(y_on_axis(root, 0), abs=0.15)
    (group,) = with_class(root, "cutoff")
    assert tooltip(group) == cutoff_label
    (label,) = with_class(root, "cutoff-label")
    assert "".join(label.itertext()) == cutoff_label
    assert top < float(label.get("y", "")) < bottom


def test_without_a_cutoff_there_is_no_band() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY, cutoff=None))
    assert with_class(root, "cutoff") == []
    assert with_class(root, "cutoff-label") == []
    assert "cut-off" not in assert_accessible(root, "CSI-4 over time")


def test_reliable_changes_are_ringed_and_explained() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY))
    points = with_class(root, "point")
    ringed = [index for index, point in enumerate(points) if with_class(point, "ring")]
    assert ringed == [2, 4]
    (legend,) = with_class(root, "legend")
    assert texts(legend)[0].startswith("Reliable change")


def test_no_ring_and_no_legend_without_a_reliable_change() -> None:
    plain = [HistoryPoint(value=point.value, label=point.label) for point in CSI_4_HISTORY]
    root = parse(csi_4_chart(plain))
    assert with_class(root, "ring") == []
    assert with_class(root, "legend") == []


def test_history_desc_states_the_latest_score_and_the_cutoff() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY))
    desc = assert_accessible(root, "CSI-4 over time")
    assert desc == (
        "Latest, 8 May 2026: CSI-4 total 18.25, on a scale from 0 to 21. That is at or above "
        "the cut-off of 13.5 (Below 13.5: notable dissatisfaction). 5 results are shown, the "
        "first on 12 Jan 2026 at 9. Reliable change at 12 Mar 2026 and 8 May 2026."
    )


def test_latest_history_point_is_emphasised() -> None:
    root = parse(csi_4_chart(CSI_4_HISTORY))
    *earlier, last = with_class(root, "point")
    assert with_class(root, "latest") == [last]
    assert all(
        float(marker(point).get("r", "")) < float(marker(last).get("r", "")) for point in earlier
    )


def test_a_single_taking_draws_just_a_dot() -> None:
    root = parse(csi_4_chart([HistoryPoint(value=12, label="12 Mar 2026")]))
    assert len(with_class(root, "point")) == 1
    assert with_class(root, "trail") == []
    desc = assert_accessible(root, "CSI-4 over time")
    assert "below the cut-off of 13.5" in desc


def test_history_values_off_the_scale_are_clamped_but_told_truly() -> None:
    points = [HistoryPoint(value=-4, label="first"), HistoryPoint(value=30, label="second")]
    root = parse(csi_4_chart(points))
    assert_inside_view_box(root)
    low, high = with_class(root, "point")
    assert centre(marker(low))[1] == pytest.approx(y_on_axis(root, 0), abs=0.2)
    assert centre(marker(high))[1] == pytest.approx(y_on_axis(root, 21), abs=0.2)
    assert tooltip(low) == "first: CSI-4 total -4"
    assert tooltip(high) == "second: CSI-4 total 30"


def test_history_escapes_labels() -> None:
    hostile = "<script>alert(1)</script>"
    svg = csi_4_chart(
        [HistoryPoint(value=10, label=hostile)],
        title=hostile,
        y_label="<b>total</b>",
        cutoff_label="<i>low</i>",
    )
    root = parse(svg)
    assert_self_contained(svg, root)
    assert "&lt;script&gt;" in svg
    assert texts(root, "x-tick") == [hostile]
    assert texts(root, "axis-label") == ["<b>total</b>"]
    assert texts(root, "cutoff-label") == ["<i>low</i>"]
    assert tooltip(with_class(root, "point")[0]) == f"{hostile}: <b>total</b> 10"


def test_many_takings_thin_their_date_labels_but_keep_the_latest() -> None:
    points = [HistoryPoint(value=n % 21, label=f"{n + 1} Mar 2026") for n in range(30)]
    root = parse(csi_4_chart(points))
    assert len(with_class(root, "point")) == 30
    shown = texts(root, "x-tick")
    assert shown[0] == "1 Mar 2026"
    assert shown[-1] == "30 Mar 2026"
    assert len(shown) < 30
    xs = [float(label.get("x", "")) for label in with_class(root, "x-tick")]
    widest = max(len(text) for text in shown) * 6.2
    assert all(b - a >= widest for a, b in pairwise(xs))


def test_empty_history_says_no_results_yet() -> None:
    svg = csi_4_chart([])
    root = parse(svg)
    assert_self_contained(svg, root)
    assert assert_accessible(root, "CSI-4 over time") == "No results yet."
    assert texts(root) == ["No results yet"]
    assert with_class(root, "point") == []


def test_history_refuses_an_upside_down_scale_and_missing_numbers() -> None:
    with pytest.raises(ValueError, match="must be below the maximum"):
        csi_4_chart(CSI_4_HISTORY, minimum=21, maximum=0)
    with pytest.raises(ValueError, match="score must be a finite number"):
        csi_4_chart([HistoryPoint(value=float("inf"), label="today")])


@given(
    st.lists(
        st.builds(
            HistoryPoint,
            value=scores,
            label=st.text(max_size=16),
            reliable_change=st.booleans(),
        ),
        max_size=12,
    ),
    st.one_of(st.none(), scores),
)
def test_any_history_is_well_formed_and_stays_in_its_box(
    points: list[HistoryPoint], cutoff: float | None
) -> None:
    root = parse(csi_4_chart(points, cutoff=cutoff))
    assert_inside_view_box(root)
    assert len(with_class(root, "point")) == len(points)
