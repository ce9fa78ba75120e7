"""Alice and Bob's cycle reads as one loop, in words and in a picture any phone can show."""

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from attune.core.cycle import CycleSide, cycle_sentences, cycle_svg

SVG = "{http://www.w3.org/2000/svg}"

ALICE = CycleSide(
    name="Alice",
    move="ask more questions",
    partner_sees="criticism",
    surface="anxious",
    underneath="alone",
    fear="being left",
    need="to know I matter",
)
BOB = CycleSide(
    name="Bob",
    move="go quiet",
    partner_sees="that he doesn't care",
    surface="overwhelmed",
    underneath="not good enough",
    fear="letting her down",
    need="calm",
)
EMPTY = CycleSide(name="", move="", partner_sees="", surface="", underneath="", fear="", need="")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own SVG output, not text from outside


def texts_with_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [
        element
        for element in root.iter(f"{SVG}text")
        if css_class in element.get("class", "").split()
    ]


def lines_of(text: ET.Element) -> list[str]:
    return [span.text or "" for span in text.iter(f"{SVG}tspan")] or [text.text or ""]


def all_text(root: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def test_the_loop_is_told_from_the_first_partners_view() -> None:
    sentences = cycle_sentences(ALICE, BOB)

    assert sentences[0] == (
        "When I ask more questions, you feel overwhelmed and you go quiet; "
        "then I feel anxious and I ask more questions more."
    )
    assert "When I ask more questions, what you may see is criticism." in sentences
    assert "When you go quiet, what I see is that he doesn't care." in sentences
    assert (
        "Underneath, I feel alone; my fear is being left; what I long for is to know I matter."
        in sentences
    )
    assert sentences[-1] == "The loop is what hurts us both — not you, and not me."


def test_the_loop_can_be_told_from_the_second_partners_view() -> None:
    sentences = cycle_sentences(ALICE, BOB, view="second")

    assert sentences[0] == (
        "When I go quiet, you feel anxious and you ask more questions; "
        "then I feel overwhelmed and I go quiet more."
    )
    assert sentences == cycle_sentences(BOB, ALICE)


def test_words_the_sentence_already_says_are_not_repeated() -> None:
    alice = CycleSide("Alice", "I ask more questions.", "", "I feel anxious", "", "", "I need calm")
    bob = CycleSide("Bob", "You go quiet", "", "You feel Overwhelmed", "", "", "")

    sentences = cycle_sentences(alice, bob)

    assert sentences[0] == (
        "When I ask more questions, you feel overwhelmed and you go quiet; "
        "then I feel anxious and I ask more questions more."
    )
    assert "What I long for is calm." in sentences


def test_a_guessed_side_is_told_as_a_guess() -> None:
    bob_guessed = replace(BOB, is_guess=True)

    sentences = cycle_sentences(ALICE, bob_guessed)

    assert sentences[0].startswith("When I ask more questions, perhaps you feel overwhelmed")
    assert any(sentence.startswith("Perhaps underneath, you feel") for sentence in sentences)


@pytest.mark.parametrize(
    ("alice", "bob", "expected_loop"),
    [
        (
            CycleSide("Alice", "", "", "anxious", "", "", ""),
            CycleSide("Bob", "go quiet", "", "", "", "", ""),
            "You go quiet; then I feel anxious.",
        ),
        (
            CycleSide("Alice", "ask more questions", "", "", "", "", ""),
            CycleSide("Bob", "", "", "", "", "", ""),
            "When I ask more questions, I ask more questions more.",
        ),
        (
            CycleSide("Alice", "ask more questions", "", "", "", "", ""),
            CycleSide("Bob", "", "", "overwhelmed", "", "", ""),
            "When I ask more questions, you feel overwhelmed; then I ask more questions more.",
        ),
    ],
)
def test_empty_fields_are_skipped(alice: CycleSide, bob: CycleSide, expected_loop: str) -> None:
    sentences = cycle_sentences(alice, bob)

    assert sentences[0] == expected_loop
    for sentence in sentences:
        assert "  " not in sentence
        assert " ," not in sentence
        assert ";;" not in sentence


def test_a_cycle_with_nothing_written_has_no_sentences() -> None:
    assert cycle_sentences(EMPTY, EMPTY) == ()


def test_the_picture_is_well_formed_and_accessible() -> None:
    root = parse(cycle_svg(ALICE, BOB, "The chase and the hide"))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "The chase and the hide"
    assert desc is not None and desc.text is not None
    for sentence in cycle_sentences(ALICE, BOB):
        assert sentence in desc.text
    labelled_by = root.get("aria-labelledby", "").split()
    assert labelled_by == [title.get("id"), desc.get("id")]


def test_the_picture_shows_both_people_and_the_cycle_name_in_the_middle() -> None:
    root = parse(cycle_svg(ALICE, BOB, "The chase and the hide"))

    names = [lines_of(text)[0] for text in texts_with_class(root, "name")]
    assert names == ["Alice", "Bob"]
    [centre] = texts_with_class(root, "cycle-name")
    assert " ".join(lines_of(centre)) == "The chase and the hide"
    shown = all_text(root)
    for words in ("ask more questions", "overwhelmed", "go quiet", "anxious", "being left"):
        assert words in shown


def test_four_arrows_go_round_clockwise() -> None:
    root = parse(cycle_svg(ALICE, BOB, "Our loop"))

    arrows = [line for line in root.iter(f"{SVG}line") if line.get("class") == "arrow"]
    assert len(arrows) == 4
    moves = [
        (
            float(a.get("x2", 0)) - float(a.get("x1", 0)),
            float(a.get("y2", 0)) - float(a.get("y1", 0)),
        )
        for a in arrows
    ]
    # Right along the top, down the right, left along the bottom, up the left.
    assert moves[0][0] > 0 and moves[0][1] == 0
    assert moves[1][0] == 0 and moves[1][1] > 0
    assert moves[2][0] < 0 and moves[2][1] == 0
    assert moves[3][0] == 0 and moves[3][1] < 0
    for arrow in arrows:
        assert arrow.get("marker-end", "").startswith("url(#")


def test_all_text_is_escaped() -> None:
    bob = CycleSide("Bob <b>", "<script>alert(1)</script>", "", "a & b", "", "", "")

    svg = cycle_svg(ALICE, bob, "</title><script>alert(2)</script>")

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert "<script>alert(1)</script>" in all_text(root)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "</title><script>alert(2)</script>"


def test_the_picture_uses_nothing_from_outside() -> None:
    svg = cycle_svg(ALICE, BOB, "Our loop")

    assert svg.count("http") == 1  # the SVG namespace only
    for outside in ("href", "<image", "<script", "@import", "<foreignObject", "onload"):
        assert outside not in svg


def test_long_text_wraps_and_stops_after_four_lines() -> None:
    long_move = "ask question after question about where you were and who you were with " * 3
    alice = replace(ALICE, move=long_move)

    root = parse(cycle_svg(alice, BOB, "Our loop"))

    [move] = [text for text in texts_with_class(root, "move") if "question" in all_text_of(text)]
    lines = lines_of(move)
    assert len(lines) == 4
    assert all(len(line) <= 28 for line in lines)
    assert lines[-1].endswith("…")
    assert lines[0] == "ask question after question"


def all_text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_short_text_stays_on_one_line() -> None:
    root = parse(cycle_svg(ALICE, BOB, "Our loop"))

    surfaces = texts_with_class(root, "surface")
    [surface] = [text for text in surfaces if "anxious" in all_text_of(text)]
    assert lines_of(surface) == ["anxious"]


def test_a_guessed_side_is_dashed_and_marked() -> None:
    bob_guessed = replace(BOB, is_guess=True)

    root = parse(cycle_svg(ALICE, bob_guessed, "Our loop"))

    names = [lines_of(text)[0] for text in texts_with_class(root, "name")]
    assert names == ["Alice", "Bob (my guess)"]
    groups = [group for group in root.iter(f"{SVG}g") if "box" in group.get("class", "")]
    guessed = [group for group in groups if "guess" in group.get("class", "").split()]
    assert len(groups) == 4
    assert len(guessed) == 2
    for group in groups:
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        assert (rect.get("stroke-dasharray") is not None) == (group in guessed)
    assert "Bob" in all_text(root)


def test_empty_fields_still_draw_a_calm_picture() -> None:
    root = parse(cycle_svg(EMPTY, EMPTY, ""))

    shown = all_text(root)
    assert "None" not in shown
    assert "not written yet" in shown
    assert [lines_of(text)[0] for text in texts_with_class(root, "name")] == ["Me", "My partner"]
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Our cycle"
    assert not texts_with_class(root, "underneath")


def test_ids_can_be_made_unique_for_several_pictures_on_one_page() -> None:
    root = parse(cycle_svg(ALICE, BOB, "Our loop", id_prefix='map-7"><x'))

    assert root.get("aria-labelledby") == "map-7x-title map-7x-desc"


def test_a_long_name_is_shortened_in_labels_that_keep_their_verb() -> None:
    alice = replace(ALICE, name="Alexandra-Maria Constantinescu")

    root = parse(cycle_svg(alice, BOB, "Our loop"))

    labels = [" ".join(lines_of(text)) for text in texts_with_class(root, "label")]
    assert "What Alexandra-Maria… does" in labels
    assert "How Alexandra-Maria… feels" in labels
