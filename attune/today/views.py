"""The home page for visitors and the Today page for people who are signed in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from attune.accounts.models import User
from attune.core.journeys import current_day, days_open
from attune.couples.access import couple_and_partner
from attune.journeys import access as journey_access
from attune.journeys.services import today_for


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
    couple, partner = couple_and_partner(person)
    enrollments, invitations = journey_access.today_enrollments(person, couple)
    today_date = today_for(person)
    done = journey_access.finished_days(enrollments)
    current = []
    for enrollment in enrollments:
        total = enrollment.journey.day_count
        open_count = days_open(enrollment.started_on, today_date, total)
        current.append(
            {
                "enrollment": enrollment,
                "day_number": current_day(open_count, done[enrollment.pk]),
                "open_count": open_count,
                "total": total,
            }
        )
    return render(
        request,
        "today/today.html",
        {"current": current, "partner": partner, "invitations": invitations},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """What is stored, who sees what, what Attune never does, and the limits of any app."""
    return render(request, "today/privacy.html")
