"""The weekly review reflects back what Alice wrote in her week, and invents nothing."""

from datetime import date, timedelta

import pytest

from attune.core.review import (
    EMPTY_WEEK_QUESTION,
    GENERAL_QUESTION,
    JournalNote,
    Review,
    TriggerNote,
    reviews_for_year,
    weekly_review,
)

MONDAY = date(2024, 3, 4)
UNKIND_WORDS = ("should", "failed", "missed", "streak", "score")


def day(n: int) -> date:
    """The nth day of Alice's week, counting Monday as 0."""
    return MONDAY + timedelta(days=n)


def journal(
    n: int,
    *,
    feelings: tuple[str, ...] = (),
    closeness: str = "",
    distance: str = "",
    text: str = "A quiet day.",
) -> JournalNote:
    return JournalNote(day(n), text, closeness, distance, feelings, body="")


def trigger(n: int, situation: str, *, surface: str = "", underneath: str = "") -> TriggerNote:
    return TriggerNote(day(n), situation, surface, underneath, body="", reaction="", wish="")


def assert_gentle(review: Review) -> None:
    assert review.questions
    for question in review.questions:
        assert question.endswith("?"), question
        for word in UNKIND_WORDS:
            assert word not in question.lower(), question


# Alice's week: three moments of waiting for Bob's reply, and one about his parents.
ALICE_TRIGGERS = [
    trigger(0, "He didn't text back", surface="Anxious", underneath="Not important"),
    trigger(2, "No reply to my texts again", surface="anxious, hurt", underneath="not important."),
    trigger(4, "Texted him, nothing.", surface="Hurt and alone", underneath="to matter to him"),
    trigger(5, "Meeting his parents", surface="nervous", underneath="Being good enough"),
]


def test_similar_situations_form_one_theme_and_others_stay_apart() -> None:
    review = weekly_review(MONDAY, [], ALICE_TRIGGERS)

    [theme] = review.repeated_triggers
    assert theme.count == 3
    assert theme.days == (day(0), day(2), day(4))
    assert "text" in theme.label
    assert theme.situations == (
        "He didn't text back",
        "No reply to my texts again",
        "Texted him, nothing.",
    )
    assert all("parents" not in situation for situation in theme.situations)
    assert theme.underneath == "not important"


def test_a_theme_needs_at_least_two_notes() -> None:
    review = weekly_review(MONDAY, [], [trigger(1, "Meeting his parents")])

    assert review.repeated_triggers == ()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("He was on his phone at dinner", "Phone out during dinner"),
        ("She cancelled our plans", "Plans cancelled at the last minute"),
        ("Bob ignored my question", "I felt ignored when I asked a question"),
        ("My partner left for work without a hug", "Left without a hug"),
    ],
)
def test_differently_worded_situations_are_grouped(first: str, second: str) -> None:
    review = weekly_review(MONDAY, [], [trigger(0, first), trigger(3, second)])

    [theme] = review.repeated_triggers
    assert theme.count == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("He didn't text back", "Meeting his parents"),
        ("He was late for dinner", "Late reply to my text about the weekend plans"),
        # "my partner" appears in almost every note, so it alone does not make a theme.
        ("My partner sighed at me", "My partner's friends came over"),
    ],
)
def test_unrelated_situations_stay_apart(first: str, second: str) -> None:
    review = weekly_review(MONDAY, [], [trigger(0, first), trigger(3, second)])

    assert review.repeated_triggers == ()


def test_everyday_verbs_do_not_join_different_moments() -> None:
    triggers = [
        trigger(0, "Talked about money"),
        trigger(1, "Talking about his ex"),
        trigger(2, "His ex texted him"),
    ]

    review = weekly_review(MONDAY, [], triggers)

    [theme] = review.repeated_triggers
    assert theme.situations == ("Talking about his ex", "His ex texted him")
    assert theme.label.startswith("ex")


def test_a_chain_of_loosely_linked_moments_does_not_become_one_theme() -> None:
    triggers = [
        trigger(0, "Phone at dinner"),
        trigger(1, "Dinner with his parents"),
        trigger(2, "His parents visited"),
        trigger(3, "Visited his brother"),
    ]

    review = weekly_review(MONDAY, [], triggers)

    [theme] = review.repeated_triggers
    assert "Visited his brother" not in theme.situations
    assert theme.count == 3


def test_words_for_the_same_moment_meet() -> None:
    triggers = [trigger(0, "He didn't answer my message"), trigger(2, "No reply to my text")]

    review = weekly_review(MONDAY, [], triggers)

    [theme] = review.repeated_triggers
    assert theme.count == 2


def test_the_same_wording_groups_even_without_significant_words() -> None:
    review = weekly_review(MONDAY, [], [trigger(0, "Again!"), trigger(1, "again")])

    [theme] = review.repeated_triggers
    assert theme.label == "again"
    assert theme.count == 2


def test_notes_with_nothing_written_make_no_theme() -> None:
    triggers = [trigger(0, "", surface="tense"), trigger(1, "  ", surface="tense"), trigger(2, ".")]

    review = weekly_review(MONDAY, [], triggers)

    assert review.repeated_triggers == ()
    assert review.top_needs == ()
    assert review.days_written == (day(0), day(1), day(2))
    assert review.top_feelings == (("tense", 2),)


def test_grouping_does_not_depend_on_the_order_of_the_notes() -> None:
    forwards = weekly_review(MONDAY, [], ALICE_TRIGGERS)
    backwards = weekly_review(MONDAY, [], list(reversed(ALICE_TRIGGERS)))
    same_day = [trigger(3, "Phone at dinner"), trigger(3, "Phone out during dinner")]
    assert weekly_review(MONDAY, [], same_day) == weekly_review(MONDAY, [], same_day[::-1])

    assert forwards == backwards


def test_themes_are_ordered_by_how_often_they_came_up() -> None:
    triggers = [
        trigger(0, "Phone at dinner"),
        trigger(1, "He didn't text back"),
        trigger(2, "Phone out at dinner again"),
        trigger(3, "No reply to my texts"),
        trigger(4, "Texted him, nothing"),
    ]

    review = weekly_review(MONDAY, [], triggers)

    assert [theme.count for theme in review.repeated_triggers] == [3, 2]
    assert "phone" in review.repeated_triggers[1].label


def test_feelings_are_counted_from_the_journal_and_trigger_surfaces() -> None:
    notes = [
        journal(0, feelings=("Anxious", "hopeful ")),
        journal(1, feelings=("anxious.", "Anxious", "tender")),  # one note counts a feeling once
        journal(3, feelings=("", "  ")),
    ]

    review = weekly_review(MONDAY, notes, ALICE_TRIGGERS)

    assert review.top_feelings == (
        ("anxious", 4),
        ("hurt", 2),
        ("alone", 1),
        ("hopeful", 1),
        ("nervous", 1),
    )


def test_needs_underneath_are_grouped_by_similar_wording() -> None:
    review = weekly_review(MONDAY, [], ALICE_TRIGGERS)

    assert review.top_needs == (
        ("not important", 2),
        ("being good enough", 1),
        ("to matter to him", 1),
    )


def test_items_outside_the_week_are_left_out() -> None:
    before = MONDAY - timedelta(days=1)
    after = MONDAY + timedelta(days=7)
    notes = [
        JournalNote(before, "Sunday", "a long hug", "", ("calm",), ""),
        journal(6, feelings=("tired",)),
        JournalNote(after, "Next Monday", "", "cold morning", ("lonely",), ""),
    ]
    triggers = [
        TriggerNote(before, "He didn't text back", "anxious", "", "", "", ""),
        trigger(1, "No reply to my texts", surface="hurt"),
        TriggerNote(after, "Texted him, nothing", "anxious", "", "", "", ""),
    ]

    review = weekly_review(MONDAY, notes, triggers)

    assert review.days_written == (day(1), day(6))
    assert review.repeated_triggers == ()
    assert review.top_feelings == (("hurt", 1), ("tired", 1))
    assert review.closeness_moments == 0
    assert review.distance_moments == 0


def test_days_written_are_distinct_and_sorted() -> None:
    notes = [journal(4), journal(1), journal(4)]
    triggers = [trigger(1, "Meeting his parents"), trigger(6, "Late home")]

    review = weekly_review(MONDAY, notes, triggers)

    assert review.days_written == (day(1), day(4), day(6))


def test_closeness_and_distance_moments_are_the_filled_in_ones() -> None:
    notes = [
        journal(0, closeness="Bob made tea", distance=""),
        journal(1, closeness="We laughed at dinner", distance="He went quiet after"),
        journal(2, closeness="   ", distance="Slept apart"),
        journal(3, closeness="A long hug"),
    ]

    review = weekly_review(MONDAY, notes, [])

    assert review.closeness_moments == 3
    assert review.distance_moments == 2
    assert (
        "You noted more moments of closeness than distance. What helped them happen?"
        in review.questions
    )


def test_more_distance_brings_a_gentle_question_about_it() -> None:
    review = weekly_review(MONDAY, [journal(0, distance="He went quiet")], [])

    assert any("distance" in question for question in review.questions)
    assert_gentle(review)


def test_questions_come_from_what_was_found() -> None:
    review = weekly_review(MONDAY, [journal(1, feelings=("anxious",))], ALICE_TRIGGERS)

    label = review.repeated_triggers[0].label
    assert review.questions[0] == (
        f"“{label}” came up 3 times this week. What do you notice about those moments?"
    )
    assert any("“not important” came up twice" in question for question in review.questions)
    assert any("“anxious” 3 times" in question for question in review.questions)
    assert review.questions[-1] == GENERAL_QUESTION
    assert_gentle(review)


def test_a_quiet_week_still_gets_the_general_question() -> None:
    review = weekly_review(MONDAY, [journal(2)], [])

    assert review.questions == (GENERAL_QUESTION,)
    assert review.days_written == (day(2),)


def test_an_empty_week_invents_nothing() -> None:
    outside = [JournalNote(MONDAY - timedelta(days=3), "Earlier", "hug", "", ("calm",), "")]

    review = weekly_review(MONDAY, outside, [])

    assert review == Review(
        week_start=MONDAY,
        days_written=(),
        repeated_triggers=(),
        top_feelings=(),
        top_needs=(),
        closeness_moments=0,
        distance_moments=0,
        questions=(EMPTY_WEEK_QUESTION,),
    )
    assert "that’s fine" in EMPTY_WEEK_QUESTION
    for word in UNKIND_WORDS:
        assert word not in EMPTY_WEEK_QUESTION.lower()


def test_reviews_for_a_year_match_reviews_week_by_week() -> None:
    notes = [
        JournalNote(MONDAY + timedelta(days=n), "day", "hug" if n % 3 else "", "", ("calm",), "")
        for n in range(0, 364, 2)
    ]
    triggers = [
        TriggerNote(MONDAY + timedelta(days=n), text, "anxious", "not important", "", "", "")
        for n, text in zip(
            range(1, 364, 3), ["He didn't text back", "No reply", "Late home"] * 50, strict=False
        )
    ]
    outside = [JournalNote(MONDAY + timedelta(days=400), "later", "", "", ("calm",), "")]

    reviews = reviews_for_year(notes + outside, triggers, MONDAY)

    assert len(reviews) == 52
    for week, review in enumerate(reviews):
        start = MONDAY + timedelta(weeks=week)
        assert review.week_start == start
        assert review == weekly_review(start, notes, triggers)
