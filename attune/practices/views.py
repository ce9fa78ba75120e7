"""Practice pages: the I-statement coach, speaker–listener turns, calming exercises, rituals
and the calendar. Views validate, call a service, render."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from attune.accounts.access import signed_in_person
from attune.accounts.models import User
from attune.core.coach import Coaching, NoteKind, Shaped, analyse, shape
from attune.couples.access import current_couple, partner_of
from attune.practices import access, exercises, library, services
from attune.practices.forms import MAX_MESSAGE_LENGTH, CoachForm, FeedForm, ProposalForm, RitualForm
from attune.practices.models import CoupleRitual, Ritual, describe_days


def _signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every practice tool in one place."""
    return render(request, "practices/index.html")


# --- The I-statement coach ----------------------------------------------------------------

NOTE_HEADINGS = {
    NoteKind.BLAME: "Blame",
    NoteKind.ABSOLUTE: "Always or never",
    NoteKind.LABEL: "A label",
    NoteKind.MIND_READING: "Mind-reading",
    NoteKind.SARCASM: "Sarcasm",
    NoteKind.COMMAND: "An instruction",
    NoteKind.CONTEMPT: "Contempt",
    NoteKind.THOUGHT_AS_FEELING: "A thought, not yet a feeling",
}


def _segments(message: str, coaching: Coaching) -> list[dict[str, Any]]:
    """The message in pieces, each with the numbers of the notes about it (notes may overlap),
    so a page can mark the exact words a note quotes."""
    cuts = sorted(
        {0, len(message), *(n.start for n in coaching.notes), *(n.end for n in coaching.notes)}
    )
    pieces: list[dict[str, Any]] = []
    for start, end in pairwise(cuts):
        if start == end:
            continue
        numbers = [
            number
            for number, note in enumerate(coaching.notes, start=1)
            if note.start <= start and end <= note.end
        ]
        if pieces and pieces[-1]["notes"] == numbers:
            pieces[-1]["text"] += message[start:end]
        else:
            pieces.append({"text": message[start:end], "notes": numbers})
    return pieces


def _reading(message: str) -> dict[str, Any]:
    """What the coach noticed, laid out the same for the page and for the JSON endpoint."""
    coaching = analyse(message)
    shaped: Shaped = shape(message)
    found = []
    if coaching.has_feeling:
        found.append("A feeling: " + ", ".join(coaching.feelings_found))
    if coaching.has_situation:
        found.append("A specific moment")
    if coaching.has_need:
        found.append("A request")
    return {
        "segments": _segments(message, coaching),
        "notes": [
            {
                "number": number,
                "kind": str(note.kind),
                "heading": NOTE_HEADINGS.get(note.kind, str(note.kind).replace("_", " ")),
                "quote": note.quote,
                "suggestion": note.suggestion,
            }
            for number, note in enumerate(coaching.notes, start=1)
        ],
        "missing": [{"kind": str(m.kind), "prompt": m.prompt} for m in coaching.missing],
        "found": found,
        "draft": shaped.draft,
    }


@never_cache
def coach(request: HttpRequest) -> HttpResponse:
    """Type what you'd like to say; see gentle notes and a shaped draft. Nothing is stored."""
    form = CoachForm(request.POST if request.method == "POST" else None)
    reading = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            reading = _reading(form.cleaned_data["message"])
        else:
            status = 400
    return render(
        request,
        "practices/coach.html",
        {"form": form, "reading": reading, "limit": MAX_MESSAGE_LENGTH},
        status=status,
    )


@require_POST
@never_cache
def coach_check(request: HttpRequest) -> JsonResponse:
    """The coach's reading as JSON, for the page's live notes; the same form validates it."""
    form = CoachForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(_reading(form.cleaned_data["message"]))


# --- Speaker–listener and the calming exercises --------------------------------------------


@require_safe
def speaker_listener(request: HttpRequest) -> HttpResponse:
    """Turns of speaking and reflecting back, on one device or two. Nothing is sent or kept."""
    person = _signed_in(request)
    partner = partner_of(person) if person else None
    return render(
        request,
        "practices/speaker_listener.html",
        {
            "first_name": person.name if person else "",
            "second_name": partner.name if partner else "",
            "minute_choices": (2, 3, 5),
        },
    )


@require_safe
def breathing(request: HttpRequest) -> HttpResponse:
    """Guided breathing with a timer that counts in words, with or without a moving circle."""
    pattern = exercises.breathing_pattern(request.GET.get("pattern", ""))
    try:
        minutes = int(request.GET.get("minutes", exercises.DEFAULT_MINUTES))
    except ValueError:
        minutes = exercises.DEFAULT_MINUTES
    if minutes not in exercises.BREATHING_MINUTES:
        minutes = exercises.DEFAULT_MINUTES
    return render(
        request,
        "practices/breathing.html",
        {
            "patterns": exercises.BREATHING_PATTERNS,
            "pattern": pattern,
            "minutes": minutes,
            "minute_choices": exercises.BREATHING_MINUTES,
            "rounds": max(1, minutes * 60 // pattern.seconds_per_round),
            "pattern_data": {p.slug: p.as_data() for p in exercises.BREATHING_PATTERNS},
        },
    )


@require_safe
def grounding(request: HttpRequest) -> HttpResponse:
    """5-4-3-2-1: come back to the room through the senses."""
    senses = [
        (5, "see", "things you can see", "A lamp, a crack in the ceiling, the colour of a mug."),
        (4, "touch", "things you can feel", "Your feet in your shoes, the chair, cool air."),
        (3, "hear", "things you can hear", "A fridge humming, traffic, your own breath."),
        (2, "smell", "things you can smell", "Soap, coffee, the air from a window."),
        (1, "taste", "thing you can taste", "Toothpaste, tea, or just the inside of your mouth."),
    ]
    senses_shown = [
        {
            "count": count,
            "slug": slug,
            "words": words,
            "example": example,
            "numbers": range(1, count + 1),
        }
        for count, slug, words, example in senses
    ]
    return render(request, "practices/grounding.html", {"senses": senses_shown})


@require_safe
def body_scan(request: HttpRequest) -> HttpResponse:
    """A short body scan, read at your own pace or guided by a gentle timer."""
    return render(
        request,
        "practices/body_scan.html",
        {
            "stops": exercises.BODY_SCAN,
            "minutes": exercises.body_scan_minutes(),
            "stop_data": [{"place": s.place, "seconds": s.seconds} for s in exercises.BODY_SCAN],
        },
    )


# --- Rituals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A schedule in words, and, when it is kept in another time zone, what it is for you."""

    words: str
    zone: str
    yours: str


def _when(
    weekdays: tuple[int, ...], start: time | None, zone_name: str, viewer: User
) -> When | None:
    if start is None or not weekdays:
        return None
    when = describe_days(weekdays)
    words = f"{when[:1].upper()}{when[1:]} at {start:%H:%M}"
    if zone_name == viewer.zone.key:
        return When(words, "", "")
    zone = ZoneInfo(zone_name)
    now = timezone.now().astimezone(zone)
    for ahead in range(8):
        day = now.date() + timedelta(days=ahead)
        if day.weekday() in weekdays:
            moment = datetime.combine(day, start, tzinfo=zone)
            if moment > now:
                local = moment.astimezone(viewer.zone)
                return When(words, zone_name.replace("_", " "), f"{local:%A} at {local:%H:%M}")
    return When(words, zone_name.replace("_", " "), "")


def _ritual_when(ritual: Ritual, viewer: User) -> When | None:
    return _when(ritual.weekdays, ritual.start_time, services.zone_of(ritual, viewer), viewer)


def _proposal_when(proposal: CoupleRitual, viewer: User) -> When | None:
    return _when(proposal.weekdays, proposal.start_time, proposal.time_zone, viewer)


def _feed_urls(request: HttpRequest, token: str) -> dict[str, str]:
    address = request.build_absolute_uri(reverse("practices:calendar_feed", args=[token]))
    return {"https": address, "webcal": "webcal://" + address.split("://", 1)[1]}


@login_required
def rituals(request: HttpRequest) -> HttpResponse:
    """The ritual library, my rituals, proposals between us, and my calendar."""
    person = signed_in_person(request)
    entries = library.all_rituals()
    mine = [
        {
            "ritual": ritual,
            "entry": entries.get(ritual.library_slug),
            "when": _ritual_when(ritual, person),
        }
        for ritual in access.rituals_for_list(person, services.today_for(person))
    ]
    proposals = list(access.proposals_visible_to(person))
    partner = partner_of(person)
    feed = access.feed_of(person)
    return render(
        request,
        "practices/rituals.html",
        {
            "shelves": library.shelves(),
            "mine": mine,
            "incoming": [
                (p, _proposal_when(p, person))
                for p in proposals
                if p.proposed_by_id != person.pk and p.status == CoupleRitual.Status.PROPOSED
            ],
            "outgoing": [
                (p, _proposal_when(p, person)) for p in proposals if p.proposed_by_id == person.pk
            ],
            "partner": partner,
            "feed": feed,
            "feed_urls": _feed_urls(request, feed.token) if feed else None,
            "zone": person.zone.key.replace("_", " "),
        },
    )


def _library_page(
    request: HttpRequest,
    entry: library.LibraryRitual,
    adopt_form: RitualForm | None = None,
    propose_form: ProposalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person = signed_in_person(request)
    initial = {
        "days": list(entry.days),
        "start_time": entry.time,
        "duration_minutes": entry.minutes,
    }
    partner = partner_of(person)
    return render(
        request,
        "practices/library_ritual.html",
        {
            "entry": entry,
            "adopt_form": adopt_form or RitualForm(initial=initial, prefix="adopt"),
            "propose_form": propose_form or ProposalForm(initial=initial, prefix="propose"),
            "partner": partner,
            "zone": person.zone.key.replace("_", " "),
        },
        status=status,
    )


@login_required
@require_safe
def library_ritual(request: HttpRequest, slug: str) -> HttpResponse:
    """One ritual from the library: what to do, why it helps, and adopting or proposing it."""
    return _library_page(request, library.get_library_ritual(slug))


@login_required
@require_POST
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    """Make a library ritual my own."""
    person = signed_in_person(request)
    entry = library.get_library_ritual(slug)
    form = RitualForm(request.POST, prefix="adopt")
    if not form.is_valid():
        return _library_page(request, entry, adopt_form=form, status=400)
    ritual = services.adopt_ritual(
        person, entry, form.cleaned_data["title"], form.cleaned_data["notes"], form.schedule()
    )
    messages.success(request, "It's one of your rituals now. Only you can see it.")
    return redirect("practices:ritual", ritual_id=ritual.id)


@login_required
@require_POST
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    """Propose a library ritual to my partner; it becomes ours when they agree."""
    person = signed_in_person(request)
    entry = library.get_library_ritual(slug)
    form = ProposalForm(request.POST, prefix="propose")
    if not form.is_valid():
        return _library_page(request, entry, propose_form=form, status=400)
    try:
        services.propose_ritual(person, entry, form.cleaned_data["title"], form.schedule())
    except services.RitualError as refused:
        messages.info(request, str(refused))
        return redirect("practices:library_ritual", slug=entry.slug)
    partner = partner_of(person)
    who = partner.name if partner else "your partner"
    messages.success(request, f"Proposed. It becomes a ritual for you both once {who} agrees.")
    return redirect(reverse("practices:rituals") + "#proposals")


@login_required
def ritual(request: HttpRequest, ritual_id: UUID) -> HttpResponse:
    """One of my rituals: adapt its name and notes, schedule it, mark it done."""
    person = signed_in_person(request)
    found = access.get_ritual_for(person, ritual_id)
    together = access.is_together(person, found, current_couple(person))
    zone = services.zone_of(found, person)
    form = RitualForm(
        request.POST if request.method == "POST" else None,
        initial={
            "title": found.title,
            "notes": found.notes,
            "days": list(found.weekdays),
            "start_time": found.start_time,
            "duration_minutes": found.duration_minutes,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            shared = services.adapt_ritual(
                person,
                found,
                form.cleaned_data["title"],
                form.cleaned_data["notes"],
                form.schedule(),
            )
            messages.success(
                request,
                "Saved. The new days and time show for both of you." if shared else "Saved.",
            )
            return redirect("practices:ritual", ritual_id=found.id)
        status = 400
    entry = library.all_rituals().get(found.library_slug)
    done_today = access.is_done_on(found, services.today_for(person))
    return render(
        request,
        "practices/ritual.html",
        {
            "ritual": found,
            "entry": entry,
            "form": form,
            "together": together,
            "partner": partner_of(person) if together else None,
            "zone": zone.replace("_", " "),
            "zone_is_mine": zone == person.zone.key,
            "when": _ritual_when(found, person),
            "done_today": done_today,
            "calendar_title": library.calendar_title_for(found.library_slug),
        },
        status=status,
    )


def _back_to(request: HttpRequest, ritual_id: UUID) -> HttpResponse:
    if request.POST.get("from") == "list":
        return redirect(reverse("practices:rituals") + "#mine")
    return redirect("practices:ritual", ritual_id=ritual_id)


@login_required
@require_POST
def ritual_done(request: HttpRequest, ritual_id: UUID) -> HttpResponse:
    """Mark one of my rituals done today, or take the mark back. No counts, ever."""
    person = signed_in_person(request)
    found = access.get_ritual_for(person, ritual_id)
    done = request.POST.get("action") != "undo"
    services.mark_done(person, found, done)
    return _back_to(request, found.id)


@login_required
@require_POST
def ritual_let_go(request: HttpRequest, ritual_id: UUID) -> HttpResponse:
    """Take a ritual off my list."""
    person = signed_in_person(request)
    found = access.get_ritual_for(person, ritual_id)
    was_together = services.let_go_of_ritual(person, found)
    messages.info(
        request,
        "Let go. Your partner keeps their own copy as a ritual of their own."
        if was_together
        else "Let go. You can adopt it again from the library any time.",
    )
    return redirect("practices:rituals")


@login_required
@require_POST
def proposal(request: HttpRequest, proposal_id: UUID) -> HttpResponse:
    """Answer a partner's proposal (agree or not for now), or withdraw or clear my own."""
    person = signed_in_person(request)
    found = access.get_proposal_for(person, proposal_id)
    action = request.POST.get("action", "")
    try:
        if action == "accept":
            copy = services.accept_proposal(person, found)
            messages.success(
                request,
                "Agreed — it's a ritual for you both now. Your notes on it stay private.",
            )
            return redirect("practices:ritual", ritual_id=copy.id)
        if action == "decline":
            services.decline_proposal(person, found)
            messages.info(request, "Okay, not for now. You can always propose one of your own.")
        elif action == "withdraw":
            services.withdraw_proposal(person, found)
            messages.info(request, "Withdrawn.")
        else:
            messages.info(request, "Please choose to agree, say not for now, or withdraw.")
    except services.RitualError as refused:
        messages.info(request, str(refused))
    return redirect(reverse("practices:rituals") + "#proposals")


# --- The calendar -------------------------------------------------------------------------


def _ics(content: bytes, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="attune-rituals.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_safe
def calendar_download(request: HttpRequest) -> HttpResponse:
    """My scheduled rituals as an .ics file, to import into any calendar app."""
    return _ics(services.calendar_for(signed_in_person(request)), download=True)


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The same calendar at a secret address, for calendar apps that subscribe (they can't
    log in). A wrong or renewed-away token is a 404 like any other."""
    feed = access.get_feed_by_token(token)
    return _ics(services.calendar_for(feed.person), download=False)


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Make, renew or switch off my secret calendar address."""
    person = signed_in_person(request)
    form = FeedForm(request.POST)
    if not form.is_valid():
        messages.info(request, "Please choose to make, renew or switch off the link.")
    elif form.cleaned_data["action"] == "close":
        services.close_calendar_feed(person)
        messages.info(request, "Switched off. The old link shows nothing any more.")
    else:
        renewing = access.feed_of(person) is not None
        services.open_calendar_feed(person)
        messages.success(
            request,
            "A new link is ready; the old one has stopped working."
            if renewing
            else "Your calendar link is ready.",
        )
    return redirect(reverse("practices:rituals") + "#calendar")
