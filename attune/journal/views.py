"""Journal pages: entries by week and search, writing and sharing an entry, the trigger log and
the weekly review. Views validate, call a service, render."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.accounts.models import User
from attune.core.review import JournalNote, TriggerNote
from attune.core.review import weekly_review as review_week
from attune.couples.access import current_couple, partner_of
from attune.journal import access, services
from attune.journal.forms import (
    DraftForm,
    EntryForm,
    SearchForm,
    TriggerForm,
    WeekForm,
    split_feelings,
)
from attune.journal.models import JournalDraft, JournalEntry, TriggerEvent
from attune.journal.naming import words_to_name
from attune.journal.weeks import WEEK, last_day_of_week, week_start
from attune.journeys.models import JourneyDay
from attune.journeys.services import today_for
from attune.journeys.tools import available_tools

WEEKS_PER_PAGE = 4
SEARCH_LIMIT = 50
SHARED_LIMIT = 50
# Where the page after a save finds which device-kept words are now safely on the server.
SAVED_DRAFTS_SESSION_KEY = "journal_saved_drafts"
CALMING_TOOLS = ["breathing", "grounding"]


def _draft_key(person: User, entry: JournalEntry | None) -> str:
    """The name under which this device keeps unsent words for one form.

    Tied to the person without showing who they are, so that on a shared device one
    partner's unsent words are never poured into the other's form.
    """
    owner = salted_hmac("attune.journal.draft-owner", str(person.pk)).hexdigest()[:16]
    return f"attune-journal:{owner}:{entry.id if entry else 'new'}"


def _remember_saved(request: HttpRequest, key: str) -> None:
    saved = list(request.session.get(SAVED_DRAFTS_SESSION_KEY, []))
    request.session[SAVED_DRAFTS_SESSION_KEY] = [*saved, key][-10:]


# --- Entries by week, and search ----------------------------------------------------------


@dataclass
class Week:
    """One week of my own notes, for the index."""

    start: date
    entries: list[JournalEntry] = field(default_factory=list)
    triggers: list[TriggerEvent] = field(default_factory=list)

    @property
    def end(self) -> date:
        return last_day_of_week(self.start)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """My entries and trigger notes by week, search across them, and what my partner shared."""
    person = signed_in_person(request)
    couple = current_couple(person)
    search = SearchForm(request.GET or None)
    words = ""
    found_entries: list[JournalEntry] = []
    found_triggers: list[TriggerEvent] = []
    if search.is_valid():
        words = search.cleaned_data["q"].strip()
    if words:
        found_entries = list(
            access.search_own_entries(person, words).order_by("-written_on", "-created_at")[
                :SEARCH_LIMIT
            ]
        )
        found_triggers = list(
            access.search_own_triggers(person, words).order_by("-happened_on", "-created_at")[
                :SEARCH_LIMIT
            ]
        )
    days = set(access.own_entries(person).values_list("written_on", flat=True)) | set(
        access.triggers_visible_to(person).values_list("happened_on", flat=True)
    )
    starts = sorted({week_start(day) for day in days}, reverse=True)
    page = Paginator(starts, WEEKS_PER_PAGE).get_page(request.GET.get("page"))
    weeks = {start: Week(start) for start in page.object_list}
    if weeks:
        first, last = min(weeks), max(weeks) + WEEK
        for entry in (
            access.own_entries(person)
            .filter(written_on__gte=first, written_on__lt=last)
            .select_related("journey_day__journey")
            .order_by("-written_on", "-created_at")
        ):
            weeks[week_start(entry.written_on)].entries.append(entry)
        for trigger in access.triggers_visible_to(person).filter(
            happened_on__gte=first, happened_on__lt=last
        ):
            weeks[week_start(trigger.happened_on)].triggers.append(trigger)
    partner = partner_of(person) if couple else None
    return render(
        request,
        "journal/index.html",
        {
            "search": search,
            "words": words,
            "found_entries": found_entries,
            "found_triggers": found_triggers,
            "search_limit": SEARCH_LIMIT,
            "weeks": list(weeks.values()),
            "page": page,
            "draft": access.new_entry_draft(person),
            "couple": couple,
            "partner": partner,
            "shared": list(access.shared_with(person)[:SHARED_LIMIT]) if partner else [],
        },
        status=400 if search.errors else 200,
    )


# --- Writing an entry ---------------------------------------------------------------------


def _day_from_referer(request: HttpRequest, days: list[JourneyDay]) -> int | None:
    """The journey day the person came from, so "Write in your journal" links to that day."""
    path = urlsplit(request.headers.get("Referer", "")).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "journeys:day":
        return None
    for day in days:
        if day.journey.slug == match.kwargs.get("slug") and day.number == match.kwargs.get(
            "number"
        ):
            return day.pk
    return None


def _draft_initial(draft: JournalDraft, days: list[JourneyDay]) -> dict[str, Any]:
    """A kept draft as the form's starting values; a day no longer offered is left out."""
    typed = dict(draft.fields)
    day = str(typed.get("journey_day") or "")
    typed["journey_day"] = int(day) if day.isdigit() and int(day) in {d.pk for d in days} else None
    return typed


def _render_entry_form(
    request: HttpRequest,
    form: EntryForm,
    entry: JournalEntry | None,
    draft: JournalDraft | None,
    status: int = 200,
) -> HttpResponse:
    person = signed_in_person(request)
    autosave_url = (
        reverse("journal:autosave_entry", args=[entry.id]) if entry else reverse("journal:autosave")
    )
    return render(
        request,
        "journal/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "draft": draft,
            "autosave_url": autosave_url,
            "draft_key": _draft_key(person, entry),
            "partner": partner_of(person) if entry and entry.shared_in_id else None,
        },
        status=status,
    )


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Write an entry. What is typed is kept as a draft until it is saved."""
    person = signed_in_person(request)
    today = today_for(person)
    days = access.days_to_link(person, today)
    draft = access.new_entry_draft(person)
    if request.method == "POST":
        form = EntryForm(request.POST, today=today, days=days)
        if form.is_valid():
            entry = services.save_entry(person, None, form.content())
            _remember_saved(request, _draft_key(person, None))
            messages.success(request, "Saved. Only you can see this entry.")
            return redirect("journal:entry", entry_id=entry.id)
        return _render_entry_form(request, form, None, draft, status=400)
    initial: dict[str, Any] = {
        "written_on": today,
        "journey_day": _day_from_referer(request, days),
    }
    if draft is not None:
        initial.update(_draft_initial(draft, days))
    form = EntryForm(initial=initial, today=today, days=days)
    return _render_entry_form(request, form, None, draft)


def _entry_initial(entry: JournalEntry) -> dict[str, Any]:
    ticked, other = split_feelings(entry.feeling_list)
    return {
        "written_on": entry.written_on,
        "text": entry.text,
        "closeness": entry.closeness,
        "distance": entry.distance,
        "feelings": ticked,
        "other_feelings": other,
        "body": entry.body,
        "journey_day": entry.journey_day_id,
    }


def _shared_now(entry: JournalEntry, person: User) -> bool:
    """Whether the entry is shared with the person's current partner (not a former one)."""
    if entry.shared_in_id is None:
        return False
    couple = current_couple(person)
    return couple is not None and entry.shared_in_id == couple.pk


@login_required
def edit(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """Change one of my entries; unsaved changes are kept as a draft as I type."""
    person = signed_in_person(request)
    entry = access.get_own_entry(person, entry_id)
    today = today_for(person)
    days = access.days_to_link(person, today)
    if entry.journey_day is not None and entry.journey_day_id not in {d.pk for d in days}:
        days.append(entry.journey_day)  # keep the link an entry already has, even to a retired day
    draft = access.edit_draft(person, entry)
    shared = _shared_now(entry, person)
    if request.method == "POST":
        form = EntryForm(request.POST, today=today, days=days, offer_keep_shared=shared)
        if form.is_valid():
            keep_shared = form.cleaned_data.get("keep_shared", True)
            services.save_entry(person, entry, form.content(), keep_shared=keep_shared)
            _remember_saved(request, _draft_key(person, entry))
            messages.success(request, "Your changes are saved.")
            return redirect("journal:entry", entry_id=entry.id)
        return _render_entry_form(request, form, entry, draft, status=400)
    initial = _entry_initial(entry)
    if draft is not None and draft.updated_at > entry.updated_at:
        initial.update(_draft_initial(draft, days))
    else:
        draft = None
    form = EntryForm(initial=initial, today=today, days=days, offer_keep_shared=shared)
    return _render_entry_form(request, form, entry, draft)


@login_required
def entry(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """One entry: mine, with what I can do with it; or one my partner shared with me."""
    person = signed_in_person(request)
    found = access.get_entry_for(person, entry_id)
    own = found.person_id == person.pk
    context: dict[str, Any] = {"entry": found, "own": own}
    if own:
        draft = access.edit_draft(person, found)
        context.update(
            {
                "shared_now": _shared_now(found, person),
                "partner": partner_of(person),
                "draft": draft if draft and draft.updated_at > found.updated_at else None,
                "clear_drafts": request.session.pop(SAVED_DRAFTS_SESSION_KEY, []),
            }
        )
    return render(request, "journal/entry.html", context)


@login_required
def delete(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """Confirm, then delete one of my entries for good."""
    person = signed_in_person(request)
    found = access.get_own_entry(person, entry_id)
    if request.method == "POST":
        services.delete_entry(found)
        messages.info(request, "The entry is deleted.")
        return redirect("journal:index")
    return render(
        request,
        "journal/entry_delete.html",
        {"entry": found, "shared_now": _shared_now(found, person)},
    )


@login_required
def share(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """A preview of exactly what my partner will see; sharing happens only when I confirm."""
    person = signed_in_person(request)
    found = access.get_own_entry(person, entry_id)
    partner = partner_of(person)
    if request.method == "POST":
        if services.share_entry(person, found):
            messages.success(
                request,
                f"Shared. {partner.name if partner else 'Your partner'} can read this entry now.",
            )
        else:
            messages.info(
                request, "You're not linked with a partner, so there is nobody to share with."
            )
        return redirect("journal:entry", entry_id=found.id)
    return render(
        request,
        "journal/share.html",
        {"entry": found, "partner": partner, "shared_now": _shared_now(found, person)},
    )


@login_required
@require_POST
def unshare(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """Stop sharing one of my entries, at once."""
    found = access.get_own_entry(signed_in_person(request), entry_id)
    services.stop_sharing(found)
    messages.info(request, "Stopped sharing. Only you can see this entry now.")
    return redirect("journal:entry", entry_id=found.id)


# --- Drafts kept as the person types ------------------------------------------------------


def _save_draft(request: HttpRequest, entry: JournalEntry | None) -> JsonResponse:
    form = DraftForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    draft = services.save_draft(signed_in_person(request), entry, form.typed())
    return JsonResponse(
        {"saved": True, "draft": str(draft.id) if draft else None},
    )


@login_required
@require_POST
def autosave(request: HttpRequest) -> HttpResponse:
    """Keep what is typed into a new entry. Answers with JSON the page can show."""
    return _save_draft(request, None)


@login_required
@require_POST
def autosave_entry(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """Keep unsaved changes typed into one of my entries."""
    return _save_draft(request, access.get_own_entry(signed_in_person(request), entry_id))


@login_required
@require_POST
def discard_draft(request: HttpRequest, draft_id: UUID) -> HttpResponse:
    """Let go of a kept draft and start again from what is saved."""
    draft = access.get_own_draft(signed_in_person(request), draft_id)
    entry_id = draft.entry_id
    services.discard_draft(draft)
    messages.info(request, "The draft is discarded.")
    if entry_id is not None:
        return redirect("journal:edit", entry_id=entry_id)
    return redirect("journal:new")


# --- The trigger log ----------------------------------------------------------------------


@login_required
def trigger_new(request: HttpRequest) -> HttpResponse:
    """A quick note about a moment that set me off."""
    person = signed_in_person(request)
    today = today_for(person)
    form = TriggerForm(request.POST or None, initial={"happened_on": today}, today=today)
    if request.method == "POST":
        if form.is_valid():
            logged = services.save_trigger(person, None, form.content())
            messages.success(request, "Noted. Noticing it is the first step.")
            return redirect("journal:trigger", trigger_id=logged.id)
        status = 400
    else:
        status = 200
    return render(
        request,
        "journal/trigger_form.html",
        {"form": form, "calming": available_tools(CALMING_TOOLS)},
        status=status,
    )


@login_required
def trigger(request: HttpRequest, trigger_id: UUID) -> HttpResponse:
    """One of my trigger notes, with words to name the moment and ways to calm the body."""
    person = signed_in_person(request)
    found = access.get_trigger_for(person, trigger_id)
    return render(
        request,
        "journal/trigger.html",
        {
            "trigger": found,
            "words": words_to_name(found.surface, found.underneath, found.wish),
            "calming": available_tools(CALMING_TOOLS),
            "partner": partner_of(person),
        },
    )


@login_required
def trigger_edit(request: HttpRequest, trigger_id: UUID) -> HttpResponse:
    """Change one of my trigger notes."""
    person = signed_in_person(request)
    found = access.get_trigger_for(person, trigger_id)
    today = today_for(person)
    initial = {
        name: getattr(found, name)
        for name in (
            "happened_on",
            "situation",
            "surface",
            "underneath",
            "body",
            "reaction",
            "wish",
        )
    }
    form = TriggerForm(request.POST or None, initial=initial, today=today)
    if request.method == "POST":
        if form.is_valid():
            services.save_trigger(person, found, form.content())
            messages.success(request, "Your changes are saved.")
            return redirect("journal:trigger", trigger_id=found.id)
        return render(
            request, "journal/trigger_form.html", {"form": form, "trigger": found}, status=400
        )
    return render(request, "journal/trigger_form.html", {"form": form, "trigger": found})


@login_required
def trigger_delete(request: HttpRequest, trigger_id: UUID) -> HttpResponse:
    """Confirm, then delete one of my trigger notes."""
    found = access.get_trigger_for(signed_in_person(request), trigger_id)
    if request.method == "POST":
        services.delete_trigger(found)
        messages.info(request, "The trigger note is deleted.")
        return redirect("journal:index")
    return render(request, "journal/trigger_delete.html", {"trigger": found})


# --- The weekly review --------------------------------------------------------------------


@login_required
def weekly_review(request: HttpRequest) -> HttpResponse:
    """What my own notes of one week show, with questions to look at it with."""
    person = signed_in_person(request)
    today = today_for(person)
    form = WeekForm(request.GET or None, today=today)
    chosen = today
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["week"] or today
    start = week_start(chosen)
    end = start + WEEK
    entries = list(
        access.own_entries(person)
        .filter(written_on__gte=start, written_on__lt=end)
        .order_by("written_on", "created_at")
    )
    triggers = list(
        access.triggers_visible_to(person)
        .filter(happened_on__gte=start, happened_on__lt=end)
        .order_by("happened_on", "created_at")
    )
    review = review_week(
        start,
        [
            JournalNote(
                day=e.written_on,
                text=e.text,
                closeness=e.closeness,
                distance=e.distance,
                feelings=tuple(e.feeling_list),
                body=e.body,
            )
            for e in entries
        ],
        [
            TriggerNote(
                day=t.happened_on,
                situation=t.situation,
                surface=t.surface,
                underneath=t.underneath,
                body=t.body,
                reaction=t.reaction,
                wish=t.wish,
            )
            for t in triggers
        ],
    )
    this_week = week_start(today)
    return render(
        request,
        "journal/weekly_review.html",
        {
            "review": review,
            "form": form,
            "start": start,
            "end": last_day_of_week(start),
            "is_this_week": start == this_week,
            "previous_week": start - WEEK,
            "next_week": start + WEEK if start + WEEK <= this_week else None,
            "entries": entries,
            "triggers": triggers,
        },
        status=400 if form.errors else 200,
    )
