"""Journey pages: catalog, overview, day and progress. Views validate, call a service, render."""

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.accounts.models import User
from attune.core.journeys import current_day, days_open, days_per_week
from attune.couples.access import partner_of
from attune.journeys import access, services
from attune.journeys.forms import AnswerForm, DayForm
from attune.journeys.models import (
    CoupleConversation,
    DayProgress,
    Enrollment,
    Journey,
    JourneyDay,
    ReflectionAnswer,
)
from attune.safety.access import joint_exercises_set_aside


def catalog(request: HttpRequest) -> HttpResponse:
    """Every journey, grouped by category and ordered by sequence."""
    journeys = access.journeys_visible().order_by("category", "sequence", "title")
    groups = [
        (category, list(items)) for category, items in groupby(journeys, lambda j: j.category)
    ]
    mine: set[int] = set()
    if request.user.is_authenticated:
        mine = set(
            access.enrollments_visible_to(signed_in_person(request)).values_list(
                "journey_id", flat=True
            )
        )
    return render(request, "journeys/catalog.html", {"groups": groups, "mine": mine})


def journey_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A journey's introduction, plan, daily activities, foundations and outcomes."""
    journey = access.get_journey(slug)
    context: dict[str, Any] = {"journey": journey, "day_count": journey.day_count}
    if request.user.is_authenticated:
        person = signed_in_person(request)
        context["enrollment"] = access.enrollment_for(person, journey)
        context["partner"] = partner_of(person)
        context["joint_set_aside"] = joint_exercises_set_aside(person)
        context["waiting_partner"] = (
            access.couple_invitations_for(person).filter(journey=journey).first()
        )
    return render(request, "journeys/journey.html", context)


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start alone or together; or accept the partner's invitation to do it together."""
    person = signed_in_person(request)
    journey = access.get_journey(slug)
    try:
        if request.POST.get("mode") == "join":
            services.join_partner_journey(person, journey)
        else:
            services.start_journey(person, journey, together=request.POST.get("mode") == "together")
    except services.JourneyError as refused:
        messages.info(request, str(refused))
        return redirect("journeys:journey", slug=slug)
    return redirect("journeys:day", slug=slug, number=1)


@login_required
@require_POST
def change_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Pause, resume or leave a journey."""
    person = signed_in_person(request)
    enrollment = _enrollment_or_404(person, access.get_journey(slug))
    wanted = request.POST.get("status", "")
    if wanted not in Enrollment.Status.values:
        messages.info(request, "Please choose pause, resume or leave.")
        return redirect("journeys:journey", slug=slug)
    services.set_status(enrollment, wanted)
    notes = {
        "paused": "Paused. Everything is kept; come back whenever you like.",
        "active": "Welcome back.",
        "left": "You've left this journey. Everything you wrote is kept.",
    }
    messages.info(request, notes[wanted])
    return redirect("journeys:journey", slug=slug)


def _enrollment_or_404(person: User, journey: Journey) -> Enrollment:
    from django.http import Http404

    enrollment = access.enrollment_for(person, journey)
    if enrollment is None:
        raise Http404
    return enrollment


@dataclass
class QuestionView:
    """A question with the person's own answer and whatever the partner chose to show."""

    number: int
    html: str
    answer: ReflectionAnswer | None
    partner_answer: ReflectionAnswer | None
    field: Any
    sharing_field: Any


@login_required
def day(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One day: learning, why, activity steps to tick, reflection questions with answer boxes."""
    person = signed_in_person(request)
    journey = access.get_journey(slug)
    enrollment = access.enrollment_for(person, journey)
    if enrollment is None:
        messages.info(request, "Start this journey to open its days.")
        return redirect("journeys:journey", slug=slug)
    the_day = access.get_day(journey, number)
    open_count = days_open(enrollment.started_on, services.today_for(person), journey.day_count)
    if number > open_count:
        return render(
            request,
            "journeys/day_locked.html",
            {"journey": journey, "number": number, "open_count": open_count},
        )
    steps = list(the_day.steps.filter(retired_at__isnull=True))
    questions = list(the_day.questions.filter(retired_at__isnull=True))
    visible = access.answers_visible_to(person).filter(question__in=questions)
    mine = {a.question_id: a for a in visible if a.person_id == person.pk}
    partners = {a.question_id: a for a in visible if a.person_id != person.pk}
    progress = DayProgress.objects.filter(enrollment=enrollment, day=the_day).first()
    initial: dict[str, Any] = {"steps": progress.steps_done if progress else []}
    for question in questions:
        answer = mine.get(question.pk)
        initial[f"answer_{question.number}"] = answer.text if answer else ""
        initial[f"sharing_{question.number}"] = (
            answer.sharing if answer else ReflectionAnswer.Sharing.PRIVATE
        )
    form = DayForm(
        request.POST or None,
        initial=initial,
        steps=steps,
        question_numbers=[q.number for q in questions],
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.save_day_work(
                person, enrollment, the_day, form.cleaned_data["steps"], form.answers()
            )
            if request.POST.get("complete"):
                services.complete_day(enrollment, the_day)
                messages.success(request, f"Day {number} is done. Well spent.")
            else:
                messages.success(request, "Saved.")
            return redirect("journeys:day", slug=slug, number=number)
        status = 400
    partner = partner_of(person) if enrollment.couple_id else None
    # From this person's own private safety check; it shapes only their own page.
    set_aside = joint_exercises_set_aside(person)
    conversation_done = (
        enrollment.couple_id is not None
        and CoupleConversation.objects.filter(couple_id=enrollment.couple_id, day=the_day).exists()
    )
    question_views = [
        QuestionView(
            q.number,
            q.html,
            mine.get(q.pk),
            partners.get(q.pk),
            form[f"answer_{q.number}"],
            form[f"sharing_{q.number}"],
        )
        for q in questions
    ]
    ticked = set(form["steps"].value() or [])
    return render(
        request,
        "journeys/day.html",
        {
            "journey": journey,
            "day": the_day,
            "enrollment": enrollment,
            "form": form,
            "steps": [
                (s, str(s.number) in {str(t) for t in ticked})
                for s in steps
                if not (set_aside and s.together)
            ],
            "joint_set_aside": set_aside,
            "questions": question_views,
            "partner": partner,
            "conversation_done": conversation_done,
            "together_steps": [s for s in steps if s.together],
            "completed": bool(progress and progress.completed_at),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < open_count else None,
            "tools": _tools(the_day),
        },
        status=status,
    )


def _tools(day: JourneyDay) -> list[dict[str, str]]:
    """Embedded tools that exist yet; the others leave the day's text to stand alone."""
    from attune.journeys.tools import available_tools

    return available_tools(day.tools)


@login_required
@require_POST
def autosave(request: HttpRequest, slug: str, number: int, question: int) -> HttpResponse:
    """Save one answer as the person types. Answers with JSON the page can show."""
    person = signed_in_person(request)
    journey = access.get_journey(slug)
    enrollment = access.enrollment_for(person, journey)
    if enrollment is None:
        return JsonResponse({"error": "Start this journey to save answers."}, status=404)
    the_day = access.get_day(journey, number)
    target = the_day.questions.filter(number=question, retired_at__isnull=True).first()
    if target is None:
        return JsonResponse({"error": "This question is no longer part of the day."}, status=404)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    services.save_answer(person, target, form.cleaned_data["text"], form.cleaned_data["sharing"])
    return JsonResponse({"saved": True})


@login_required
@require_POST
def conversation(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Mark the day's together-step done for both partners."""
    person = signed_in_person(request)
    journey = access.get_journey(slug)
    enrollment = _enrollment_or_404(person, journey)
    the_day = access.get_day(journey, number)
    try:
        services.mark_conversation_done(person, enrollment, the_day)
    except services.JourneyError as refused:
        messages.info(request, str(refused))
    return redirect(reverse("journeys:day", args=[slug, number]) + "#together")


@login_required
def progress(request: HttpRequest, slug: str) -> HttpResponse:
    """My weeks and days; for a couple, which day each of us is on — nothing private."""
    person = signed_in_person(request)
    journey = access.get_journey(slug)
    enrollment = _enrollment_or_404(person, journey)
    days = list(journey.days.filter(retired_at__isnull=True).order_by("number"))
    open_count = days_open(enrollment.started_on, services.today_for(person), len(days))
    partner_enrollment = access.partner_enrollment(person, enrollment)
    both = [enrollment] if partner_enrollment is None else [enrollment, partner_enrollment]
    finished = access.finished_days(both)
    done = finished[enrollment.pk]
    weeks = []
    per_week = days_per_week(len(days), len(journey.plan))
    for week in journey.plan:
        numbers = range((week["number"] - 1) * per_week + 1, week["number"] * per_week + 1)
        weeks.append(
            {
                "number": week["number"],
                "theme": week["theme"],
                "days": [
                    {
                        "day": d,
                        "open": d.number <= open_count,
                        "done": d.number in done,
                    }
                    for d in days
                    if d.number in numbers
                ],
            }
        )
    partner_day = None
    if partner_enrollment is not None:
        # The partner's own calendar day decides how many of their days are open.
        partner_open = days_open(
            partner_enrollment.started_on,
            services.today_for(partner_enrollment.person),
            len(days),
        )
        partner_day = current_day(partner_open, finished[partner_enrollment.pk])
    return render(
        request,
        "journeys/progress.html",
        {
            "journey": journey,
            "enrollment": enrollment,
            "weeks": weeks,
            "my_day": current_day(open_count, done),
            "partner": partner_enrollment.person if partner_enrollment else None,
            "partner_day": partner_day,
        },
    )
