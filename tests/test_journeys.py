"""Journeys end to end: import, enrolment, unlocking, answers and sharing, autosave, speed."""

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from attune.accounts.models import User
from attune.couples.models import Couple
from attune.couples.services import unlink
from attune.journeys.models import (
    Enrollment,
    Journey,
    JourneyDay,
    ReflectionAnswer,
    ReflectionQuestion,
)
from attune.journeys.services import save_answer
from tests.cast import enrol, link, make_person, text_of
from tests.core.test_journeys import FRONT, PLAN, day

ClientFor = Callable[[User | None], Client]
SLUG = "attachment-healing"
DAY1 = f"/journeys/{SLUG}/day/1/"


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def without_tokens(page: str) -> str:
    """A page without its per-request CSRF tokens, for byte-for-byte comparison."""
    return "\n".join(line for line in page.splitlines() if "csrf" not in line)


def question(day_number: int = 1, number: int = 1) -> ReflectionQuestion:
    return ReflectionQuestion.objects.get(
        day__journey__slug=SLUG, day__number=day_number, number=number
    )


# --- Importing ----------------------------------------------------------------------------


def test_check_content_passes_on_the_real_content(db: None) -> None:
    out, err = run("check_content")
    assert "no problems" in out
    assert err == ""


def test_check_content_reports_path_and_line_and_exits_1(tmp_path: Path, db: None) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(FRONT + day(1) + day(1) + PLAN, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("check_content", str(bad))
    assert refused.value.returncode == 1
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_content", str(bad), stdout=io.StringIO(), stderr=err)
    assert f"{bad}:" in err.getvalue()
    assert "Day 1 appears twice" in err.getvalue()


def test_a_file_with_a_problem_imports_nothing(tmp_path: Path, db: None) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(FRONT.replace("1 week", "soon") + day(1) + PLAN, encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_content", str(bad))
    assert not Journey.objects.filter(slug="small-steps").exists()


def test_import_is_idempotent(tmp_path: Path, db: None) -> None:
    source = tmp_path / "small.md"
    source.write_text(FRONT + day(1) + PLAN, encoding="utf-8")
    first, _ = run("import_content", str(source))
    counts = (JourneyDay.objects.count(), ReflectionQuestion.objects.count())
    second, _ = run("import_content", str(source))
    assert "small-steps: created" in first
    assert "small-steps: unchanged" in second
    assert (JourneyDay.objects.count(), ReflectionQuestion.objects.count()) == counts


def test_import_updates_by_slug_and_retires_what_answers_point_at(
    tmp_path: Path, alice: User
) -> None:
    source = tmp_path / "small.md"
    two_questions = "1. What do you notice?\n2. What do you need?"
    source.write_text(FRONT + day(1, questions=two_questions) + PLAN, encoding="utf-8")
    run("import_content", str(source))
    kept = ReflectionQuestion.objects.get(day__journey__slug="small-steps", number=2)
    answer = ReflectionAnswer.objects.create(person=alice, question=kept, text="mine")
    source.write_text(
        FRONT + day(1, "Renamed", questions="1. What do you notice now?") + PLAN, encoding="utf-8"
    )
    out, _ = run("import_content", str(source))
    assert "updated" in out and "1 retired" in out
    answer.refresh_from_db()
    kept.refresh_from_db()
    assert kept.retired_at is not None
    assert answer.text == "mine"
    assert JourneyDay.objects.get(journey__slug="small-steps", number=1).title == "Renamed"
    first = ReflectionQuestion.objects.get(day__journey__slug="small-steps", number=1)
    assert "now?" in first.html


def test_the_seed_imports(db: None) -> None:
    from tests.cast import SEED

    if not SEED.exists():
        pytest.skip("the seed documents are not beside this checkout")
    Journey.objects.filter(slug=SLUG).update(slug="attachment-healing-full")
    out, _ = run("import_content", str(SEED))
    assert "attachment-healing: created (1 days)" in out


# --- Living it day by day -----------------------------------------------------------------


def test_starting_alone_opens_day_one(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    client = client_for(alice)
    response = client.post(f"/journeys/{SLUG}/start/", {"mode": "alone"})
    assert response["Location"] == DAY1
    assert "Your Attachment Story" not in text_of(
        client.get(DAY1)
    )  # the written journey, not the seed
    assert "Where Your Ways of Loving Began" in text_of(client.get(DAY1))


def test_together_one_starts_and_the_other_joins(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    client_for(alice).post(f"/journeys/{SLUG}/start/", {"mode": "together"})
    today = text_of(client_for(bob).get("/today/"))
    assert "Alice would like to do" in today
    client_for(bob).post(f"/journeys/{SLUG}/start/", {"mode": "join"})
    bob_enrollment = Enrollment.objects.get(person=bob)
    assert bob_enrollment.couple_id == couple.pk


def test_one_new_day_a_day_and_catching_up_at_any_pace(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    enrollment = enrol(alice)
    client = client_for(alice)
    locked = text_of(client.get(f"/journeys/{SLUG}/day/2/"))
    assert "isn't open yet" in locked
    enrollment.started_on -= timedelta(days=9)
    enrollment.save()
    assert "Day 10:" in text_of(client.get(f"/journeys/{SLUG}/day/10/"))
    assert "isn't open yet" in text_of(client.get(f"/journeys/{SLUG}/day/11/"))
    progress = text_of(client.get(f"/journeys/{SLUG}/progress/"))
    assert "You're on" in progress and "Day 1" in progress
    for word in ("missed", "behind schedule", "streak"):
        assert word not in progress.lower()


def test_days_follow_the_persons_time_zone(db: None, journey_content: None) -> None:
    # At 11:30 UTC it is already tomorrow in Kiribati (UTC+14) but still today in Samoa
    # (UTC-11); each person's Day 1 is their own today.
    from attune.journeys.services import today_for

    early = make_person("kiri@example.com", "Kiri", "Pacific/Kiritimati")
    late = make_person("sam@example.com", "Sam", "Pacific/Pago_Pago")
    assert today_for(early) - today_for(late) == timedelta(days=1)


def test_answers_are_private_until_shared(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple)
    enrol(bob, couple)
    save_answer(alice, question(1, 1), "only for me", "private")
    save_answer(alice, question(1, 2), "for Bob to read", "shared")
    bob_page = text_of(client_for(bob).get(DAY1))
    assert "for Bob to read" in bob_page
    assert "only for me" not in bob_page


def test_reveal_when_both_have_answered(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple)
    enrol(bob, couple)
    save_answer(alice, question(1, 3), "when we both have", "when_both")
    before = text_of(client_for(bob).get(DAY1))
    assert "when we both have" not in before
    save_answer(bob, question(1, 3), "", "private")
    assert "when we both have" not in text_of(client_for(bob).get(DAY1))
    save_answer(bob, question(1, 3), "my own answer", "private")
    assert "when we both have" in text_of(client_for(bob).get(DAY1))
    # Bob kept his private: Alice learns nothing about it, not even that it exists.
    alice_page = text_of(client_for(alice).get(DAY1))
    assert "my own answer" not in alice_page


def test_sharing_ends_with_the_couple(
    couple: Couple, carol: User, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple)
    enrol(bob, couple)
    enrol(carol)
    save_answer(alice, question(1, 2), "shared with Bob once", "shared")
    unlink(alice)
    assert "shared with Bob once" not in text_of(client_for(bob).get(DAY1))
    link(alice, carol)
    assert "shared with Bob once" not in text_of(client_for(carol).get(DAY1))


def test_partner_sees_no_trace_of_private_activity(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple)
    enrol(bob, couple)
    pages = [DAY1, "/today/", f"/journeys/{SLUG}/progress/", "/partner/"]
    before = [text_of(client_for(bob).get(p)) for p in pages]
    for number in range(1, 5):
        save_answer(alice, question(1, number), f"private thought {number}", "private")
    after = [text_of(client_for(bob).get(p)) for p in pages]
    assert [without_tokens(t) for t in before] == [without_tokens(t) for t in after]


def test_saving_the_day_form_keeps_text_when_too_long(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    enrol(alice)
    long_text = "I have so much to say. " * 1000
    response = client_for(alice).post(
        DAY1,
        {
            "answer_1": long_text,
            "sharing_1": "private",
            "answer_2": "short",
            "sharing_2": "private",
        },
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "longer than 20000 characters" in page
    assert long_text.strip() in page
    assert not ReflectionAnswer.objects.filter(person=alice).exists()


def test_saving_the_day_form_saves_answers_steps_and_completion(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    enrollment = enrol(alice)
    response = client_for(alice).post(
        DAY1,
        {"answer_1": "My answer", "sharing_1": "private", "steps": ["1", "2"], "complete": "1"},
    )
    assert response.status_code == 302
    assert ReflectionAnswer.objects.get(person=alice, question=question(1, 1)).text == "My answer"
    progress = enrollment.progress.get()
    assert progress.steps_done == [1, 2]
    assert progress.completed_at is not None


def test_autosave(alice: User, client_for: ClientFor, journey_content: None) -> None:
    enrol(alice)
    url = f"/journeys/{SLUG}/day/1/answers/1/"
    client = client_for(alice)
    assert client.post(url, {"text": "draft one", "sharing": "private"}).json() == {"saved": True}
    assert client.post(url, {"text": "draft two", "sharing": "private"}).status_code == 200
    assert ReflectionAnswer.objects.get(person=alice).text == "draft two"
    too_long = client.post(url, {"text": "x" * 20_001, "sharing": "private"})
    assert too_long.status_code == 400
    assert "longer than 20000" in too_long.json()["errors"]["text"][0]["message"]
    assert ReflectionAnswer.objects.get(person=alice).text == "draft two"


def test_autosave_after_the_session_expired_asks_to_log_in(
    alice: User, journey_content: None
) -> None:
    enrol(alice)
    response = Client().post(
        f"/journeys/{SLUG}/day/1/answers/1/", {"text": "words", "sharing": "private"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_conversation_step_is_done_together(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple)
    enrol(bob, couple)
    assert "We've had our conversation" in text_of(client_for(bob).get(DAY1))
    client_for(alice).post(f"/journeys/{SLUG}/day/1/together/")
    assert "marked today's conversation as done together" in text_of(client_for(bob).get(DAY1))


def test_pause_resume_and_leave(alice: User, client_for: ClientFor, journey_content: None) -> None:
    enrollment = enrol(alice)
    client = client_for(alice)
    client.post(f"/journeys/{SLUG}/status/", {"status": "paused"})
    enrollment.refresh_from_db()
    assert enrollment.status == "paused"
    assert "Attachment Healing: Day" not in text_of(client.get("/today/"))
    client.post(f"/journeys/{SLUG}/status/", {"status": "active"})
    client.post(f"/journeys/{SLUG}/status/", {"status": "left"})
    enrollment.refresh_from_db()
    assert enrollment.status == "left"
    assert client.post(f"/journeys/{SLUG}/status/", {"status": "nonsense"}).status_code == 404


def test_progress_shows_which_day_each_partner_is_on(
    couple: Couple, client_for: ClientFor, journey_content: None
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrol(alice, couple, days_ago=3)
    enrol(bob, couple)
    page = text_of(client_for(alice).get(f"/journeys/{SLUG}/progress/"))
    assert "Bob is on Day 1" in page


# --- Speed: query counts that do not grow with days or answers -----------------------------


@pytest.mark.parametrize(
    "path", ["/journeys/", f"/journeys/{SLUG}/", DAY1, "/today/", f"/journeys/{SLUG}/progress/"]
)
def test_main_pages_have_bounded_queries(
    couple: Couple,
    client_for: ClientFor,
    journey_content: None,
    django_assert_max_num_queries: Any,
    path: str,
) -> None:
    alice, bob = (
        couple.members.get(person__email=f"{n}@example.com").person for n in ("alice", "bob")
    )
    enrollment = enrol(alice, couple, days_ago=29)
    enrol(bob, couple)
    client = client_for(alice)
    client.get(path)  # warm the session
    with django_assert_max_num_queries(16):
        assert client.get(path).status_code == 200
    # Many answers and days later, the same page costs no more queries.
    for number in range(1, 31):
        for q in ReflectionQuestion.objects.filter(day__journey__slug=SLUG, day__number=number):
            save_answer(alice, q, "words", "shared")
            save_answer(bob, q, "words", "shared")
    from attune.journeys.services import complete_day

    for the_day in JourneyDay.objects.filter(journey__slug=SLUG):
        complete_day(enrollment, the_day)
    with django_assert_max_num_queries(16):
        assert client.get(path).status_code == 200
