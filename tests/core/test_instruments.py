"""The instrument data files say what the published record says, and bad files are reported
with the line to fix."""

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from attune.core.instruments import (
    Instrument,
    InstrumentError,
    check_instrument_file,
    load_instrument,
    load_instruments,
)
from attune.core.problems import Problem

INSTRUMENTS_DIR = Path(__file__).resolve().parents[2] / "content" / "instruments"
INSTRUMENTS = load_instruments(INSTRUMENTS_DIR)
ECR_R = INSTRUMENTS["ecr-r"]
ECR_RS = INSTRUMENTS["ecr-rs"]
CSI_16 = INSTRUMENTS["csi-16"]
CSI_4 = INSTRUMENTS["csi-4"]

# A small, valid instrument; tests break one thing in it at a time.
TINY = """\
id: tiny
name: Tiny test instrument
short_name: TINY
citation: Nobody, A. (2024). A tiny questionnaire. Journal of Tests, 1, 1-2.
terms: For tests only.
instructions: Answer each statement.
scales:
  agreement:
    - {value: 1, label: Rarely}
    - {value: 2, label: Sometimes}
    - {value: 3, label: Often}
subscales:
  - id: warmth
    label: Warmth
    rule: mean
    range: {min: 1, max: 3}
items:
  - id: tiny-01
    text: I feel warm.
    subscale: warmth
    reversed: false
    scale: agreement
  - id: tiny-02
    text: I feel cold.
    subscale: warmth
    reversed: true
    scale: agreement
cutoffs:
  - subscale: warmth
    below: 1.5
    meaning: suggests a chilly relationship
    source: Made up for tests.
"""


def write(tmp_path: Path, text: str, name: str = "tiny.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(old: str, new: str) -> str:
    assert TINY.count(old) == 1, old
    return TINY.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def problems_in(tmp_path: Path, text: str) -> list[str]:
    return [str(problem) for problem in check_instrument_file(write(tmp_path, text))]


# The real data files


@pytest.mark.parametrize("file_name", ["ecr-r.yaml", "ecr-rs.yaml", "csi-4.yaml", "csi-16.yaml"])
def test_every_real_instrument_file_checks_clean(file_name: str) -> None:
    assert check_instrument_file(INSTRUMENTS_DIR / file_name) == []


def test_all_four_instruments_load_by_id() -> None:
    assert sorted(INSTRUMENTS) == ["csi-16", "csi-4", "ecr-r", "ecr-rs"]
    assert [len(INSTRUMENTS[name].items) for name in ("ecr-r", "ecr-rs", "csi-16", "csi-4")] == [
        36,
        9,
        16,
        4,
    ]


def test_every_instrument_carries_citation_terms_and_instructions() -> None:
    for instrument in INSTRUMENTS.values():
        assert instrument.name and instrument.short_name and instrument.instructions
        assert "(20" in instrument.citation
        assert "verified" in instrument.terms


def test_ecr_r_citation_terms_and_instructions_are_as_published() -> None:
    assert ECR_R.citation.startswith("Fraley, R. C., Waller, N. G., & Brennan, K. A. (2000).")
    assert "78(2), 350\u2013365" in ECR_R.citation
    assert ECR_R.terms == (
        "Published by the author for non-commercial research use; commercial use needs the "
        "authors' permission — to be verified before commercial release."
    )
    assert ECR_R.instructions == (
        "The statements below concern how you feel in emotionally intimate relationships. We are "
        "interested in how you generally experience relationships, not just in what is happening "
        "in a current relationship. Respond to each statement by indicating how much you agree or "
        "disagree with it."
    )


def test_ecr_r_key_is_the_published_one() -> None:
    anxiety = [item.id for item in ECR_R.items if item.subscale == "anxiety"]
    avoidance = [item.id for item in ECR_R.items if item.subscale == "avoidance"]
    reversed_numbers = [int(item.id[-2:]) for item in ECR_R.items if item.reversed]
    assert anxiety == [f"ecr-r-{n:02d}" for n in range(1, 19)]
    assert avoidance == [f"ecr-r-{n:02d}" for n in range(19, 37)]
    assert reversed_numbers == [9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36]


def test_ecr_r_items_are_the_revised_wording_in_the_revised_order() -> None:
    texts = {item.id: item.text for item in ECR_R.items}
    assert texts["ecr-r-01"] == "I'm afraid that I will lose my partner's love."
    assert texts["ecr-r-09"] == "I rarely worry about my partner leaving me."
    assert texts["ecr-r-18"] == "My partner only seems to notice me when I'm angry."
    assert texts["ecr-r-19"] == "I prefer not to show a partner how I feel deep down."
    assert texts["ecr-r-36"] == "My partner really understands me and my needs."


def test_ecr_rs_key_is_the_published_one() -> None:
    by_number = {int(item.id[-2:]): item for item in ECR_RS.items}
    assert [n for n, item in by_number.items() if item.subscale == "avoidance"] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    assert [n for n, item in by_number.items() if item.subscale == "anxiety"] == [7, 8, 9]
    assert [n for n, item in by_number.items() if item.reversed] == [1, 2, 3, 4]
    assert by_number[1].text == "It helps to turn to this person in times of need."
    assert by_number[9].text == (
        "I worry that this person won't care about me as much as I care about him or her."
    )


@pytest.mark.parametrize("instrument", [ECR_R, ECR_RS], ids=lambda i: i.id)
def test_attachment_instruments_use_means_on_a_1_to_7_scale_around_4(
    instrument: Instrument,
) -> None:
    assert [(s.id, s.rule, s.minimum, s.maximum) for s in instrument.subscales] == [
        ("anxiety", "mean", 1, 7),
        ("avoidance", "mean", 1, 7),
    ]
    (scale,) = instrument.scales
    assert [option.value for option in scale.options] == [1, 2, 3, 4, 5, 6, 7]
    labels = {option.value: option.label for option in scale.options}
    assert (labels[1], labels[4], labels[7]) == (
        "Strongly disagree",
        "Neutral/mixed",
        "Strongly agree",
    )
    assert scale.reverse(1) == 7 and scale.reverse(5) == 3
    assert instrument.style_midpoint == 4
    assert instrument.boundary_margin == 0.5
    assert instrument.cutoffs == ()
    assert instrument.reliability is None


def test_csi_16_lists_all_sixteen_items_in_the_recorded_order() -> None:
    assert [item.id for item in CSI_16.items] == [
        "csi-happy",
        "csi-going-well",
        "csi-strong",
        "csi-makes-happy",
        "csi-warm",
        "csi-team",
        "csi-rewarding",
        "csi-needs",
        "csi-expectations",
        "csi-satisfied",
        "csi-interesting",
        "csi-good",
        "csi-full",
        "csi-sturdy",
        "csi-hopeful",
        "csi-enjoyable",
    ]
    assert [item.scale for item in CSI_16.items] == (
        ["happiness", "how-often"] + ["truth"] * 4 + ["degree"] * 4 + ["word-pair"] * 6
    )
    assert not any(item.reversed for item in CSI_16.items)


def test_csi_4_is_happiness_warm_rewarding_satisfied_not_the_first_four_items() -> None:
    ids = [item.id for item in CSI_4.items]
    assert ids == ["csi-happy", "csi-warm", "csi-rewarding", "csi-satisfied"]
    assert ids != [item.id for item in CSI_16.items[:4]]
    long_form = {item.id: item for item in CSI_16.items}
    for item in CSI_4.items:
        assert item == long_form[item.id]
        assert CSI_4.scale_of(item) == CSI_16.scale_of(item)
    assert [item.text for item in CSI_4.items[1:]] == [
        "I have a warm and comfortable relationship with my partner",
        "How rewarding is your relationship with your partner?",
        "In general, how satisfied are you with your relationship?",
    ]


def test_csi_scales_carry_the_published_labels() -> None:
    def labels(name: str) -> list[tuple[int, str]]:
        scale = next(scale for scale in CSI_16.scales if scale.name == name)
        return [(option.value, option.label) for option in scale.options]

    assert labels("happiness") == [
        (0, "Extremely unhappy"),
        (1, "Fairly unhappy"),
        (2, "A little unhappy"),
        (3, "Happy"),
        (4, "Very happy"),
        (5, "Extremely happy"),
        (6, "Perfect"),
    ]
    assert labels("how-often") == [
        (5, "All the time"),
        (4, "Most of the time"),
        (3, "More often than not"),
        (2, "Occasionally"),
        (1, "Rarely"),
        (0, "Never"),
    ]
    assert labels("truth")[0] == (0, "Not at all true")
    assert labels("truth")[-1] == (5, "Completely true")
    assert labels("degree")[4] == (4, "Almost completely")


@pytest.mark.parametrize(
    ("item_id", "left", "right", "positive"),
    [
        ("csi-interesting", "interesting", "boring", "left"),
        ("csi-good", "bad", "good", "right"),
        ("csi-full", "full", "empty", "left"),
        ("csi-sturdy", "sturdy", "fragile", "left"),
        ("csi-hopeful", "discouraging", "hopeful", "right"),
        ("csi-enjoyable", "enjoyable", "miserable", "left"),
    ],
)
def test_word_pairs_are_printed_as_published_with_the_positive_end_scoring_5(
    item_id: str, left: str, right: str, positive: str
) -> None:
    item = next(item for item in CSI_16.items if item.id == item_id)
    assert item.words is not None
    assert (item.words.left, item.words.right, item.words.positive) == (left, right, positive)
    shown = [option.value for option in CSI_16.display_options(item)]
    assert shown == ([5, 4, 3, 2, 1, 0] if positive == "left" else [0, 1, 2, 3, 4, 5])


def test_csi_totals_cutoffs_and_reliable_change_data() -> None:
    assert [(s.id, s.rule, s.minimum, s.maximum) for s in CSI_16.subscales] == [
        ("total", "sum", 0, 81)
    ]
    assert [(s.id, s.rule, s.minimum, s.maximum) for s in CSI_4.subscales] == [
        ("total", "sum", 0, 21)
    ]
    long_cut, short_cut = CSI_16.cutoff_for("total"), CSI_4.cutoff_for("total")
    assert long_cut is not None and long_cut.below == 51.5
    assert short_cut is not None and short_cut.below == 13.5
    assert "verify" in short_cut.source
    for instrument in (CSI_16, CSI_4):
        assert instrument.reliability is not None
        assert instrument.reliability.sd is None and instrument.reliability.alpha is None
        assert instrument.reliability.source.startswith("not yet verified")
        assert instrument.style_midpoint is None


def test_loaded_instruments_cannot_be_changed_by_accident() -> None:
    with pytest.raises(FrozenInstanceError):
        ECR_R.items[0].reversed = True  # type: ignore[misc]


# Checking files


def test_the_tiny_fixture_is_valid(tmp_path: Path) -> None:
    instrument = load_instrument(write(tmp_path, TINY))
    assert instrument.id == "tiny"
    assert instrument.cutoffs[0].below == 1.5


def test_problem_reads_as_path_line_message() -> None:
    assert str(Problem("content/x.yaml", 12, "something is off")) == (
        "content/x.yaml:12: something is off"
    )


def test_malformed_yaml_is_reported_at_its_line(tmp_path: Path) -> None:
    text = broken("text: I feel warm.", "text: I feel: warm.")
    path = write(tmp_path, text)
    (problem,) = check_instrument_file(path)
    assert problem.line == line_of(text, "I feel: warm.")
    assert (
        str(problem) == f"{path}:{problem.line}: YAML syntax: mapping values are not allowed here"
    )


def test_unclosed_bracket_is_reported_with_a_line(tmp_path: Path) -> None:
    path = write(tmp_path, broken("{value: 2, label: Sometimes}", "{value: 2, label: Sometimes"))
    (problem,) = check_instrument_file(path)
    assert str(problem).startswith(f"{path}:")
    assert "YAML syntax" in problem.message


def test_item_with_an_unknown_subscale_is_reported_on_its_line(tmp_path: Path) -> None:
    text = broken("subscale: warmth\n    reversed: true", "subscale: wramth\n    reversed: true")
    path = write(tmp_path, text)
    assert [str(problem) for problem in check_instrument_file(path)] == [
        f"{path}:{line_of(text, 'wramth')}: "
        "item tiny-02: unknown subscale 'wramth' (known: warmth)",
    ]


def test_item_with_an_unknown_scale_is_reported(tmp_path: Path) -> None:
    text = broken("scale: agreement\ncutoffs", "scale: agreeing\ncutoffs")
    assert problems_in(tmp_path, text) == [
        f"{tmp_path / 'tiny.yaml'}:{line_of(text, 'agreeing')}: "
        "item tiny-02: unknown scale 'agreeing' (known: agreement)"
    ]


def test_duplicate_item_ids_are_reported(tmp_path: Path) -> None:
    text = broken("id: tiny-02", "id: tiny-01")
    (problem,) = check_instrument_file(write(tmp_path, text))
    assert problem.line == line_of(text, "I feel cold.") - 1
    assert problem.message == "item id 'tiny-01' is used twice"


def test_missing_required_key_is_reported(tmp_path: Path) -> None:
    text = broken(
        "citation: Nobody, A. (2024). A tiny questionnaire. Journal of Tests, 1, 1-2.\n", ""
    )
    (problem,) = check_instrument_file(write(tmp_path, text))
    assert (problem.line, problem.message) == (1, "missing required key 'citation'")


def test_missing_item_key_is_reported_on_the_item(tmp_path: Path) -> None:
    text = broken("    reversed: true\n", "")
    (problem,) = check_instrument_file(write(tmp_path, text))
    assert (problem.line, problem.message) == (
        line_of(text, "id: tiny-02"),
        "missing required key 'reversed'",
    )


# Each case: the text to break, what to put instead, the message, and the line it is on.
SEMANTIC_PROBLEMS = [
    ("rule: mean", "rule: median", "'rule' should be one of: mean, sum", "median"),
    ("below: 1.5", "below: low", "'below' should be a number", "below: low"),
    ("reversed: true", "reversed: maybe", "'reversed' should be true or false", "maybe"),
    ("{value: 2, label", "{value: two, label", "'value' should be a whole number", "two"),
    ("{value: 3, label: Often}", "{value: 3, label: Often}\n    - {value: 3, label: Always}",
     "scale 'agreement' repeats value 3", "Always"),
    ("max: 3}", "max: 5}", "subscale 'warmth': its items give 1\u20133, not 1\u20135", "max: 5"),
    ("subscale: warmth\n    below", "subscale: cool\n    below",
     "cut-off for unknown subscale 'cool'", "cool"),
    ("terms: For tests only.", "terms: For tests only.\nterm: typo", "unknown key 'term'",
     "term: typo"),
    ("name: Tiny test instrument", "name: 7", "'name' should be text", "name: 7"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "message", "at"), SEMANTIC_PROBLEMS)
def test_semantic_problems_are_reported_on_the_offending_line(
    tmp_path: Path, old: str, new: str, message: str, at: str
) -> None:
    text = broken(old, new)
    problems = check_instrument_file(write(tmp_path, text))
    assert [problem.message for problem in problems] == [message]
    assert problems[0].line == line_of(text, at)


def test_subscale_without_items_is_reported(tmp_path: Path) -> None:
    text = broken(
        "items:\n",
        "  - id: spare\n    label: Spare\n    rule: sum\n    range: {min: 0, max: 0}\nitems:\n",
    )
    (problem,) = check_instrument_file(write(tmp_path, text))
    assert (problem.line, problem.message) == (
        line_of(text, "id: spare"),
        "subscale 'spare' has no items",
    )


def test_duplicate_keys_are_reported_instead_of_silently_taking_the_last(tmp_path: Path) -> None:
    text = broken("short_name: TINY\n", "short_name: TINY\nshort_name: TINIER\n")
    (problem,) = check_instrument_file(write(tmp_path, text))
    assert (problem.line, problem.message) == (
        line_of(text, "TINIER"),
        "key 'short_name' appears twice",
    )


def test_reliable_change_numbers_must_make_sense(tmp_path: Path) -> None:
    text = TINY + (
        "reliable_change:\n  subscale: warmth\n  sd: -2\n  alpha: 1.5\n  source: Made up.\n"
    )
    assert [problem.message for problem in check_instrument_file(write(tmp_path, text))] == [
        "'sd' should be above 0",
        "'alpha' should be at least 0 and below 1",
    ]


def test_style_needs_anxiety_and_avoidance(tmp_path: Path) -> None:
    text = TINY + "style_midpoint: 2\nboundary_margin: 0.5\n"
    assert [problem.message for problem in check_instrument_file(write(tmp_path, text))] == [
        "a style needs subscales 'anxiety' and 'avoidance'"
    ]


def test_empty_and_non_mapping_files_are_reported(tmp_path: Path) -> None:
    assert problems_in(tmp_path, "") == [f"{tmp_path / 'tiny.yaml'}:1: the file is empty"]
    assert problems_in(tmp_path, "- just\n- a list\n") == [
        f"{tmp_path / 'tiny.yaml'}:1: the file should be a mapping of keys to values"
    ]


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (problem,) = check_instrument_file(tmp_path / "absent.yaml")
    assert problem.message.startswith("cannot read the file")


def test_load_instrument_raises_with_every_problem(tmp_path: Path) -> None:
    text = broken("rule: mean", "rule: median").replace("below: 1.5", "below: low")
    with pytest.raises(InstrumentError) as raised:
        load_instrument(write(tmp_path, text))
    assert [problem.message for problem in raised.value.problems] == [
        "'rule' should be one of: mean, sum",
        "'below' should be a number",
    ]
    assert str(raised.value).count(str(tmp_path / "tiny.yaml")) == 2


def test_load_instruments_refuses_two_files_with_one_id(tmp_path: Path) -> None:
    write(tmp_path, TINY, "a.yaml")
    write(tmp_path, TINY, "b.yaml")
    with pytest.raises(InstrumentError, match="another file already uses id 'tiny'"):
        load_instruments(tmp_path)
