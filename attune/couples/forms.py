"""Forms for inviting a partner and joining with a code."""

from django import forms


class InviteForm(forms.Form):
    """Invite by e-mail, or leave the address empty to get a link and a code to pass on."""

    email = forms.EmailField(
        required=False,
        label="Your partner's e-mail address (optional)",
        help_text="Leave empty to get a link and a short code to give them yourself.",
    )


class JoinCodeForm(forms.Form):
    """A short code read out or texted by the partner."""

    code = forms.CharField(
        max_length=20,
        label="Invitation code",
        help_text="Eight letters and numbers, for example K7RM-4QXA.",
    )
