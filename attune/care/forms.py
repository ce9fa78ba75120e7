"""Forms for the directory, consultation requests, practitioner profiles and the portal."""

import re
from typing import Any

from django import forms

from attune.care.models import (
    MAX_BIO_LENGTH,
    MAX_HOMEWORK_NOTE_LENGTH,
    MAX_MESSAGE_LENGTH,
    MAX_NOTE_LENGTH,
    Approach,
    CareNote,
    ConsultationRequest,
    GrantKind,
)
from attune.journeys.models import Journey, JourneyDay

TOO_LONG = (
    "This is longer than %(limit_value)s characters (it has %(show_value)s). "
    "Please shorten it — your text is still here."
)
PHONE = re.compile(r"^[0-9+()\-.\s]+$")
MIN_PHONE_DIGITS = 6
MAX_LANGUAGES = 12
MAX_LANGUAGE_LENGTH = 40


def _no_maxlength(form: forms.Form) -> None:
    # A browser cuts pasted text silently at maxlength; the server says so kindly instead.
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)


def text(label: str, max_length: int, required: bool = True, **extra: Any) -> forms.CharField:
    """A line or box of words; long text is refused with a message, never cut."""
    messages = {"max_length": TOO_LONG}
    if required:
        messages["required"] = extra.pop("required_message", "Please fill this in.")
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=messages,
        **extra,
    )


class DirectoryFilterForm(forms.Form):
    """Narrow the directory by approach, how they meet, place and language."""

    MEETS = [("", "Online or in person"), ("online", "Online"), ("in_person", "In person")]

    approach = forms.ChoiceField(label="Approach", required=False)
    meets = forms.ChoiceField(label="How you'd meet", required=False, choices=MEETS)
    place = forms.CharField(
        label="Place",
        required=False,
        max_length=100,
        help_text="A city, region or country.",
        error_messages={"max_length": "Please use a shorter place name (100 characters at most)."},
    )
    language = forms.ChoiceField(label="Language", required=False)

    def __init__(self, *args: Any, approaches: list[Approach], languages: list[str], **kw: Any):
        super().__init__(*args, **kw)
        approach, language = self.fields["approach"], self.fields["language"]
        assert isinstance(approach, forms.ChoiceField)
        assert isinstance(language, forms.ChoiceField)
        approach.choices = [("", "Any approach")] + [(a.slug, a.name) for a in approaches]
        language.choices = [("", "Any language")] + [(name, name) for name in languages]
        _no_maxlength(self)

    def filters(self) -> dict[str, str]:
        """The filters that were valid; a filter with a problem is left out, not guessed."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: str(cleaned.get(name) or "").strip()
            for name in ("approach", "meets", "place", "language")
        }


class ConsultationForm(forms.Form):
    """A first message to a practitioner. `website` is a trap for robots: people never see it."""

    name = text("Your name", 120, required_message="Please tell them what to call you.")
    email = forms.EmailField(
        label="Your e-mail address",
        error_messages={
            "required": "Please add an e-mail address so they can reply.",
            "invalid": "That doesn't look like an e-mail address. Please check it.",
        },
    )
    phone = text("Phone number (optional)", 40, required=False)
    contact_by = forms.ChoiceField(
        label="How would you like to be contacted?",
        choices=ConsultationRequest.ContactBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how they should get in touch."},
    )
    best_time = text(
        "When is a good time? (optional)",
        200,
        required=False,
        help_text="For example: weekday evenings, or Tuesday mornings.",
    )
    message = text(
        "A short message",
        MAX_MESSAGE_LENGTH,
        required_message="Please write a line or two about what you're looking for.",
        help_text="A few lines about what you're looking for. You don't need to explain "
        "everything now.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _no_maxlength(self)

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        if not phone:
            return ""
        digits = sum(character.isdigit() for character in phone)
        if not PHONE.match(phone) or digits < MIN_PHONE_DIGITS:
            raise forms.ValidationError(
                "Please use digits, spaces and + ( ) - only, for example +44 20 7946 0018."
            )
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wants_a_call = cleaned.get("contact_by") == ConsultationRequest.ContactBy.PHONE
        if wants_a_call and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone", "Please add a phone number so they can call you, or choose e-mail."
            )
        return cleaned

    @property
    def is_robot(self) -> bool:
        """A person never sees the trap field, so anything in it came from a robot."""
        return bool(self.data.get("website", "").strip())


class ProfileForm(forms.Form):
    """A practitioner's profile. Name, credentials and licence are what staff verify."""

    name = text("Your name, as clients will see it", 120)
    credentials = text(
        "Credentials",
        200,
        help_text="Your qualifications, for example “MSc, Couple and Family Therapist”.",
    )
    licence = text(
        "Licence or registration",
        200,
        help_text="The body that licenses or registers you, and your number. Staff check it "
        "before your profile is listed.",
    )
    approaches = forms.ModelMultipleChoiceField(
        label="Approaches you practise",
        queryset=Approach.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    in_person = forms.BooleanField(label="In person", required=False)
    online = forms.BooleanField(label="Online", required=False)
    city = text("City or town", 100, required=False)
    region = text("Region, state or county", 100, required=False)
    country = text("Country", 100)
    languages = text(
        "Languages you work in",
        200,
        required_message="Please name at least one language.",
        help_text="Separate them with commas, for example: English, Portuguese.",
    )
    accepting_clients = forms.BooleanField(
        label="I'm taking new clients", required=False, initial=True
    )
    bio = text(
        "A short introduction",
        MAX_BIO_LENGTH,
        required=False,
        help_text="How you work with couples and individuals, in a few warm sentences.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact_email = forms.EmailField(
        label="E-mail for consultation requests",
        help_text="Requests are sent here. It is never shown on your profile.",
        error_messages={"invalid": "That doesn't look like an e-mail address. Please check it."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _no_maxlength(self)

    def clean_languages(self) -> tuple[str, ...]:
        names: list[str] = []
        for part in str(self.cleaned_data.get("languages", "")).split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in {known.casefold() for known in names}:
                names.append(name)
        if not names:
            raise forms.ValidationError("Please name at least one language.")
        if len(names) > MAX_LANGUAGES:
            raise forms.ValidationError(f"Please name at most {MAX_LANGUAGES} languages.")
        if any(len(name) > MAX_LANGUAGE_LENGTH for name in names):
            raise forms.ValidationError("One of those names is very long. Please check the commas.")
        return tuple(names)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("in_person") and not cleaned.get("online"):
            self.add_error("online", "Please tick in person, online, or both.")
        if cleaned.get("in_person") and not str(cleaned.get("city", "")).strip():
            self.add_error("city", "Please add the city or town where you see people in person.")
        return cleaned


class InviteClientForm(forms.Form):
    """The client's e-mail address; the invitation carries a link and nothing else."""

    email = forms.EmailField(
        label="Your client's e-mail address",
        error_messages={
            "required": "Please add your client's e-mail address.",
            "invalid": "That doesn't look like an e-mail address. Please check it.",
        },
    )


class GrantsForm(forms.Form):
    """The kinds of data this practitioner may see. Unticked means not shared."""

    kinds = forms.MultipleChoiceField(
        choices=GrantKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class NoteForm(forms.Form):
    """A note to the client, or to both partners; the audience is always chosen on purpose."""

    text = text(
        "Your note",
        MAX_NOTE_LENGTH,
        required_message="Please write the note first.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    audience = forms.ChoiceField(
        label="Who reads this note",
        choices=CareNote.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose who reads this note.",
            "invalid_choice": "A note to both partners needs both of them to be your clients. "
            "This one can go to this client only.",
        },
    )

    def __init__(self, *args: Any, both_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.both_allowed = both_allowed
        audience = self.fields["audience"]
        assert isinstance(audience, forms.ChoiceField)
        if not both_allowed:
            audience.choices = [(CareNote.Audience.CLIENT, CareNote.Audience.CLIENT.label)]
        _no_maxlength(self)


class HomeworkForm(forms.Form):
    """A journey, or a day of it, to suggest between sessions."""

    journey = forms.ModelChoiceField(
        label="Journey",
        queryset=Journey.objects.none(),
        to_field_name="slug",
        empty_label="Choose a journey",
        error_messages={
            "required": "Please choose a journey.",
            "invalid_choice": "That journey isn't available any more. Please choose another.",
        },
    )
    day = forms.IntegerField(
        label="Day (optional)",
        required=False,
        min_value=1,
        help_text="Leave empty to suggest the whole journey.",
        error_messages={
            "invalid": "Please enter a day number, like 3.",
            "min_value": "Days start at 1.",
        },
    )
    note = text(
        "A word about it (optional)",
        MAX_HOMEWORK_NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from attune.journeys.access import journeys_visible

        super().__init__(*args, **kwargs)
        journey_field = self.fields["journey"]
        assert isinstance(journey_field, forms.ModelChoiceField)
        journey_field.queryset = journeys_visible().order_by("title")
        _no_maxlength(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        journey, number = cleaned.get("journey"), cleaned.get("day")
        cleaned["journey_day"] = None
        if journey is not None and number is not None:
            found = JourneyDay.objects.filter(
                journey=journey, number=number, retired_at__isnull=True
            ).first()
            if found is None:
                self.add_error(
                    "day", f"{journey.title} has days 1 to {journey.day_count}. Please pick one."
                )
            cleaned["journey_day"] = found
        return cleaned
