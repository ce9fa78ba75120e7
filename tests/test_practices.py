"""Practice tools end to end: the coach (which keeps nothing), speaker–listener turns, the
calming exercises, rituals alone and together, done marks, and the calendar."""

import logging
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from attune.accounts.models import User
from attune.couples.models import Couple
from attune.couples.services import unlink
from attune.journeys.tools import available_tools
from attune.practices import library, services
from attune.practices.models import CalendarFeed, CoupleRitual, Ritual, RitualDone
from tests.cast import text_of

ClientFor = Callable[[User | None], Client]

COACH = "/practices/coach/"
COACH_CHECK = "/practices/coach/check/"
RITUALS = "/practices/rituals/"
CHECK_IN = "/practices/rituals/library/daily-check-in/"
SECRET_TITLE = "my-secret-title-5KQ"
SECRET_NOTES = "my-secret-notes-8JD: what only I should read"


def adopt_form(**changes: str) -> dict[str, str]:
    data = {
        "adopt-title": SECRET_TITLE,
        "adopt-notes": SECRET_NOTES,
        "adopt-days": "0",
        "adopt-start_time": "20:30",
        "adopt-duration_minutes": "10",
    }
    data.update({f"adopt-{key}": value for key, value in changes.items()})
    return data


def adopt(person: User, slug: str = "daily-check-in", **kwargs: Any) -> Ritual:
    schedule = services.Schedule(
        kwargs.pop("weekdays", (0, 2, 4)), kwargs.pop("at", time(20, 30)), 10
    )
    return services.adopt_ritual(
        person,
        library.get_library_ritual(slug),
        kwargs.pop("title", SECRET_TITLE),
        kwargs.pop("notes", SECRET_NOTES),
        schedule,
    )


def propose(person: User, slug: str = "weekly-state-of-us", title: str = "Our Sunday talk"):
    return services.propose_ritual(
        person,
        library.get_library_ritual(slug),
        title,
        services.Schedule((6,), time(10, 0), 30),
    )


def london_sunday_ten(days_ahead: int) -> datetime | None:
    london = ZoneInfo("Europe/London")
    day = timezone.localdate(timezone.now(), london) + timedelta(days=days_ahead)
    return datetime.combine(day, time(10, 0), tzinfo=london) if day.weekday() == 6 else None


def people(couple: Couple) -> tuple[User, User]:
    alice = couple.members.get(person__email="alice@example.com").person
    bob = couple.members.get(person__email="bob@example.com").person
    return alice, bob


def stored_models() -> list[Any]:
    """Every model with a table (apps still being built may not have one yet)."""
    tables = set(connection.introspection.table_names())
    return [model for model in apps.get_models() if model._meta.db_table in tables]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in stored_models()}


# --- The I-statement coach ----------------------------------------------------------------


def test_the_coach_says_nothing_is_stored_or_sent(client_for: ClientFor) -> None:
    page = text_of(client_for(None).get(COACH))
    assert "Nothing you type here is stored or sent" in page


def test_the_coach_notes_the_quoted_words_and_keeps_the_text(
    alice: User, client_for: ClientFor
) -> None:
    message = "You never listen to me. Just stop interrupting."
    response = client_for(alice).post(COACH, {"message": message})
    page = text_of(response)
    assert response.status_code == 200
    assert f">{message}</textarea>" in page  # the person's words stay in the box
    assert "<mark>You never</mark>" in page
    assert "Always or never." in page
    assert "An instruction." in page
    assert "Not there yet" in page
    assert "What are you feeling?" in page  # no feeling word yet
    assert 'id="coach-draft"' in page and "I feel … when" in page


def test_the_coach_shapes_a_draft_from_the_persons_own_words(client_for: ClientFor) -> None:
    message = "I feel lonely when you work late because I miss you. Could we eat together?"
    page = text_of(client_for(None).post(COACH, {"message": message}))
    assert "Nothing here tends to start a fight" in page
    assert "A feeling: lonely" in page
    assert "I feel lonely when you work late because I miss you." in page


def test_the_coach_does_not_flag_what_is_fine(client_for: ClientFor) -> None:
    page = text_of(client_for(None).post(COACH, {"message": "I always feel calmer after we talk."}))
    assert "<mark>" not in page
    assert "Always or never" not in page


def test_the_coach_stores_nothing_and_logs_nothing(
    alice: User, client_for: ClientFor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    message = "coach-canary-4RT: you always forget my birthday"
    client = client_for(alice)
    before = row_counts()
    assert client.post(COACH, {"message": message}).status_code == 200
    assert client.post(COACH_CHECK, {"message": message}).status_code == 200
    assert row_counts() == before
    assert "coach-canary-4RT" not in caplog.text
    for model in stored_models():
        for field in model._meta.get_fields():
            if getattr(field, "get_internal_type", lambda: "")() in ("TextField", "CharField"):
                found = model.objects.filter(**{f"{field.name}__contains": "coach-canary"})
                assert not found.exists(), f"{model._meta.label}.{field.name}"


def test_an_empty_message_is_explained(client_for: ClientFor) -> None:
    response = client_for(None).post(COACH, {"message": "   "})
    page = text_of(response)
    assert response.status_code == 400
    assert "Write what you'd like to say first" in page
    assert ">   </textarea>" in page


def test_an_over_long_message_is_refused_kindly_and_kept(client_for: ClientFor) -> None:
    message = "You never call. " * 320  # over 5,000 characters
    response = client_for(None).post(COACH, {"message": message})
    page = text_of(response)
    assert response.status_code == 400
    assert f"longer than 5000 characters (it has {len(message)})" in page
    assert "your text is still here" in page
    assert message in page


def test_the_json_endpoint_reads_the_same_way(client_for: ClientFor) -> None:
    message = "You always leave me waiting!!"
    response = client_for(None).post(COACH_CHECK, {"message": message})
    assert response.status_code == 200
    data = response.json()
    assert "".join(piece["text"] for piece in data["segments"]) == message
    kinds = [note["kind"] for note in data["notes"]]
    assert "absolute" in kinds and "sarcasm" in kinds
    marked = [piece["text"] for piece in data["segments"] if piece["notes"]]
    assert "You always" in marked
    assert data["draft"].startswith("I feel")
    assert {m["kind"] for m in data["missing"]} >= {"feeling", "need"}


def test_the_json_endpoint_explains_bad_input(client_for: ClientFor) -> None:
    empty = client_for(None).post(COACH_CHECK, {"message": ""})
    assert empty.status_code == 400
    assert "Write what you'd like to say first" in empty.json()["errors"]["message"][0]["message"]
    long = client_for(None).post(COACH_CHECK, {"message": "x" * 5001})
    assert long.status_code == 400
    assert "it has 5001" in long.json()["errors"]["message"][0]["message"]
    assert client_for(None).get(COACH_CHECK).status_code == 405


# --- Speaker–listener and calming ---------------------------------------------------------


def test_speaker_listener_has_prompts_a_timer_and_a_time_out(client_for: ClientFor) -> None:
    page = text_of(client_for(None).get("/practices/speaker-listener/"))
    assert "So it sounds like you feel … because …" in page
    assert "Did I get that right?" in page
    assert "Swap" in page
    for minutes in ("2 minutes", "3 minutes", "5 minutes"):
        assert minutes in page
    assert "Calling a time-out" in page and "/practices/breathing/" in page
    assert "never sent to Attune" in page


def test_speaker_listener_names_the_partner_when_linked(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, _ = people(couple)
    page = text_of(client_for(alice).get("/practices/speaker-listener/"))
    assert 'value="Alice"' in page and 'value="Bob"' in page


def test_breathing_counts_in_words_for_each_pattern(client_for: ClientFor) -> None:
    gentle = text_of(client_for(None).get("/practices/breathing/"))
    assert "Breathe in… 2… 3… 4" in gentle
    assert "Breathe out… 2… 3… 4… 5… 6" in gentle
    assert "Counts only, without the moving circle" in gentle
    box = text_of(client_for(None).get("/practices/breathing/?pattern=box&minutes=1"))
    assert "Hold… 2… 3… 4" in box
    assert "around 1 minute" in box
    odd = client_for(None).get("/practices/breathing/?pattern=nope&minutes=99")
    assert odd.status_code == 200


def test_grounding_and_body_scan_fit_in_five_minutes(client_for: ClientFor) -> None:
    grounding = text_of(client_for(None).get("/practices/grounding/"))
    for words in ("things you can see", "things you can feel", "things you can hear"):
        assert words in grounding
    scan = text_of(client_for(None).get("/practices/body_scan/".replace("_", "-")))
    minutes = int(re.search(r"About (\d) minutes", scan).group(1))  # type: ignore[union-attr]
    assert minutes < 5
    assert "Jaw and face" in scan


def test_journey_days_can_embed_every_practice_by_name() -> None:
    names = [
        "i-statement-coach",
        "speaker-listener",
        "breathing",
        "grounding",
        "body-scan",
        "ritual-builder",
    ]
    found = {tool["name"]: tool["url"] for tool in available_tools(names)}
    assert found == {
        "i-statement-coach": "/practices/coach/",
        "speaker-listener": "/practices/speaker-listener/",
        "breathing": "/practices/breathing/",
        "grounding": "/practices/grounding/",
        "body-scan": "/practices/body-scan/",
        "ritual-builder": "/practices/rituals/",
    }


# --- The ritual library and adopting ------------------------------------------------------


def test_the_library_has_security_and_repair_rituals_with_what_and_why() -> None:
    rituals = list(library.all_rituals().values())
    security = [r for r in rituals if r.kind == "security"]
    repair = [r for r in rituals if r.kind == "repair"]
    assert len(security) >= 5 and len(repair) >= 4
    slugs = {r.slug for r in rituals}
    assert {"daily-check-in", "hello-ritual", "goodbye-ritual", "weekly-state-of-us"} <= slugs
    assert {"time-out-well", "coming-back", "repair-phrases", "revisiting-a-rocky-moment"} <= slugs
    for ritual in rituals:
        assert ritual.steps and ritual.why and ritual.alone
        assert ritual.calendar_title.startswith("Attune: ")
        assert "streak" not in (ritual.why + " ".join(ritual.steps)).lower()


def test_the_rituals_pages_need_login(client_for: ClientFor) -> None:
    for path in (RITUALS, CHECK_IN, "/practices/rituals/calendar.ics"):
        response = client_for(None).get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_adopting_a_ritual_with_a_schedule(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    page = text_of(client.get(CHECK_IN))
    assert "What to do" in page and "Why it helps" in page and "Propose it to" not in page
    response = client.post(
        f"{CHECK_IN}adopt/", adopt_form(days="0", start_time="07:15") | {"adopt-days": ["0", "3"]}
    )
    ritual = Ritual.objects.get(person=alice)
    assert response["Location"] == f"/practices/rituals/{ritual.id}/"
    assert (ritual.title, ritual.notes) == (SECRET_TITLE, SECRET_NOTES)
    assert ritual.weekdays == (0, 3) and ritual.start_time == time(7, 15)
    page = text_of(client.get(response["Location"]))
    assert "Mondays and Thursdays at 07:15" in page
    assert SECRET_NOTES in page
    assert "Europe/London" in page  # the time is in her own zone
    assert SECRET_TITLE in text_of(client.get(RITUALS))


def test_an_unscheduled_ritual_is_fine(alice: User, client_for: ClientFor) -> None:
    client_for(alice).post(
        f"{CHECK_IN}adopt/", adopt_form(title="", notes="", start_time="") | {"adopt-days": []}
    )
    ritual = Ritual.objects.get(person=alice)
    assert ritual.title == "The ten-minute check-in"  # the library's name when left empty
    assert not ritual.is_scheduled
    assert "No set days or time" in text_of(client_for(alice).get(RITUALS))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"adopt-days": []}, "Choose at least one day for this time"),
        ({"adopt-start_time": ""}, "Choose a time for these days"),
        ({"adopt-start_time": "25:99"}, "That isn't a time on the clock"),
        ({"adopt-days": ["9"]}, "Please choose days from Monday to Sunday"),
        ({"adopt-duration_minutes": "0"}, "Please choose at least 1 minute"),
        ({"adopt-duration_minutes": "soon"}, "Please write the minutes as a number"),
        ({"adopt-notes": "n" * 2001}, "longer than 2000 characters (it has 2001)"),
        ({"adopt-title": "t" * 121}, "longer than 120 characters (it has 121)"),
    ],
)
def test_bad_ritual_input_is_explained_and_kept(
    alice: User, client_for: ClientFor, changes: dict[str, Any], message: str
) -> None:
    data: dict[str, Any] = adopt_form()
    data.update(changes)
    response = client_for(alice).post(f"{CHECK_IN}adopt/", data)
    page = text_of(response)
    assert response.status_code == 400
    assert message in page
    assert "Everything you typed is still here" in page
    kept_notes = data["adopt-notes"]
    assert f">{kept_notes}</textarea>" in page
    assert f'value="{data["adopt-title"]}"' in page
    assert not Ritual.objects.filter(person=alice).exists()


def test_adapting_a_ritual_and_its_bad_input(alice: User, client_for: ClientFor) -> None:
    ritual = adopt(alice)
    client = client_for(alice)
    url = f"/practices/rituals/{ritual.id}/"
    good = {
        "title": "Tea and talk",
        "notes": "Kettle first.",
        "days": ["5", "6"],
        "start_time": "09:00",
        "duration_minutes": "15",
    }
    assert client.post(url, good).status_code == 302
    ritual.refresh_from_db()
    assert (ritual.title, ritual.notes, ritual.weekdays) == (
        "Tea and talk",
        "Kettle first.",
        (5, 6),
    )
    assert "Weekends at 09:00" in text_of(client.get(url))
    bad = good | {"start_time": "24:61", "notes": "Still mine"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "That isn't a time on the clock" in text_of(response)
    assert ">Still mine</textarea>" in text_of(response)
    ritual.refresh_from_db()
    assert ritual.notes == "Kettle first."


def test_nobody_else_can_open_or_change_my_ritual(
    couple: Couple, carol: User, dana: User, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    ritual = adopt(alice)
    for other in (bob, carol, dana):
        client = client_for(other)
        assert client.get(f"/practices/rituals/{ritual.id}/").status_code == 404
        assert client.post(f"/practices/rituals/{ritual.id}/done/").status_code == 404
        assert client.post(f"/practices/rituals/{ritual.id}/let-go/").status_code == 404
        page = text_of(client.get(RITUALS))
        assert SECRET_TITLE not in page and SECRET_NOTES not in page
    assert Ritual.objects.filter(pk=ritual.pk).exists()


# --- Done marks ---------------------------------------------------------------------------


def test_done_today_without_streaks_or_counts(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    proposal = propose(alice)
    services.accept_proposal(bob, proposal)
    mine = Ritual.objects.get(person=alice, couple_ritual=proposal)
    client = client_for(alice)
    client.post(f"/practices/rituals/{mine.id}/done/", {"action": "done", "from": "list"})
    client.post(f"/practices/rituals/{mine.id}/done/", {"action": "done"})  # twice: still one
    assert RitualDone.objects.filter(ritual=mine).count() == 1
    for page in (
        text_of(client.get(RITUALS)),
        text_of(client.get(f"/practices/rituals/{mine.id}/")),
    ):
        assert "Done today" in page
        for words in ("streak", "in a row", "times done", "done 1", "1 time", "score"):
            assert words not in page.lower()
    # Bob does the same ritual with Alice, and never learns that she marked it done.
    bobs = Ritual.objects.get(person=bob, couple_ritual=proposal)
    assert "Done today" not in text_of(client_for(bob).get(RITUALS))
    assert "Done today" not in text_of(client_for(bob).get(f"/practices/rituals/{bobs.id}/"))
    client.post(f"/practices/rituals/{mine.id}/done/", {"action": "undo"})
    assert "Done today" not in text_of(client.get(RITUALS))


# --- Couple rituals -----------------------------------------------------------------------


def test_a_couple_ritual_needs_both_to_agree(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    page = text_of(client_for(alice).get("/practices/rituals/library/weekly-state-of-us/"))
    assert "Propose it to Bob" in page and "What Bob will see" in page
    response = client_for(alice).post(
        "/practices/rituals/library/weekly-state-of-us/propose/",
        {
            "propose-title": "Our Sunday talk",
            "propose-days": "6",
            "propose-start_time": "10:00",
            "propose-duration_minutes": "30",
        },
    )
    assert response.status_code == 302
    proposal = CoupleRitual.objects.get()
    assert proposal.status == CoupleRitual.Status.PROPOSED
    assert not Ritual.objects.exists()  # nothing is adopted until Bob agrees

    alices_page = text_of(client_for(alice).get(RITUALS))
    assert "Waiting for Bob to agree" in alices_page and "Our Sunday talk" in alices_page
    bobs_page = text_of(client_for(bob).get(RITUALS))
    assert "Alice would like to do this together" in bobs_page
    assert "Sundays at 10:00 (Europe/London time; next one is " in bobs_page
    next_sunday = next(  # the next Sunday 10:00 in London, as it is in New York for Bob
        moment
        for days in range(8)
        if (moment := london_sunday_ten(days)) is not None and moment > timezone.now()
    )
    in_new_york = next_sunday.astimezone(ZoneInfo("America/New_York"))
    assert f"next one is {in_new_york:%A} at {in_new_york:%H:%M} for you)" in bobs_page

    # Alice cannot agree on Bob's behalf.
    client_for(alice).post(f"/practices/rituals/proposals/{proposal.id}/", {"action": "accept"})
    assert not Ritual.objects.exists()

    response = client_for(bob).post(
        f"/practices/rituals/proposals/{proposal.id}/", {"action": "accept"}
    )
    bobs = Ritual.objects.get(person=bob)
    assert response["Location"] == f"/practices/rituals/{bobs.id}/"
    alices = Ritual.objects.get(person=alice)
    assert alices.couple_ritual_id == bobs.couple_ritual_id == proposal.id
    assert "Together with Bob" in text_of(client_for(alice).get(RITUALS))
    assert "Together with Alice" in text_of(client_for(bob).get(RITUALS))
    # Accepting twice does nothing more.
    client_for(bob).post(f"/practices/rituals/proposals/{proposal.id}/", {"action": "accept"})
    assert Ritual.objects.count() == 2


def test_proposals_are_for_the_couple_only(
    couple: Couple, carol: User, dana: User, client_for: ClientFor
) -> None:
    alice, _ = people(couple)
    proposal = propose(alice, title="proposal-title-Q2")
    for other in (carol, dana):
        response = client_for(other).post(
            f"/practices/rituals/proposals/{proposal.id}/", {"action": "accept"}
        )
        assert response.status_code == 404
        assert "proposal-title-Q2" not in text_of(client_for(other).get(RITUALS))


def test_proposing_without_a_partner_is_explained(carol: User, client_for: ClientFor) -> None:
    response = client_for(carol).post(
        "/practices/rituals/library/weekly-state-of-us/propose/",
        {"propose-days": "6", "propose-start_time": "10:00", "propose-duration_minutes": "30"},
        follow=True,
    )
    assert "not linked with a partner" in text_of(response)
    assert not CoupleRitual.objects.exists()


def test_bad_proposal_input_is_explained_and_kept(couple: Couple, client_for: ClientFor) -> None:
    alice, _ = people(couple)
    response = client_for(alice).post(
        "/practices/rituals/library/weekly-state-of-us/propose/",
        {
            "propose-title": "Sunday us",
            "propose-start_time": "10:00",
            "propose-duration_minutes": "30",
        },
    )
    assert response.status_code == 400
    assert "Choose at least one day for this time" in text_of(response)
    assert 'value="Sunday us"' in text_of(response)
    assert not CoupleRitual.objects.exists()


def test_the_same_ritual_waits_for_one_answer_at_a_time(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, _ = people(couple)
    propose(alice)
    response = client_for(alice).post(
        "/practices/rituals/library/weekly-state-of-us/propose/",
        {"propose-days": "6", "propose-start_time": "11:00", "propose-duration_minutes": "30"},
        follow=True,
    )
    assert "already waiting for an answer" in text_of(response)
    assert CoupleRitual.objects.count() == 1


def test_not_for_now_and_withdrawing(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = people(couple)
    proposal = propose(alice)
    client_for(bob).post(f"/practices/rituals/proposals/{proposal.id}/", {"action": "decline"})
    assert "Bob would rather not, for now" in text_of(client_for(alice).get(RITUALS))
    assert "Our Sunday talk" not in text_of(client_for(bob).get(RITUALS))
    client_for(alice).post(f"/practices/rituals/proposals/{proposal.id}/", {"action": "withdraw"})
    assert "Our Sunday talk" not in text_of(client_for(alice).get(RITUALS))
    second = propose(alice, title="Second try")
    client_for(alice).post(f"/practices/rituals/proposals/{second.id}/", {"action": "withdraw"})
    assert "Second try" not in text_of(client_for(bob).get(RITUALS))
    response = client_for(bob).post(
        f"/practices/rituals/proposals/{second.id}/", {"action": "accept"}
    )
    assert response.status_code == 404
    assert not Ritual.objects.exists()


def test_notes_and_titles_stay_private_but_the_schedule_is_shared(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    proposal = propose(alice)
    bobs = services.accept_proposal(bob, proposal)
    alices = Ritual.objects.get(person=alice, couple_ritual=proposal)
    response = client_for(alice).post(
        f"/practices/rituals/{alices.id}/",
        {
            "title": "alices-own-name-7X",
            "notes": "alices-own-notes-3M",
            "days": ["5"],
            "start_time": "11:30",
            "duration_minutes": "40",
        },
        follow=True,
    )
    assert "show for both of you" in text_of(response)
    bobs.refresh_from_db()
    assert bobs.weekdays == (5,) and bobs.start_time == time(11, 30)
    assert bobs.duration_minutes == 40
    assert bobs.title == "Our Sunday talk" and bobs.notes == ""
    for path in (RITUALS, f"/practices/rituals/{bobs.id}/"):
        page = text_of(client_for(bob).get(path))
        assert "alices-own-name-7X" not in page and "alices-own-notes-3M" not in page


def test_letting_go_of_a_couple_ritual_leaves_the_partner_their_copy(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    proposal = propose(alice)
    bobs = services.accept_proposal(bob, proposal)
    alices = Ritual.objects.get(person=alice, couple_ritual=proposal)
    response = client_for(alice).post(f"/practices/rituals/{alices.id}/let-go/", follow=True)
    assert "Bob keeps" not in text_of(response)
    assert "Your partner keeps their own copy" in text_of(response)
    assert not Ritual.objects.filter(pk=alices.pk).exists()
    proposal.refresh_from_db()
    assert proposal.status == CoupleRitual.Status.ENDED
    page = text_of(client_for(bob).get(RITUALS))
    assert "Our Sunday talk" in page and "Just for you" in page and "Together with" not in page
    bobs.refresh_from_db()
    assert bobs.is_scheduled


def test_unlinking_ends_couple_rituals_and_proposals_for_both(
    couple: Couple, client_for: ClientFor
) -> None:
    """On unlink each keeps their own copy as a personal ritual (same days and time, their own
    notes); pending proposals vanish for both; a schedule change no longer travels."""
    alice, bob = people(couple)
    agreed = propose(alice)
    bobs = services.accept_proposal(bob, agreed)
    alices = Ritual.objects.get(person=alice, couple_ritual=agreed)
    waiting = propose(alice, slug="hello-ritual", title="A real hello for us")
    unlink(bob)

    for person, ritual in ((alice, alices), (bob, bobs)):
        page = text_of(client_for(person).get(RITUALS))
        assert "Our Sunday talk" in page and "Just for you" in page
        assert "Together with" not in page
        assert "A real hello for us" not in page
        assert "Alice" not in page if person == bob else "Bob" not in page
        ritual_page = text_of(client_for(person).get(f"/practices/rituals/{ritual.id}/"))
        assert "Just for you" in ritual_page
    response = client_for(bob).post(
        f"/practices/rituals/proposals/{waiting.id}/", {"action": "accept"}
    )
    assert response.status_code == 404
    client_for(alice).post(
        f"/practices/rituals/{alices.id}/",
        {"title": "", "notes": "", "days": ["2"], "start_time": "19:00", "duration_minutes": "5"},
    )
    bobs.refresh_from_db()
    assert bobs.weekdays == (6,) and bobs.start_time == time(10, 0)


# --- The calendar -------------------------------------------------------------------------


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def test_the_calendar_download_is_valid_and_neutral(alice: User, client_for: ClientFor) -> None:
    adopt(alice)
    adopt(alice, slug="repair-phrases", title="My repair words", weekdays=(6,), at=time(18, 0))
    adopt(alice, slug="hello-ritual", title="No time yet", weekdays=(), at=None)
    response = client_for(alice).get("/practices/rituals/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2  # the unscheduled ritual is not in the calendar
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert summaries == ["Attune: check-in", "Attune: reminder"]
    check_in = next(e for e in events if str(e["SUMMARY"]) == "Attune: check-in")
    rule: Any = check_in["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    assert check_in["DTSTART"].params["TZID"] == "Europe/London"
    assert check_in.decoded("DTSTART").strftime("%H:%M") == "20:30"
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/London"]
    for private in (SECRET_TITLE, SECRET_NOTES, "My repair words", "repair words"):
        assert private.encode() not in response.content


def test_a_couple_ritual_is_in_both_calendars_at_the_same_moment(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = people(couple)
    services.accept_proposal(bob, propose(alice))
    starts = []
    for person in (alice, bob):
        calendar = parse(client_for(person).get("/practices/rituals/calendar.ics").content)
        (event,) = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == "Attune: weekly check-in"
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert "VTIMEZONE" in [c.name for c in calendar.subcomponents]
        starts.append(event.decoded("DTSTART"))
    assert starts[0] == starts[1]


def test_the_feed_works_with_its_token_and_is_renewed_and_switched_off(
    alice: User, client_for: ClientFor
) -> None:
    adopt(alice)
    client = client_for(alice)
    assert "Make a private calendar address" in text_of(client.get(RITUALS))
    client.post("/practices/rituals/calendar-link/", {"action": "open"})
    first = CalendarFeed.objects.get(person=alice).token
    assert len(first) >= 40
    page = text_of(client.get(RITUALS))
    assert f"http://testserver/practices/calendar/{first}/attune.ics" in page
    assert f"webcal://testserver/practices/calendar/{first}/attune.ics" in page

    anyone = Client()
    feed = anyone.get(f"/practices/calendar/{first}/attune.ics")
    assert feed.status_code == 200
    (event,) = parse(feed.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Attune: check-in"
    assert SECRET_TITLE.encode() not in feed.content
    assert (
        anyone.get("/practices/calendar/a-wrong-token-of-some-length/attune.ics").status_code == 404
    )

    client.post("/practices/rituals/calendar-link/", {"action": "renew"})
    second = CalendarFeed.objects.get(person=alice).token
    assert second != first
    assert anyone.get(f"/practices/calendar/{first}/attune.ics").status_code == 404
    assert anyone.get(f"/practices/calendar/{second}/attune.ics").status_code == 200

    client.post("/practices/rituals/calendar-link/", {"action": "close"})
    assert anyone.get(f"/practices/calendar/{second}/attune.ics").status_code == 404
    assert "Make a private calendar address" in text_of(client.get(RITUALS))


def test_an_empty_calendar_is_still_a_valid_calendar(carol: User, client_for: ClientFor) -> None:
    calendar = parse(client_for(carol).get("/practices/rituals/calendar.ics").content)
    assert calendar.walk("VEVENT") == []


# --- Speed --------------------------------------------------------------------------------


def queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_main_pages_do_not_grow_with_the_number_of_rituals(
    couple: Couple, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    alice, bob = people(couple)
    client = client_for(alice)
    adopt(alice)
    services.accept_proposal(bob, propose(alice))
    propose(alice, slug="hello-ritual")
    services.open_calendar_feed(alice)
    few = {path: queries_for(client, path) for path in ("/practices/", RITUALS)}
    others = [s for s in library.all_rituals() if s not in ("hello-ritual", "weekly-state-of-us")]
    for number in range(8):
        ritual = adopt(alice, title=f"Ritual {number}")
        services.mark_done(alice, ritual)
        services.accept_proposal(bob, propose(alice, title=f"Together {number}"))
        propose(bob, slug=others[number], title=f"Waiting {number}")
    many = {path: queries_for(client, path) for path in ("/practices/", RITUALS)}
    assert many == few
    with django_assert_max_num_queries(10):
        client.get(RITUALS)
