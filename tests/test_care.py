"""Professional help: the directory, consultation requests, the practitioner portal, consent
grants per kind, notes with an explicit audience, homework and the client's access history."""

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.utils import timezone

from attune.accounts.models import User
from attune.accounts.services import delete_account
from attune.assessments.models import Assessment
from attune.care import services
from attune.care.models import (
    AccessEvent,
    CareNote,
    CareRelationship,
    ClientInvitation,
    ConsentGrant,
    ConsultationRequest,
    GrantKind,
    Homework,
    Practitioner,
)
from attune.couples.models import Couple
from attune.cycles.services import SideContent, save_map_alone, save_side
from attune.journal.models import JournalEntry
from attune.journeys.models import Journey, ReflectionAnswer
from attune.journeys.services import save_answer
from tests.cast import enrol, finish_days, make_person, text_of
from tests.matrix.care import approach

ClientFor = Callable[[User | None], Client]
SLUG = "attachment-healing"
CONSULTATION = {
    "name": "Sam Rivera",
    "email": "sam@example.com",
    "phone": "",
    "contact_by": "email",
    "best_time": "Weekday evenings",
    "message": "My partner and I keep having the same fight about chores and distance.",
}


# --- The cast's practitioners ------------------------------------------------------------


@pytest.fixture
def theo(db: None) -> User:
    return make_person("theo@example.com", "Theo")


@pytest.fixture
def tess(db: None) -> User:
    return make_person("tess@example.com", "Tess")


def make_practitioner(
    person: User,
    name: str,
    *,
    verified: bool = True,
    approaches: tuple[str, ...] = ("eft",),
    **details: Any,
) -> Practitioner:
    fields: dict[str, Any] = {
        "name": name,
        "credentials": "MSc, Couple Psychotherapist",
        "licence": "UKCP 40312",
        "online": True,
        "in_person": False,
        "city": "",
        "country": "United Kingdom",
        "languages": "English",
        "contact_email": f"consult-{person.email}",
        "verified_at": timezone.now() if verified else None,
        **details,
    }
    practitioner = Practitioner.objects.create(user=person, **fields)
    practitioner.approaches.set([approach(slug) for slug in approaches])
    return practitioner


@pytest.fixture
def theo_practitioner(theo: User) -> Practitioner:
    return make_practitioner(
        theo, "Theo Marsh", in_person=True, city="Bristol", languages="English, French"
    )


@pytest.fixture
def tess_practitioner(tess: User) -> Practitioner:
    return make_practitioner(tess, "Tess Okafor", approaches=("gottman",))


def connect(practitioner: Practitioner, client: User, *kinds: str) -> CareRelationship:
    """The client accepted an invitation and granted these kinds."""
    relationship = CareRelationship.objects.create(practitioner=practitioner, client=client)
    services.set_grants(relationship, kinds)
    return relationship


def alice_and_bob(couple: Couple) -> tuple[User, User]:
    members = {m.person.email: m.person for m in couple.members.select_related("person")}
    return members["alice@example.com"], members["bob@example.com"]


def result(person: User, instrument: str, days_ago: int, couple: Couple | None = None, **scores):
    taken = timezone.now() - timedelta(days=days_ago)
    return Assessment.objects.create(
        person=person,
        instrument=instrument,
        answers={},
        completed_at=taken,
        completed_on=taken.date(),
        scores=scores,
        style="secure" if "anxiety" in scores else "",
        distressed=False if "total" in scores else None,
        shared_in=couple,
    )


def client_page(client: Client, relationship: CareRelationship) -> Any:
    return client.get(f"/care/portal/clients/{relationship.id}/")


# --- The directory ------------------------------------------------------------------------


def test_the_directory_lists_only_verified_practitioners(
    theo_practitioner: Practitioner, carol: User, client_for: ClientFor
) -> None:
    waiting = make_practitioner(carol, "Carol Waiting", verified=False)
    page = text_of(client_for(None).get("/care/therapists/"))
    assert "Theo Marsh" in page
    assert "Carol Waiting" not in page
    assert client_for(None).get(f"/care/therapists/{waiting.id}/").status_code == 404
    assert client_for(None).get(f"/care/therapists/{waiting.id}/consult/").status_code == 404
    profile = text_of(client_for(None).get(f"/care/therapists/{theo_practitioner.id}/"))
    assert "UKCP 40312" in profile and "Bristol" in profile
    # Requests go to this address, but it is never shown.
    assert theo_practitioner.contact_email not in profile


@pytest.fixture
def directory(db: None) -> dict[str, Practitioner]:
    people = {
        name: make_person(f"{name.lower()}@example.com", name)
        for name in ("Ana", "Ben", "Chi", "Dev")
    }
    return {
        "Ana": make_practitioner(
            people["Ana"],
            "Ana Silva",
            approaches=("eft", "attachment-based"),
            in_person=True,
            online=False,
            city="Lisbon",
            country="Portugal",
            languages="Portuguese, English",
        ),
        "Ben": make_practitioner(
            people["Ben"],
            "Ben Novak",
            approaches=("gottman",),
            online=True,
            city="",
            region="Bohemia",
            country="Czechia",
            languages="Czech",
        ),
        "Chi": make_practitioner(
            people["Chi"],
            "Chi Tan",
            approaches=("eft",),
            in_person=True,
            online=True,
            city="Kuala Lumpur",
            country="Malaysia",
            languages="Malay, English",
        ),
        "Dev": make_practitioner(
            people["Dev"],
            "Dev Nair",
            approaches=("ifs",),
            online=True,
            country="India",
            languages="Malayalam",
        ),
    }


def listed(client: Client, query: str) -> set[str]:
    page = text_of(client.get(f"/care/therapists/?{query}"))
    return {name for name in ("Ana", "Ben", "Chi", "Dev") if f">{name} " in page}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Ana", "Ben", "Chi", "Dev"}),
        ("approach=eft", {"Ana", "Chi"}),
        ("approach=gottman", {"Ben"}),
        ("meets=online", {"Ben", "Chi", "Dev"}),
        ("meets=in_person", {"Ana", "Chi"}),
        ("place=lisb", {"Ana"}),
        ("place=BOHEMIA", {"Ben"}),
        ("place=malaysia", {"Chi"}),
        ("language=Malay", {"Chi"}),
        ("language=English", {"Ana", "Chi"}),
        ("language=Malayalam", {"Dev"}),
        ("approach=eft&meets=online&language=English", {"Chi"}),
        ("approach=eft&place=norway", set()),
    ],
)
def test_the_directory_filters(
    directory: dict[str, Practitioner], client_for: ClientFor, query: str, expected: set[str]
) -> None:
    assert listed(client_for(None), query) == expected


def test_a_practitioner_with_several_approaches_is_listed_once(
    directory: dict[str, Practitioner], client_for: ClientFor
) -> None:
    page = text_of(client_for(None).get("/care/therapists/?approach=eft&meets=in_person"))
    assert page.count(">Ana Silva<") == 1
    assert "2 therapists match" in page


def test_an_unknown_filter_value_is_explained_not_a_crash(
    directory: dict[str, Practitioner], client_for: ClientFor
) -> None:
    response = client_for(None).get("/care/therapists/?language=Klingon&approach=eft")
    assert response.status_code == 200
    page = text_of(response)
    assert "Select a valid choice" in page
    assert listed(client_for(None), "language=Klingon&approach=eft") == {"Ana", "Chi"}
    nothing = text_of(client_for(None).get("/care/therapists/?approach=eft&place=Atlantis"))
    assert "No therapist matches all of those filters" in nothing


def test_the_directory_costs_the_same_queries_for_many_practitioners(
    directory: dict[str, Practitioner],
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(None)
    with django_assert_max_num_queries(7):
        assert client.get("/care/therapists/?meets=online").status_code == 200
    for number in range(25):
        person = make_person(f"more{number}@example.com", f"More {number:02d}")
        make_practitioner(person, f"More {number:02d}", approaches=("eft", "gottman", "imago"))
    with django_assert_max_num_queries(7):
        response = client.get("/care/therapists/?meets=online")
    page = text_of(response)
    assert "More 16" in page and "More 17" not in page
    assert "Page 1 of 2" in page
    assert 'href="?meets=online&amp;page=2"' in response.content.decode()
    second = text_of(client.get("/care/therapists/?meets=online&page=2"))
    assert "More 24" in second and "28 therapists match" in second


def test_the_questions_page_names_good_signs_and_red_flags(client_for: ClientFor) -> None:
    page = " ".join(text_of(client_for(None).get("/care/questions/")).split())
    for words in (
        "Emotionally Focused Therapy",
        "attachment-based",
        "experience with couples",
        "fear, violence and control",
        "Fees",
        "confidentiality",
        "Red flags",
    ):
        assert words in page


# --- Consultation requests ----------------------------------------------------------------


def test_a_consultation_request_is_stored_emailed_and_confirmed(
    theo_practitioner: Practitioner, client_for: ClientFor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = client_for(None)
    url = f"/care/therapists/{theo_practitioner.id}/consult/"
    response = client.post(url, CONSULTATION)
    assert response.status_code == 302
    assert response["Location"] == f"{url}sent/"
    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.email, stored.practitioner) == (
        "Sam Rivera",
        "sam@example.com",
        theo_practitioner,
    )
    assert stored.message == CONSULTATION["message"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [theo_practitioner.contact_email]
    assert message.reply_to == ["sam@example.com"]
    assert CONSULTATION["message"] in str(message.body)
    assert "Weekday evenings" in str(message.body)
    assert CONSULTATION["message"] not in caplog.text
    sent = text_of(client.get(response["Location"]))
    assert "Your request is on its way" in sent and "Theo Marsh" in sent
    # The practitioner finds it in the portal too.
    requests = text_of(client_for(theo_practitioner.user).get("/care/portal/requests/"))
    assert CONSULTATION["message"] in requests


def test_a_signed_in_person_finds_their_name_and_address_filled_in(
    theo_practitioner: Practitioner, alice: User, client_for: ClientFor
) -> None:
    page = client_for(alice).get(f"/care/therapists/{theo_practitioner.id}/consult/")
    html = page.content.decode()
    assert 'value="Alice"' in html and 'value="alice@example.com"' in html


def test_the_honeypot_is_hidden_and_a_filled_one_silently_succeeds(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    client = client_for(None)
    url = f"/care/therapists/{theo_practitioner.id}/consult/"
    form = client.get(url).content.decode()
    trap = re.search(r'<div class="care-trap" aria-hidden="true">.*?</div>', form, re.S)
    assert trap is not None and 'tabindex="-1"' in trap.group(0)
    response = client.post(url, {**CONSULTATION, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}sent/"
    assert ConsultationRequest.objects.count() == 0
    assert len(mail.outbox) == 0


def test_too_many_requests_from_one_address_are_paused_kindly(
    theo_practitioner: Practitioner, tess_practitioner: Practitioner, client_for: ClientFor
) -> None:
    for practitioner in (theo_practitioner, tess_practitioner, theo_practitioner):
        response = client_for(None).post(
            f"/care/therapists/{practitioner.id}/consult/",
            CONSULTATION,
            REMOTE_ADDR=f"10.0.0.{ConsultationRequest.objects.count() + 1}",
        )
        assert response.status_code == 302
    fourth = {**CONSULTATION, "message": "One more thing I forgot to say."}
    response = client_for(None).post(
        f"/care/therapists/{tess_practitioner.id}/consult/", fourth, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    page = text_of(response)
    assert "try again later" in page
    assert "One more thing I forgot to say." in page
    assert ConsultationRequest.objects.count() == 3
    assert len(mail.outbox) == 3


def test_too_many_requests_from_one_network_are_paused(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    client = client_for(None)
    url = f"/care/therapists/{theo_practitioner.id}/consult/"
    for number in range(5):
        assert client.post(url, {**CONSULTATION, "email": f"p{number}@example.com"}).status_code
    response = client.post(url, {**CONSULTATION, "email": "another@example.com"})
    assert response.status_code == 429
    assert ConsultationRequest.objects.count() == 5


def test_bad_input_is_pointed_out_and_nothing_typed_is_lost(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    url = f"/care/therapists/{theo_practitioner.id}/consult/"
    long_message = "We keep circling. " * 100
    response = client_for(None).post(
        url,
        {
            "name": "",
            "email": "sam-at-example",
            "phone": "",
            "contact_by": "phone",
            "best_time": "Mornings before nine",
            "message": long_message,
        },
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Please tell them what to call you." in page
    assert "doesn't look like an e-mail address" in page
    assert "Please add a phone number so they can call you" in page
    assert "longer than 1500 characters" in page
    assert "sam-at-example" in page and "Mornings before nine" in page
    assert long_message.strip() in page
    assert ConsultationRequest.objects.count() == 0 and len(mail.outbox) == 0
    # The browser must not cut a long message silently.
    assert "maxlength" not in response.content.decode().split('name="message"')[0][-200:]


def test_a_phone_number_must_look_like_one(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    url = f"/care/therapists/{theo_practitioner.id}/consult/"
    response = client_for(None).post(url, {**CONSULTATION, "phone": "call me maybe"})
    assert response.status_code == 400
    assert "digits, spaces" in text_of(response)
    ok = client_for(None).post(url, {**CONSULTATION, "phone": "+44 (0)117 496-0000"})
    assert ok.status_code == 302


# --- Becoming a listed practitioner --------------------------------------------------------

PROFILE = {
    "name": "Theo Marsh",
    "credentials": "MSc, Couple Psychotherapist",
    "licence": "UKCP 40312",
    "approaches": [],
    "online": "on",
    "city": "",
    "region": "",
    "country": "United Kingdom",
    "languages": "English,  french , English",
    "accepting_clients": "on",
    "bio": "I help couples step out of painful cycles.",
    "contact_email": "theo-practice@example.com",
}


def test_a_new_profile_waits_for_staff_then_is_listed(theo: User, client_for: ClientFor) -> None:
    client = client_for(theo)
    assert "Create your practitioner profile" in text_of(client.get("/care/portal/"))
    eft = approach("eft")
    response = client.post("/care/portal/profile/", {**PROFILE, "approaches": [eft.pk]})
    assert response.status_code == 302
    practitioner = Practitioner.objects.get(user=theo)
    assert practitioner.languages == "English, french"
    assert list(practitioner.approaches.all()) == [eft]
    assert "waiting for verification" in text_of(client.get("/care/portal/"))
    assert "Theo Marsh" not in text_of(client_for(None).get("/care/therapists/"))
    assert client.post("/care/portal/invite/", {"email": "a@example.com"}).status_code == 404
    assert client.get("/care/portal/requests/").status_code == 404

    stan = make_person("stan@example.com", "Stan")
    stan.is_staff = stan.is_superuser = True
    stan.save()
    staff = client_for(stan)
    listing = text_of(staff.get("/admin/care/practitioner/?verified=no"))
    assert "Theo Marsh" in listing
    staff.post(
        "/admin/care/practitioner/",
        {"action": "verify", "_selected_action": [str(practitioner.id)]},
    )
    practitioner.refresh_from_db()
    assert practitioner.is_verified
    assert "Theo Marsh" in text_of(client_for(None).get("/care/therapists/"))
    assert "Your practitioner portal" in text_of(client.get("/care/portal/"))


def test_changing_the_licence_sends_the_profile_back_to_staff(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    client = client_for(theo_practitioner.user)
    client.post("/care/portal/profile/", {**PROFILE, "accepting_clients": ""})
    theo_practitioner.refresh_from_db()
    assert theo_practitioner.is_verified and not theo_practitioner.accepting_clients
    client.post("/care/portal/profile/", {**PROFILE, "licence": "Something else 1"})
    theo_practitioner.refresh_from_db()
    assert not theo_practitioner.is_verified
    assert "Theo Marsh" not in text_of(client_for(None).get("/care/therapists/"))


def test_a_profile_with_problems_keeps_what_was_typed(theo: User, client_for: ClientFor) -> None:
    bio = "I care about this work. " * 120
    response = client_for(theo).post(
        "/care/portal/profile/",
        {**PROFILE, "online": "", "in_person": "on", "city": "", "bio": bio, "languages": ""},
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Please add the city or town" in page
    assert "Please name at least one language." in page
    assert "longer than 2000 characters" in page
    assert bio.strip() in page and "UKCP 40312" in page
    assert not Practitioner.objects.exists()
    neither = text_of(client_for(theo).post("/care/portal/profile/", {**PROFILE, "online": ""}))
    assert "Please tick in person, online, or both." in neither


def test_the_admin_holds_no_client_content(db: None) -> None:
    for model in (CareRelationship, ConsentGrant, CareNote, Homework, AccessEvent):
        assert model not in admin.site._registry
    assert Practitioner in admin.site._registry
    assert ConsultationRequest in admin.site._registry
    assert "message" not in admin.site._registry[ConsultationRequest].fields  # type: ignore[operator]


# --- Invitations ------------------------------------------------------------------------


def test_an_invitation_email_holds_a_link_and_nothing_private(
    theo_practitioner: Practitioner, alice: User, client_for: ClientFor
) -> None:
    result(alice, "csi-4", 1, total=12.0)
    response = client_for(theo_practitioner.user).post(
        "/care/portal/invite/", {"email": "alice@example.com"}
    )
    assert response.status_code == 302
    invitation = ClientInvitation.objects.get()
    assert invitation.invitee == alice
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert f"/care/invitations/{invitation.token}/" in str(message.body)
    assert "Theo Marsh" in str(message.body)
    assert "12" not in str(message.body) and "Alice" not in str(message.body)
    portal = text_of(client_for(theo_practitioner.user).get("/care/portal/"))
    assert "alice@example.com" in portal and "Withdraw" in portal


def test_accepting_starts_a_relationship_with_nothing_shared(
    theo_practitioner: Practitioner, bob: User, client_for: ClientFor
) -> None:
    invitation = services.invite_client(theo_practitioner, "bob@example.com")
    client = client_for(bob)
    page = text_of(client.get(f"/care/invitations/{invitation.token}/"))
    assert "Nothing is shared when you accept" in page
    assert not CareRelationship.objects.exists()
    response = client.post(f"/care/invitations/{invitation.token}/")
    relationship = CareRelationship.objects.get()
    assert response["Location"] == f"/care/#practitioner-{relationship.id}"
    assert (relationship.client, relationship.practitioner) == (bob, theo_practitioner)
    assert not relationship.grants.exists()
    care = client.get("/care/").content.decode()
    assert "Theo Marsh" in care and "checked" not in care
    invitation.refresh_from_db()
    assert invitation.status == ClientInvitation.Status.ACCEPTED
    # The link works once.
    again = client_for(bob).get(f"/care/invitations/{invitation.token}/")
    assert again.status_code == 404


def test_someone_signed_out_is_asked_to_log_in_first(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    invitation = services.invite_client(theo_practitioner, "new@example.com")
    response = client_for(None).get(f"/care/invitations/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/care/invitations/")


@pytest.mark.parametrize("state", ["used", "expired", "withdrawn", "unknown", "unverified"])
def test_unusable_invitations_get_one_friendly_page(
    theo_practitioner: Practitioner, carol: User, client_for: ClientFor, state: str
) -> None:
    invitation = services.invite_client(theo_practitioner, "carol@example.com")
    token = invitation.token
    if state == "used":
        invitation.status = ClientInvitation.Status.ACCEPTED
    elif state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
    elif state == "withdrawn":
        client_for(theo_practitioner.user).post(
            f"/care/portal/invitations/{invitation.id}/withdraw/"
        )
        invitation.refresh_from_db()
    elif state == "unverified":
        services.unverify_practitioners([theo_practitioner])
    else:
        token = "not-a-real-token"
    invitation.save()
    response = client_for(carol).get(f"/care/invitations/{token}/")
    assert response.status_code == 404
    assert "This invitation can't be used" in text_of(response)
    assert client_for(carol).post(f"/care/invitations/{token}/").status_code == 404
    assert not CareRelationship.objects.exists()


def test_a_practitioner_cannot_accept_their_own_invitation_nor_invite_twice(
    theo_practitioner: Practitioner, alice: User, client_for: ClientFor
) -> None:
    invitation = services.invite_client(theo_practitioner, "alice@example.com")
    theo_client = client_for(theo_practitioner.user)
    assert "This is your own invitation" in text_of(
        theo_client.get(f"/care/invitations/{invitation.token}/")
    )
    assert theo_client.post(f"/care/invitations/{invitation.token}/").status_code == 409
    client_for(alice).post(f"/care/invitations/{invitation.token}/")
    response = theo_client.post("/care/portal/invite/", {"email": "ALICE@example.com"})
    assert response.status_code == 400
    assert "already your client" in text_of(response)
    own = theo_client.post("/care/portal/invite/", {"email": "theo@example.com"})
    assert "your own address" in text_of(own)


# --- Grants: per kind, revocable at once, never the partner's --------------------------------


def test_nothing_is_shown_until_granted_then_each_kind_on_its_own(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, _ = alice_and_bob(couple)
    enrollment = enrol(alice, couple, days_ago=4)
    finish_days(enrollment, range(1, 4))
    result(alice, "csi-4", 10, total=11.0)
    result(alice, "csi-4", 1, total=15.0)
    relationship = connect(theo_practitioner, alice)
    theo = client_for(theo_practitioner.user)
    alice_client = client_for(alice)

    page = text_of(client_page(theo, relationship))
    assert "isn't sharing any of their work with you" in page
    assert "days finished" not in page and "<svg" not in page

    alice_client.post(
        f"/care/practitioners/{relationship.id}/grants/", {"kinds": "journey_progress"}
    )
    page = text_of(client_page(theo, relationship))
    assert "Journey progress" in page
    assert "3 of 30 days finished" in page and "on Day 4" in page
    assert "<svg" not in page

    alice_client.post(
        f"/care/practitioners/{relationship.id}/grants/", {"kinds": "assessment_results"}
    )
    page = text_of(client_page(theo, relationship))
    assert "3 of 30 days finished" not in page
    assert "CSI-4 over time" in page and "<svg" in page
    # Scores only: the link to Alice's own result page is never given.
    assert "/assessments/results/" not in page


def test_revoking_takes_effect_on_the_very_next_request(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    enrol(alice)
    relationship = connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    theo = client_for(theo_practitioner.user)
    assert "Journey progress" in text_of(client_page(theo, relationship))
    alice_client = client_for(alice)
    response = alice_client.post(f"/care/practitioners/{relationship.id}/grants/", {})
    assert "sees none of your work now" in text_of(alice_client.get(response["Location"]))
    assert not ConsentGrant.objects.exists()
    page = text_of(client_page(theo, relationship))
    assert "days finished" not in page
    assert "isn't sharing any of their work" in page


def test_grants_are_read_inside_the_query_so_a_stale_check_cannot_leak(
    alice: User, theo_practitioner: Practitioner
) -> None:
    from attune.care import access

    result(alice, "csi-4", 1, total=15.0)
    relationship = connect(theo_practitioner, alice, GrantKind.ASSESSMENT_RESULTS)
    results = access.granted_results(relationship)
    assert results.count() == 1
    services.set_grants(relationship, [])
    assert results.all().count() == 0
    services.set_grants(relationship, [GrantKind.ASSESSMENT_RESULTS])
    services.unverify_practitioners([theo_practitioner])
    assert results.all().count() == 0


def test_a_grant_never_shows_the_partners_things(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    alice_enrollment = enrol(alice, couple)
    bob_enrollment = enrol(bob, couple, days_ago=9)
    finish_days(bob_enrollment, range(1, 8))
    finish_days(alice_enrollment, range(1, 2))
    result(alice, "ecr-r", 3, anxiety=2.0, avoidance=2.5)
    # Bob shared these with Alice; Alice's grant must not carry them to Theo.
    result(bob, "csi-16", 2, couple, total=61.0)
    result(bob, "ecr-rs", 2, couple, anxiety=6.1, avoidance=1.2)
    relationship = connect(
        theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS, GrantKind.ASSESSMENT_RESULTS
    )
    page = text_of(client_page(client_for(theo_practitioner.user), relationship))
    assert "1 of 30 days finished" in page
    assert "7 of 30" not in page
    assert "ECR-R" in page
    assert "CSI-16" not in page and "ECR-RS" not in page and "6.1" not in page
    assert "Bob" not in page


def test_a_practitioner_without_a_relationship_sees_nothing(
    alice: User,
    theo_practitioner: Practitioner,
    tess_practitioner: Practitioner,
    client_for: ClientFor,
) -> None:
    relationship = connect(theo_practitioner, alice, *GrantKind.values)
    tess = client_for(tess_practitioner.user)
    assert client_page(tess, relationship).status_code == 404
    assert tess.get(f"/care/practitioners/{relationship.id}/preview/").status_code == 404
    assert "Alice" not in text_of(tess.get("/care/portal/"))
    # Alice changes her grants; Theo cannot change them for her.
    theo = client_for(theo_practitioner.user)
    url = f"/care/practitioners/{relationship.id}/grants/"
    assert theo.post(url, {"kinds": []}).status_code == 404
    assert ConsentGrant.objects.filter(relationship=relationship).count() == 3


def test_an_unverified_practitioner_loses_access_at_once(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    services.unverify_practitioners([theo_practitioner])
    theo = client_for(theo_practitioner.user)
    assert client_page(theo, relationship).status_code == 404
    assert "waiting for verification" in text_of(theo.get("/care/portal/"))


# --- Journal entries, one by one, and the cycle map -------------------------------------------


def entry(person: User, text: str, days_ago: int = 0, couple: Couple | None = None) -> JournalEntry:
    written_on = timezone.localdate(timezone.now(), person.zone) - timedelta(days=days_ago)
    return JournalEntry.objects.create(
        person=person, written_on=written_on, text=text, shared_in=couple
    )


def test_journal_entries_are_chosen_one_by_one(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    first = entry(alice, "The walk by the river helped.", days_ago=2)
    entry(alice, "Something I keep for myself.", days_ago=1)
    bobs = entry(bob, "Bob's words that he shared with Alice.", couple=couple)
    relationship = connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    alice_client = client_for(alice)
    url = f"/care/practitioners/{relationship.id}/entries/"
    choosing = text_of(alice_client.get(url))
    assert "The walk by the river helped." in choosing
    assert "Bob's words" not in choosing

    # A forged choice of Bob's entry is ignored: only Alice's own entries can be chosen.
    response = alice_client.post(url, {"entries": [str(first.id), str(bobs.id)]})
    assert response.status_code == 302
    assert ConsentGrant.objects.filter(kind=GrantKind.JOURNAL_ENTRIES).count() == 1
    theo = client_for(theo_practitioner.user)
    page = text_of(client_page(theo, relationship))
    assert "The walk by the river helped." in page
    assert "Something I keep for myself." not in page
    assert "Bob's words" not in page
    # Choosing entries leaves the other grants as they were, and the other way round.
    alice_client.post(f"/care/practitioners/{relationship.id}/grants/", {})
    assert "The walk by the river helped." in text_of(client_page(theo, relationship))
    assert "1 chosen" in " ".join(text_of(alice_client.get("/care/")).split())

    alice_client.post(url, {})
    assert "The walk by the river helped." not in text_of(client_page(theo, relationship))


def test_each_entry_read_shows_in_the_history_even_once_deleted(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    chosen = entry(alice, "A hard evening, and what helped.", days_ago=3)
    relationship = connect(theo_practitioner, alice)
    services.choose_entries(relationship, [chosen], [chosen.id])
    client_page(client_for(theo_practitioner.user), relationship)
    event = AccessEvent.objects.get()
    assert (event.section, event.journal_entry) == (GrantKind.JOURNAL_ENTRIES, chosen)
    history_url = f"/care/practitioners/{relationship.id}/history/"
    assert "Your journal entry of" in text_of(client_for(alice).get(history_url))
    chosen.delete()
    assert not ConsentGrant.objects.exists()
    assert "A journal entry you have since deleted" in text_of(client_for(alice).get(history_url))


def test_the_cycle_map_shows_only_the_clients_own_sides(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    save_side(alice, couple, SideContent(moves=("pursue",), fear="being left on my own"))
    save_side(
        bob,
        couple,
        SideContent(moves=("withdraw",), fear="never being good enough"),
        mark_ready=True,
    )
    save_map_alone(
        alice,
        SideContent(moves=("protest",), need="a sign I matter"),
        SideContent(moves=("shut down",), fear="my guess: that he fails me"),
        "The chase",
        "",
    )
    relationship = connect(theo_practitioner, alice, GrantKind.CYCLE_MAP)
    page = text_of(client_page(client_for(theo_practitioner.user), relationship))
    assert "being left on my own" in page
    assert "Not marked ready yet" in page
    assert "never being good enough" not in page
    assert "The chase" in page and "my guess: that he fails me" in page
    assert "a guess" in page


def test_the_partners_side_shows_only_under_their_own_grant(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    save_side(alice, couple, SideContent(moves=("pursue",), fear="being left on my own"))
    save_side(bob, couple, SideContent(moves=("withdraw",), fear="never being good enough"))
    alice_theo = connect(theo_practitioner, alice, GrantKind.CYCLE_MAP)
    bob_theo = connect(theo_practitioner, bob)
    theo = client_for(theo_practitioner.user)
    assert "never being good enough" not in text_of(client_page(theo, alice_theo))

    services.set_grants(bob_theo, [GrantKind.CYCLE_MAP])
    page = text_of(client_page(theo, alice_theo))
    assert "never being good enough" in page and "being left on my own" in page
    assert "which Bob shared with you too" in page
    # Bob reads in his own history that his side was shown.
    assert AccessEvent.objects.filter(relationship=bob_theo, section=GrantKind.CYCLE_MAP).exists()
    # Alice's preview never carries Bob's side to her, even though Theo sees it.
    events_before = AccessEvent.objects.count()
    preview = text_of(client_for(alice).get(f"/care/practitioners/{alice_theo.id}/preview/"))
    assert "never being good enough" not in preview
    assert AccessEvent.objects.count() == events_before
    # Bob's own grant shows Bob's side on Bob's page, never Alice's unless she granted it.
    services.set_grants(alice_theo, [])
    bob_page = text_of(client_page(theo, bob_theo))
    assert "never being good enough" in bob_page
    assert "being left on my own" not in bob_page


def test_a_side_from_a_former_couple_is_not_shown(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, _ = alice_and_bob(couple)
    former = Couple.objects.exclude(pk=couple.pk).get(members__person=alice)
    save_side(alice, former, SideContent(moves=("criticise",), fear="an old fear from before"))
    relationship = connect(theo_practitioner, alice, GrantKind.CYCLE_MAP)
    page = text_of(client_page(client_for(theo_practitioner.user), relationship))
    assert "an old fear from before" not in page
    assert "No cycle map written yet." in page


# --- The client's preview and access history ---------------------------------------------


def test_the_access_history_records_the_practitioners_looks_only(
    alice: User, bob: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice, GrantKind.ASSESSMENT_RESULTS)
    alice_client = client_for(alice)
    preview = text_of(alice_client.get(f"/care/practitioners/{relationship.id}/preview/"))
    assert "exactly what Theo Marsh sees" in preview
    assert "Questionnaire results over time" in preview
    assert not AccessEvent.objects.exists()
    assert "hasn't looked at anything of yours yet" in text_of(alice_client.get("/care/"))

    client_page(client_for(theo_practitioner.user), relationship)
    client_page(client_for(theo_practitioner.user), relationship)
    events = list(AccessEvent.objects.all())
    assert [event.section for event in events] == [GrantKind.ASSESSMENT_RESULTS] * 2
    care = text_of(alice_client.get("/care/"))
    assert care.count("Questionnaire results over time —") == 2
    history = text_of(alice_client.get(f"/care/practitioners/{relationship.id}/history/"))
    assert history.count("Questionnaire results over time") == 2
    assert client_for(bob).get(f"/care/practitioners/{relationship.id}/history/").status_code == 404


def test_the_care_page_shows_the_latest_looks_and_links_to_all(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    for _ in range(12):
        services.record_views(relationship, [GrantKind.JOURNEY_PROGRESS])
    care = text_of(client_for(alice).get("/care/"))
    assert care.count("Journey progress —") == 10
    assert f"/care/practitioners/{relationship.id}/history/" in care
    history = text_of(client_for(alice).get(f"/care/practitioners/{relationship.id}/history/"))
    assert history.count("Journey progress") == 12


def test_nothing_is_recorded_when_nothing_is_granted(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice)
    client_page(client_for(theo_practitioner.user), relationship)
    assert not AccessEvent.objects.exists()


# --- Notes ------------------------------------------------------------------------------


def test_a_note_to_one_client_reaches_only_them(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    alice_theo = connect(theo_practitioner, alice)
    connect(theo_practitioner, bob)
    theo = client_for(theo_practitioner.user)
    response = theo.post(
        f"/care/portal/clients/{alice_theo.id}/notes/",
        {"text": "Well done this week, Alice.", "audience": "client"},
    )
    assert response.status_code == 302
    assert "Well done this week, Alice." in text_of(client_for(alice).get("/care/"))
    assert "Well done this week, Alice." not in text_of(client_for(bob).get("/care/"))
    assert "written to you only" in text_of(client_for(alice).get("/care/"))


def test_both_partners_only_when_both_are_clients(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, _ = alice_and_bob(couple)
    alice_theo = connect(theo_practitioner, alice)
    theo = client_for(theo_practitioner.user)
    form = theo.get(f"/care/portal/clients/{alice_theo.id}/").content.decode()
    assert 'value="both"' not in form
    response = theo.post(
        f"/care/portal/clients/{alice_theo.id}/notes/", {"text": "For you both", "audience": "both"}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "needs both of them to be your clients" in page
    assert "For you both" in page
    assert not CareNote.objects.exists()


def test_a_note_to_both_partners_asks_first_with_a_warning(
    couple: Couple, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    alice, bob = alice_and_bob(couple)
    alice_theo = connect(theo_practitioner, alice)
    bob_theo = connect(theo_practitioner, bob)
    theo = client_for(theo_practitioner.user)
    url = f"/care/portal/clients/{alice_theo.id}/notes/"
    note = {"text": "Let's look at the Sunday pattern together.", "audience": "both"}
    warning = theo.post(url, note)
    assert warning.status_code == 200
    page = text_of(warning)
    assert "will both read this note" in page
    assert "nothing either of them told you on their own" in page
    assert not CareNote.objects.exists()

    back = theo.post(url, {**note, "edit": "yes"})
    assert "Let's look at the Sunday pattern together." in text_of(back)
    assert not CareNote.objects.exists()

    assert theo.post(url, {**note, "confirmed": "yes"}).status_code == 302
    posted = CareNote.objects.get()
    assert set(posted.relationships.all()) == {alice_theo, bob_theo}
    for person in (alice, bob):
        care = text_of(client_for(person).get("/care/"))
        assert "Let's look at the Sunday pattern together." in care
        assert "written to you and your partner" in care
    # Once Bob stops working with Theo, a new note to both is no longer possible.
    client_for(bob).post(f"/care/practitioners/{bob_theo.id}/end/")
    assert theo.post(url, {**note, "confirmed": "yes"}).status_code == 400
    assert "Let's look" not in text_of(client_for(bob).get("/care/"))


def test_a_note_can_be_taken_back(
    alice: User,
    theo_practitioner: Practitioner,
    tess_practitioner: Practitioner,
    client_for: ClientFor,
) -> None:
    relationship = connect(theo_practitioner, alice)
    note = services.post_note(relationship, "Something I said too soon", "client")
    assert (
        client_for(tess_practitioner.user).post(f"/care/portal/notes/{note.id}/delete/").status_code
        == 404
    )
    client_for(theo_practitioner.user).post(f"/care/portal/notes/{note.id}/delete/")
    assert "Something I said too soon" not in text_of(client_for(alice).get("/care/"))


def test_an_empty_or_overlong_note_keeps_the_text(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice)
    theo = client_for(theo_practitioner.user)
    url = f"/care/portal/clients/{relationship.id}/notes/"
    empty = theo.post(url, {"text": "", "audience": "client"})
    assert empty.status_code == 400 and "Please write the note first." in text_of(empty)
    long_note = "Keep noticing the pull to withdraw. " * 150
    response = theo.post(url, {"text": long_note, "audience": "client"})
    assert response.status_code == 400
    assert "longer than 4000 characters" in text_of(response)
    assert long_note.strip() in text_of(response)


# --- Homework ---------------------------------------------------------------------------


def test_homework_appears_on_the_clients_care_page(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice)
    theo = client_for(theo_practitioner.user)
    url = f"/care/portal/clients/{relationship.id}/homework/"
    response = theo.post(url, {"journey": SLUG, "day": "3", "note": "Before Thursday"})
    assert response.status_code == 302
    care = client_for(alice).get("/care/")
    page = text_of(care)
    assert "Attachment Healing, Day 3" in page and "Before Thursday" in page
    assert f'href="/journeys/{SLUG}/day/3/"' in care.content.decode()
    theo.post(url, {"journey": SLUG})
    assert f'href="/journeys/{SLUG}/"' in client_for(alice).get("/care/").content.decode()

    homework = Homework.objects.get(day__isnull=False)
    client_for(alice).post(f"/care/homework/{homework.id}/done/")
    assert "marked done" in text_of(client_page(theo, relationship))
    theo.post(f"/care/portal/homework/{homework.id}/withdraw/")
    assert "Before Thursday" not in text_of(client_for(alice).get("/care/"))


def test_a_day_that_does_not_exist_is_explained(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice)
    response = client_for(theo_practitioner.user).post(
        f"/care/portal/clients/{relationship.id}/homework/",
        {"journey": SLUG, "day": "99", "note": "A gentle one"},
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "has days 1 to 30" in page
    assert "A gentle one" in page
    assert not Homework.objects.exists()


# --- Ending the relationship, and deleting an account -----------------------------------------


def test_ending_the_relationship_revokes_everything_at_once(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    enrol(alice)
    relationship = connect(theo_practitioner, alice, *GrantKind.values)
    services.post_note(relationship, "A note from before", "client")
    theo = client_for(theo_practitioner.user)
    client_page(theo, relationship)
    alice_client = client_for(alice)
    assert "every choice to share ends at once" in text_of(
        alice_client.get(f"/care/practitioners/{relationship.id}/end/")
    )
    assert ConsentGrant.objects.filter(relationship=relationship).count() == 3
    alice_client.post(f"/care/practitioners/{relationship.id}/end/")
    assert not ConsentGrant.objects.exists()
    assert client_page(theo, relationship).status_code == 404
    assert "Alice" not in text_of(theo.get("/care/portal/"))
    care = text_of(alice_client.get("/care/"))
    assert "A note from before" not in care
    assert "Earlier practitioners" in care
    history = alice_client.get(f"/care/practitioners/{relationship.id}/history/")
    assert history.status_code == 200
    note_url = f"/care/portal/clients/{relationship.id}/notes/"
    assert theo.post(note_url, {"text": "Hello?", "audience": "client"}).status_code == 404


def test_a_practitioner_can_stop_working_with_a_client(
    alice: User, theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    relationship = connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    theo = client_for(theo_practitioner.user)
    assert theo.post(f"/care/portal/clients/{relationship.id}/close/").status_code == 302
    assert not ConsentGrant.objects.exists()
    assert client_page(theo, relationship).status_code == 404
    assert "Theo Marsh — until" in text_of(client_for(alice).get("/care/"))


def test_deleting_an_account_removes_grants_and_invitations(
    alice: User, theo_practitioner: Practitioner
) -> None:
    services.invite_client(theo_practitioner, "alice@example.com")
    services.invite_client(theo_practitioner, "Alice@Example.com")
    connect(theo_practitioner, alice, *GrantKind.values)
    delete_account(alice)
    assert not CareRelationship.objects.exists()
    assert not ConsentGrant.objects.exists()
    assert not ClientInvitation.objects.exists()


def test_invitations_and_requests_sent_before_sign_up_can_be_forgotten(
    theo_practitioner: Practitioner, client_for: ClientFor
) -> None:
    services.invite_client(theo_practitioner, "later@example.com")
    client_for(None).post(
        f"/care/therapists/{theo_practitioner.id}/consult/",
        {**CONSULTATION, "email": "LATER@example.com"},
    )
    client_for(None).post(f"/care/therapists/{theo_practitioner.id}/consult/", CONSULTATION)
    person = make_person("later@example.com", "Later")
    assert services.forget_person(person) == 2
    assert not ClientInvitation.objects.exists()
    assert list(ConsultationRequest.objects.values_list("email", flat=True)) == ["sam@example.com"]


# --- Canaries in the full world: Bob's things and the note to Alice -----------------------------


BOB_PRIVATE = "bob-canary-private-H3LK: what Bob keeps to himself"
BOB_SHARED = "bob-canary-shared-P2QM: what Bob showed Alice"


def test_in_the_world_theo_never_sees_bobs_things_nor_others_alices_note(db: None) -> None:
    from tests.matrix.care import NOTE_FOR_ALICE
    from tests.test_authorization_matrix import MATRIX, request_as
    from tests.world import build_world

    world = build_world()
    bob = world.people["bob"]
    questions = list(world.journey.days.get(number=1).questions.order_by("number"))
    save_answer(bob, questions[0], BOB_PRIVATE, ReflectionAnswer.Sharing.PRIVATE)
    save_answer(bob, questions[1], BOB_SHARED, ReflectionAnswer.Sharing.SHARED)
    entry(bob, BOB_PRIVATE)
    entry(bob, BOB_SHARED, couple=world.couple)
    for actor in ("anonymous", "carol", "dana", "theo", "tess", "staff"):
        for row in MATRIX:
            if row.method != "GET":
                continue
            _, body = request_as(world, actor, row)
            assert BOB_PRIVATE not in body, f"{actor} saw Bob's private words on {row.name}"
            assert BOB_SHARED not in body, f"{actor} saw Bob's shared words on {row.name}"
            if actor != "theo":
                assert NOTE_FOR_ALICE not in body, f"{actor} saw Theo's note on {row.name}"
    for row in MATRIX:
        if row.method == "GET":
            _, body = request_as(world, "bob", row)
            assert NOTE_FOR_ALICE not in body, f"Bob saw Theo's note to Alice on {row.name}"


# --- Speed -------------------------------------------------------------------------------


def test_the_portal_costs_the_same_queries_for_many_clients(
    couple: Couple,
    theo_practitioner: Practitioner,
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
) -> None:
    alice, bob = alice_and_bob(couple)
    connect(theo_practitioner, alice, GrantKind.JOURNEY_PROGRESS)
    connect(theo_practitioner, bob)
    theo = client_for(theo_practitioner.user)
    theo.get("/care/portal/")
    with django_assert_max_num_queries(10):
        assert theo.get("/care/portal/").status_code == 200
    for number in range(15):
        person = make_person(f"client{number}@example.com", f"Client {number}")
        connect(theo_practitioner, person, *GrantKind.values)
        services.invite_client(theo_practitioner, f"invitee{number}@example.com")
    with django_assert_max_num_queries(10):
        response = theo.get("/care/portal/")
    page = text_of(response)
    assert "Client 14" in page and "partner: Bob" in page


def test_the_client_page_costs_the_same_queries_for_much_work(
    alice: User,
    theo_practitioner: Practitioner,
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
) -> None:
    enrollment = enrol(alice, days_ago=2)
    result(alice, "csi-4", 2, total=12.0)
    relationship = connect(theo_practitioner, alice, *GrantKind.values)
    services.post_note(relationship, "First note", "client")
    theo = client_for(theo_practitioner.user)
    client_page(theo, relationship)
    with django_assert_max_num_queries(16):
        assert client_page(theo, relationship).status_code == 200
    finish_days(enrollment, range(1, 31))
    for days_ago in range(3, 40, 3):
        result(alice, "csi-4", days_ago, total=float(days_ago))
        result(alice, "ecr-r", days_ago, anxiety=3.0, avoidance=2.0)
        result(alice, "csi-16", days_ago, total=50.0)
        services.post_note(relationship, f"Note {days_ago}", "client")
        services.suggest_homework(relationship, enrollment.journey, None, "")
    with django_assert_max_num_queries(16):
        response = client_page(theo, relationship)
    page = text_of(response)
    assert "30 of 30 days finished" in page and "CSI-16 over time" in page


def test_the_care_page_costs_the_same_queries_for_many_practitioners(
    alice: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    client = client_for(alice)
    client.get("/care/")
    with django_assert_max_num_queries(10):
        assert client.get("/care/").status_code == 200
    for number in range(6):
        person = make_person(f"pract{number}@example.com", f"P{number}")
        practitioner = make_practitioner(person, f"Practitioner {number}")
        relationship = connect(practitioner, alice, *GrantKind.values)
        services.post_note(relationship, f"A note {number}", "client")
        services.suggest_homework(relationship, Journey.objects.get(slug=SLUG), None, "")
        services.record_views(relationship, GrantKind.values)
    with django_assert_max_num_queries(10):
        response = client.get("/care/")
    assert "Practitioner 5" in text_of(response)
