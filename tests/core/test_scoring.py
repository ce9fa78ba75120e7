"""Scoring follows the published keys exactly, at every edge a person can reach."""

import dataclasses
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune.core.instruments import Instrument, Reliability, load_instruments
from attune.core.scoring import (
    ATTACHMENT_STYLES,
    Crossing,
    RowProblem,
    ScoringError,
    place_attachment,
    reliable_change,
    results_to_csv,
    score,
    score_csv,
    score_in_order,
)

INSTRUMENTS_DIR = Path(__file__).resolve().parents[2] / "content" / "instruments"
INSTRUMENTS = load_instruments(INSTRUMENTS_DIR)
ECR_R = INSTRUMENTS["ecr-r"]
ECR_RS = INSTRUMENTS["ecr-rs"]
CSI_16 = INSTRUMENTS["csi-16"]
CSI_4 = INSTRUMENTS["csi-4"]

ECR_R_REVERSED = {9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}


def ecr_r_answers(points: list[int]) -> list[int]:
    """Raw answers that give these item points under the published ECR-R key."""
    assert len(points) == 36
    return [8 - p if n in ECR_R_REVERSED else p for n, p in enumerate(points, start=1)]


def csi_16_answers(chosen: dict[str, int] | None = None) -> dict[str, int]:
    """A CSI-16 answer sheet of zeros, with the chosen items set."""
    return {item.id: 0 for item in CSI_16.items} | (chosen or {})


# ECR-R, scored by the published key


def test_ecr_r_all_ones() -> None:
    result = score_in_order(ECR_R, [1] * 36)
    # Anxiety: 16 forward items score 1, reversed 9 and 11 score 7.
    assert result.scores["anxiety"] == pytest.approx((16 * 1 + 2 * 7) / 18)
    # Avoidance: 6 forward items (19, 21, 23, 24, 25, 32) score 1; the other 12 are reversed.
    assert result.scores["avoidance"] == pytest.approx((6 * 1 + 12 * 7) / 18)
    assert result.as_json_dict()["scores"] == {"anxiety": 1.667, "avoidance": 5.0}
    assert result.style == "dismissive-avoidant"


def test_ecr_r_all_sevens_mirrors_all_ones() -> None:
    result = score_in_order(ECR_R, [7] * 36)
    assert result.scores["anxiety"] == pytest.approx((16 * 7 + 2 * 1) / 18)
    assert result.scores["avoidance"] == pytest.approx((6 * 7 + 12 * 1) / 18)
    assert result.as_json_dict()["scores"] == {"anxiety": 6.333, "avoidance": 3.0}
    assert result.style == "anxious"


def test_ecr_r_mixed_vector_by_hand() -> None:
    answers = [5] * 36
    answers[9 - 1], answers[11 - 1] = 2, 3  # reversed: score 6 and 5
    for n in (19, 21, 23, 24, 25, 32):  # forward avoidance items
        answers[n - 1] = 2
    # Reversed avoidance items keep answer 5 → score 3.
    result = score_in_order(ECR_R, answers)
    # Anxiety = (16 x 5 + 6 + 5) / 18 = 91/18; avoidance = (6 x 2 + 12 x 3) / 18 = 48/18.
    assert result.scores["anxiety"] == pytest.approx(91 / 18)
    assert result.scores["avoidance"] == pytest.approx(48 / 18)
    assert result.style == "anxious"
    assert result.near_boundary is False
    assert result.neighbouring_styles == ()


def test_ecr_r_json_looks_as_the_command_prints_it() -> None:
    answers = [2] * 18 + [6] * 18
    answers[9 - 1] = answers[11 - 1] = 5  # reversed: 3 points each
    # Anxiety = (16 x 2 + 3 + 3) / 18 = 38/18 = 2.111.
    for n in (20, 22, 26, 27, 28, 29, 30, 31, 33, 34):
        answers[n - 1] = 3  # reversed: 5 points each
    answers[35 - 1] = answers[36 - 1] = 4  # reversed: 4 points each
    # Avoidance = (6 x 6 + 10 x 5 + 2 x 4) / 18 = 94/18 = 5.222.
    assert json.dumps(score_in_order(ECR_R, answers).as_json_dict()) == (
        '{"instrument": "ecr-r", "scores": {"anxiety": 2.111, "avoidance": 5.222}, '
        '"style": "dismissive-avoidant", "near_boundary": false}'
    )


def test_answers_by_id_and_in_order_agree() -> None:
    values = [(n * 5) % 7 + 1 for n in range(36)]
    by_id = {item.id: value for item, value in zip(ECR_R.items, values, strict=True)}
    assert score(ECR_R, by_id) == score_in_order(ECR_R, values)


# ECR-RS


def test_ecr_rs_all_ones() -> None:
    result = score_in_order(ECR_RS, [1] * 9)
    assert result.scores == {"anxiety": 1.0, "avoidance": (4 * 7 + 2 * 1) / 6}
    assert result.scores["avoidance"] == 5.0


def test_ecr_rs_all_sevens() -> None:
    result = score_in_order(ECR_RS, [7] * 9)
    assert result.scores == {"anxiety": 7.0, "avoidance": (4 * 1 + 2 * 7) / 6}
    assert result.scores["avoidance"] == 3.0
    assert result.style == "anxious"


def test_ecr_rs_exactly_4_on_both_counts_as_low_and_near_every_style() -> None:
    result = score_in_order(ECR_RS, [4] * 9)
    assert result.scores == {"anxiety": 4.0, "avoidance": 4.0}
    assert result.style == "secure"
    assert result.near_boundary is True
    assert result.neighbouring_styles == (
        "secure",
        "dismissive-avoidant",
        "anxious",
        "fearful-avoidant",
    )


# Styles and the boundary


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "style", "near", "neighbours"),
    [
        (2.0, 2.0, "secure", False, ()),
        (6.0, 2.0, "anxious", False, ()),
        (2.0, 6.0, "dismissive-avoidant", False, ()),
        (6.0, 6.0, "fearful-avoidant", False, ()),
        (4.0, 2.0, "secure", True, ("secure", "anxious")),
        (3.5, 2.0, "secure", True, ("secure", "anxious")),
        (3.49, 2.0, "secure", False, ()),
        (4.5, 2.0, "anxious", True, ("anxious", "secure")),
        (4.51, 2.0, "anxious", False, ()),
        (4.3, 2.0, "anxious", True, ("anxious", "secure")),
        (2.0, 4.0, "secure", True, ("secure", "dismissive-avoidant")),
        (2.0, 4.5, "dismissive-avoidant", True, ("dismissive-avoidant", "secure")),
        (6.0, 3.5, "anxious", True, ("anxious", "fearful-avoidant")),
        (
            4.5,
            3.5,
            "anxious",
            True,
            ("anxious", "fearful-avoidant", "secure", "dismissive-avoidant"),
        ),
    ],
)
def test_style_and_boundary_rules_at_the_edges(
    anxiety: float, avoidance: float, style: str, near: bool, neighbours: tuple[str, ...]
) -> None:
    placement = place_attachment(anxiety, avoidance, midpoint=4, margin=0.5)
    assert (placement.style, placement.near_boundary, placement.neighbouring_styles) == (
        style,
        near,
        neighbours,
    )


@pytest.mark.parametrize(
    ("anxiety_points", "expected_style", "expected_near"),
    [
        ([3] * 10 + [4] * 8, "secure", False),  # 62/18 = 3.444: just outside
        ([3] * 9 + [4] * 9, "secure", True),  # 63/18 = 3.5 exactly: near, low
        ([4] * 18, "secure", True),  # exactly 4: low
        ([4] * 9 + [5] * 9, "anxious", True),  # 81/18 = 4.5 exactly: near, high
        ([4] * 8 + [5] * 10, "anxious", False),  # 82/18 = 4.556: just outside
    ],
)
def test_boundary_edges_reached_through_real_ecr_r_answers(
    anxiety_points: list[int], expected_style: str, expected_near: bool
) -> None:
    result = score_in_order(ECR_R, ecr_r_answers(anxiety_points + [1] * 18))
    assert result.scores["avoidance"] == 1.0
    assert result.style == expected_style
    assert result.near_boundary is expected_near


def test_every_style_has_the_agreed_label() -> None:
    assert {style.id: style.label for style in ATTACHMENT_STYLES.values()} == {
        "secure": "Secure",
        "anxious": "Anxious (preoccupied)",
        "dismissive-avoidant": "Dismissive-avoidant",
        "fearful-avoidant": "Fearful-avoidant",
    }


# CSI


def test_csi_16_maximum_is_81_and_minimum_is_0() -> None:
    top = {item.id: CSI_16.scale_of(item).highest for item in CSI_16.items}
    bottom = {item.id: CSI_16.scale_of(item).lowest for item in CSI_16.items}
    assert score(CSI_16, top).total == 81
    assert score(CSI_16, top).distressed is False
    assert score(CSI_16, bottom).total == 0
    assert score(CSI_16, bottom).distressed is True


def test_csi_16_cutoff_is_below_51_5() -> None:
    # Happiness 6 + how-often 5 + eight 5s = 51; one more point on a word pair makes 52.
    answers = csi_16_answers({"csi-happy": 6, "csi-going-well": 5})
    for item in CSI_16.items[2:10]:
        answers[item.id] = 5
    assert score(CSI_16, answers).total == 51
    assert score(CSI_16, answers).distressed is True
    answers["csi-good"] = 1
    assert score(CSI_16, answers).distressed is False


def test_csi_4_is_scored_from_its_own_items_and_cutoff() -> None:
    result = score(CSI_4, {"csi-happy": 3, "csi-warm": 4, "csi-rewarding": 4, "csi-satisfied": 3})
    assert result.total == 14
    assert result.as_json_dict() == {
        "instrument": "csi-4",
        "scores": {"total": 14},
        "distressed": False,
    }
    assert json.dumps(result.as_json_dict()) == (
        '{"instrument": "csi-4", "scores": {"total": 14}, "distressed": false}'
    )
    assert score_in_order(CSI_4, [3, 4, 3, 3]).distressed is True  # 13 < 13.5
    assert score_in_order(CSI_4, [6, 5, 5, 5]).total == 21


def test_csi_4_refuses_the_first_four_csi_16_items() -> None:
    first_four = {item.id: 3 for item in CSI_16.items[:4]}
    with pytest.raises(ScoringError, match="has no item with id 'csi-going-well'"):
        score(CSI_4, first_four)


def test_csi_4_matches_the_same_answers_within_csi_16() -> None:
    short = {"csi-happy": 4, "csi-warm": 2, "csi-rewarding": 5, "csi-satisfied": 1}
    assert score(CSI_4, short).total == 12
    assert score(CSI_16, csi_16_answers(short)).total == 12


@pytest.mark.parametrize(
    ("item_id", "positive_word"),
    [
        ("csi-interesting", "interesting"),
        ("csi-good", "good"),
        ("csi-full", "full"),
        ("csi-sturdy", "sturdy"),
        ("csi-hopeful", "hopeful"),
        ("csi-enjoyable", "enjoyable"),
    ],
)
def test_choosing_the_positive_word_scores_5_wherever_it_is_printed(
    item_id: str, positive_word: str
) -> None:
    item = next(item for item in CSI_16.items if item.id == item_id)
    assert item.words is not None
    shown = CSI_16.display_options(item)
    # The position printed next to the positive word, at the left or the right end.
    at_positive = shown[0] if item.words.left == positive_word else shown[-1]
    at_negative = shown[-1] if item.words.left == positive_word else shown[0]
    answers = csi_16_answers()
    answers[item_id] = at_positive.value
    assert score(CSI_16, answers).total == 5
    answers[item_id] = at_negative.value
    assert score(CSI_16, answers).total == 0


def test_how_often_scale_counts_all_the_time_as_5() -> None:
    item = CSI_16.items[1]
    first_shown = CSI_16.display_options(item)[0]
    assert (first_shown.value, first_shown.label) == (5, "All the time")
    assert score(CSI_16, csi_16_answers({"csi-going-well": first_shown.value})).total == 5


# Properties


def answer_sheets(instrument: Instrument) -> st.SearchStrategy[dict[str, int]]:
    """Any complete answer sheet with every answer on its item's scale."""
    return st.fixed_dictionaries(
        {
            item.id: st.sampled_from(sorted(instrument.scale_of(item).values))
            for item in instrument.items
        }
    )


@pytest.mark.parametrize("instrument", list(INSTRUMENTS.values()), ids=lambda i: i.id)
@given(data=st.data())
def test_answers_on_the_scale_give_scores_in_the_range(
    instrument: Instrument, data: st.DataObject
) -> None:
    result = score(instrument, data.draw(answer_sheets(instrument)))
    for subscale in instrument.subscales:
        assert subscale.minimum <= result.scores[subscale.id] <= subscale.maximum


@pytest.mark.parametrize("instrument", [ECR_R, ECR_RS], ids=lambda i: i.id)
@pytest.mark.parametrize("subscale", ["anxiety", "avoidance"])
@given(data=st.data())
def test_reversing_every_answer_of_a_subscale_mirrors_its_mean_around_4(
    instrument: Instrument, subscale: str, data: st.DataObject
) -> None:
    answers = data.draw(answer_sheets(instrument))
    mirrored = {
        item_id: 8 - value if item_id in {i.id for i in instrument.items_of(subscale)} else value
        for item_id, value in answers.items()
    }
    before, after = score(instrument, answers), score(instrument, mirrored)
    assert after.scores[subscale] == pytest.approx(8 - before.scores[subscale])
    other = "avoidance" if subscale == "anxiety" else "anxiety"
    assert after.scores[other] == before.scores[other]


@given(
    anxiety=st.integers(min_value=18, max_value=126),
    avoidance=st.integers(min_value=18, max_value=126),
)
def test_style_and_boundary_follow_the_rule_for_every_reachable_ecr_r_mean(
    anxiety: int, avoidance: int
) -> None:
    anxious, avoidant = Fraction(anxiety, 18), Fraction(avoidance, 18)
    placement = place_attachment(anxious, avoidant)
    style = ATTACHMENT_STYLES[placement.style]
    assert style.high_anxiety == (anxious > 4)
    assert style.high_avoidance == (avoidant > 4)
    near = abs(anxious - 4) <= Fraction(1, 2) or abs(avoidant - 4) <= Fraction(1, 2)
    assert placement.near_boundary == near
    if near:
        assert placement.neighbouring_styles[0] == placement.style
        assert len(set(placement.neighbouring_styles)) in (2, 4)
    else:
        assert placement.neighbouring_styles == ()


# Answers that cannot be scored


def test_off_scale_answer_names_the_item_and_its_position() -> None:
    answers = {item.id: 4 for item in ECR_R.items}
    answers["ecr-r-12"] = 9
    with pytest.raises(ScoringError) as raised:
        score(ECR_R, answers)
    assert str(raised.value) == "item 12 (ecr-r-12): 9 is outside the scale 1\u20137"


def test_off_scale_csi_answer_uses_that_items_scale() -> None:
    with pytest.raises(ScoringError) as raised:
        score(CSI_16, csi_16_answers({"csi-happy": 7}))
    assert str(raised.value) == "item 1 (csi-happy): 7 is outside the scale 0\u20136"
    with pytest.raises(
        ScoringError, match=r"item 2 \(csi-going-well\): 6 is outside the scale 0\u20135"
    ):
        score(CSI_16, csi_16_answers({"csi-going-well": 6}))


def test_missing_answer_names_the_item() -> None:
    answers = {item.id: 4 for item in ECR_R.items}
    del answers["ecr-r-05"]
    with pytest.raises(ScoringError) as raised:
        score(ECR_R, answers)
    assert str(raised.value) == "item 5 (ecr-r-05): no answer"


def test_unknown_item_id_is_named() -> None:
    answers = {item.id: 4 for item in ECR_RS.items} | {"ecr-r-01": 4}
    with pytest.raises(ScoringError) as raised:
        score(ECR_RS, answers)
    assert str(raised.value) == "ECR-RS has no item with id 'ecr-r-01'"


def test_true_and_false_are_not_answers() -> None:
    answers: dict[str, int] = {item.id: 1 for item in CSI_4.items}
    answers["csi-warm"] = True
    with pytest.raises(ScoringError, match=r"item 2 \(csi-warm\): True is not a whole number"):
        score(CSI_4, answers)


def test_wrong_number_of_answers_in_order() -> None:
    with pytest.raises(ScoringError) as raised:
        score_in_order(ECR_R, [4] * 35)
    assert str(raised.value) == "expected 36 answers, got 35"


# Change over time


def test_change_reports_points_and_crossing_but_no_rci_until_verified() -> None:
    before = score_in_order(CSI_4, [3, 4, 4, 3])  # 14
    after = score_in_order(CSI_4, [1, 3, 3, 2])  # 9
    change = reliable_change(CSI_4, before, after)
    assert (change.before, change.after, change.difference) == (14, 9, -5)
    assert change.crossed_cutoff is Crossing.INTO_DISTRESS
    assert change.crossed_cutoff.value == "into distress"
    assert change.reliable is None
    assert change.smallest_reliable_difference is None


def test_change_out_of_distress_and_no_crossing() -> None:
    low, high, higher = (score_in_order(CSI_4, v) for v in ([1, 2, 2, 2], [4, 4, 4, 4], [5] * 4))
    assert reliable_change(CSI_4, low, high).crossed_cutoff == Crossing.OUT_OF_DISTRESS
    assert reliable_change(CSI_4, high, higher).crossed_cutoff is None
    assert reliable_change(CSI_4, high, higher).difference == 4


def test_reliable_change_once_sd_and_alpha_are_filled_in() -> None:
    verified = dataclasses.replace(
        CSI_4, reliability=Reliability("total", sd=5.0, alpha=0.9, source="for this test")
    )
    smallest = 1.96 * 5.0 * math.sqrt(2) * math.sqrt(1 - 0.9)  # ≈ 4.38
    before = score_in_order(verified, [3, 3, 3, 3])  # 12
    change = reliable_change(verified, before, score_in_order(verified, [4, 4, 4, 5]))  # 17
    assert change.smallest_reliable_difference == pytest.approx(smallest)
    assert change.reliable is True
    change = reliable_change(verified, before, score_in_order(verified, [4, 4, 4, 4]))  # 16
    assert change.reliable is False


def test_results_of_another_instrument_cannot_be_compared() -> None:
    csi_16 = score(CSI_16, csi_16_answers())
    csi_4 = score_in_order(CSI_4, [3, 3, 3, 3])
    with pytest.raises(ScoringError, match="a csi-16 result cannot be compared as csi-4"):
        reliable_change(CSI_4, csi_16, csi_4)


# CSV files


def test_score_csv_with_a_header_and_good_rows() -> None:
    text = "id,q1,q2,q3,q4\nP01,3,4,4,3\nP02,1,1,1,1\n"
    rows, problems = score_csv(CSI_4, text)
    assert problems == []
    assert [(row.id, row.line, row.result.total) for row in rows] == [
        ("P01", 2, 14),
        ("P02", 3, 4),
    ]
    assert results_to_csv(rows) == "id,total,distressed\nP01,14,false\nP02,4,true\n"


def test_score_csv_without_a_header() -> None:
    rows, problems = score_csv(ECR_RS, "A,1,1,1,1,1,1,1,1,1\r\nB,4,4,4,4,4,4,4,4,4\r\n")
    assert problems == []
    assert results_to_csv(rows) == (
        "id,anxiety,avoidance,style,near_boundary\n"
        "A,1.000,5.000,dismissive-avoidant,false\n"
        "B,4.000,4.000,secure,true\n"
    )


def test_score_csv_reports_each_bad_row_with_its_line_and_id() -> None:
    text = "\n".join(
        [
            "participant,happy,warm,rewarding,satisfied",  # 1: header
            "P01,3,4,4,3",  # 2: good
            "",  # 3: blank
            "P07,3,x,4,3",  # 4: not a number
            "P08,3,4,4",  # 5: short
            "P09,3,4,4,9",  # 6: off the scale
            "  ,  ,  ",  # 7: blank but for spaces
            "P10,3,4.5,4,3",  # 8: not whole
            "P11,3,,4,3",  # 9: empty cell
            "P01,1,1,1,1",  # 10: id used again
            ",1,1,1,1",  # 11: no id
            "P12,6,5,5,5",  # 12: good
            "",
        ]
    )
    rows, problems = score_csv(CSI_4, text)
    assert [(row.id, row.line) for row in rows] == [("P01", 2), ("P12", 12)]
    assert [str(problem) for problem in problems] == [
        "line 4 (id P07): item 2 (csi-warm): 'x' is not a number",
        "line 5 (id P08): expected 4 answers, got 3",
        "line 6 (id P09): item 4 (csi-satisfied): 9 is outside the scale 0\u20135",
        "line 8 (id P10): item 2 (csi-warm): '4.5' is not a whole number",
        "line 9 (id P11): item 2 (csi-warm): no answer",
        "line 10 (id P01): this id is already used on line 2",
        "line 11: the first column needs an id",
    ]


def test_a_data_row_with_a_typo_is_not_mistaken_for_a_header() -> None:
    rows, problems = score_csv(CSI_4, "P01,x,4,4,3\nP02,3,4,4,3\n")
    assert problems == [RowProblem(1, "P01", "item 1 (csi-happy): 'x' is not a number")]
    assert [row.id for row in rows] == ["P02"]


def test_score_csv_trailing_empty_cells_and_a_byte_order_mark() -> None:
    rows, problems = score_csv(CSI_4, "\ufeffid,a,b,c,d\nP01,3,4,4,3,,\n")
    assert problems == []
    assert rows[0].result.total == 14


def test_empty_inputs_give_empty_outputs() -> None:
    assert score_csv(CSI_4, "") == ([], [])
    assert score_csv(CSI_4, "id,a,b,c,d\n") == ([], [])
    assert results_to_csv([]) == ""


def test_result_json_has_only_the_agreed_keys() -> None:
    ecr = score_in_order(ECR_RS, [4] * 9).as_json_dict()
    csi = score_in_order(CSI_4, [3, 3, 3, 3]).as_json_dict()
    assert list(ecr) == ["instrument", "scores", "style", "near_boundary"]
    assert list(csi) == ["instrument", "scores", "distressed"]
