"""The I-statement coach notes what tends to start a fight, and shapes a person's own words."""

import time

import pytest

from attune.core.coach import (
    Coaching,
    MissingKind,
    NoteKind,
    analyse,
    shape,
)

BLAME = NoteKind.BLAME
ABSOLUTE = NoteKind.ABSOLUTE
LABEL = NoteKind.LABEL
MIND_READING = NoteKind.MIND_READING
SARCASM = NoteKind.SARCASM
COMMAND = NoteKind.COMMAND
CONTEMPT = NoteKind.CONTEMPT
THOUGHT = NoteKind.THOUGHT_AS_FEELING

# What Alice might type to Bob, the kind of note it should bring, and the exact words quoted.
NOTED = [
    # Blame
    ("You make me feel like I'm nothing.", BLAME, "You make me feel"),
    ("It’s your fault we were late.", BLAME, "It’s your fault"),
    ("it's all your fault", BLAME, "it's all your fault"),
    ("We're in this mess because of you.", BLAME, "because of you"),
    ("You made me so angry last night.", BLAME, "You made me so angry"),
    ("You ruined the whole evening.", BLAME, "You ruined"),
    # Absolutes aimed at the partner
    ("You always leave the dishes for me.", ABSOLUTE, "You always"),
    ("You never listen to me.", ABSOLUTE, "You never"),
    ("Every time you get home late, I panic.", ABSOLUTE, "Every time you"),
    ("You’re constantly on your phone.", ABSOLUTE, "You’re constantly"),
    ("u never text back", ABSOLUTE, "u never"),
    ("You do this every single time.", ABSOLUTE, "You do this every single time"),
    # A positive absolute is still noted, gently; the note says praise can stay.
    ("You always make me laugh — I love that.", ABSOLUTE, "You always"),
    # Labels and insults
    ("You're so selfish.", LABEL, "You're so selfish"),
    ("You’re being so needy right now.", LABEL, "You’re being so needy"),
    ("You are such a child about this.", LABEL, "You are such a child"),
    ("Honestly youre lazy.", LABEL, "youre lazy"),
    ("u r so cold sometimes", LABEL, "u r so cold"),
    ("You selfish jerk.", LABEL, "You selfish jerk"),
    ("You act like a child.", LABEL, "You act like a child"),
    ("Are you stupid?", LABEL, "Are you stupid"),
    # Mind-reading
    ("You don’t care about me at all.", MIND_READING, "You don’t care"),
    ("You don't love me anymore.", MIND_READING, "You don't love me"),
    ("You just want to win.", MIND_READING, "You just want to"),
    ("You just want attention.", MIND_READING, "You just want"),
    ("You think I'm overreacting.", MIND_READING, "You think I"),
    ("You did that on purpose.", MIND_READING, "You did that on purpose"),
    ("You only care about yourself.", MIND_READING, "You only care about yourself"),
    ("You're just trying to punish me.", MIND_READING, "You're just trying to punish"),
    # Sarcasm
    ("Yeah right, like you were busy.", SARCASM, "Yeah right"),
    ("Oh great, another night alone.", SARCASM, "Oh great"),
    ("Thanks a lot for remembering.", SARCASM, "Thanks a lot"),
    ("Fine. Whatever.", SARCASM, "Whatever"),
    ("Whatever you say.", SARCASM, "Whatever you say"),
    ("Sure you did.", SARCASM, "Sure you did"),
    ("Oh, sure you did.", SARCASM, "sure you did"),
    ("I waited two hours!!", SARCASM, "!!"),
    ("You forgot?!", SARCASM, "?!"),
    ("Great plan 🙄", SARCASM, "🙄"),
    ("Love how you planned everything /s", SARCASM, "/s"),
    ("Must be nice to sleep in.", SARCASM, "Must be nice"),
    # Commands
    ("You need to calm down.", COMMAND, "You need to"),
    ("You should apologise to my mother.", COMMAND, "You should"),
    ("You have to stop doing this.", COMMAND, "You have to"),
    ("Stop yelling at me.", COMMAND, "Stop yelling"),
    ("Bob, stop interrupting me.", COMMAND, "stop interrupting"),
    ("Just listen for once.", COMMAND, "Just listen"),
    ("Calm down, it's not a big deal.", COMMAND, "Calm down"),
    ("Please just let it go.", COMMAND, "just let it go"),
    # Contempt
    ("You're pathetic.", CONTEMPT, "You're pathetic"),
    ("You’re being ridiculous.", CONTEMPT, "You’re being ridiculous"),
    ("You sound ridiculous right now.", CONTEMPT, "You sound ridiculous"),
    ("What's wrong with you?", CONTEMPT, "What's wrong with you"),
    ("You disgust me.", CONTEMPT, "You disgust me"),
    # "I feel like …" is a thought, not a feeling
    ("I feel like you don't want me around.", THOUGHT, "I feel like"),
    ("I feel that nobody listens to me here.", THOUGHT, "I feel that"),
    ("I’m feeling like I'm a burden.", THOUGHT, "I’m feeling like"),
]

# Messages with nothing that tends to start a fight.
CALM = [
    "I always feel calmer after we talk.",
    "Never mind, it's fine.",
    "I never want to lose you.",
    "We always have the best time on Sundays.",
    "I love you always.",
    "Thank you always for your patience.",
    "It's not your fault.",
    "I'd love it if we could take a walk after dinner.",
    "I feel lonely when you're on your phone at dinner, because I miss talking with you. "
    "Could we put our phones away while we eat?",
    "Thank you for listening last night. I felt so close to you.",
    "Whatever you decide is fine with me.",
    "Do you want to get dinner on Friday?",
    "If you need to rest tonight, that's okay.",
    "You must be exhausted after that week.",
    "Yeah, right now I'm too tired to talk. Can we talk tomorrow?",
    "What do you think I should bring to your mum's?",
    "Just checking in — how was your day?",
    "You make me feel safe.",
    "You make me feel so loved.",
    "I'm not angry, I'm hurt.",
    "I'm sure you did your best.",
    "Sure, you can borrow the car.",
    "Are you cold? I can bring a blanket.",
    "We never got to finish that film, want to tonight?",
    "I feel like going for a walk with you later.",
    "You were so patient with me yesterday, and I'm grateful.",
    "Oh, I almost forgot: your sister called.",
    "Please could you text me when you're running late?",
    "I need a hug.",
    "This is ridiculous, let's both take a breath.",
    "Stopping by the shop on my way home.",
    "I know you care about me, even when it's hard to show.",
    "You're so kind to me.",
    "Really??",
    "I'm happy because of the way you held me.",
    # A label someone is denying is not a label.
    "I don't think you're selfish, I think you're tired.",
    "It's not that you're lazy; I just miss you.",
    "Oh, great news about your sister!",
    "I never said you're lazy.",
]


@pytest.mark.parametrize(("message", "kind", "quote"), NOTED)
def test_noted(message: str, kind: NoteKind, quote: str) -> None:
    notes = [note for note in analyse(message).notes if note.kind is kind]
    assert [note.quote for note in notes] == [quote]
    note = notes[0]
    assert message[note.start : note.end] == quote
    assert quote[1:].lower() in note.suggestion.lower()


@pytest.mark.parametrize("message", CALM)
def test_calm_messages_bring_no_notes(message: str) -> None:
    assert analyse(message).notes == ()


@pytest.mark.parametrize(
    "message",
    [
        "I always feel calmer after we talk.",
        "We always argue about money, and I want us to find a way through.",
        "I never want to lose you.",
        "Never mind.",
        "It always rains when we go camping.",
        "Love you always.",
    ],
)
def test_absolutes_about_oneself_or_nobody_are_left_alone(message: str) -> None:
    assert not [note for note in analyse(message).notes if note.kind is ABSOLUTE]


def test_praise_absolute_is_noted_gently() -> None:
    (note,) = analyse("You always make me laugh — I love that.").notes
    assert note.suggestion == (
        "“You always” can sound like a verdict on who your partner is. Try naming one recent "
        "moment instead: “Last night when…”. (If it’s praise, it can stay just as it is.)"
    )


def test_offsets_point_at_the_quoted_words() -> None:
    message = "Honestly, you always do this, and it’s your fault!!"
    notes = analyse(message).notes
    assert [(note.kind, note.start, note.end) for note in notes] == [
        (ABSOLUTE, 10, 20),
        (BLAME, 34, 49),
        (SARCASM, 49, 51),
    ]
    assert [message[note.start : note.end] for note in notes] == [
        "you always",
        "it’s your fault",
        "!!",
    ]


def test_notes_come_in_the_order_of_the_message() -> None:
    message = "Whatever. You never listen and you’re so lazy. Just stop."
    notes = analyse(message).notes
    assert [note.kind for note in notes] == [SARCASM, ABSOLUTE, LABEL, COMMAND]
    assert [note.start for note in notes] == sorted(note.start for note in notes)


def test_one_stretch_of_words_brings_one_note_of_a_kind() -> None:
    notes = analyse("You're always so selfish.").notes
    # At the same start the longer stretch comes first.
    assert [(note.kind, note.quote) for note in notes] == [
        (LABEL, "You're always so selfish"),
        (ABSOLUTE, "You're always"),
    ]


def test_curly_and_straight_apostrophes_read_alike() -> None:
    straight = analyse("You don't care. It's your fault.")
    curly = analyse("You don’t care. It’s your fault.")
    assert [(n.kind, n.start, n.end) for n in straight.notes] == [
        (n.kind, n.start, n.end) for n in curly.notes
    ]
    assert [n.quote for n in curly.notes] == ["You don’t care", "It’s your fault"]


def test_suggestions_are_warm_and_never_say_failed_or_wrong() -> None:
    messages = [message for message, _, _ in NOTED]
    for message in messages:
        coaching = analyse(message)
        # The person's own words are quoted first; only the coach's words are checked.
        texts = [note.suggestion.split("”", 1)[1] for note in coaching.notes]
        texts += [missing.prompt for missing in coaching.missing]
        for text in texts:
            assert "failed" not in text.lower()
            assert " wrong" not in text.lower()


def all_missing(coaching: Coaching) -> bool:
    return [m.kind for m in coaching.missing] == [
        MissingKind.FEELING,
        MissingKind.SITUATION,
        MissingKind.NEED,
    ]


@pytest.mark.parametrize("message", ["", "   ", " \n\t  "])
def test_empty_message(message: str) -> None:
    coaching = analyse(message)
    assert coaching.notes == ()
    assert all_missing(coaching)
    assert (coaching.has_feeling, coaching.has_situation, coaching.has_need) == (
        False,
        False,
        False,
    )
    assert coaching.feelings_found == ()


def test_a_full_i_statement_is_missing_nothing() -> None:
    coaching = analyse(
        "I felt lonely last night when you went straight to your phone after dinner, because "
        "I'd been looking forward to talking. Could we have ten minutes together tonight?"
    )
    assert coaching.notes == ()
    assert coaching.missing == ()
    assert coaching.feelings_found == ("lonely",)


@pytest.mark.parametrize(
    ("message", "feelings"),
    [
        ("I feel hurt and lonely when you go quiet.", ("hurt", "lonely")),
        ("I’m so overwhelmed and a bit scared.", ("overwhelmed", "scared")),
        ("I felt invisible at the party.", ("invisible",)),
        ("I feel taken for granted.", ("taken for granted",)),
        ("I feel close to you when we cook together.", ("close",)),
        ("I don't feel safe when voices get loud.", ("not safe",)),
        ("I always feel calmer after we talk.", ("calmer",)),
        ("You make me so angry.", ("angry",)),
        ("Lonely. That's how this week has been.", ("lonely",)),
        ("You never seem happy with me.", ()),
        ("I know you're tired.", ()),
        ("Can you close the window?", ()),
        ("I feel like you don't care.", ()),
    ],
)
def test_feelings_found_are_the_persons_own(message: str, feelings: tuple[str, ...]) -> None:
    coaching = analyse(message)
    assert coaching.feelings_found == feelings
    assert coaching.has_feeling is bool(feelings)


def test_i_feel_like_is_named_gently_as_a_thought() -> None:
    coaching = analyse("I feel like you don't want me around.")
    feeling = next(m for m in coaching.missing if m.kind is MissingKind.FEELING)
    assert feeling.prompt.startswith("“I feel like …” names a thought.")
    plain = analyse("You were late again.")
    feeling = next(m for m in plain.missing if m.kind is MissingKind.FEELING)
    assert feeling.prompt.startswith("What are you feeling?")


@pytest.mark.parametrize(
    ("message", "has_situation"),
    [
        ("I felt alone when you left early.", True),
        ("Last night I waited up for you.", True),
        ("This morning was hard for me.", True),
        ("Yesterday I cried in the car.", True),
        ("At dinner I felt unheard.", True),
        ("You said it in front of your friends.", True),
        ("You were meant to be home at 7pm.", True),
        ("On Saturday you forgot to call.", True),
        ("The other day you snapped at me.", True),
        ("You never listen.", False),
        ("I feel hurt.", False),
        ("When will you be home?", False),
    ],
)
def test_situation(message: str, has_situation: bool) -> None:
    assert analyse(message).has_situation is has_situation


@pytest.mark.parametrize(
    ("message", "has_need"),
    [
        ("I need some time to myself tonight.", True),
        ("I would like us to talk before bed.", True),
        ("I’d like a hug.", True),
        ("Could you text me when you're late?", True),
        ("Would you sit with me for a bit?", True),
        ("Can we try again tomorrow?", True),
        ("I wish we could go back to Sunday walks.", True),
        ("It would help me if you told me first.", True),
        ("How could you do that?", False),
        ("You never listen.", False),
        ("I never want to lose you.", False),
    ],
)
def test_need(message: str, has_need: bool) -> None:
    assert analyse(message).has_need is has_need


def test_a_long_message_is_read_quickly() -> None:
    sentence = (
        "You always do this and it’s your fault!! I feel like you don't care. "
        "I felt lonely last night when you left, because I missed you. Could we talk? 🙄 "
    )
    message = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    started = time.perf_counter()
    coaching = analyse(message)
    shaped = shape(message)
    assert time.perf_counter() - started < 1.0
    assert len(coaching.notes) > 100
    assert shaped.feeling == "lonely"


@pytest.mark.parametrize(
    "message",
    [
        "!" * 10_000,
        "?" * 10_000,
        "?" * 9_999 + "!",
        " " * 10_000,
        "a" * 10_000,
        "you " * 2_500,
        "you're so " * 1_000,
        "stop " * 2_000,
        "when " * 2_000,
        "I feel " * 1_400,
        ("," + " " * 50) * 190,
    ],
)
def test_odd_long_messages_are_read_quickly(message: str) -> None:
    started = time.perf_counter()
    analyse(message)
    shape(message)
    assert time.perf_counter() - started < 1.0


SHAPED = [
    (
        "I feel lonely when you're on your phone at dinner because I miss you. "
        "I would like us to put our phones away.",
        ("lonely", "you're on your phone at dinner", "I miss you", "us to put our phones away"),
        "I feel lonely when you're on your phone at dinner because I miss you. "
        "I would like us to put our phones away.",
    ),
    (
        "When you came home late last night and didn't call, I was so scared, because I thought "
        "something had happened. Could you text me next time?",
        (
            "scared",
            "you came home late last night and didn't call",
            "I thought something had happened",
            "you to text me next time",
        ),
        "I feel scared when you came home late last night and didn't call because I thought "
        "something had happened. I would like you to text me next time.",
    ),
    (
        "I’m hurt when you joke about my job in front of your friends. "
        "I need you to check with me first.",
        (
            "hurt",
            "you joke about my job in front of your friends",
            "",
            "you to check with me first",
        ),
        "I feel hurt when you joke about my job in front of your friends because … "
        "I would like you to check with me first.",
    ),
    (
        "I don't feel safe when voices get loud.",
        ("not safe", "voices get loud", "", ""),
        "I feel not safe when voices get loud because … I would like …",
    ),
    (
        "Last night you were on your phone all through dinner and I felt invisible.",
        ("invisible", "last night you were on your phone all through dinner", "", ""),
        "I feel invisible when last night you were on your phone all through dinner "
        "because … I would like …",
    ),
    (
        "It would help me if you told me before inviting people over.",
        ("", "", "", "it if you told me before inviting people over"),
        "I feel … when … because … I would like it if you told me before inviting people over.",
    ),
    (
        "I wish we could go back to our Sunday walks, because I feel close to you then.",
        ("close", "", "I feel close to you then", "us to go back to our Sunday walks"),
        "I feel close when … because I feel close to you then. "
        "I would like us to go back to our Sunday walks.",
    ),
    (
        "I'm not angry, I'm hurt, because you didn't call.",
        ("hurt", "", "you didn't call", ""),
        "I feel hurt when … because you didn't call. I would like …",
    ),
    (
        "You never text me back!!",
        ("", "", "", ""),
        "I feel … when … because … I would like …",
    ),
    ("", ("", "", "", ""), "I feel … when … because … I would like …"),
]


@pytest.mark.parametrize(("message", "pieces", "draft"), SHAPED)
def test_shape(message: str, pieces: tuple[str, str, str, str], draft: str) -> None:
    shaped = shape(message)
    assert (shaped.feeling, shaped.situation, shaped.reason, shaped.request) == pieces
    assert shaped.draft == draft


def test_shape_keeps_their_own_apostrophes() -> None:
    shaped = shape("I feel worried when you’re out late and don’t text, because I can’t sleep.")
    assert shaped.situation == "you’re out late and don’t text"
    assert shaped.reason == "I can’t sleep"


def test_coaching_never_changes_the_message() -> None:
    message = "You always do this!! I feel like you don't care."
    analyse(message)
    shape(message)
    assert message == "You always do this!! I feel like you don't care."
