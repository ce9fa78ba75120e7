"""Safety pages: crisis resources and what quick exit does. Open to everyone, signed in or not."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.couples.access import partner_of
from attune.safety import access, services
from attune.safety.forms import SafetyCheckForm
from attune.safety.resources import crisis_regions


def resources(request: HttpRequest) -> HttpResponse:
    """Crisis and safety help, for everyone, always one click away."""
    return render(request, "safety/resources.html", {"regions": crisis_regions()})


def about_quick_exit(request: HttpRequest) -> HttpResponse:
    """What quick exit does, and honestly what it cannot do."""
    return render(request, "safety/quick_exit.html")


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """The private safety check: for this person alone, skippable, and retakeable."""
    person = signed_in_person(request)
    form = SafetyCheckForm(request.POST or None, instance=access.own_safety_check(person))
    if request.method == "POST":
        if form.is_valid():
            services.answer_safety_check(person, {k: form.cleaned_data[k] for k in form.fields})
            return redirect("safety:check_result")
        return render(request, "safety/check.html", {"form": form}, status=400)
    return render(request, "safety/check.html", {"form": form})


@login_required
def check_result(request: HttpRequest) -> HttpResponse:
    """What the answers mean for this person, and the help that is there."""
    person = signed_in_person(request)
    answers = access.own_safety_check(person)
    if answers is None:
        return redirect("safety:check")
    return render(
        request,
        "safety/check_result.html",
        {
            "answers": answers,
            "regions": crisis_regions(),
            "linked": partner_of(person) is not None,
        },
    )


@login_required
@require_POST
def clear_check(request: HttpRequest) -> HttpResponse:
    """Forget my answers."""
    services.clear_safety_check(signed_in_person(request))
    return render(request, "safety/check_cleared.html")
