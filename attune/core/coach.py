"""The I-statement coach: gentle notes on words that tend to start a fight, and a draft to shape.

A person types what they want to say to their partner. `analyse` points at the exact words that
tend to start a fight (blame, absolutes, labels, mind-reading, sarcasm, commands, contempt, and
"I feel like …" thoughts dressed as feelings) and at what is not there yet: a feeling, one
specific moment, a request. `shape` arranges their own words as "I feel … when … because ….
I would like …". Nothing here sends anything.

Everything is a deterministic reading of the text with regular expressions compiled once. Each
pattern is a list of fixed words with bounded repeats, so the work grows in step with the
message and a long or odd message cannot make matching blow up.

Rules a reader might question:
- "You always …" and "You never …" are noted even when the rest is praise ("You always make me
  laugh"); telling praise from complaint is beyond a word list, so the "always" note says
  praise can stay as it is.
- An absolute is only noted when "you" is its subject: "I always", "we always", "love you
  always" and "never mind" are left alone.
- A feeling word counts as the person's own unless the nearest person word before it in the
  same sentence is "you" ("I feel hurt" counts, "you seem happy" does not).
- Contempt words are noted only when aimed at the partner ("you're ridiculous"), not at a
  situation ("this is ridiculous").
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum

ELLIPSIS = "…"


class NoteKind(StrEnum):
    """The kinds of wording that tend to start a fight."""

    BLAME = "blame"
    ABSOLUTE = "absolute"
    LABEL = "label"
    MIND_READING = "mind_reading"
    SARCASM = "sarcasm"
    COMMAND = "command"
    CONTEMPT = "contempt"
    THOUGHT_AS_FEELING = "thought_as_feeling"


class MissingKind(StrEnum):
    """The pieces of an I-statement that may not be there yet."""

    FEELING = "feeling"
    SITUATION = "situation"
    NEED = "need"


@dataclass(frozen=True)
class Note:
    """Words in the message that tend to start a fight, where they are, and a gentler way."""

    kind: NoteKind
    quote: str  # exactly as typed: message[start:end]
    start: int
    end: int
    suggestion: str


@dataclass(frozen=True)
class Missing:
    """A piece of an I-statement not found in the message, with a gentle prompt for it."""

    kind: MissingKind
    prompt: str


@dataclass(frozen=True)
class Coaching:
    """What the coach noticed in one message."""

    notes: tuple[Note, ...]
    missing: tuple[Missing, ...]
    has_feeling: bool
    has_situation: bool
    has_need: bool
    feelings_found: tuple[str, ...]


@dataclass(frozen=True)
class Shaped:
    """The person's own words arranged as an I-statement; a piece not found is empty."""

    feeling: str
    situation: str
    reason: str
    request: str
    draft: str


def _any(*phrases: str) -> str:
    """A non-capturing alternation of literal phrases, longest first, any spaces between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")"


def _compile(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern."""
    return re.compile(pattern, re.IGNORECASE)


# Curly apostrophes become straight ones, one character for one, so offsets stay true.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

_YOU = r"\b(?:you|u)"
_YOU_ARE = r"\b(?:you're|youre|you\s+are|u\s+r|u\s+are|ur)"

# Words a person might put between "you're" and a label: "you're always so …", "such a …".
_FILLERS = _any(
    "so", "such", "being", "just", "really", "very", "totally", "completely", "always", "too",
    "literally", "acting", "like", "a", "an", "the", "most", "kind of", "kinda", "truly",
    "incredibly", "utterly", "honestly", "absolutely", "look", "looking", "sound", "sounding",
    "seem", "seeming",
)  # fmt: skip
_INSULT_WORDS = _any(
    "selfish", "lazy", "needy", "clingy", "crazy", "insane", "cold", "heartless", "useless",
    "stupid", "dumb", "dramatic", "immature", "childish", "toxic", "cruel", "mean",
    "controlling", "manipulative", "hysterical", "paranoid", "irrational", "insensitive",
    "inconsiderate", "ungrateful", "careless", "clueless", "worthless", "incompetent",
    "irresponsible", "spoiled", "spoilt", "arrogant", "annoying", "exhausting", "unbearable",
    "impossible", "hopeless", "obsessive", "fake", "boring", "weak", "psycho", "unreliable",
    "self-centered", "self-centred", "self-absorbed", "narcissistic", "idiot", "jerk", "loser",
    "liar", "moron", "narcissist", "coward", "hypocrite", "brat", "bully", "nag", "child",
    "baby", "mess", "asshole", "bitch", "slob", "snob", "nightmare", "monster", "control freak",
    "drama queen", "failure", "disappointment",
)  # fmt: skip
# Nouns that are insults even straight after a bare "you" ("you idiot"); "you baby" is not.
_INSULT_NOUNS = _any(
    "idiot", "jerk", "loser", "liar", "moron", "narcissist", "psycho", "coward", "hypocrite",
    "brat", "bully", "asshole", "bitch", "slob",
)  # fmt: skip
_CONTEMPT_WORDS = _any(
    "pathetic", "ridiculous", "disgusting", "laughable", "absurd", "a joke", "a disgrace",
    "an embarrassment", "beneath me", "unbelievable", "repulsive", "revolting", "contemptible",
    "despicable",
)  # fmt: skip
# Warm words after "you make me feel" are a gift, not blame.
_WARM_WORDS = _any(
    "loved", "safe", "happy", "special", "seen", "heard", "understood", "cared for", "calm",
    "wanted", "beautiful", "appreciated", "valued", "at home", "lucky", "proud", "better",
    "good", "respected", "comfortable", "secure", "whole", "alive", "hopeful", "grateful",
    "supported", "accepted", "cherished", "young", "warm",
)  # fmt: skip
_INTENSIFIERS = _any(
    "so", "really", "very", "truly", "always", "completely", "totally", "incredibly", "deeply",
    "a bit", "a little", "kind of", "kinda", "sort of", "quite", "pretty", "super", "too",
    "more", "less", "just", "also", "still", "often", "sometimes", "honestly", "a lot",
)  # fmt: skip

# What a person may say their partner "made" them feel or do.
_BLAMED_REACTIONS = _any(
    "angry", "mad", "furious", "upset", "crazy", "sad", "miserable", "anxious", "insecure",
    "jealous", "cry", "scream", "yell", "snap", "react", "lose it", "hate myself", "do this",
    "act like this", "feel this way",
)  # fmt: skip
# What a person may say their partner does not feel: "you don't care".
_UNCARING = _any(
    "care", "love me", "respect me", "value me", "want me", "miss me", "like me", "find me",
    "think about me", "notice me", "want to be here", "want to be with me", "want to be around me",
    "give a damn", "give a shit", "give a crap",
)  # fmt: skip
# Intentions a person may read into their partner: "you're trying to punish me".
_INTENTIONS = _any(
    "hurt", "punish", "control", "make me", "get back at", "upset", "provoke", "start", "win",
    "annoy",
)  # fmt: skip
# Praise that after "oh" usually means its opposite.
_SARCASTIC_PRAISE = _any(
    "great", "wonderful", "perfect", "fantastic", "brilliant", "lovely", "joy", "goody",
)  # fmt: skip
# Instructions that wave a feeling away.
_DISMISSALS = _any(
    "calm down", "grow up", "get over it", "shut up", "deal with it", "relax", "chill out", "chill",
    "get a grip", "man up", "move on", "let it go",
)  # fmt: skip
# Instructions that follow "just": "just listen".
_JUST_COMMANDS = _any(
    "listen", "stop", "leave", "go", "say", "admit", "drop it", "deal", "answer", "accept",
    "trust me", "believe me", "apologise", "apologize", "do it", "do what", "give",
)  # fmt: skip
# Words that start a thought after "I feel like"; "I feel like going" is a wish.
_THOUGHT_SUBJECTS = _any(
    "you", "u", "your", "you're", "ur", "I", "I'm", "im", "we", "we're", "nobody", "no one",
    "everyone", "nothing", "everything", "it", "this", "that", "there", "our", "my", "a", "an",
    "the", "he", "she", "they", "no",
)  # fmt: skip
# A "you" after these words is a question ("do you want to …?") or a condition, not a claim.
_QUESTION_LEAD = frozenset(
    {
        "do", "did", "does", "don't", "dont", "didn't", "didnt", "if", "when", "whenever", "what",
        "whatever", "where", "wherever", "how", "why", "whether", "would", "wouldn't", "could",
        "will", "unless", "anything", "everything", "all", "as",
    }
)  # fmt: skip
# A "you" after these words is the object ("love you always"), not the one being judged.
_OBJECT_LEAD = frozenset(
    {
        "thank", "thanks", "love", "loved", "miss", "missed", "need", "needed", "want", "wanted",
        "choose", "chose", "trust", "trusted", "adore", "hold", "held", "hug", "see", "saw",
        "tell", "told", "call", "text", "ask", "asked", "with", "for", "to", "than", "about",
        "at", "of", "by", "from", "beside", "behind", "around", "without",
    }
)  # fmt: skip
_SUBJECT_LEAD = _QUESTION_LEAD | _OBJECT_LEAD
# Words that may come before a command and still leave it at the start of its clause.
_SOFTENERS = frozenset(
    {
        "please", "oh", "so", "and", "but", "now", "honestly", "seriously", "ok", "okay", "look",
        "well", "then", "god", "omg", "just", "hey", "babe", "come", "on",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _Rule:
    """One pattern of words that tends to start a fight, and what to say about it."""

    kind: NoteKind
    pattern: re.Pattern[str]
    suggestion: str  # "{quote}" is replaced by the words found
    clause_start: bool = False  # only at the start of a sentence or clause
    not_after: frozenset[str] = frozenset()  # skipped right after one of these words
    unless_denied: bool = False  # skipped after "not", "don't think", "never said"


_BLAME_FEEL = (
    "“{quote}” hands your partner the controls of your feelings, so they may hear an "
    "accusation. Try owning the feeling instead: “I feel … when …”."
)
_BLAME_FAULT = (
    "“{quote}” puts the whole weight on your partner, and they will likely defend themselves "
    "instead of listening. Try describing what happened and how it landed for you."
)
_BLAME_BECAUSE = (
    "“{quote}” can sound like blame in a tense moment. If it’s a thank-you, it can stay; if "
    "it’s a hurt, try “I felt … when …”."
)
_BLAME_SWEEP = (
    "“{quote}” sums up a lot of hurt in one sweep, and your partner may only hear the sweep. "
    "Try naming the one moment that hurt most and how it felt."
)
_ABSOLUTE_ALWAYS = (
    "“{quote}” can sound like a verdict on who your partner is. Try naming one recent moment "
    "instead: “Last night when…”. (If it’s praise, it can stay just as it is.)"
)
_ABSOLUTE_NEVER = (
    "“{quote}” can sound like a verdict on who your partner is, and it invites them to list "
    "the times they did. Try naming one recent moment instead: “Last night when…”."
)
_LABEL = (
    "“{quote}” describes who your partner is rather than what they did, and a label is hard "
    "to hear past. Try naming what happened and how it left you feeling."
)
_MIND_READING = (
    "“{quote}” guesses at what is going on inside your partner, and they may spend the "
    "conversation correcting the guess. Try saying what you noticed and how it felt, then ask "
    "what was going on for them."
)
_SARCASM = (
    "“{quote}” can read as sarcasm once it’s written down, even if you mean it kindly. Saying "
    "the plain feeling underneath tends to land more gently."
)
_SARCASM_MARKS = (
    "“{quote}” can read as shouting or sarcasm on a screen. If the feeling is big, you could "
    "name it instead: “I feel really …”."
)
_SARCASM_EYE_ROLL = (
    "“{quote}” reads as an eye-roll, which is one of the hardest things for a partner to "
    "receive. Try putting the frustration into words: “I feel frustrated when …”."
)
_COMMAND = (
    "“{quote}” tells your partner what to do, and instructions in a hard moment often bring "
    "push-back. Try turning it into a request: “Would you be willing to…?”"
)
_COMMAND_STOP = (
    "“{quote}” is an instruction, and instructions tend to raise the heat. Try a request with "
    "the feeling behind it, like “I get overwhelmed when voices rise — could we pause?”"
)
_CONTEMPT = (
    "“{quote}” carries contempt, one of the hardest things for a partner to hear, and it tends "
    "to end the listening. Try naming the hurt or frustration underneath it instead."
)
_THOUGHT_AS_FEELING = (
    "“{quote}” usually leads into a thought about what is going on rather than a feeling, so "
    "it can land as an accusation. What is the feeling underneath — hurt, lonely, scared?"
)

_RULES: tuple[_Rule, ...] = (
    # Blame
    _Rule(
        NoteKind.BLAME,
        _compile(
            _YOU + r"\s+(?:make|makes|made|keep\s+making)\s+me\s+feel\b"
            r"(?!\s+(?:" + _INTENSIFIERS + r"\s+)?" + _WARM_WORDS + r"\b)"
        ),
        _BLAME_FEEL,
    ),
    _Rule(
        NoteKind.BLAME,
        _compile(
            _YOU
            + r"\s+(?:make|makes|made|keep\s+making)\s+me\s+(?:so\s+|really\s+)?"
            + _BLAMED_REACTIONS
            + r"\b"
        ),
        _BLAME_FEEL,
    ),
    _Rule(
        NoteKind.BLAME,
        _compile(
            r"\b(?:it's|its|it\s+is|it\s+was|this\s+is|this\s+was|that's|that\s+is|that\s+was)"
            r"\s+(?:all\s+|totally\s+|completely\s+|entirely\s+)?(?:your|ur)\s+fault\b"
        ),
        _BLAME_FAULT,
    ),
    _Rule(NoteKind.BLAME, _compile(r"\bbecause\s+of\s+(?:you|u)\b"), _BLAME_BECAUSE),
    _Rule(
        NoteKind.BLAME,
        _compile(
            _YOU + r"\s+(?:ruin|ruins|ruined|wreck|wrecked|spoil|spoiled|spoilt)\b"
            r"(?=\s+(?:everything|it|this|that|my|our|the|every)\b)"
        ),
        _BLAME_SWEEP,
    ),
    # Absolutes aimed at the partner
    _Rule(
        NoteKind.ABSOLUTE,
        _compile(
            _YOU + r"(?:'re|re|\s+are|'ve|\s+have|'ll|\s+will|\s+just)?\s+"
            r"(?:always|constantly|continually|forever)\b"
        ),
        _ABSOLUTE_ALWAYS,
        not_after=_OBJECT_LEAD,
    ),
    _Rule(
        NoteKind.ABSOLUTE,
        _compile(_YOU + r"(?:'re|re|\s+are|'ve|\s+have|'ll|\s+will|\s+just)?\s+never\b"),
        _ABSOLUTE_NEVER,
        not_after=_OBJECT_LEAD,
    ),
    _Rule(
        NoteKind.ABSOLUTE,
        _compile(r"\b(?:every|each)\s+(?:single\s+)?time\s+(?:you|u)\b"),
        _ABSOLUTE_ALWAYS,
    ),
    _Rule(
        NoteKind.ABSOLUTE,
        _compile(
            _YOU + r"\s+(?:do|did|say|said)\s+(?:this|that|it)\s+"
            r"(?:every\s+(?:single\s+)?time|all\s+the\s+time)\b"
        ),
        _ABSOLUTE_ALWAYS,
        not_after=_OBJECT_LEAD,
    ),
    # Labels and insults
    _Rule(
        NoteKind.LABEL,
        _compile(_YOU_ARE + r"\s+(?:" + _FILLERS + r"\s+){0,4}" + _INSULT_WORDS + r"\b"),
        _LABEL,
        unless_denied=True,
    ),
    _Rule(
        NoteKind.LABEL,
        _compile(_YOU + r"\s+(?:" + _INSULT_WORDS + r"\s+){0,2}" + _INSULT_NOUNS + r"\b"),
        _LABEL,
        unless_denied=True,
    ),
    _Rule(
        NoteKind.LABEL,
        _compile(
            _YOU + r"\s+(?:act|acted|behave|behaved|sound|sounded)\s+like\s+(?:such\s+)?an?\s+"
            r"(?:" + _INSULT_WORDS + r"\s+){0,2}" + _INSULT_WORDS + r"\b"
        ),
        _LABEL,
        unless_denied=True,
    ),
    _Rule(
        NoteKind.LABEL,
        _compile(
            r"\bare\s+(?:you|u)\s+(?:so\s+|just\s+|really\s+|being\s+)?"
            + _any("stupid", "dumb", "crazy", "insane", "deaf", "blind", "an idiot", "a child")
            + r"\b"
        ),
        _LABEL,
        unless_denied=True,
    ),
    # Mind-reading
    _Rule(
        NoteKind.MIND_READING,
        _compile(
            _YOU + r"\s+(?:obviously\s+|clearly\s+|just\s+|really\s+)?"
            r"(?:don't|dont|do\s+not|didn't|didnt|did\s+not|doesn't|no\s+longer|never)\s+"
            r"(?:even\s+|really\s+|actually\s+|ever\s+)?" + _UNCARING + r"\b"
        ),
        _MIND_READING,
        not_after=_OBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(
            _YOU + r"\s+(?:just\s+|only\s+|obviously\s+|clearly\s+|really\s+|probably\s+|"
            r"secretly\s+)?(?:want|wanted|wish|wished)\s+(?:to|me\s+to|me\s+gone|me\s+out)\b"
        ),
        _MIND_READING,
        not_after=_SUBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(_YOU + r"\s+(?:just|only|obviously|clearly|secretly)\s+(?:want|wanted)\b"),
        _MIND_READING,
        not_after=_SUBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(
            _YOU + r"\s+(?:just\s+|probably\s+|obviously\s+|clearly\s+|must\s+|really\s+|"
            r"honestly\s+|actually\s+|still\s+)?(?:think|thought|believe|assume)\s+"
            r"(?:that\s+)?(?:I|me|my|im)\b"
        ),
        _MIND_READING,
        not_after=_SUBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(_YOU + r"\s+(?:only|just)\s+(?:care|think)\s+about\s+(?:yourself|you)\b"),
        _MIND_READING,
        not_after=_SUBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(
            _YOU + r"(?:'re|re|\s+are)?\s+(?:doing|did|do|said|saying|say|ignored|ignoring|"
            r"ignore)\s+(?:(?:it|this|that|me)\s+)?on\s+purpose\b"
        ),
        _MIND_READING,
        not_after=_OBJECT_LEAD,
    ),
    _Rule(
        NoteKind.MIND_READING,
        _compile(
            _YOU_ARE
            + r"\s+(?:just\s+|only\s+|obviously\s+|clearly\s+)?trying\s+to\s+"
            + _INTENTIONS
            + r"\b"
        ),
        _MIND_READING,
    ),
    # Sarcasm
    _Rule(
        NoteKind.SARCASM,
        _compile(
            r"\byeah,?\s+right\b(?!\s+(?:now|away|here|there|after|before|back|on|then|when|"
            r"behind|next)\b)"
        ),
        _SARCASM,
    ),
    _Rule(
        NoteKind.SARCASM,
        _compile(
            r"\boh,?\s+"
            + _SARCASTIC_PRAISE
            + r"\b(?!\s+(?:news|idea|job|question|point|work|to\s+hear)\b)"
        ),
        _SARCASM,
    ),
    _Rule(
        NoteKind.SARCASM,
        _compile(r"\bthanks\s+(?:a\s+lot|a\s+bunch|for\s+nothing)\b"),
        _SARCASM,
    ),
    # "Whatever" alone is a shrug; "whatever you decide" is not.
    _Rule(
        NoteKind.SARCASM,
        _compile(r"\bwhatever(?:\s+you\s+say\b|\b(?=\s*(?:[.!?,;…\n]|$)))"),
        _SARCASM,
    ),
    _Rule(
        NoteKind.SARCASM,
        _compile(r"\bsure,?\s+you\s+(?:did|do|were|had)\b"),
        _SARCASM,
        clause_start=True,
    ),
    _Rule(
        NoteKind.SARCASM,
        _compile(_any("must be nice", "real mature", "what a surprise", "big surprise")),
        _SARCASM,
    ),
    # Two or more marks with at least one "!": "!!", "?!", "!?!". Anchored at the first mark
    # of a run so a long run is read once.
    _Rule(NoteKind.SARCASM, re.compile(r"(?<![!?])(?:\?+!|!(?=[!?]))[!?]*"), _SARCASM_MARKS),
    _Rule(
        NoteKind.SARCASM,
        _compile(r"[🙄😒]|\beye\s*-?\s*roll\b|\brolls?\s+(?:my\s+)?eyes\b"),
        _SARCASM_EYE_ROLL,
    ),
    _Rule(NoteKind.SARCASM, re.compile(r"(?<![\w/])/s(?![\w/])"), _SARCASM),
    # Commands
    _Rule(
        NoteKind.COMMAND,
        _compile(
            _YOU + r"\s+(?:really\s+|seriously\s+|just\s+)?(?:need\s+to|have\s+to|got\s+to|"
            r"gotta|ought\s+to|should|better|had\s+better|must(?!\s+(?:be|have)\b))\b"
            r"|\byou'd\s+better\b|\bdon't\s+you\s+dare\b"
        ),
        _COMMAND,
        not_after=_SUBJECT_LEAD,
    ),
    _Rule(
        NoteKind.COMMAND,
        _compile(r"\bstop\s+(?:\w+ing|it|that)\b"),
        _COMMAND_STOP,
        clause_start=True,
    ),
    _Rule(
        NoteKind.COMMAND,
        _compile(r"(?:\bjust\s+)?\b" + _DISMISSALS + r"\b|\bjust\s+" + _JUST_COMMANDS + r"\b"),
        _COMMAND,
        clause_start=True,
    ),
    # Contempt, aimed at the partner
    _Rule(
        NoteKind.CONTEMPT,
        _compile(
            r"(?:"
            + _YOU_ARE
            + r"|"
            + _YOU
            + r")\s+(?:"
            + _FILLERS
            + r"\s+){0,4}"
            + _CONTEMPT_WORDS
            + r"\b"
        ),
        _CONTEMPT,
        unless_denied=True,
    ),
    _Rule(
        NoteKind.CONTEMPT,
        _compile(
            _YOU + r"\s+(?:disgust|sicken|repulse)\s+me\b|" + _YOU + r"\s+make\s+me\s+sick\b"
            r"|\bwhat(?:'s|s|\s+is)\s+wrong\s+with\s+(?:you|u)\b"
        ),
        _CONTEMPT,
        unless_denied=True,
    ),
    # "I feel like you …" is a thought about the partner; "I feel like a walk" is not noted.
    _Rule(
        NoteKind.THOUGHT_AS_FEELING,
        _compile(
            r"\bI(?:'m|m|\s+am|\s+was)?\s+(?:feel|felt|feeling)\s+"
            r"(?:like|that|as\s+if|as\s+though)\b(?=\s+(?:maybe\s+|sometimes\s+)?"
            + _THOUGHT_SUBJECTS
            + r"(?![\w]))"
        ),
        _THOUGHT_AS_FEELING,
    ),
)

# Feeling words, read without help. Ambiguous ones ("close the door") follow.
_FEELINGS = _any(
    "lonely", "lonelier", "scared", "afraid", "frightened", "terrified", "fearful", "hurt",
    "hurting", "anxious", "worried", "nervous", "uneasy", "insecure", "unsafe", "sad", "sadder",
    "unhappy", "heartbroken", "devastated", "frustrated", "annoyed", "irritated", "overwhelmed",
    "stressed", "stressed out", "exhausted", "tired", "drained", "ashamed", "embarrassed",
    "humiliated", "guilty", "angry", "furious", "mad", "resentful", "bitter", "disappointed",
    "discouraged", "unimportant", "invisible", "rejected", "abandoned", "unwanted", "unloved",
    "ignored", "neglected", "forgotten", "dismissed", "misunderstood", "unheard", "unseen",
    "unappreciated", "taken for granted", "left out", "shut out", "on edge", "confused",
    "helpless", "hopeless", "powerless", "jealous", "envious", "vulnerable", "disconnected",
    "hopeful", "grateful", "thankful", "calm", "calmer", "safe", "safer", "loved", "happy",
    "happier", "glad", "relieved", "excited", "proud", "peaceful", "relaxed", "connected",
    "appreciated", "cared for", "understood", "valued", "respected", "tense", "panicky", "numb",
    "upset", "defensive", "trapped", "torn", "uncertain", "unsure", "worthless", "struggling",
    "homesick", "lost",
)  # fmt: skip
_AMBIGUOUS_FEELINGS = _any(
    "close", "closer", "down", "low", "heard", "seen", "small", "distant", "cold", "raw",
    "stuck", "empty", "tender", "alone", "secure", "content", "warm", "off", "sorry",
)  # fmt: skip
_FEELING = _compile(
    r"\b(" + _FEELINGS + r")\b"
    r"|\b(?:feel|feels|felt|feeling)\s+(?:" + _INTENSIFIERS + r"\s+){0,2}"
    r"(" + _AMBIGUOUS_FEELINGS + r")\b"
)
_PERSON_WORD = _compile(
    r"\b(?:(you|u|your|yours|yourself|youre|ur)|"
    r"(i|im|me|my|myself|mine|we|us|our|ours|ourselves))\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_CLAUSE_MARK = re.compile(r"[.!?;:\n,—–()\"“”…]")
_NEGATED = _compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:[\w']+\s+){0,2}$")
# Words that deny what follows: "I don't think you're …", "it's not that you're …".
_DENIED = _compile(
    r"(?:\bnot(?:\s+that)?|n't\s+(?:think|mean|say|believe)|\bnever\s+(?:said|say|meant|"
    r"thought|think|called)|\bnot\s+(?:saying|calling|thinking))\s+$"
)
_LAST_WORD = re.compile(r"([\w']+)\s*$")

# Places and events that pin a moment down: "at dinner".
_PLACES_AND_EVENTS = _any(
    "dinner", "breakfast", "lunch", "brunch", "party", "wedding", "funeral", "restaurant", "movies",
    "movie", "meeting", "game", "bedtime", "work", "church", "school", "the weekend",
)  # fmt: skip
_WEEKDAYS = _any("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SITUATION = _compile(
    r"\bwhen(?:ever)?\b(?!\s+(?:will|are|is|do|does|did|can|could|would|should|was|were|am|"
    r"have|has)\b)"
    r"|\b(?:last|this|that|yesterday|the\s+other)\s+"
    r"(?:night|morning|afternoon|evening|week|weekend|month|year|time|day)\b"
    r"|\b(?:on\s+|last\s+|this\s+)?" + _WEEKDAYS + r"s?\b"
    r"|\b(?:yesterday|tonight|today|earlier)\b"
    r"|\b(?:at|during|after|before|over)\s+(?:the\s+|your\s+|my\s+|our\s+)?"
    + _PLACES_AND_EVENTS
    + r"\b"
    r"|\b(?:at|to)\s+(?:your|my|our|his|her|their)\s+[\w]+'s\b"
    r"|\b(?:in\s+front\s+of|in\s+the\s+car|on\s+the\s+phone)\b"
    r"|\b\d{1,2}(?::\d{2})?\s*(?:(?:am|pm|o'clock)\b|a\.m\.|p\.m\.)"
    r"|\bat\s+\d{1,2}(?::\d{2})?\b"
)
_TIME_LEAD_WORDS = frozenset(
    {
        "last", "this", "that", "yesterday", "the", "tonight", "today", "earlier", "at",
        "during", "after", "before", "over", "in", "on", "to",
    }
)  # fmt: skip
_WHEN = _compile(
    r"\bwhen(?:ever)?\s+(?!(?:will|are|is|do|does|did|can|could|would|should|was|were|am|"
    r"have|has)\b)"
)
# "How could you …" is a reproach, not a request.
_NEED = _compile(
    r"\bI\s+(?:really\s+|just\s+)?need\b"
    r"|\bI(?:\s+would|'d|d)\s+(?:really\s+)?(?:like|love|appreciate|prefer)\b"
    r"|\bI\s+(?:really\s+)?want\s+(?:us|you|u|to|more|some)\b"
    r"|(?<!\bhow\s)(?<!\bwhy\s)\b(?:could|would|can|will)\s+(?:you|u|we)\b"
    r"|\bI\s+wish\s+(?:we|you|u)\b"
    r"|\bit\s+would\s+(?:really\s+)?(?:help|mean)\b"
    r"|\bwould\s+it\s+be\s+(?:ok|okay|alright|possible)\b"
    r"|\b(?:let's|let\s+us)\b|\bplease\b|\bhow\s+about\b|\bwhat\s+if\s+we\b"
    r"|\bI(?:'m|\s+am)\s+asking\b|\bI\s+hope\s+(?:we|you)\b|\bare\s+you\s+willing\b"
)
# The words that open a request, with the few words that join it to "I would like …".
_REQUEST_OPENINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_compile(r"\b(?:would|could)\s+(?:you|u)\s+be\s+willing\s+to\s+"), "you to "),
    (_compile(r"\bI(?:\s+would|'d|d)\s+(?:really\s+)?(?:like|love)\s+"), ""),
    (_compile(r"\bI\s+(?:really\s+|just\s+)?need\s+"), ""),
    (_compile(r"\bI\s+(?:really\s+)?want\s+(?=(?:us|you|to)\b)"), ""),
    (_compile(r"\bI\s+wish\s+we\s+could\s+"), "us to "),
    (_compile(r"\bI\s+wish\s+you\s+would\s+"), "you to "),
    (
        _compile(r"\bit\s+would\s+(?:really\s+)?help(?:\s+me)?(?:\s+a\s+lot)?\s+if\s+"),
        "it if ",
    ),
    (
        _compile(
            r"(?<!\bhow\s)(?<!\bwhy\s)\b(?:could|would|can|will)\s+(?:you|u)\s+(?:please\s+)?"
        ),
        "you to ",
    ),
    (_compile(r"\b(?:can|could|shall)\s+we\s+"), "us to "),
    (_compile(r"\b(?:let's|let\s+us)\s+"), "us to "),
)
_BECAUSE = _compile(r"(?<!\w)(?:because|'cause|cuz)\b(?!\s+of\b)\s*")
_SITUATION_END = _compile(
    r"[.!?;:\n,—–]|\s(?:because|but\s+I|so\s+I|and\s+I|and\s+it|and\s+that)\b"
    r"|\sI(?:'m|\s+feel|\s+felt|\s+get|\s+got|\s+need|\s+would|'d|\s+want)\b"
)
_REASON_END = _compile(
    r"[.!?;\n]|,?\s+(?:and\s+|so\s+)?(?:I\s+(?:need|would|want)|I'd|could\s+you|can\s+you|"
    r"would\s+you|can\s+we|could\s+we)\b"
)
_REQUEST_END = _compile(r"[.!?;\n]|,?\s+(?:because|'cause|cuz)\b")
_LOOSE_ENDS = " \t\n,;:—–-"
_LOOSE_WORDS = frozenset({"please", "and", "so", "but"})

_FEELING_PROMPT = (
    "What are you feeling? One word like lonely, hurt, scared or overwhelmed helps your "
    "partner see you rather than defend themselves."
)
_FEELING_AFTER_THOUGHT_PROMPT = (
    "“I feel like …” names a thought. What is the feeling underneath it — lonely, hurt, "
    "worried, unimportant?"
)
_SITUATION_PROMPT = (
    "When did this happen? Naming one moment, like “last night at dinner” or “when you…”, "
    "helps your partner picture it and respond."
)
_NEED_PROMPT = (
    "What would help? A gentle request, like “I would like…” or “Could you…?”, gives your "
    "partner a way to come closer."
)


def analyse(message: str) -> Coaching:
    """Notes on the words that tend to start a fight, and the pieces not there yet."""
    text = message.translate(_APOSTROPHES)
    notes = _notes(message, text)
    feelings = tuple(dict.fromkeys(word for _, _, word in _owned_feelings(text)))
    has_feeling = bool(feelings)
    has_situation = _SITUATION.search(text) is not None
    has_need = _NEED.search(text) is not None
    missing: list[Missing] = []
    if not has_feeling:
        thought = any(note.kind is NoteKind.THOUGHT_AS_FEELING for note in notes)
        prompt = _FEELING_AFTER_THOUGHT_PROMPT if thought else _FEELING_PROMPT
        missing.append(Missing(MissingKind.FEELING, prompt))
    if not has_situation:
        missing.append(Missing(MissingKind.SITUATION, _SITUATION_PROMPT))
    if not has_need:
        missing.append(Missing(MissingKind.NEED, _NEED_PROMPT))
    return Coaching(
        notes=notes,
        missing=tuple(missing),
        has_feeling=has_feeling,
        has_situation=has_situation,
        has_need=has_need,
        feelings_found=feelings,
    )


def shape(message: str) -> Shaped:
    """The person's own words arranged as "I feel … when … because …. I would like …"."""
    text = message.translate(_APOSTROPHES)
    feeling = _feeling_for_draft(message, text)
    request, request_start = _request(message, text)
    situation = _situation(message, text, request_start)
    reason = _reason(message, text)
    draft = (
        f"I feel {feeling or ELLIPSIS} when {situation or ELLIPSIS}"
        f" because {_sentence(reason)} I would like {_sentence(request)}"
    )
    return Shaped(feeling, situation, reason, request, draft)


def _notes(message: str, text: str) -> tuple[Note, ...]:
    """Every rule's matches, in order, with one note per stretch of words for each kind."""
    clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    found: list[tuple[int, int, _Rule]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if rule.not_after and _word_before(text, start) in rule.not_after:
                continue
            if rule.unless_denied and _DENIED.search(text, max(0, start - 30), start):
                continue
            if rule.clause_start and not _starts_clause(text, start, clause_marks):
                continue
            found.append((start, end, rule))
    found.sort(key=lambda item: (item[0], -item[1]))
    # Different kinds on the same words are different lessons; the same kind twice is noise.
    last_end: dict[NoteKind, int] = {}
    notes: list[Note] = []
    for start, end, rule in found:
        if last_end.get(rule.kind, -1) > start:
            continue
        last_end[rule.kind] = end
        quote = message[start:end]
        shown = " ".join(quote.split())
        shown = shown[:1].upper() + shown[1:]
        notes.append(Note(rule.kind, quote, start, end, rule.suggestion.replace("{quote}", shown)))
    return tuple(notes)


def _word_before(text: str, start: int) -> str:
    """The word just before a position, lower-cased, when only spaces lie between."""
    match = _LAST_WORD.search(text, max(0, start - 40), start)
    return match.group(1).lower() if match else ""


def _starts_clause(text: str, start: int, clause_marks: list[int]) -> bool:
    """Whether only softeners like "please" or "oh" lie between a clause's start and here."""
    index = bisect_left(clause_marks, start) - 1
    clause_start = clause_marks[index] + 1 if index >= 0 else 0
    before = text[clause_start:start]
    # Softeners are short, so a long run of words before is never a clause start.
    if len(before) > 40:
        return False
    return all(word in _SOFTENERS for word in before.lower().split())


def _owned_feelings(text: str) -> list[tuple[int, int, str]]:
    """Feeling words the person says of themselves, as (start, end, words), in order."""
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    people = [(m.start(), m.group(1) is not None) for m in _PERSON_WORD.finditer(text)]
    people_starts = [start for start, _ in people]
    feelings: list[tuple[int, int, str]] = []
    for match in _FEELING.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        index = bisect_left(sentence_ends, start) - 1
        sentence_start = sentence_ends[index] + 1 if index >= 0 else 0
        person = bisect_left(people_starts, start) - 1
        if person >= 0 and people[person][0] >= sentence_start and people[person][1]:
            continue
        word = " ".join(text[start:end].lower().split())
        if _NEGATED.search(text, max(0, start - 30), start):
            word = "not " + word
        feelings.append((start, end, word))
    return feelings


def _feeling_for_draft(message: str, text: str) -> str:
    """The first feeling the person names, preferring one they do not negate."""
    feelings = _owned_feelings(text)
    for start, end, word in feelings:
        if not word.startswith("not "):
            return message[start:end]
    if feelings:
        start, end, _ = feelings[0]
        return "not " + message[start:end]
    return ""


def _situation(message: str, text: str, request_start: int) -> str:
    """The clause after "when", or else the first clause that begins with a time or place."""
    for match in _WHEN.finditer(text):
        clause = _clause(message, text, match.end(), _SITUATION_END)
        if clause:
            return clause
    for match in _SITUATION.finditer(text):
        # A time inside the request ("could we walk on Sunday") is the request's own.
        if match.group().lower().startswith("when") or match.start() >= request_start:
            continue
        clause = _clause(message, text, match.start(), _SITUATION_END)
        if clause:
            # "when Last night …" reads oddly; names and weekdays keep their capitals.
            first = clause.split(maxsplit=1)[0]
            if first.lower() in _TIME_LEAD_WORDS:
                clause = clause[:1].lower() + clause[1:]
            return clause
    return ""


def _reason(message: str, text: str) -> str:
    """The clause after "because"."""
    for match in _BECAUSE.finditer(text):
        clause = _clause(message, text, match.end(), _REASON_END)
        if clause:
            return clause
    return ""


def _request(message: str, text: str) -> tuple[str, int]:
    """The words after the earliest request opening, joined to read after "I would like".

    Also gives where the request's words start, or the message's length when there are none.
    """
    earliest: tuple[int, int, str] | None = None
    for pattern, joining in _REQUEST_OPENINGS:
        match = pattern.search(text)
        if match and (earliest is None or match.start() < earliest[0]):
            earliest = (match.start(), match.end(), joining)
    if earliest is None:
        return "", len(text)
    _, words_start, joining = earliest
    words = _clause(message, text, words_start, _REQUEST_END)
    return (joining + words, words_start) if words else ("", len(text))


def _clause(message: str, text: str, start: int, ending: re.Pattern[str]) -> str:
    """The person's words from a position to the clause's end, trimmed of loose ends."""
    stop = ending.search(text, start)
    end = stop.start() if stop else len(text)
    words = message[start:end].rstrip(_LOOSE_ENDS).split()
    while words and words[-1].lower().rstrip(_LOOSE_ENDS) in _LOOSE_WORDS:
        words.pop()
    return " ".join(words).rstrip(_LOOSE_ENDS)


def _sentence(piece: str) -> str:
    """A piece ended with a full stop, or "…" when there is nothing to end."""
    return f"{piece}." if piece else ELLIPSIS
