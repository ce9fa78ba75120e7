"""The weekly review: what one person's own journal and trigger notes show about their week.

A review only reflects back what was written: the days written on, the triggers that came up
more than once, the feelings and needs named most often, and gentle questions drawn from them.
It gives no scores and no verdicts, and an empty week stays empty.

Repeated triggers are found by comparing the words of each situation, not the exact text:
words are lower-cased and stripped of punctuation; stop-words, everyday verbs ("talked",
"went") and words for "my partner" (which appear in almost every note) are left out; the rest
are lightly stemmed, so that "texts", "texting" and "texted" are all "text", and a few words
for the same moment are made one ("answer", "respond" → "reply"). Two notes are similar when
their sets of words overlap by a Jaccard index of at least 0.3 (one shared word out of three
distinct ones is enough), or when their normalised texts are the same.

Notes are then taken in date order: each joins the theme it is similar to most, as a share of
the theme's notes, if it is similar to at least half of them; otherwise it starts a theme of
its own. Needing half, rather than one, stops a chain of loosely linked moments ("phone at
dinner" → "dinner with his parents" → "his parents visited" → "visited his brother") from
growing into one theme. A theme is two or more notes. Needs named underneath are grouped the
same way.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WEEK = timedelta(days=7)
# Jaccard index of two word sets at or above which two notes count as the same kind of moment.
SIMILAR_AT = 0.3
TOP = 5
# Words in a theme's label; more reads like a sentence, fewer loses the gist.
LABEL_WORDS = 2
THEME_QUESTIONS = 2

GENERAL_QUESTION = "What do you notice, looking back at this week?"
EMPTY_WEEK_QUESTION = (
    "This week has no entries yet — that’s fine. Is there anything from it you’d like to remember?"
)

# Words that say little about what happened; the words for a partner are here because they
# appear in almost every note and would join unrelated moments.
STOP_WORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "always", "am", "an",
        "and", "any", "anything", "are", "as", "at", "be", "because", "been", "before", "being",
        "below", "between", "both", "but", "by", "can", "cant", "could", "couldnt", "did", "didnt",
        "do", "does", "doesnt", "doing", "dont", "down", "during", "each", "even", "ever", "every",
        "few", "for", "from", "further", "get", "gets", "got", "had", "hadnt", "has", "hasnt",
        "have", "havent", "having", "he", "hed", "hes", "her", "here", "hers", "herself", "him",
        "himself", "his", "how", "i", "id", "if", "ill", "im", "in", "into", "is", "isnt", "it",
        "its", "itself", "ive", "just", "let", "lets", "me", "more", "most", "much", "my", "myself",
        "never", "no", "nor", "not", "nothing", "now", "of", "off", "on", "once", "only", "or",
        "other", "our", "ours", "ourselves", "out", "over", "own", "quite", "really", "said",
        "same", "say", "says", "she", "shed", "shes", "so", "some", "something", "still", "such",
        "than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there",
        "theres", "these", "they", "theyd", "theyre", "this", "those", "through", "to", "too",
        "under", "until", "up", "us", "very", "was", "wasnt", "we", "wed", "were", "werent", "weve",
        "what", "whats", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "wont", "would", "wouldnt", "yet", "you", "youd", "youre", "your", "yours", "yourself",
        "today", "tonight", "yesterday", "week", "feel", "feels", "felt", "feeling", "partner",
        "partners", "husband", "wife", "boyfriend", "girlfriend", "bf", "gf", "fiance", "fiancee",
        "spouse",
    }
)  # fmt: skip
# Everyday verbs and fillers that can describe any moment ("talked about money", "talking
# about his ex"); matched after stemming, so every form of them is left out.
GENERIC_WORDS = (
    "talk", "say", "said", "tell", "told", "come", "came", "go", "goes", "went", "gone", "make",
    "made", "take", "took", "taken", "thing", "want", "know", "knew", "think", "thought", "like",
    "way", "back", "keep", "kept", "seem",
)  # fmt: skip
# Words used for the same moment, so that "no reply" and "he didn't answer" can meet.
SAME_MEANING = {
    "respond": "reply", "response": "reply", "answer": "reply", "message": "text", "msg": "text",
}  # fmt: skip
VOWELS = frozenset("aeiouy")
APOSTROPHES = re.compile(r"['’‘`]")
WORD = re.compile(r"[a-z0-9]+")
# A trigger's surface may name several feelings at once: "hurt, angry", "scared and small".
FEELING_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*")
EDGE_PUNCTUATION = " \t\n.,;:!?\"'’‘“”()[]-–—…"


@dataclass(frozen=True)
class JournalNote:
    """One journal entry, as the person wrote it."""

    day: date
    text: str
    closeness: str
    distance: str
    feelings: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class TriggerNote:
    """One logged trigger: what happened, what showed, what lay underneath, what was wished."""

    day: date
    situation: str
    surface: str
    underneath: str
    body: str
    reaction: str
    wish: str


@dataclass(frozen=True)
class TriggerTheme:
    """Trigger notes from one week whose situations are alike."""

    label: str
    count: int
    days: tuple[date, ...]
    # The need or feeling named underneath most often in these notes; "" when none was named.
    underneath: str
    situations: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """What one week of a person's own notes shows, and questions to look at it with."""

    week_start: date
    days_written: tuple[date, ...]
    repeated_triggers: tuple[TriggerTheme, ...]
    top_feelings: tuple[tuple[str, int], ...]
    top_needs: tuple[tuple[str, int], ...]
    closeness_moments: int
    distance_moments: int
    questions: tuple[str, ...]


@dataclass(frozen=True)
class _Words:
    """A text's significant words, as stems, with the words that were actually written."""

    text: str
    stems: frozenset[str]
    written: tuple[tuple[str, str], ...]  # (stem, word as written, lower-cased)


def weekly_review(
    week_start: date, journal: Sequence[JournalNote], triggers: Sequence[TriggerNote]
) -> Review:
    """Review the seven days from week_start; notes outside them are left out."""
    week_end = week_start + WEEK
    return _review(
        week_start,
        [note for note in journal if week_start <= note.day < week_end],
        [note for note in triggers if week_start <= note.day < week_end],
    )


def reviews_for_year(
    journal: Iterable[JournalNote],
    triggers: Iterable[TriggerNote],
    first_week_start: date,
    *,
    weeks: int = 52,
) -> list[Review]:
    """One review per week from first_week_start, sorting every note into its week once."""
    journal_by_week: list[list[JournalNote]] = [[] for _ in range(weeks)]
    triggers_by_week: list[list[TriggerNote]] = [[] for _ in range(weeks)]
    for journal_note in journal:
        index = _week_index(first_week_start, journal_note.day, weeks)
        if index is not None:
            journal_by_week[index].append(journal_note)
    for trigger_note in triggers:
        index = _week_index(first_week_start, trigger_note.day, weeks)
        if index is not None:
            triggers_by_week[index].append(trigger_note)
    return [
        _review(first_week_start + WEEK * index, journal_by_week[index], triggers_by_week[index])
        for index in range(weeks)
    ]


def _week_index(first_week_start: date, day: date, weeks: int) -> int | None:
    index = (day - first_week_start).days // 7
    return index if 0 <= index < weeks else None


def _review(week_start: date, journal: list[JournalNote], triggers: list[TriggerNote]) -> Review:
    # Date order makes themes and tie-breaks read the way the week went; the rest of the key
    # makes the review the same whatever order the notes arrive in.
    triggers = sorted(triggers, key=_trigger_order)
    days = sorted({note.day for note in journal} | {note.day for note in triggers})
    if not days:
        return Review(week_start, (), (), (), (), 0, 0, (EMPTY_WEEK_QUESTION,))

    need_of_note, top_needs = _needs(triggers)
    themes = _themes(triggers, need_of_note)
    feelings = _top_feelings(journal, triggers)
    closeness = sum(1 for note in journal if note.closeness.strip())
    distance = sum(1 for note in journal if note.distance.strip())
    return Review(
        week_start=week_start,
        days_written=tuple(days),
        repeated_triggers=themes,
        top_feelings=feelings,
        top_needs=top_needs,
        closeness_moments=closeness,
        distance_moments=distance,
        questions=_questions(themes, top_needs, feelings, closeness, distance),
    )


def _trigger_order(note: TriggerNote) -> tuple[date, str, str, str, str, str, str]:
    return (
        note.day, note.situation, note.underneath, note.surface, note.body, note.reaction,
        note.wish,
    )  # fmt: skip


def _themes(triggers: list[TriggerNote], need_of_note: list[str]) -> tuple[TriggerTheme, ...]:
    # A note with no situation written has nothing to be like, so it joins no theme.
    indexes = [i for i, note in enumerate(triggers) if _normalise(note.situation)]
    words = [_words(triggers[i].situation) for i in indexes]
    themes = []
    for group in _similar_groups(words):
        if len(group) < 2:
            continue
        notes = [triggers[indexes[k]] for k in group]
        needs = Counter(need_of_note[indexes[k]] for k in group if need_of_note[indexes[k]])
        themes.append(
            TriggerTheme(
                label=_label(words[k] for k in group),
                count=len(group),
                days=tuple(sorted({note.day for note in notes})),
                underneath=_most_common(needs),
                situations=tuple(note.situation.strip() for note in notes),
            )
        )
    themes.sort(key=lambda theme: (-theme.count, theme.days[0], theme.label))
    return tuple(themes)


def _needs(triggers: list[TriggerNote]) -> tuple[list[str], tuple[tuple[str, int], ...]]:
    """Each note's need, named as its group is, and the most named needs of the week."""
    need_of_note = [""] * len(triggers)
    indexes = [i for i, note in enumerate(triggers) if _normalise(note.underneath)]
    words = [_words(triggers[i].underneath) for i in indexes]
    counted: Counter[str] = Counter()
    for group in _similar_groups(words):
        # A group of needs is called by the wording used most; a tie goes to the shorter.
        wordings = Counter(words[k].text for k in group)
        name = min(wordings, key=lambda text: (-wordings[text], len(text), text))
        counted[name] += len(group)
        for k in group:
            need_of_note[indexes[k]] = name
    return need_of_note, _top(counted)


def _top_feelings(
    journal: list[JournalNote], triggers: list[TriggerNote]
) -> tuple[tuple[str, int], ...]:
    counted: Counter[str] = Counter()
    for journal_note in journal:
        # A feeling ticked twice in one note is still one moment of it.
        counted.update({_normalise(feeling) for feeling in journal_note.feelings} - {""})
    for trigger_note in triggers:
        parts = FEELING_SEPARATORS.split(trigger_note.surface.lower())
        counted.update({_normalise(part) for part in parts} - {""})
    return _top(counted)


def _questions(
    themes: tuple[TriggerTheme, ...],
    needs: tuple[tuple[str, int], ...],
    feelings: tuple[tuple[str, int], ...],
    closeness: int,
    distance: int,
) -> tuple[str, ...]:
    questions = [
        f"“{theme.label}” came up {_times(theme.count)} this week. "
        "What do you notice about those moments?"
        for theme in themes[:THEME_QUESTIONS]
    ]
    if needs and needs[0][1] >= 2:
        need, count = needs[0]
        questions.append(
            f"Underneath, “{need}” came up {_times(count)}. "
            "What would you like your partner to understand about it?"
        )
    if feelings and feelings[0][1] >= 2:
        feeling, count = feelings[0]
        questions.append(
            f"You named “{feeling}” {_times(count)}. Where do you notice it in your body?"
        )
    if closeness > distance:
        questions.append(
            "You noted more moments of closeness than distance. What helped them happen?"
        )
    elif distance > closeness:
        questions.append(
            "You noted some moments of distance. What was happening for you in them, "
            "and what might have helped you reach for each other?"
        )
    elif closeness:
        questions.append(
            "You noted moments of both closeness and distance. What seemed different between them?"
        )
    questions.append(GENERAL_QUESTION)
    return tuple(questions)


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


def _top(counted: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:TOP])


def _most_common(counted: Counter[str]) -> str:
    if not counted:
        return ""
    return min(counted, key=lambda text: (-counted[text], text))


def _label(group: Iterable[_Words]) -> str:
    """The words a group of notes shares most, in the form the person wrote most often."""
    notes_with: Counter[str] = Counter()
    written: defaultdict[str, Counter[str]] = defaultdict(Counter)
    first_seen: dict[str, int] = {}
    texts: Counter[str] = Counter()
    for words in group:
        texts[words.text] += 1
        notes_with.update(words.stems)
        for stem, word in words.written:
            written[stem][word] += 1
            first_seen.setdefault(stem, len(first_seen))
    stems = sorted(notes_with, key=lambda stem: (-notes_with[stem], first_seen[stem]))
    shown = []
    for stem in stems[:LABEL_WORDS]:
        forms = written[stem]
        shown.append(min(forms, key=lambda word: (-forms[word], len(word), word)))
    # Notes made only of small words ("again!") are grouped by their text, so show it.
    return " / ".join(shown) or _most_common(texts)


def _similar_groups(words: Sequence[_Words]) -> list[list[int]]:
    """Indexes of similar texts grouped as the module describes, taking texts in the order given."""
    group_of: list[int] = []
    groups: list[list[int]] = []
    # Only texts sharing a word, or the whole text, can be similar, so only those are compared.
    having_stem: defaultdict[str, list[int]] = defaultdict(list)
    having_text: defaultdict[str, list[int]] = defaultdict(list)
    for i, current in enumerate(words):
        candidates = {j for stem in current.stems for j in having_stem[stem]}
        similar_in: Counter[int] = Counter()
        for j in candidates:
            if _jaccard(current.stems, words[j].stems) >= SIMILAR_AT:
                similar_in[group_of[j]] += 1
        # The same text is always similar, even when it is made only of stop-words ("again!").
        for j in having_text[current.text]:
            if j not in candidates:
                similar_in[group_of[j]] += 1
        best = min(
            (g for g in similar_in if 2 * similar_in[g] >= len(groups[g])),
            key=lambda g: (-similar_in[g] / len(groups[g]), g),
            default=None,
        )
        if best is None:
            best = len(groups)
            groups.append([])
        groups[best].append(i)
        group_of.append(best)
        having_text[current.text].append(i)
        for stem in current.stems:
            having_stem[stem].append(i)
    return groups


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first | second)


def _words(text: str) -> _Words:
    normalised = _normalise(text)
    written = tuple(
        (stem, word)
        for word in WORD.findall(APOSTROPHES.sub("", normalised))
        if (stem := _significant_stem(word))
    )
    return _Words(normalised, frozenset(stem for stem, _ in written), written)


@lru_cache(maxsize=8192)
def _significant_stem(word: str) -> str:
    """The word's stem, with words of the same meaning made one; "" for a word that says little."""
    if len(word) < 2 or word in STOP_WORDS:
        return ""
    stem = _stem(word)
    stem = _SAME_STEM.get(stem, stem)
    return "" if stem in _GENERIC_STEMS else stem


def _normalise(text: str) -> str:
    return " ".join(text.lower().split()).strip(EDGE_PUNCTUATION)


def _stem(word: str) -> str:
    """A light English stem, enough to make "texts", "texting" and "texted" the same word."""
    if len(word) <= 3:
        return word
    if len(word) > 4 and word.endswith(("ies", "ied")):
        word = word[:-3] + "y"
    elif word.endswith("ing") and _has_vowel(word[:-3]) and len(word) >= 6:
        word = word[:-3]
    elif (word.endswith("ed") and not word.endswith("eed") and len(word) >= 5) or (
        word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh"))
    ):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # A final "e" and a doubled final consonant are dropped whether or not a suffix was, so
    # that "leave"/"leaving" and "cancel"/"cancelled" meet at the same stem.
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in VOWELS:
        word = word[:-1]
    return word


def _has_vowel(text: str) -> bool:
    return any(letter in VOWELS for letter in text)


# Made once _stem exists, so that the lists above can be written as plain words.
_GENERIC_STEMS = frozenset(_stem(word) for word in GENERIC_WORDS)
_SAME_STEM = {_stem(word): _stem(same) for word, same in SAME_MEANING.items()}
