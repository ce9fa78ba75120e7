"""Forms for a side of the cycle (one's own, or a guess of a partner's) and the map's name."""

from typing import Any

from django import forms

from attune.cycles.models import MAX_NAME, MAX_PLAN, MAX_SIDE_TEXT, Move
from attune.cycles.services import SideContent

TOO_LONG = (
    "This is longer than %(limit_value)s characters (it has %(show_value)s). "
    "Please shorten it — your text is still here."
)
NO_MOVE = (
    "Before marking your side ready, say what you do when you feel disconnected — "
    "tick one or write it in your own words."
)
NOTHING_WRITTEN = (
    "There's nothing to save yet. Tick a move or write a few words — a start is enough."
)

# (label for my own side, label for my guess of my partner's side)
LABELS = {
    "moves": (
        "What I do when I feel disconnected",
        "What {partner} does when they feel disconnected",
    ),
    "move_words": ("In my own words (optional)", "In my own words (optional)"),
    "partner_sees": ("What my partner probably sees", "What {partner} probably sees in me"),
    "surface": ("What I feel on the surface", "What {partner} feels on the surface"),
    "underneath": ("What I feel underneath", "What {partner} feels underneath"),
    "fear": ("What I fear", "What {partner} fears"),
    "need": ("What I need", "What {partner} needs"),
}
HELP = {
    "move_words": "For example: ask again and again, go to another room, make a joke.",
    "partner_sees": "How it may look from the outside, for example: nagging, not caring.",
    "surface": "The feeling that shows, for example: angry, irritated, cool.",
    "underneath": "The softer feeling below it, for example: lonely, scared, ashamed.",
    "fear": "For example: being left, not mattering, letting them down.",
    "need": "For example: to know we're OK, a little calm, to be wanted.",
}


def _text(max_length: int, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=max_length,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class SideForm(forms.Form):
    """One side of the loop; every part optional, but marking it ready needs a move."""

    moves = forms.MultipleChoiceField(
        choices=Move.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    move_words = _text(MAX_SIDE_TEXT, rows=1)
    partner_sees = _text(MAX_SIDE_TEXT)
    surface = _text(MAX_SIDE_TEXT)
    underneath = _text(MAX_SIDE_TEXT)
    fear = _text(MAX_SIDE_TEXT)
    need = _text(MAX_SIDE_TEXT)

    def __init__(
        self,
        *args: Any,
        guess: bool = False,
        partner_name: str = "",
        require_move: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.require_move = require_move
        partner = partner_name or "my partner"
        for name, field in self.fields.items():
            mine, guessed = LABELS[name]
            field.label = (guessed if guess else mine).format(partner=partner)
            field.help_text = HELP.get(name, "")
            # A browser cuts pasted text silently at maxlength; the server says so kindly.
            field.widget.attrs.pop("maxlength", None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.require_move and not self.errors and not self.content().has_move:
            self.add_error("moves", NO_MOVE)
        return cleaned

    def content(self) -> SideContent:
        """The side as written, trimmed."""
        data = self.cleaned_data
        return SideContent(
            moves=tuple(data.get("moves") or ()),
            move_words=(data.get("move_words") or "").strip(),
            partner_sees=(data.get("partner_sees") or "").strip(),
            surface=(data.get("surface") or "").strip(),
            underneath=(data.get("underneath") or "").strip(),
            fear=(data.get("fear") or "").strip(),
            need=(data.get("need") or "").strip(),
        )


class MapWordsForm(forms.Form):
    """The name a couple (or a person alone) gives their cycle, and how they'll catch it."""

    name = forms.CharField(
        label="A name for your cycle",
        help_text="Something light you can both say in the moment, like “the spin” or “the chase”.",
        required=False,
        max_length=MAX_NAME,
        error_messages={"max_length": TOO_LONG},
    )
    plan = forms.CharField(
        label="Your plan for catching it in the moment",
        help_text=(
            "For example: whoever notices it first says its name; we take twenty minutes apart "
            "to calm down; then we come back and each say what was underneath."
        ),
        required=False,
        max_length=MAX_PLAN,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
