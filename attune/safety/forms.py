"""The safety check form: five questions, each yes / no / I'd rather not say."""

from django import forms

from attune.safety.models import Answer, SafetyCheck

QUESTIONS = {
    "afraid": "Are you afraid of your partner?",
    "hurt": "In the past year, has your partner hit, pushed or physically hurt you?",
    "threatened": (
        "Has your partner threatened you, your children or your pets — or threatened to hurt "
        "themselves to get their way?"
    ),
    "forced": "Has your partner forced or pressured you into sexual activity?",
    "controlled": (
        "Does your partner control your money, your phone, who you see or where you go?"
    ),
}


class SafetyCheckForm(forms.ModelForm[SafetyCheck]):
    """Each question must get one of the three answers; declining is always an answer."""

    class Meta:
        model = SafetyCheck
        fields = list(QUESTIONS)
        widgets = {name: forms.RadioSelect for name in QUESTIONS}
        labels = QUESTIONS

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in QUESTIONS:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = Answer.choices  # no empty "---------" choice
            field.error_messages["required"] = (
                "Please choose an answer — “I'd rather not say” is fine."
            )
