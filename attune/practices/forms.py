"""Practice forms. The coach's page and its JSON endpoint validate with the same form; adopting,
proposing and adapting a ritual share the schedule fields."""

from typing import Any

from django import forms

from attune.practices.models import (
    LONGEST_RITUAL_MINUTES,
    MAX_NOTES_LENGTH,
    MAX_TITLE_LENGTH,
    WEEKDAY_NAMES,
)
from attune.practices.services import Schedule

MAX_MESSAGE_LENGTH = 5_000


def too_long(what: str) -> str:
    """A kind message for text over the limit; the text itself is kept, never cut."""
    return (
        f"{what} is longer than %(limit_value)s characters (it has %(show_value)s). "
        "Please shorten it — your text is still here."
    )


class CoachForm(forms.Form):
    """What a person would like to say to their partner. It is read, never kept."""

    message = forms.CharField(
        label="What would you like to say to your partner?",
        strip=False,
        max_length=MAX_MESSAGE_LENGTH,
        error_messages={
            "required": "Write what you'd like to say first — a sentence or two is plenty.",
            "max_length": too_long("This message"),
        },
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "true"}),
    )

    def clean_message(self) -> str:
        message: str = self.cleaned_data["message"]
        if not message.strip():
            raise forms.ValidationError(
                "Write what you'd like to say first — a sentence or two is plenty."
            )
        return message


class ScheduleForm(forms.Form):
    """Days and a time (both or neither) in the ritual's time zone, and about how long."""

    days = forms.TypedMultipleChoiceField(
        label="Days",
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose days from Monday to Sunday."},
    )
    start_time = forms.TimeField(
        label="Time",
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": "That isn't a time on the clock. Please use hours and minutes, like 19:30."
        },
    )
    duration_minutes = forms.IntegerField(
        label="About how long, in minutes",
        min_value=1,
        max_value=LONGEST_RITUAL_MINUTES,
        initial=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Please say about how many minutes it takes, like 10.",
            "invalid": "Please write the minutes as a number, like 10.",
            "min_value": "Please choose at least 1 minute.",
            "max_value": f"Please choose at most {LONGEST_RITUAL_MINUTES} minutes (four hours).",
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        days, start = cleaned.get("days"), cleaned.get("start_time")
        if start is not None and not days and "days" not in self.errors:
            self.add_error(
                "days",
                "Choose at least one day for this time, or clear the time to leave it unscheduled.",
            )
        if days and start is None and "start_time" not in self.errors:
            self.add_error(
                "start_time",
                "Choose a time for these days, or untick the days to leave it unscheduled.",
            )
        return cleaned

    def schedule(self) -> Schedule:
        """The schedule chosen, for the service."""
        return Schedule(
            weekdays=tuple(sorted(set(self.cleaned_data["days"]))),
            start_time=self.cleaned_data["start_time"],
            duration_minutes=self.cleaned_data["duration_minutes"],
        )


def title_field(help_text: str) -> forms.CharField:
    """A ritual's own name."""
    return forms.CharField(
        label="Your name for it",
        required=False,
        max_length=MAX_TITLE_LENGTH,
        help_text=help_text,
        error_messages={"max_length": too_long("This name")},
    )


class RitualForm(ScheduleForm):
    """A person's own ritual: their name for it, private notes, and a schedule."""

    title = title_field("Optional. Leave it empty to keep the library's name.")
    notes = forms.CharField(
        label="Your notes",
        required=False,
        strip=False,
        max_length=MAX_NOTES_LENGTH,
        help_text="Private: only you ever see these, even for a ritual you do together.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": too_long("Your notes")},
    )
    field_order = ["title", "notes", "days", "start_time", "duration_minutes"]


class ProposalForm(ScheduleForm):
    """A ritual offered to the partner: a name and a schedule they will see."""

    title = title_field("Optional. Your partner will see this name.")
    field_order = ["title", "days", "start_time", "duration_minutes"]


class FeedForm(forms.Form):
    """Make, renew or switch off the secret calendar address."""

    action = forms.ChoiceField(
        choices=[("open", "Make"), ("renew", "Renew"), ("close", "Switch off")]
    )
