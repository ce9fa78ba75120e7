"""Safety pages: crisis resources and what quick exit does. Open to everyone, signed in or not."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from attune.safety.resources import crisis_regions


def resources(request: HttpRequest) -> HttpResponse:
    """Crisis and safety help, for everyone, always one click away."""
    return render(request, "safety/resources.html", {"regions": crisis_regions()})


def about_quick_exit(request: HttpRequest) -> HttpResponse:
    """What quick exit does, and honestly what it cannot do."""
    return render(request, "safety/quick_exit.html")
