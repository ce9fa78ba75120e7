"""The home page for visitors and the Today page for people who are signed in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from attune.accounts.models import User
from attune.core.journeys import current_day, days_open
from attune.journeys.services import today_for
from attune.today.access import read_today


def home(request: HttpRequest) -> HttpResponse:
    """What Attune is and for whom; signed-in people go straight to Today."""
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "today/home.html")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """The current day of each active journey, and what to do next."""
    person = request.user
    assert isinstance(person, User)
    reading = read_today(person)
    today_date = today_for(person)
    current = []
    for journey in reading.journeys:
        open_count = days_open(journey.started_on, today_date, journey.day_count)
        day_number = current_day(open_count, journey.finished_days)
        current.append(
            {
                "journey": journey,
                "day_number": day_number,
                "open_count": open_count,
                "day_url": reverse("journeys:day", args=[journey.slug, day_number]),
                "progress_url": reverse("journeys:progress", args=[journey.slug]),
            }
        )
    return render(
        request,
        "today/today.html",
        {"current": current, "partner_name": reading.partner_name, "offers": reading.offers},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """What is stored, who sees what, what Attune never does, and the limits of any app."""
    return render(request, "today/privacy.html")
