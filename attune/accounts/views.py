"""The account page: name, time zone, password, sessions, and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from attune.accounts import services
from attune.accounts.access import signed_in_person
from attune.accounts.export import export_zip
from attune.accounts.forms import DeleteAccountForm, ProfileForm


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Show and save the profile settings."""
    person = signed_in_person(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST":
        if form.is_valid():
            services.update_profile(
                person, form.cleaned_data["display_name"], form.cleaned_data["time_zone"]
            )
            messages.success(request, "Saved.")
            return redirect("accounts:account")
        # Show the form again with what was typed; ModelForm has already changed the instance
        # in memory, so reload the saved values for the rest of the page.
        person.refresh_from_db()
        return render(request, "accounts/account.html", {"form": form}, status=400)
    return render(request, "accounts/account.html", {"form": form})


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    """Delete my account after I type my password again."""
    person = signed_in_person(request)
    form = DeleteAccountForm(request.POST or None, user=person)
    if request.method == "POST":
        if form.is_valid():
            logout(request)
            services.delete_account(person)
            return render(request, "accounts/deleted.html")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """What the download holds, and the button."""
    return render(request, "accounts/export.html")


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """The zip of everything I hold, built for me now."""
    person = signed_in_person(request)
    stamp = timezone.localdate(timezone.now(), person.zone).isoformat()
    response = HttpResponse(export_zip(person), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="attune-export-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response
