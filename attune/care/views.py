"""Professional help pages: the directory and consultation requests (public), the client's
care page and consent, and the practitioner portal. Views validate, call a service, render."""

import hashlib
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from attune.accounts.access import signed_in_person
from attune.assessments.instruments import ATTACHMENT, OFFERED, all_instruments
from attune.assessments.models import Assessment
from attune.assessments.readings import changes_since_last, history_chart, taking_date
from attune.care import access, services
from attune.care.forms import (
    ConsultationForm,
    DirectoryFilterForm,
    GrantsForm,
    HomeworkForm,
    InviteClientForm,
    NoteForm,
    ProfileForm,
)
from attune.care.models import (
    WHOLE_KINDS,
    Approach,
    CareNote,
    CareRelationship,
    GrantKind,
    Practitioner,
)
from attune.core import charts
from attune.core.cycle import cycle_sentences, cycle_svg
from attune.core.instruments import Instrument
from attune.core.journeys import current_day, days_open
from attune.cycles.drawing import drawn_side, move_phrase
from attune.cycles.models import CycleMap, CycleSide
from attune.journal.models import JournalEntry
from attune.journeys.models import DayProgress, Enrollment
from attune.journeys.services import today_for

# Spam: each address and each network may ask this often in an hour.
REQUESTS_PER_ADDRESS_PER_HOUR = 3
REQUESTS_PER_IP_PER_HOUR = 5
HOUR = 3600
# Beside each choice, exactly what the practitioner will see.
GRANT_PREVIEWS: dict[str, str] = {
    GrantKind.JOURNEY_PROGRESS: (
        "Which journeys you're doing, which days you've finished and on what date, and the day "
        "you're on. Never your answers to the reflection questions."
    ),
    GrantKind.ASSESSMENT_RESULTS: (
        "The date, scores and style of each questionnaire you've finished, with charts of how "
        "they changed. Never your answers to the questions."
    ),
    GrantKind.CYCLE_MAP: (
        "Your side of the cycle map with your partner (as you last saved it), and any map you "
        "made on your own, including your guess of your partner's side. Never your partner's "
        "own side — that is theirs to share."
    ),
}
ENTRIES_PER_PAGE = 30
HISTORY_ON_INDEX = 10
DIRECTORY_PER_PAGE = 20
HISTORY_PER_PAGE = 50
REQUESTS_PER_PAGE = 25


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


# The directory, open to everyone


def directory(request: HttpRequest) -> HttpResponse:
    """Verified practitioners, narrowed by approach, how they meet, place and language."""
    approaches = list(Approach.objects.all())
    form = DirectoryFilterForm(
        request.GET or None, approaches=approaches, languages=access.directory_languages()
    )
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    page = Paginator(access.search_directory(**filters), DIRECTORY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "care/directory.html",
        {"form": form, "page": page, "filtered": any(filters.values())},
    )


def profile(request: HttpRequest, practitioner_id: UUID) -> HttpResponse:
    """One practitioner's profile, with the way to ask for a consultation."""
    practitioner = access.get_listed_practitioner(practitioner_id)
    return render(request, "care/profile.html", {"practitioner": practitioner})


def questions(request: HttpRequest) -> HttpResponse:
    """Questions worth asking in a first consultation, and what to look for."""
    return render(request, "care/questions.html")


def consult(request: HttpRequest, practitioner_id: UUID) -> HttpResponse:
    """Ask a practitioner for a first conversation. Nothing typed is lost to a mistake."""
    practitioner = access.get_listed_practitioner(practitioner_id)
    initial: dict[str, Any] = {"contact_by": "email"}
    if request.user.is_authenticated:
        person = signed_in_person(request)
        initial.update({"name": person.display_name, "email": person.email})
    form = ConsultationForm(request.POST or None, initial=initial)
    problem = ""
    if request.method == "POST":
        if form.is_robot:
            # Robots are told it worked, so they learn nothing; nothing is stored or sent.
            return redirect("care:consult_sent", practitioner_id=practitioner.id)
        if form.is_valid():
            if _over_the_limit(request, form.cleaned_data["email"]):
                problem = (
                    "Thank you for your patience — a few requests have been sent from here in "
                    "the last hour, so we're pausing new ones for a little while. Your message "
                    "is still below; please try again later."
                )
            else:
                services.request_consultation(
                    practitioner,
                    services.ConsultationDetails(
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        phone=form.cleaned_data["phone"],
                        contact_by=form.cleaned_data["contact_by"],
                        best_time=form.cleaned_data["best_time"],
                        message=form.cleaned_data["message"],
                    ),
                )
                _count_request(request, form.cleaned_data["email"])
                return redirect("care:consult_sent", practitioner_id=practitioner.id)
    status = 200
    if problem:
        status = 429
    elif form.errors:
        status = 400
    return render(
        request,
        "care/consult.html",
        {"practitioner": practitioner, "form": form, "problem": problem},
        status=status,
    )


def _limit_keys(request: HttpRequest, email: str) -> list[tuple[str, int]]:
    # Addresses are hashed so the cache never holds anyone's e-mail.
    address = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    network = request.META.get("REMOTE_ADDR", "unknown")
    return [
        (f"care-consult-address:{address}", REQUESTS_PER_ADDRESS_PER_HOUR),
        (f"care-consult-ip:{network}", REQUESTS_PER_IP_PER_HOUR),
    ]


def _over_the_limit(request: HttpRequest, email: str) -> bool:
    return any(int(cache.get(key) or 0) >= limit for key, limit in _limit_keys(request, email))


def _count_request(request: HttpRequest, email: str) -> None:
    for key, _ in _limit_keys(request, email):
        if not cache.add(key, 1, timeout=HOUR):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=HOUR)


def consult_sent(request: HttpRequest, practitioner_id: UUID) -> HttpResponse:
    """The request is on its way; what happens next."""
    practitioner = access.get_listed_practitioner(practitioner_id)
    return render(request, "care/consult_sent.html", {"practitioner": practitioner})


# What a practitioner sees of a client: built once, for the practitioner and for the client's
# own preview, so the preview is exactly the same page.


@dataclass
class JourneyProgress:
    """One of the client's journeys: how far along, and which days they finished when."""

    enrollment: Enrollment
    finished: list[DayProgress]
    total: int
    open_count: int
    current_day: int

    @property
    def percent(self) -> int:
        return round(100 * len(self.finished) / self.total) if self.total else 0


@dataclass
class ResultsOverTime:
    """Every finished taking of one questionnaire, as a chart and a table."""

    instrument: Instrument
    chart: SafeString
    takings: list[Assessment]
    changes: list[dict[str, Any]]


@dataclass
class DescribedSide:
    """One side of a cycle map in words, for when the other side is not the client's to show."""

    side: CycleSide
    move: str

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [
            (label, value)
            for label, value in (
                ("What I do", self.move),
                ("What my partner may see", self.side.partner_sees),
                ("How I feel on the surface", self.side.surface),
                ("Underneath", self.side.underneath),
                ("What I fear", self.side.fear),
                ("What I need", self.side.need),
            )
            if value.strip()
        ]


@dataclass
class CycleView:
    """The cycle map sides the client wrote (and the partner's, only under their own grant)."""

    together: DescribedSide | None = None
    together_ready: bool = False
    # Both sides drawn as one loop: only when the partner also granted this practitioner.
    both_svg: SafeString | None = None
    both_sentences: tuple[str, ...] = ()
    both_words: CycleMap | None = None
    partner_side: CycleSide | None = None
    alone_svg: SafeString | None = None
    alone_sentences: tuple[str, ...] = ()
    alone_words: CycleMap | None = None

    @property
    def is_empty(self) -> bool:
        return self.together is None and self.alone_svg is None


@dataclass
class GrantedView:
    """Exactly what the client lets this practitioner see right now."""

    relationship: CareRelationship
    kinds: set[str]
    journeys: list[JourneyProgress] = field(default_factory=list)
    results: list[ResultsOverTime] = field(default_factory=list)
    entries: list[JournalEntry] = field(default_factory=list)
    cycle: CycleView = field(default_factory=CycleView)

    @property
    def not_shared(self) -> list[str]:
        return [label for kind, label in GrantKind.choices if kind not in self.kinds]


def _granted_view(
    relationship: CareRelationship, partner: CareRelationship | None = None
) -> GrantedView:
    """What the practitioner sees. `partner` is the partner's relationship with the same
    practitioner, for their side of the map under their own grant; the client's preview
    never passes it, so nothing of the partner's reaches the client this way."""
    view = GrantedView(relationship, access.granted_kinds(relationship))
    if GrantKind.JOURNEY_PROGRESS in view.kinds:
        view.journeys = _journey_progress(relationship)
    if GrantKind.ASSESSMENT_RESULTS in view.kinds:
        view.results = _results_over_time(relationship)
    if GrantKind.JOURNAL_ENTRIES in view.kinds:
        view.entries = list(access.granted_entries(relationship))
    if GrantKind.CYCLE_MAP in view.kinds:
        view.cycle = _cycle_view(relationship, partner)
    return view


def _cycle_view(relationship: CareRelationship, partner: CareRelationship | None) -> CycleView:
    view = CycleView()
    name = relationship.client.name
    sides = list(access.granted_cycle_sides(relationship))
    together = next((side for side in sides if side.couple_id is not None), None)
    alone = next((side for side in sides if side.couple_id is None and not side.is_guess), None)
    guess = next((side for side in sides if side.is_guess), None)
    if together is not None:
        view.together = DescribedSide(together, move_phrase(together))
        view.together_ready = together.ready_at is not None
        theirs = access.partner_granted_side(relationship, partner) if partner else None
        if theirs is not None:
            view.partner_side = theirs
            view.both_words = access.couple_map_words(together)
            drawn_mine, drawn_theirs = (
                drawn_side(together, name),
                drawn_side(theirs, theirs.person.name),
            )
            # The SVG comes from core.cycle, which escapes every piece of text it draws.
            view.both_svg = mark_safe(
                cycle_svg(
                    drawn_mine,
                    drawn_theirs,
                    view.both_words.name if view.both_words else "",
                    id_prefix="care-cycle-together",
                )
            )
            view.both_sentences = cycle_sentences(drawn_mine, drawn_theirs)
    if alone is not None or guess is not None:
        view.alone_words = access.granted_map_alone(relationship)
        drawn_own = drawn_side(alone, name)
        drawn_guess = drawn_side(guess, "Partner (a guess)", is_guess=True)
        view.alone_svg = mark_safe(
            cycle_svg(
                drawn_own,
                drawn_guess,
                view.alone_words.name if view.alone_words else "",
                id_prefix="care-cycle-alone",
            )
        )
        view.alone_sentences = cycle_sentences(drawn_own, drawn_guess)
    return view


def _journey_progress(relationship: CareRelationship) -> list[JourneyProgress]:
    enrollments = list(access.granted_enrollments(relationship))
    finished: dict[UUID, list[DayProgress]] = {e.id: [] for e in enrollments}
    for progress in access.granted_finished_days(relationship, enrollments):
        finished[progress.enrollment_id].append(progress)
    today = today_for(relationship.client)
    found = []
    for enrollment in enrollments:
        total = enrollment.journey.day_count
        open_count = days_open(enrollment.started_on, today, total)
        done = {progress.day.number for progress in finished[enrollment.id]}
        found.append(
            JourneyProgress(
                enrollment,
                finished[enrollment.id],
                total,
                open_count,
                current_day(open_count, done),
            )
        )
    return found


def _results_over_time(relationship: CareRelationship) -> list[ResultsOverTime]:
    by_instrument: dict[str, list[Assessment]] = {}
    for taking in access.granted_results(relationship):
        by_instrument.setdefault(taking.instrument, []).append(taking)
    instruments = all_instruments()
    name = relationship.client.name
    found = []
    for instrument_id in OFFERED:
        takings = by_instrument.get(instrument_id)
        if not takings:
            continue
        instrument = instruments[instrument_id]
        chart_id = f"{instrument_id}-over-time"
        if instrument_id in ATTACHMENT:
            chart = charts.attachment_plot(
                [
                    charts.PlotPoint(t.scores["anxiety"], t.scores["avoidance"], taking_date(t))
                    for t in takings
                ],
                title=f"{instrument.short_name}: {name}'s scores over time",
                chart_id=chart_id,
            )
        else:
            # One page shows several charts, and each needs its own ids for its labels.
            chart = history_chart(instrument, takings, chart_id=chart_id)
        # The SVG comes from core.charts, which escapes every piece of text it draws.
        found.append(
            ResultsOverTime(
                instrument, mark_safe(chart), takings, changes_since_last(instrument, takings)
            )
        )
    return found


# A client's own care page


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """My practitioners: what each may see, their notes and suggestions, and what they viewed."""
    person = signed_in_person(request)
    relationships = list(access.relationships_of(person))
    grants = access.grants_of(relationships)
    history = access.latest_views(person, relationships, HISTORY_ON_INDEX)
    cards = [
        {
            "relationship": relationship,
            "kinds": set(grants[relationship.id]),
            "entries_chosen": grants[relationship.id].count(GrantKind.JOURNAL_ENTRIES),
            "history": history[relationship.id],
        }
        for relationship in relationships
    ]
    ended = list(access.ended_relationships_of(person)[:10])
    return render(
        request,
        "care/index.html",
        {
            "cards": cards,
            "notes": list(access.notes_for(person)),
            "homework": list(access.homework_for(person)),
            "ended": ended,
            "own_profile": access.profile_of(person),
            "grant_choices": [
                (kind, label, GRANT_PREVIEWS[kind])
                for kind, label in GrantKind.choices
                if kind in WHOLE_KINDS
            ],
        },
    )


@login_required
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """Look at a practitioner's invitation and accept it from my own account."""
    person = signed_in_person(request)
    invitation = access.find_invitation_by_token(token)
    if invitation is None or not invitation.is_usable or not invitation.practitioner.is_verified:
        return render(request, "care/invitation_unusable.html", status=404)
    own = invitation.practitioner.user_id == person.pk
    if request.method == "POST":
        try:
            relationship = services.accept_invitation(invitation, person)
        except services.CareError as refused:
            return render(
                request,
                "care/accept.html",
                {"invitation": invitation, "problem": str(refused)},
                status=409,
            )
        messages.success(
            request,
            f"You and {invitation.practitioner.name} are connected. Nothing is shared yet — "
            "choose below what they may see.",
        )
        return redirect(reverse("care:index") + f"#practitioner-{relationship.id}")
    return render(request, "care/accept.html", {"invitation": invitation, "own": own})


@login_required
@require_POST
def grants(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Choose what this practitioner may see; anything unticked stops at once."""
    person = signed_in_person(request)
    relationship = access.get_own_relationship(person, relationship_id)
    form = GrantsForm(request.POST)
    if not form.is_valid():
        messages.info(request, "Please tick only the choices shown.")
        return redirect("care:index")
    services.set_grants(relationship, form.cleaned_data["kinds"])
    name = relationship.practitioner.name
    if form.cleaned_data["kinds"]:
        messages.success(request, f"Saved. {name} sees only what is ticked, from now on.")
    else:
        messages.success(request, f"Saved. {name} sees none of your work now.")
    return redirect(reverse("care:index") + f"#practitioner-{relationship.id}")


@login_required
def entries(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Choose, entry by entry, which of my journal entries this practitioner may read."""
    person = signed_in_person(request)
    relationship = access.get_own_relationship(person, relationship_id)
    page = Paginator(access.own_entries_for_choosing(person), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    offered = list(page.object_list)
    if request.method == "POST":
        chosen = []
        for value in request.POST.getlist("entries"):
            try:
                chosen.append(UUID(value))
            except ValueError:
                continue
        services.choose_entries(relationship, offered, chosen)
        messages.success(
            request,
            f"Saved. {relationship.practitioner.name} can read exactly the entries ticked, "
            "from now on.",
        )
        return redirect(reverse("care:entries", args=[relationship.id]) + f"?page={page.number}")
    return render(
        request,
        "care/entries.html",
        {
            "relationship": relationship,
            "page": page,
            "chosen": access.chosen_entry_ids(relationship),
        },
    )


@login_required
def preview(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Exactly the page my practitioner sees about me. Looking at it is not recorded."""
    person = signed_in_person(request)
    relationship = access.get_own_relationship(person, relationship_id)
    return render(
        request,
        "care/client.html",
        {
            "granted": _granted_view(relationship),
            "relationship": relationship,
            "is_preview": True,
        },
    )


@login_required
def history(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Everything this practitioner looked at, and when."""
    person = signed_in_person(request)
    relationship = access.get_own_relationship(person, relationship_id, include_ended=True)
    events = access.access_history(person).filter(relationship=relationship)
    page = Paginator(events, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "care/history.html", {"relationship": relationship, "page": page})


@login_required
def end(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Confirm, then end the relationship: every grant stops at once."""
    person = signed_in_person(request)
    relationship = access.get_own_relationship(person, relationship_id)
    if request.method == "POST":
        services.end_relationship(relationship)
        messages.info(
            request,
            f"Done. {relationship.practitioner.name} no longer sees anything of yours, and "
            "can't leave you notes or suggestions.",
        )
        return redirect("care:index")
    return render(request, "care/end.html", {"relationship": relationship})


@login_required
@require_POST
def homework_done(request: HttpRequest, homework_id: UUID) -> HttpResponse:
    """Mark a suggestion done (or not done after all)."""
    homework = access.get_own_homework(signed_in_person(request), homework_id)
    services.mark_homework_done(homework, done=request.POST.get("done") != "no")
    return redirect(reverse("care:index") + "#homework")


# The practitioner portal


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    """My clients, invitations and requests; or how to get listed; or waiting for staff."""
    person = signed_in_person(request)
    practitioner = access.profile_of(person)
    if practitioner is None:
        return render(request, "care/portal_join.html")
    if not practitioner.is_verified:
        return render(request, "care/portal_waiting.html", {"practitioner": practitioner})
    return _render_portal(request, practitioner, InviteClientForm())


def _render_portal(
    request: HttpRequest,
    practitioner: Practitioner,
    invite_form: InviteClientForm,
    status: int = 200,
) -> HttpResponse:
    clients = list(access.clients_of(practitioner))
    kinds = access.grants_of(clients)
    partners = access.partners_among(clients)
    labels = dict(GrantKind.choices)
    rows = [
        {
            "relationship": r,
            "granted": [labels[kind] for kind in GrantKind.values if kind in kinds[r.id]],
            "partner": partners.get(r.id),
        }
        for r in clients
    ]
    pending = list(access.pending_invitations_of(practitioner))
    return render(
        request,
        "care/portal.html",
        {
            "practitioner": practitioner,
            "rows": rows,
            "pending": pending,
            "invite_form": invite_form,
            "request_count": access.requests_received(practitioner).count(),
        },
        status=status,
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Create or change my practitioner profile."""
    person = signed_in_person(request)
    practitioner = access.profile_of(person)
    initial: dict[str, Any] = {"accepting_clients": True, "contact_email": person.email}
    if practitioner is not None:
        initial = {
            "name": practitioner.name,
            "credentials": practitioner.credentials,
            "licence": practitioner.licence,
            "approaches": list(practitioner.approaches.all()),
            "in_person": practitioner.in_person,
            "online": practitioner.online,
            "city": practitioner.city,
            "region": practitioner.region,
            "country": practitioner.country,
            "languages": practitioner.languages,
            "accepting_clients": practitioner.accepting_clients,
            "bio": practitioner.bio,
            "contact_email": practitioner.contact_email,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was_verified = practitioner is not None and practitioner.is_verified
        _, waiting = services.save_profile(
            person,
            services.ProfileDetails(
                name=data["name"],
                credentials=data["credentials"],
                licence=data["licence"],
                approaches=tuple(data["approaches"]),
                in_person=data["in_person"],
                online=data["online"],
                city=data["city"],
                region=data["region"],
                country=data["country"],
                languages=data["languages"],
                accepting_clients=data["accepting_clients"],
                bio=data["bio"],
                contact_email=data["contact_email"],
            ),
        )
        if waiting and was_verified:
            messages.info(
                request,
                "Saved. Because your name, credentials or licence changed, staff will check "
                "them again before your profile is listed.",
            )
        elif waiting:
            messages.success(request, "Saved. Staff will check your licence, then list you.")
        else:
            messages.success(request, "Saved. Your profile is up to date.")
        return redirect("care:portal")
    return render(
        request,
        "care/profile_edit.html",
        {"form": form, "practitioner": practitioner},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    """Invite a client by e-mail; the e-mail holds a link and nothing about anyone's work."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    form = InviteClientForm(request.POST)
    if not form.is_valid():
        return _render_portal(request, practitioner, form, status=400)
    try:
        services.invite_client(practitioner, form.cleaned_data["email"], _base_url(request))
    except services.CareError as refused:
        form.add_error("email", str(refused))
        return _render_portal(request, practitioner, form, status=400)
    messages.success(request, "Your invitation is on its way. Its link works for 14 days.")
    return redirect("care:portal")


@login_required
@require_POST
def withdraw_invitation(request: HttpRequest, invitation_id: UUID) -> HttpResponse:
    """Withdraw one of my invitations; its link stops working."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    invitation = access.get_invitation_for_practitioner(practitioner, invitation_id)
    services.withdraw_invitation(invitation)
    messages.info(request, "The invitation was withdrawn. Its link no longer works.")
    return redirect("care:portal")


@login_required
def requests(request: HttpRequest) -> HttpResponse:
    """Consultation requests people sent me, newest first."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    page = Paginator(access.requests_received(practitioner), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "care/requests.html", {"practitioner": practitioner, "page": page})


@login_required
def client(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """What this client lets me see, my notes to them and what I suggested."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    relationship = access.get_client_for(practitioner, relationship_id)
    return _render_client(request, practitioner, relationship)


def _render_client(
    request: HttpRequest,
    practitioner: Practitioner,
    relationship: CareRelationship,
    note_form: NoteForm | None = None,
    homework_form: HomeworkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    partner = access.partner_relationship(relationship)
    granted = _granted_view(relationship, partner)
    # The client can read, in their access history, each section and entry shown here; the
    # partner reads that their side of the map was shown, if it was.
    shown = [kind for kind in GrantKind.values if kind in granted.kinds]
    services.record_views(relationship, shown, granted.entries)
    if partner is not None and granted.cycle.partner_side is not None:
        services.record_views(partner, [GrantKind.CYCLE_MAP])
    return render(
        request,
        "care/client.html",
        {
            "granted": granted,
            "relationship": relationship,
            "partner": partner,
            "note_form": note_form or NoteForm(both_allowed=partner is not None),
            "homework_form": homework_form or HomeworkForm(),
            "notes": list(access.notes_by(practitioner, relationship)),
            "homework": list(access.homework_suggested(relationship)),
        },
        status=status,
    )


@login_required
@require_POST
def note(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Leave a note. A note to both partners first shows a warning to confirm."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    relationship = access.get_client_for(practitioner, relationship_id)
    partner = access.partner_relationship(relationship)
    form = NoteForm(request.POST, both_allowed=partner is not None)
    if not form.is_valid():
        return _render_client(request, practitioner, relationship, note_form=form, status=400)
    if request.POST.get("edit"):
        # Back from the warning to change the note: everything typed is still there.
        return _render_client(request, practitioner, relationship, note_form=form)
    audience = form.cleaned_data["audience"]
    if audience == CareNote.Audience.BOTH and request.POST.get("confirmed") != "yes":
        return render(
            request,
            "care/note_confirm.html",
            {"relationship": relationship, "partner": partner, "form": form},
        )
    try:
        services.post_note(relationship, form.cleaned_data["text"], audience)
    except services.CareError as refused:
        form.add_error("audience", str(refused))
        return _render_client(request, practitioner, relationship, note_form=form, status=400)
    if audience == CareNote.Audience.BOTH and partner is not None:
        both = f"{relationship.client.name} and {partner.client.name}"
        messages.success(request, f"Your note is posted for {both}.")
    else:
        messages.success(request, f"Your note is posted for {relationship.client.name} only.")
    return redirect(reverse("care:client", args=[relationship.id]) + "#notes")


@login_required
@require_POST
def note_delete(request: HttpRequest, note_id: UUID) -> HttpResponse:
    """Take one of my notes back."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    found = access.get_note_by(practitioner, note_id)
    back = access.first_current_reader(found)
    services.delete_note(found)
    messages.info(request, "The note was taken back. Nobody sees it now.")
    if back is None:
        return redirect("care:portal")
    return redirect(reverse("care:client", args=[back.id]) + "#notes")


@login_required
@require_POST
def homework(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Suggest a journey, or a day of one, for between sessions."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    relationship = access.get_client_for(practitioner, relationship_id)
    form = HomeworkForm(request.POST)
    if not form.is_valid():
        return _render_client(request, practitioner, relationship, homework_form=form, status=400)
    services.suggest_homework(
        relationship,
        form.cleaned_data["journey"],
        form.cleaned_data["journey_day"],
        form.cleaned_data["note"],
    )
    messages.success(request, f"Suggested. {relationship.client.name} sees it on their care page.")
    return redirect(reverse("care:client", args=[relationship.id]) + "#homework")


@login_required
@require_POST
def homework_withdraw(request: HttpRequest, homework_id: UUID) -> HttpResponse:
    """Take a suggestion back."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    found = access.get_homework_by(practitioner, homework_id)
    relationship_id = found.relationship_id
    services.withdraw_homework(found)
    messages.info(request, "The suggestion was taken back.")
    return redirect(reverse("care:client", args=[relationship_id]) + "#homework")


@login_required
@require_POST
def close(request: HttpRequest, relationship_id: UUID) -> HttpResponse:
    """Stop working with this client: I no longer see anything of theirs."""
    practitioner = access.verified_practitioner(signed_in_person(request))
    relationship = access.get_client_for(practitioner, relationship_id)
    services.end_relationship(relationship)
    messages.info(request, f"You're no longer connected with {relationship.client.name} on Attune.")
    return redirect("care:portal")
