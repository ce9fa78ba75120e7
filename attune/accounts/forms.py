"""Account forms: profile settings and account deletion."""

from typing import Any

from django import forms

from attune.accounts.models import User, time_zone_choices


class ProfileForm(forms.ModelForm[User]):
    """Display name and time zone."""

    time_zone = forms.ChoiceField(choices=time_zone_choices, label="Time zone")

    class Meta:
        model = User
        fields = ["display_name", "time_zone"]


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again, so a borrowed session cannot do it."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password doesn't match. Please try again.")
        return password
