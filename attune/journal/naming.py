"""Words a person might use to name a triggered moment to their partner, built from their note.

Offered, never sent: the person chooses whether and how to say them. Plain Python, so the
phrasing can be read and tested without a page.
"""

# First words that start a whole clause, so "that" can go before them ("that nobody comes").
CLAUSE_STARTS = frozenset(
    {
        "i", "i'm", "i'll", "i've", "im", "you", "you're", "you'll", "he", "he's", "he'll", "she",
        "she's", "she'll", "they", "they're", "they'll", "we", "we're", "it", "it's", "nobody",
        "no-one", "someone", "everyone", "people", "my", "our",
    }
)  # fmt: skip
NEED_LEADS = ("i need ", "need ", "i needed ", "what i need is ", "to ")
FILL_IN = "I'm feeling that old fear that …"
PAUSE = "Can we pause for a few minutes? I want to come back to this gently, not run from it."


def words_to_name(surface: str, underneath: str, wish: str) -> list[str]:
    """A few sentences to name the moment, from what was felt and what was wished for."""
    offered = [_fear_sentence(underneath)]
    feeling = _tidy(surface)
    if feeling:
        offered.append(
            f"Right now I feel {feeling}. It isn't about blaming you — "
            "I'd like to tell you what's underneath it."
        )
    wished = _tidy(wish)
    if wished:
        offered.append(f"Can I try that moment again? What I wish I'd done: {wished}.")
    offered.append(PAUSE)
    return offered


def _fear_sentence(underneath: str) -> str:
    said = _tidy(underneath)
    if not said:
        return FILL_IN
    lowered = said.lower().replace("’", "'")
    for lead in NEED_LEADS:
        if lowered.startswith(lead) and len(said) > len(lead):
            need = said[len(lead) :] if lead != "to " else said
            return f"I'm feeling that old fear come up, and what I need is {need}."
    first, _, rest = lowered.partition(" ")
    if first in {"that", "of"}:
        return f"I'm feeling that old fear {said}."
    if first.endswith("ing") or (first == "not" and rest.split(" ", 1)[0].endswith("ing")):
        return f"I'm feeling that old fear of {said}."
    if first in CLAUSE_STARTS:
        return f"I'm feeling that old fear that {said}."
    return f"I'm feeling that old fear — {said}."


def _tidy(text: str) -> str:
    """Text ready to go mid-sentence: one line, no closing full stop, a small first letter."""
    text = " ".join(text.split()).rstrip(" .;,!")
    first = text.split(" ", 1)[0] if text else ""
    # "I" and acronyms keep their capitals; a capital that only started a sentence does not.
    if first and first != "I" and not first.startswith(("I'", "I’")) and not first[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text
