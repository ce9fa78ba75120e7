"""Your data is yours: the export holds what you may hold and nothing else; deletion is total."""

import io
import json
import zipfile
from typing import Any

from django.test import Client

from attune.accounts.models import User
from attune.assessments.models import Assessment
from attune.couples.models import Invitation
from attune.journeys.models import ReflectionAnswer
from attune.safety.models import SafetyCheck
from tests.cast import PASSWORD, text_of
from tests.world import (
    FORMER_CANARY,
    PRIVATE_CANARY,
    SHARED_TEXT,
    WAITING_CANARY,
    build_world,
)


def export_of(person: User) -> tuple[dict[str, Any], str]:
    client = Client()
    client.force_login(person)
    response = client.get("/account/export/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("attune-export/data.json"))
        markdown = "\n".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".md")
        )
    return data, markdown


def test_alices_export_holds_everything_she_wrote(db: None) -> None:
    world = build_world()
    data, markdown = export_of(world.people["alice"])
    answers = [a["answer"] for a in data["journeys"]["answers"]]
    for words in (PRIVATE_CANARY, WAITING_CANARY, FORMER_CANARY, SHARED_TEXT):
        assert words in answers
        assert words in markdown
    assert data["account"]["email"] == "alice@example.com"
    assert {t["instrument"] for t in data["questionnaires"]["takings"]} == {"ecr-r", "csi-4"}
    assert data["questionnaires"]["takings"][0]["answers"]  # her own item answers
    assert data["safety_check"]["afraid"] == "yes"
    assert data["partner"]["linked_with"] == "Bob"


def test_alices_export_holds_her_journal_cycle_map_and_rituals(db: None) -> None:
    from tests.matrix import cycles, journal, practices

    world = build_world()
    data, markdown = export_of(world.people["alice"])
    everything = json.dumps(data, ensure_ascii=False)
    for words in (
        journal.PRIVATE_ENTRY_CANARY,
        journal.TRIGGER_CANARY,
        journal.NEW_DRAFT_CANARY,
        cycles.SIDE_CANARY,
        cycles.EARLIER_CANARY,
        cycles.GUESS_CANARY,
        practices.PRIVATE_NOTES_CANARY,
    ):
        assert words in everything
        assert words in markdown


def test_bobs_export_has_what_alice_shared_marked_and_nothing_private(db: None) -> None:
    world = build_world()
    data, markdown = export_of(world.people["bob"])
    shared = data["journeys"]["shared_with_me"]
    assert [a["answer"] for a in shared] == [SHARED_TEXT]
    assert shared[0]["from"] == "Alice"
    assert "shared with me" in markdown
    everything = json.dumps(data) + markdown
    for canary in world.canaries:
        assert canary not in everything
    shared_results = data["questionnaires"]["shared_with_me"]
    assert [r["instrument"] for r in shared_results] == ["csi-4"]
    assert "answers" not in shared_results[0]  # never item answers
    assert data["safety_check"] == {}


def test_danas_export_has_nothing_of_alices(db: None) -> None:
    world = build_world()
    data, markdown = export_of(world.people["dana"])
    assert data["journeys"]["shared_with_me"] == []
    for canary in world.canaries:
        assert canary not in json.dumps(data) + markdown


def test_a_year_of_answers_exports_in_one_download(db: None) -> None:
    world = build_world()
    alice = world.people["alice"]
    from attune.journeys.models import ReflectionQuestion

    questions = list(ReflectionQuestion.objects.filter(day__journey__slug="attachment-healing"))
    ReflectionAnswer.objects.filter(person=alice).delete()
    ReflectionAnswer.objects.bulk_create(
        ReflectionAnswer(person=alice, question=q, text="A long day of thoughts. " * 200)
        for q in questions
    )
    data, _ = export_of(alice)
    assert len(data["journeys"]["answers"]) == len(questions)


def test_deleting_removes_every_trace(db: None) -> None:
    world = build_world()
    alice = world.people["alice"]
    client = Client()
    client.force_login(alice)
    client.post("/account/delete/", {"password": PASSWORD})
    for model in (ReflectionAnswer, Assessment, SafetyCheck):
        assert not model.objects.filter(person_id=alice.pk).exists()
    assert not Invitation.objects.filter(inviter_id=alice.pk).exists()


def test_the_privacy_page_says_it_plainly(db: None) -> None:
    page = text_of(Client().get("/privacy/"))
    for words in ("No advertising", "No third-party trackers", "monitoring software", "Download"):
        assert words in page
