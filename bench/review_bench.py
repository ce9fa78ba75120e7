"""How long the weekly review takes over a realistic year of one person's notes.

Run from the repository root with `.venv/bin/python bench/review_bench.py` (add `--repeats N`
or `--seed N` to change the defaults). It makes a seeded random year: a journal note every day
(365) and about 300 trigger notes drawn from a dozen kinds of moment, each worded several ways
with different case, punctuation and tails, so that grouping similar situations has real work
to do. Then it times, with time.perf_counter over several repeats:

- one week:         weekly_review for one week, given the whole year (it filters first);
- 52 weeks, naive:  weekly_review called once for each week of the year;
- whole year:       reviews_for_year, which sorts every note into its week in one pass;
- worst case week:  every note of the year squeezed into one week, the most grouping can face.

Reading the result: each line gives the median and the fastest of the repeats, in
milliseconds. The median is the number to compare between changes; the fastest shows what the
machine can do without interference. A page shows one week, so "one week" is what a person
waits for; "whole year" is for exports and summaries. Absolute numbers move with the machine.
This is not a test: `make test` never runs it.
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Run as a script from anywhere, the repository root is not on the import path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from attune.core.review import (
    JournalNote,
    TriggerNote,
    reviews_for_year,
    weekly_review,
)

FIRST_MONDAY = date(2024, 1, 1)
DAYS = 365
TRIGGER_NOTES = 300

# Each kind of moment, worded the ways a person might write it on different days.
SITUATIONS = [
    ["He didn't text back", "No reply to my texts", "texted him, nothing", "still no text back"],
    ["Phone out at dinner", "He was on his phone during dinner", "scrolling his phone at dinner"],
    ["She cancelled our plans", "plans cancelled last minute", "cancelled on me again"],
    ["Meeting his parents", "Dinner at his parents' house", "his parents came over"],
    ["Came home late without calling", "late home, no call", "he was late and didn't call"],
    ["Went quiet after our argument", "silent treatment after the argument", "quiet all evening"],
    ["Forgot our anniversary", "anniversary forgotten", "he forgot the anniversary dinner"],
    ["Talked about money", "argument about money", "money talk turned tense"],
    ["Left for work without a hug", "no hug before work", "left without saying goodbye"],
    ["Mentioned his ex", "his ex texted him", "talking about his ex"],
    ["Made plans with friends without asking", "friends' night, didn't ask me", "out with friends"],
    [
        "Criticised my cooking",
        "comment about my cooking",
        "joked about my cooking in front of friends",
    ],
]
TAILS = ["", "", "", " again", " tonight", ".", "!", "...", " — again", " at the weekend"]
FEELINGS = [
    "anxious", "hurt", "lonely", "calm", "hopeful", "tired", "grateful", "angry", "scared",
    "tender", "sad", "relieved", "overwhelmed", "ashamed", "content",
]  # fmt: skip
NEEDS = [
    ["not important", "Not important to him", "unimportant?"],
    ["to matter", "to matter to him", "mattering"],
    ["being good enough", "not good enough", "good enough"],
    ["reassurance", "some reassurance", "to be reassured"],
    ["to be chosen", "chosen", "not chosen"],
    ["safety", "feeling safe", "to feel safe with him"],
]
CLOSENESS = ["a long hug", "we laughed at dinner", "he made me tea", "walk together", "he listened"]
DISTANCE = ["he went quiet", "slept apart", "cold morning", "we talked past each other"]


def make_year(seed: int) -> tuple[list[JournalNote], list[TriggerNote]]:
    """A year of one person's notes, the same every time for the same seed."""
    rng = random.Random(seed)
    journal = []
    for n in range(DAYS):
        feelings = tuple(_vary(rng, feeling) for feeling in rng.sample(FEELINGS, rng.randint(0, 3)))
        journal.append(
            JournalNote(
                day=FIRST_MONDAY + timedelta(days=n),
                text=" ".join(rng.choices(["Today", "we", "talked", "walked", "rested"], k=12)),
                closeness=rng.choice(CLOSENESS) if rng.random() < 0.5 else "",
                distance=rng.choice(DISTANCE) if rng.random() < 0.35 else "",
                feelings=feelings,
                body=rng.choice(["tight chest", "", "warm", "heavy shoulders"]),
            )
        )
    triggers = []
    for _ in range(TRIGGER_NOTES):
        situation = rng.choice(rng.choice(SITUATIONS)) + rng.choice(TAILS)
        surface = rng.choice([", ", " and ", " / "]).join(
            _vary(rng, feeling) for feeling in rng.sample(FEELINGS, rng.randint(1, 2))
        )
        triggers.append(
            TriggerNote(
                day=FIRST_MONDAY + timedelta(days=rng.randrange(DAYS)),
                situation=_vary(rng, situation),
                surface=surface,
                underneath=_vary(rng, rng.choice(rng.choice(NEEDS))),
                body=rng.choice(["tight chest", "knot in stomach", ""]),
                reaction=rng.choice(["sent three more texts", "went quiet", "cried"]),
                wish=rng.choice(["a quick reply", "a hug", "to be asked"]),
            )
        )
    return journal, triggers


def _vary(rng: random.Random, text: str) -> str:
    """The same words as a person might type them on another day."""
    return rng.choice([text, text.lower(), text.capitalize(), f" {text} ", text.upper()])


def timed(label: str, action: Callable[[], object], repeats: int) -> None:
    """Run action several times and print the median and fastest time in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<20} median {statistics.median(times):8.2f} ms   fastest {min(times):8.2f} ms")


def main() -> None:
    """Make the year, then time each way of reviewing it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    journal, triggers = make_year(args.seed)
    mid_year = FIRST_MONDAY + timedelta(weeks=26)
    week_starts = [FIRST_MONDAY + timedelta(weeks=week) for week in range(52)]
    # Every note moved into one week: the most notes a single grouping could ever face.
    squeezed_journal = [
        JournalNote(FIRST_MONDAY + timedelta(days=n % 7), j.text, j.closeness, j.distance,
                    j.feelings, j.body)
        for n, j in enumerate(journal)
    ]  # fmt: skip
    squeezed_triggers = [
        TriggerNote(FIRST_MONDAY + timedelta(days=n % 7), t.situation, t.surface, t.underneath,
                    t.body, t.reaction, t.wish)
        for n, t in enumerate(triggers)
    ]  # fmt: skip

    themes = sum(
        len(r.repeated_triggers) for r in reviews_for_year(journal, triggers, FIRST_MONDAY)
    )
    print(
        f"A year of {len(journal)} journal notes and {len(triggers)} trigger notes "
        f"(seed {args.seed}, {args.repeats} repeats; {themes} repeated-trigger themes found)."
    )
    timed("one week", lambda: weekly_review(mid_year, journal, triggers), args.repeats)
    timed(
        "52 weeks, naive",
        lambda: [weekly_review(start, journal, triggers) for start in week_starts],
        args.repeats,
    )
    timed("whole year", lambda: reviews_for_year(journal, triggers, FIRST_MONDAY), args.repeats)
    timed(
        "worst case week",
        lambda: weekly_review(FIRST_MONDAY, squeezed_journal, squeezed_triggers),
        args.repeats,
    )


if __name__ == "__main__":
    main()
