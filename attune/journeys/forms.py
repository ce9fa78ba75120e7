"""Forms for a day's work. The autosave endpoint and the full-page form share these fields."""

from typing import Any

from django import forms

from attune.journeys.models import MAX_ANSWER_LENGTH, ActivityStep, ReflectionAnswer

TOO_LONG = (
    "This answer is longer than %(limit_value)s characters (it has %(show_value)s). "
    "Please shorten it — your text is still here."
)


def answer_field(label: str) -> forms.CharField:
    """One answer box; long answers are refused with a message, never cut."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=MAX_ANSWER_LENGTH,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 5, "data-autosave": "answer"}),
    )


class SharingField(forms.ChoiceField):
    """Who sees an answer; left out, it stays private."""

    def clean(self, value: Any) -> str:
        return str(super().clean(value) or ReflectionAnswer.Sharing.PRIVATE)


def sharing_field() -> SharingField:
    """Who sees the answer: private by default."""
    return SharingField(
        required=False,
        label="Who sees this answer",
        choices=ReflectionAnswer.Sharing.choices,
        initial=ReflectionAnswer.Sharing.PRIVATE,
        widget=forms.RadioSelect,
    )


class AnswerForm(forms.Form):
    """One answer and its sharing choice, as autosaved while a person types."""

    text = answer_field("Your answer")
    sharing = sharing_field()


class DayForm(forms.Form):
    """Ticked steps and every answer of a day, saved with one button when JavaScript is off."""

    def __init__(
        self, *args: Any, steps: list[ActivityStep], question_numbers: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"] = forms.TypedMultipleChoiceField(
            choices=[(step.number, f"Step {step.number}") for step in steps],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for number in question_numbers:
            self.fields[f"answer_{number}"] = answer_field(f"Your answer to question {number}")
            self.fields[f"sharing_{number}"] = sharing_field()
        self.question_numbers = question_numbers

    def answers(self) -> dict[int, tuple[str, str]]:
        """Answers by question number, as (text, sharing)."""
        return {
            number: (self.cleaned_data[f"answer_{number}"], self.cleaned_data[f"sharing_{number}"])
            for number in self.question_numbers
        }
