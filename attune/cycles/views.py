"""Cycle map pages: my side (private until we're both ready), our map, and a map made alone.
Views validate, call a service, render."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.accounts.models import User
from attune.core.cycle import cycle_sentences, cycle_svg
from attune.couples.access import current_couple, partner_of
from attune.couples.models import Couple
from attune.cycles import access, services
from attune.cycles.drawing import drawn_side, move_phrase
from attune.cycles.forms import NOTHING_WRITTEN, MapWordsForm, SideForm
from attune.cycles.models import CycleMap, CycleSide
from attune.safety.access import joint_exercises_set_aside

# Said the same way whatever the partner has or hasn't done, so it gives nothing away.
WAITING = "The map appears when you've both marked your sides ready."


def _side_initial(side: CycleSide | None) -> dict[str, Any]:
    if side is None:
        return {}
    return {
        "moves": side.moves,
        "move_words": side.move_words,
        "partner_sees": side.partner_sees,
        "surface": side.surface,
        "underneath": side.underneath,
        "fear": side.fear,
        "need": side.need,
    }


def _words_initial(words: CycleMap | None) -> dict[str, str]:
    return {"name": words.name, "plan": words.plan} if words else {}


# --- Together -----------------------------------------------------------------------------


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """My side of our map (private until we're both ready), then our map; alone, my own map."""
    person = signed_in_person(request)
    couple = current_couple(person)
    if couple is None:
        return _alone(request, person, partner=None)
    if request.method == "POST":
        ready = request.POST.get("action") == "ready"
        form = SideForm(request.POST, require_move=ready)
        if form.is_valid() and form.content().is_empty:
            form.add_error("moves", NOTHING_WRITTEN)
        if form.is_valid():
            services.save_side(person, couple, form.content(), mark_ready=ready)
            messages.success(
                request, "Saved, and marked ready." if ready else "Saved. Only you can see it."
            )
            return redirect("cycles:map")
        return _render_together(request, person, couple, side_form=form, status=400)
    return _render_together(request, person, couple)


def _render_together(
    request: HttpRequest,
    person: User,
    couple: Couple,
    side_form: SideForm | None = None,
    words_form: MapWordsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    partner = partner_of(person)
    shared = access.shared_map_for(person, couple)
    my_side = shared.mine if shared else access.own_couple_side(person, couple)
    started_from_alone = False
    if side_form is None:
        initial = _side_initial(my_side)
        if my_side is None:
            # A side first mapped alone is a good start for the shared map; nothing is saved
            # until the person saves it here.
            own_alone, _ = access.own_sides_alone(person)
            initial = _side_initial(own_alone)
            started_from_alone = own_alone is not None
        side_form = SideForm(initial=initial)
    context: dict[str, Any] = {
        "partner": partner,
        "my_side": my_side,
        "side_form": side_form,
        "started_from_alone": started_from_alone,
        "waiting": WAITING,
        "shared": shared,
        # From the person's own private safety check; it shapes only their own page.
        "joint_set_aside": joint_exercises_set_aside(person),
    }
    if shared is not None:
        # Both partners see the very same picture, so its order doesn't depend on who looks.
        first, second = sorted((shared.mine, shared.theirs), key=lambda side: side.person_id)
        drawn_first = drawn_side(first, first.person.name)
        drawn_second = drawn_side(second, second.person.name)
        name = shared.words.name if shared.words else ""
        # The SVG comes from core.cycle, which escapes every piece of text it draws.
        context["svg"] = mark_safe(
            cycle_svg(drawn_first, drawn_second, name, id_prefix="cycle-map")
        )
        context["sentences"] = cycle_sentences(
            drawn_first, drawn_second, view="first" if first is shared.mine else "second"
        )
        context["words_form"] = words_form or MapWordsForm(initial=_words_initial(shared.words))
    return render(request, "cycles/map.html", context, status=status)


@login_required
@require_POST
def ready(request: HttpRequest) -> HttpResponse:
    """Mark my side ready to show in our map once my partner's is, or take it back."""
    person = signed_in_person(request)
    couple = current_couple(person)
    if couple is None:
        messages.info(
            request, "A map you make on your own is only ever yours; it needs no ready step."
        )
        return redirect("cycles:map")
    wanted = request.POST.get("ready") == "1"
    try:
        services.set_ready(person, couple, wanted)
    except services.CycleError as refused:
        messages.info(request, str(refused))
    else:
        messages.info(
            request,
            "Your side is marked ready."
            if wanted
            else "Your side is no longer marked ready. Only you can see it.",
        )
    return redirect("cycles:map")


@login_required
@require_POST
def plan(request: HttpRequest) -> HttpResponse:
    """The name and the catching-it plan of our map; either of us may change them."""
    person = signed_in_person(request)
    couple = current_couple(person)
    if couple is None or access.shared_map_for(person, couple) is None:
        messages.info(request, WAITING)
        return redirect("cycles:map")
    form = MapWordsForm(request.POST)
    if form.is_valid():
        services.save_map_words(couple, form.cleaned_data["name"], form.cleaned_data["plan"])
        messages.success(request, "Saved for you both.")
        return redirect(reverse("cycles:map") + "#plan")
    return _render_together(request, person, couple, words_form=form, status=400)


# --- Alone --------------------------------------------------------------------------------


@login_required
def alone(request: HttpRequest) -> HttpResponse:
    """My own map: my side and my guess of my partner's, for me alone."""
    person = signed_in_person(request)
    return _alone(request, person, partner=partner_of(person))


def _alone(request: HttpRequest, person: User, partner: User | None) -> HttpResponse:
    mine, guess = access.own_sides_alone(person)
    words = access.own_map_alone(person)
    partner_name = partner.name if partner else ""
    status = 200
    if request.method == "POST":
        mine_form = SideForm(request.POST, prefix="mine")
        guess_form = SideForm(request.POST, prefix="guess", guess=True, partner_name=partner_name)
        words_form = MapWordsForm(request.POST, prefix="map")
        if mine_form.is_valid() and guess_form.is_valid() and words_form.is_valid():
            if mine_form.content().is_empty and guess_form.content().is_empty:
                mine_form.add_error("moves", NOTHING_WRITTEN)
            else:
                services.save_map_alone(
                    person,
                    mine_form.content(),
                    guess_form.content(),
                    words_form.cleaned_data["name"],
                    words_form.cleaned_data["plan"],
                )
                messages.success(request, "Saved. This map is only ever yours.")
                return redirect(request.path)
        status = 400
    else:
        mine_form = SideForm(initial=_side_initial(mine), prefix="mine")
        guess_form = SideForm(
            initial=_side_initial(guess), prefix="guess", guess=True, partner_name=partner_name
        )
        words_form = MapWordsForm(initial=_words_initial(words), prefix="map")
    context: dict[str, Any] = {
        "partner": partner,
        "mine": mine,
        "guess": guess,
        "mine_form": mine_form,
        "guess_form": guess_form,
        "words_form": words_form,
    }
    if mine is not None or guess is not None:
        drawn_mine = drawn_side(mine, person.name)
        drawn_guess = drawn_side(guess, partner_name, is_guess=True)
        context["svg"] = mark_safe(
            cycle_svg(drawn_mine, drawn_guess, words.name if words else "", id_prefix="cycle-alone")
        )
        context["sentences"] = cycle_sentences(drawn_mine, drawn_guess)
    return render(request, "cycles/alone.html", context, status=status)


# --- History ------------------------------------------------------------------------------


@login_required
def history(request: HttpRequest, side_id: UUID) -> HttpResponse:
    """Every version of a side I wrote, newest first. Nobody else sees them."""
    side = access.get_own_side(signed_in_person(request), side_id)
    versions = [
        {"version": version, "move": move_phrase(version)} for version in access.versions_of(side)
    ]
    return render(request, "cycles/history.html", {"side": side, "versions": versions})
