"""Assessment pages: take a questionnaire page by page, read results, share a summary."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.assessments import access, services
from attune.assessments.descriptions import dance_for, words
from attune.assessments.forms import ItemsForm
from attune.assessments.instruments import (
    ATTACHMENT,
    OFFERED,
    all_instruments,
    get_instrument,
)
from attune.assessments.models import Assessment
from attune.assessments.readings import (
    changes_since_last,
    history_chart,
    taking_date,
)
from attune.core import charts
from attune.core.instruments import Instrument
from attune.core.scoring import place_attachment
from attune.couples.access import partner_of

ITEMS_PER_PAGE = 6


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The questionnaires, my latest result of each, and what my partner shared."""
    person = signed_in_person(request)
    mine = list(
        Assessment.objects.filter(person=person, completed_at__isnull=False).order_by(
            "-completed_at"
        )
    )
    latest: dict[str, Assessment] = {}
    for result in mine:
        latest.setdefault(result.instrument, result)
    unfinished = set(
        Assessment.objects.filter(person=person, completed_at__isnull=True).values_list(
            "instrument", flat=True
        )
    )
    instruments = all_instruments()
    rows = [
        {
            "instrument": instruments[instrument_id],
            "latest": latest.get(instrument_id),
            "unfinished": instrument_id in unfinished,
        }
        for instrument_id in OFFERED
    ]
    partner = partner_of(person)
    shared = (
        list(
            access.assessments_visible_to(person)
            .exclude(person=person)
            .order_by("-completed_at")[:8]
        )
        if partner
        else []
    )
    return render(
        request,
        "assessments/index.html",
        {"rows": rows, "partner": partner, "shared": shared, "instruments": instruments},
    )


@login_required
def take(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """One page of items; answers are kept as the person goes, so they can stop any time."""
    person = signed_in_person(request)
    instrument = get_instrument(instrument_id)
    pages = [
        list(instrument.items[start : start + ITEMS_PER_PAGE])
        for start in range(0, len(instrument.items), ITEMS_PER_PAGE)
    ]
    page_number = _page_number(request, len(pages))
    items = pages[page_number - 1]
    taking = services.unfinished_taking(person, instrument.id)
    saved = taking.answers if taking else {}
    form = ItemsForm(
        request.POST or None,
        instrument=instrument,
        items=items,
        initial={item.id: saved.get(item.id) for item in items},
    )
    problem: services.AssessmentError | None = None
    if request.method == "POST" and form.is_valid():
        taking = services.save_answers(person, instrument, form.answers())
        action = request.POST.get("action", "next")
        if action == "later":
            messages.info(request, "Your answers are saved. Come back whenever you like.")
            return redirect("assessments:index")
        if action == "back" and page_number > 1:
            return _to_page(instrument.id, page_number - 1)
        if page_number < len(pages):
            return _to_page(instrument.id, page_number + 1)
        try:
            services.finish_taking(person, taking)
        except services.AssessmentError as unfinished:
            problem = unfinished
        else:
            return redirect("assessments:result", result_id=taking.id)
    first_number = (page_number - 1) * ITEMS_PER_PAGE + 1
    numbered = [(first_number + index, item, form[item.id]) for index, item in enumerate(items)]
    return render(
        request,
        "assessments/take.html",
        {
            "instrument": instrument,
            "form": form,
            "numbered": numbered,
            "page_number": page_number,
            "page_count": len(pages),
            "answered": len(saved),
            "problem": problem,
            "missing_links": _missing_links(instrument.id, problem),
            "taken_today": services.taken_today(person, instrument.id),
        },
        status=400 if problem or form.errors else 200,
    )


def _page_number(request: HttpRequest, page_count: int) -> int:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), page_count)


def _to_page(instrument_id: str, number: int) -> HttpResponse:
    return redirect(reverse("assessments:take", args=[instrument_id]) + f"?page={number}")


def _missing_links(
    instrument_id: str, problem: services.AssessmentError | None
) -> list[dict[str, Any]]:
    """Each unanswered question with a link to the page it is on."""
    if problem is None:
        return []
    base = reverse("assessments:take", args=[instrument_id])
    return [
        {"number": number, "url": f"{base}?page={(number - 1) // ITEMS_PER_PAGE + 1}#q{number}"}
        for number in problem.missing
    ]


@dataclass
class Reading:
    """A result laid out for a page: scores first, then the picture, then words."""

    result: Assessment
    instrument: Instrument
    own: bool
    chart: str
    scores: list[dict[str, Any]]
    style_words: Any
    neighbours: list[Any]
    changes: list[dict[str, Any]]
    cutoff: Any


@login_required
def result(request: HttpRequest, result_id: UUID) -> HttpResponse:
    """A result page. The person sees their own; a partner sees a summary that was shared."""
    person = signed_in_person(request)
    found = access.get_result_for(person, result_id)
    own = found.person_id == person.pk
    history = list(access.own_history(person, found.instrument)) if own else [found]
    reading = _reading(found, history if own else [found], own)
    return render(
        request,
        "assessments/result.html",
        {"r": reading, "partner": partner_of(person) if own else None, "owner": found.person},
    )


def _reading(found: Assessment, history: list[Assessment], own: bool) -> Reading:
    instrument = get_instrument(found.instrument)
    upto = [taking for taking in history if taking.completed_at <= found.completed_at]  # type: ignore[operator]
    scores = [
        {
            "label": subscale.label,
            "value": found.scores.get(subscale.id),
            "minimum": subscale.minimum,
            "maximum": subscale.maximum,
            "is_mean": subscale.rule == "mean",
        }
        for subscale in instrument.subscales
    ]
    if found.instrument in ATTACHMENT:
        chart = charts.attachment_plot(
            [
                charts.PlotPoint(
                    anxiety=t.scores["anxiety"],
                    avoidance=t.scores["avoidance"],
                    label=taking_date(t),
                )
                for t in upto
            ],
            title=f"{instrument.short_name}: where your scores sit"
            if own
            else f"{instrument.short_name}: {found.person.name}'s scores",
        )
    else:
        chart = history_chart(instrument, upto)
    style_words = words().styles.get(found.style) if found.style else None
    neighbours = []
    if found.near_boundary:
        placement = place_attachment(found.scores["anxiety"], found.scores["avoidance"])
        neighbours = [words().styles[s] for s in placement.neighbouring_styles]
    changes = changes_since_last(instrument, upto) if own else []
    cutoff = instrument.cutoff_for("total")
    # The SVG comes from core.charts, which escapes every piece of text it draws.
    safe_chart = mark_safe(chart)
    return Reading(
        found, instrument, own, safe_chart, scores, style_words, neighbours, changes, cutoff
    )


@login_required
@require_POST
def share(request: HttpRequest, result_id: UUID) -> HttpResponse:
    """Share this result's summary with my partner, or stop sharing it."""
    person = signed_in_person(request)
    found = access.get_own_result(person, result_id)
    if request.POST.get("action") == "stop":
        services.stop_sharing(found)
        messages.info(request, "Stopped sharing. Your partner no longer sees this result.")
    elif services.share_result(person, found):
        messages.success(
            request, "Shared: your partner sees your scores and style, never your answers."
        )
    else:
        messages.info(
            request, "You're not linked with a partner, so there is nobody to share with."
        )
    return redirect("assessments:result", result_id=found.id)


@login_required
def history(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """Every time I took one questionnaire, as a chart and a list."""
    person = signed_in_person(request)
    instrument = get_instrument(instrument_id)
    takings = list(access.own_history(person, instrument.id))
    if instrument.id in ATTACHMENT:
        chart = charts.attachment_plot(
            [
                charts.PlotPoint(t.scores["anxiety"], t.scores["avoidance"], taking_date(t))
                for t in takings
            ],
            title=f"{instrument.short_name} over time",
        )
    else:
        chart = history_chart(instrument, takings)
    return render(
        request,
        "assessments/history.html",
        {
            "instrument": instrument,
            "takings": takings,
            "chart": mark_safe(chart),
            "changes": changes_since_last(instrument, takings),
        },
    )


@login_required
def couple(request: HttpRequest) -> HttpResponse:
    """When both partners share an attachment result: both points and the dance they suggest."""
    person = signed_in_person(request)
    partner = partner_of(person)
    if partner is None:
        raise Http404
    theirs = access.partner_shared_latest(person, ATTACHMENT)
    mine = (
        Assessment.objects.filter(
            person=person,
            instrument__in=ATTACHMENT,
            completed_at__isnull=False,
            shared_in__isnull=False,
        )
        .order_by("-completed_at")
        .first()
    )
    context: dict[str, Any] = {"partner": partner, "mine": mine, "theirs": theirs}
    if mine is not None and theirs is not None:
        context["chart"] = mark_safe(
            charts.attachment_plot(
                [
                    charts.PlotPoint(
                        mine.scores["anxiety"], mine.scores["avoidance"], taking_date(mine), "You"
                    ),
                    charts.PlotPoint(
                        theirs.scores["anxiety"],
                        theirs.scores["avoidance"],
                        taking_date(theirs),
                        partner.name,
                    ),
                ],
                title="Your scores together",
            )
        )
        context["dance"] = dance_for(mine.style, theirs.style)
        context["styles"] = (words().styles.get(mine.style), words().styles.get(theirs.style))
    return render(request, "assessments/couple.html", context)
