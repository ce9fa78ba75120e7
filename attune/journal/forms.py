"""Forms for journal entries, their autosaved drafts, the trigger log and the journal's pages."""

from datetime import date
from typing import Any

from django import forms

from attune.journal.models import MAX_FEELINGS_LENGTH, MAX_TEXT_LENGTH, Feeling
from attune.journal.services import EntryContent, TriggerContent
from attune.journeys.models import JourneyDay

EARLIEST_YEAR = 1900
MAX_SEARCH_LENGTH = 200

TOO_LONG = (
    "This is longer than %(limit_value)s characters (it has %(show_value)s). "
    "Please shorten it — your text is still here."
)
NOT_A_DATE = "That isn't a date we can find on a calendar. Please enter one like 2024-03-04."
FUTURE_DATE = "That day hasn't come yet. Please choose today or an earlier day."
TOO_EARLY = f"Please choose a day after the year {EARLIEST_YEAR}."
EMPTY_ENTRY = (
    "There's nothing to save yet. Write a few words, or tick a feeling — one line is enough."
)
EMPTY_TRIGGER = "Write a few words about what happened — a short phrase is enough."

DEFAULT_PROMPT = (
    "Five minutes is plenty. What happened today between you and the people who matter to you? "
    "What did you feel, and what did you need?"
)


def text_field(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    """A box for words; long text is refused with a message, never cut."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def day_field(label: str) -> forms.DateField:
    """A calendar day: refused with a clear message if it doesn't exist or hasn't come yet."""
    return forms.DateField(
        label=label,
        error_messages={"invalid": NOT_A_DATE, "required": "Please choose a day."},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def check_day(day: date, today: date) -> date:
    """A day someone can write about: not after their today, not before 1900."""
    if day > today:
        raise forms.ValidationError(FUTURE_DATE)
    if day.year < EARLIEST_YEAR:
        raise forms.ValidationError(TOO_EARLY)
    return day


def split_feelings(names: list[str]) -> tuple[list[str], str]:
    """Feelings as the form shows them: those from the list, and the rest as typed words."""
    known = set(Feeling.values)
    ticked = [name for name in names if name.lower() in known]
    other = [name for name in names if name.lower() not in known]
    return [name.lower() for name in ticked], ", ".join(other)


def _no_maxlength(form: forms.Form) -> None:
    # A browser cuts pasted text silently at maxlength; the server says so kindly instead.
    for bound in form.fields.values():
        bound.widget.attrs.pop("maxlength", None)


class PlainLabels(forms.Form):
    """A form whose labels read as plain words, without a trailing colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def day_choices(days: list[JourneyDay]) -> list[Any]:
    """Journey days grouped by journey, for a select with optgroups."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for day in days:
        label = f"Day {day.number}: {day.title}"
        if day.retired_at is not None:
            label += " (no longer part of the journey)"
        groups.setdefault(day.journey.title, []).append((day.pk, label))
    return [("", "No journey day"), *groups.items()]


class EntryForm(PlainLabels):
    """One journal entry. Everything but the date is optional, but not everything at once."""

    written_on = day_field("The day this is about")
    text = text_field("What's on your mind", DEFAULT_PROMPT, rows=8)
    closeness = text_field(
        "A moment of closeness (optional)", "A time you felt near to someone, however small."
    )
    distance = text_field(
        "A moment of distance (optional)", "A time you felt far apart, shut out or alone."
    )
    feelings = forms.MultipleChoiceField(
        label="Feelings",
        choices=Feeling.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_feelings = forms.CharField(
        label="Other feelings, in your own words",
        help_text="Separate them with commas.",
        required=False,
        max_length=MAX_FEELINGS_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )
    body = text_field(
        "Where you notice it in your body (optional)", "For example: a tight chest, warm hands."
    )
    journey_day = forms.TypedChoiceField(
        label="Link to a journey day (optional)",
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        today: date,
        days: list[JourneyDay],
        offer_keep_shared: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.days = {day.pk: day for day in days}
        journey_day = self.fields["journey_day"]
        assert isinstance(journey_day, forms.TypedChoiceField)
        journey_day.choices = day_choices(days)
        self.fields["written_on"].widget.attrs["max"] = today.isoformat()
        if offer_keep_shared:
            self.fields["keep_shared"] = forms.BooleanField(
                label="Keep sharing this entry with your partner",
                required=False,
                initial=True,
            )
        _no_maxlength(self)

    def clean_written_on(self) -> date:
        return check_day(self.cleaned_data["written_on"], self.today)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        words = [cleaned.get(name) or "" for name in ("text", "closeness", "distance", "body")]
        if (
            not any(word.strip() for word in words)
            and not cleaned.get("feelings")
            and not (cleaned.get("other_feelings") or "").strip()
            and not self.has_error("text")
        ):
            self.add_error("text", EMPTY_ENTRY)
        return cleaned

    def feeling_names(self) -> tuple[str, ...]:
        """Ticked feelings, then typed ones, each once, in the order given."""
        names: list[str] = list(self.cleaned_data["feelings"])
        for typed in self.cleaned_data["other_feelings"].split(","):
            typed = " ".join(typed.split())
            if typed and typed.lower() not in {name.lower() for name in names}:
                names.append(typed)
        return tuple(names)

    def content(self) -> EntryContent:
        """The entry as the person wrote it, for the service to save."""
        data = self.cleaned_data
        return EntryContent(
            written_on=data["written_on"],
            text=data["text"],
            closeness=data["closeness"],
            distance=data["distance"],
            feelings=self.feeling_names(),
            body=data["body"],
            journey_day=self.days.get(data["journey_day"]) if data["journey_day"] else None,
        )


class DraftForm(PlainLabels):
    """What an entry form holds while the person types, kept as typed (even a half date)."""

    written_on = forms.CharField(required=False, max_length=40)
    text = text_field("What's on your mind")
    closeness = text_field("A moment of closeness")
    distance = text_field("A moment of distance")
    feelings = forms.MultipleChoiceField(choices=Feeling.choices, required=False)
    other_feelings = forms.CharField(
        required=False,
        max_length=MAX_FEELINGS_LENGTH,
        error_messages={"max_length": TOO_LONG},
        label="Other feelings",
    )
    body = text_field("Where you notice it in your body")
    journey_day = forms.CharField(required=False, max_length=20)

    def typed(self) -> dict[str, Any]:
        """The fields as typed, ready to keep."""
        return {name: self.cleaned_data[name] for name in self.fields}


class TriggerForm(PlainLabels):
    """A quick note about a moment that set me off; only "what happened" is needed."""

    happened_on = day_field("When")
    situation = forms.CharField(
        label="What happened?",
        strip=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": TOO_LONG, "required": EMPTY_TRIGGER},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    surface = forms.CharField(
        label="What I felt on the surface",
        help_text="For example: angry, anxious, hurt.",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"list": "surface-feelings", "autocomplete": "off"}),
    )
    underneath = forms.CharField(
        label="What I felt underneath — the fear or the need",
        help_text="For example: that I don't matter; being left; to know we're OK.",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"list": "underneath-words", "autocomplete": "off"}),
    )
    body = forms.CharField(
        label="Where I felt it in my body",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": TOO_LONG},
    )
    reaction = text_field("What I did", rows=2)
    wish = text_field("What I wish I had done", rows=2)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["happened_on"].widget.attrs["max"] = today.isoformat()
        _no_maxlength(self)

    def clean_happened_on(self) -> date:
        return check_day(self.cleaned_data["happened_on"], self.today)

    def clean_situation(self) -> str:
        situation: str = self.cleaned_data["situation"]
        if not situation.strip():
            raise forms.ValidationError(EMPTY_TRIGGER)
        return situation

    def content(self) -> TriggerContent:
        """The note as the person wrote it, for the service to save."""
        data = self.cleaned_data
        return TriggerContent(
            happened_on=data["happened_on"],
            situation=data["situation"],
            surface=data["surface"].strip(),
            underneath=data["underneath"].strip(),
            body=data["body"].strip(),
            reaction=data["reaction"],
            wish=data["wish"],
        )


class SearchForm(PlainLabels):
    """Words to look for in my own journal."""

    q = forms.CharField(
        label="Search your journal",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        error_messages={
            "max_length": "Please search for something shorter — up to %(limit_value)s "
            "characters (this has %(show_value)s)."
        },
    )


class WeekForm(PlainLabels):
    """A day whose week to look at."""

    week = forms.DateField(
        label="Show the week with this day",
        required=False,
        error_messages={"invalid": NOT_A_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["week"].widget.attrs["max"] = today.isoformat()

    def clean_week(self) -> date | None:
        day: date | None = self.cleaned_data["week"]
        if day is None:
            return None
        if day > self.today:
            raise forms.ValidationError(
                "That week hasn't come yet. Please choose a day up to today."
            )
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(TOO_EARLY)
        return day
