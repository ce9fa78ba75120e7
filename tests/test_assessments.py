"""Assessments: taking a questionnaire in the browser's pages, results, sharing, the command."""

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from attune.accounts.models import User
from attune.assessments.models import Assessment
from attune.couples.models import Couple
from attune.couples.services import unlink
from tests.cast import text_of

ClientFor = Callable[[User | None], Client]
ECR_RS = [f"ecr-rs-{n:02d}" for n in range(1, 10)]


def partners(couple: Couple) -> tuple[User, User]:
    members = {m.person.email: m.person for m in couple.members.select_related("person")}
    return members["alice@example.com"], members["bob@example.com"]


def take_ecr_rs(client: Client, answers: list[int]) -> Any:
    """Answer the ECR-RS page by page, as a person would, and finish."""
    first = {item: str(value) for item, value in zip(ECR_RS[:6], answers[:6], strict=True)}
    client.post("/assessments/ecr-rs/?page=1", {**first, "action": "next"})
    second = {item: str(value) for item, value in zip(ECR_RS[6:], answers[6:], strict=True)}
    return client.post("/assessments/ecr-rs/?page=2", {**second, "action": "finish"})


def test_item_ids_match_the_data(db: None) -> None:
    from attune.assessments.instruments import get_instrument

    assert [item.id for item in get_instrument("ecr-rs").items] == ECR_RS


def test_taking_the_ecr_rs_scores_it_exactly(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    response = take_ecr_rs(client, [1, 1, 1, 1, 1, 1, 1, 1, 1])
    result = Assessment.objects.get(person=alice, instrument="ecr-rs")
    assert response["Location"] == f"/assessments/results/{result.id}/"
    # Avoidance: items 1-4 reversed (8 - 1 = 7) and 5-6 as given: (4 x 7 + 2 x 1) / 6 = 5.0.
    assert result.scores == {"anxiety": 1.0, "avoidance": 5.0}
    assert result.style == "dismissive-avoidant"
    page = text_of(client.get(response["Location"]))
    assert page.index("Scores") < page.index("<svg") < page.index("In words")
    assert "5.00" in page and "1.00" in page
    assert "Fraley" in page and "Terms of use" in page
    assert "not a diagnosis" in page


def test_near_the_boundary_names_both_styles(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    # Anxiety items 7-9 at 4 and 5 give 4.333: within 0.5 of the midpoint.
    response = take_ecr_rs(client, [7, 7, 7, 7, 1, 1, 4, 4, 5])
    page = text_of(client.get(response["Location"]))
    assert "near the boundary between" in page
    assert "Secure" in page and "Anxious (preoccupied)" in page


def test_save_and_continue_later(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    client.post("/assessments/ecr-rs/?page=1", {"ecr-rs-01": "3", "action": "later"})
    taking = Assessment.objects.get(person=alice)
    assert taking.answers == {"ecr-rs-01": 3} and taking.completed_at is None
    page = client.get("/assessments/ecr-rs/?page=1").content.decode()
    assert 'value="3" required id="id_ecr-rs-01_2" checked' in page or (
        'name="ecr-rs-01" value="3"' in page and "checked" in page
    )
    assert "Continue where you left off" in text_of(client.get("/assessments/"))


def test_every_item_must_be_answered_and_the_missing_ones_are_named(
    alice: User, client_for: ClientFor
) -> None:
    client = client_for(alice)
    client.post("/assessments/ecr-rs/?page=1", {"ecr-rs-01": "3", "action": "next"})
    response = client.post("/assessments/ecr-rs/?page=2", {"ecr-rs-07": "2", "action": "finish"})
    assert response.status_code == 400
    page = text_of(response)
    assert "still need an answer" in page
    assert "question 2" in page and "question 9" in page and "question 7," not in page
    assert 'href="/assessments/ecr-rs/?page=1#q2"' in page
    assert Assessment.objects.get(person=alice).answers == {"ecr-rs-01": 3, "ecr-rs-07": 2}


def test_an_answer_off_the_scale_is_pointed_out(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(
        "/assessments/ecr-rs/?page=1", {"ecr-rs-01": "9", "ecr-rs-02": "3", "action": "next"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in text_of(response)
    assert not Assessment.objects.filter(person=alice).exists()


def test_at_most_once_a_day(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    take_ecr_rs(client, [4] * 9)
    again = take_ecr_rs(client, [5] * 9)
    assert again.status_code == 400
    assert "already taken the ECR-RS today" in text_of(again)
    unfinished = Assessment.objects.get(person=alice, completed_at__isnull=True)
    assert set(unfinished.answers.values()) == {5}


def test_csi_4_results_show_the_cutoff_and_the_change(alice: User, client_for: ClientFor) -> None:
    client = client_for(alice)
    ids = ["csi-happy", "csi-warm", "csi-rewarding", "csi-satisfied"]
    client.post("/assessments/csi-4/", {**dict.fromkeys(ids, "2"), "action": "finish"})
    first = Assessment.objects.get(person=alice)
    assert first.scores == {"total": 8.0} and first.distressed is True
    first.completed_on = first.completed_on.replace(year=2025)  # type: ignore[union-attr]
    first.completed_at = first.completed_at.replace(year=2025)  # type: ignore[union-attr]
    first.save()
    response = client.post("/assessments/csi-4/", {**dict.fromkeys(ids, "4"), "action": "finish"})
    page = text_of(client.get(response["Location"]))
    assert "Below 13.5" in page
    assert "+8.0 since" in page
    assert "crosses above the cut-off" in page
    history = text_of(client.get("/assessments/csi-4/history/"))
    assert history.count("<circle") >= 2


def test_sharing_shows_a_summary_never_the_answers(couple: Couple, client_for: ClientFor) -> None:
    alice, bob = partners(couple)
    take_ecr_rs(client_for(alice), [6, 6, 6, 6, 2, 2, 3, 3, 3])
    result = Assessment.objects.get(person=alice)
    url = f"/assessments/results/{result.id}/"
    assert client_for(bob).get(url).status_code == 404
    client_for(alice).post(f"{url}share/", {"action": "share"})
    page = text_of(client_for(bob).get(url))
    assert "Alice's ECR-RS result" in page
    assert "Sharing" not in page and "It helps to turn to this person" not in page
    client_for(alice).post(f"{url}share/", {"action": "stop"})
    assert client_for(bob).get(url).status_code == 404
    client_for(alice).post(f"{url}share/", {"action": "share"})
    unlink(bob)
    assert client_for(bob).get(url).status_code == 404


def test_the_couple_view_shows_both_points_and_a_dance(
    couple: Couple, client_for: ClientFor
) -> None:
    alice, bob = partners(couple)
    take_ecr_rs(client_for(alice), [6, 6, 6, 6, 2, 2, 7, 7, 7])  # anxious
    take_ecr_rs(client_for(bob), [1, 1, 1, 1, 7, 7, 1, 1, 1])  # dismissive-avoidant
    waiting = text_of(client_for(alice).get("/assessments/couple/"))
    assert "appears when" in waiting
    for person in (alice, bob):
        result = Assessment.objects.get(person=person)
        client_for(person).post(f"/assessments/results/{result.id}/share/", {"action": "share"})
    page = text_of(client_for(bob).get("/assessments/couple/"))
    assert "Pursue and withdraw" in page
    assert "compatib" not in page.lower() and "match" not in page.lower()
    assert page.count("<title>") >= 2


@pytest.mark.parametrize(
    "path", ["/assessments/", "/assessments/ecr-r/", "/assessments/ecr-rs/history/", "result"]
)
def test_assessment_pages_have_bounded_queries(
    alice: User, client_for: ClientFor, django_assert_max_num_queries: Any, path: str
) -> None:
    client = client_for(alice)
    take_ecr_rs(client, [3] * 9)
    for year in range(2015, 2025):  # ten earlier takings
        Assessment.objects.create(
            person=alice,
            instrument="ecr-rs",
            completed_at=Assessment.objects.first().completed_at.replace(year=year),  # type: ignore[union-attr]
            completed_on=f"{year}-01-01",
            scores={"anxiety": 3.0, "avoidance": 3.0},
            style="secure",
            near_boundary=False,
        )
    if path == "result":
        path = f"/assessments/results/{Assessment.objects.filter(person=alice).first().id}/"  # type: ignore[union-attr]
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200


def score(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("score", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_score_command_prints_json(db: None) -> None:
    out, _ = score("ecr-r", "--answers", ",".join(["1"] * 36))
    assert json.loads(out) == {
        "instrument": "ecr-r",
        "scores": {"anxiety": 1.667, "avoidance": 5.0},
        "style": "dismissive-avoidant",
        "near_boundary": False,
    }
    out, _ = score("csi-4", "--answers", "3,4,4,3")
    assert json.loads(out) == {"instrument": "csi-4", "scores": {"total": 14}, "distressed": False}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ecr-rs", "--answers", "1,2,3"], "expected 9 answers, got 3"),
        (["ecr-rs", "--answers", "1,2,3,4,5,6,7,8,9"], "item 8 (ecr-rs-08): 8 is outside"),
        (["csi-4", "--answers", "3,x,4,3"], "answer 2: 'x' is not a whole number"),
        (["phq-9", "--answers", "1"], "unknown instrument 'phq-9'"),
    ],
)
def test_score_command_refuses_bad_input_clearly(db: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        score(*args)


def test_score_command_scores_a_csv(db: None, tmp_path: Path) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text("id,q1,q2,q3,q4\nP01,3,4,4,3\nP02,3,x,4,3\nP03,5,5,5\n", encoding="utf-8")
    output = tmp_path / "scores.csv"
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 row"):
        call_command("score", "csi-4", "--csv", str(forms), "--output", str(output), stderr=err)
    assert f"{forms}:3: id P02" in err.getvalue()
    assert f"{forms}:4: id P03" in err.getvalue()
    assert "P01,14" in output.read_text()


def test_a_journey_day_links_to_its_questionnaires(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    from tests.cast import enrol

    enrol(alice, days_ago=2)
    page = text_of(client_for(alice).get("/journeys/attachment-healing/day/2/"))
    assert 'href="/assessments/ecr-r/"' in page and 'href="/assessments/csi-4/"' in page
