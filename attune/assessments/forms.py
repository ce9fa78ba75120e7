"""The questionnaire form: one page of items, each a labelled radio group."""

from typing import Any

from django import forms

from attune.core.instruments import Instrument, Item


def option_label(value: int, label: str) -> str:
    """Every option says its number; the labelled points also say their words."""
    return f"{value} — {label}" if label else str(value)


class ItemsForm(forms.Form):
    """One page of items. Unanswered items are allowed here: people may save and come back."""

    def __init__(self, *args: Any, instrument: Instrument, items: list[Item], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            options = instrument.display_options(item)
            if item.words is not None:
                # Word pairs: six positions between two words, no numbers a person must read.
                choices = [(o.value, f"{position}") for position, o in enumerate(options, 1)]
            else:
                choices = [(o.value, option_label(o.value, o.label)) for o in options]
            self.fields[item.id] = forms.TypedChoiceField(
                label=item.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, int]:
        """The answers given on this page."""
        return {key: value for key, value in self.cleaned_data.items() if value is not None}
