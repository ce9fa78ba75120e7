"""The authorization matrix: actors x resources x actions -> the answer each must get.

Every URL pattern of the project has a row here (a test fails when one has none). Anything
that is not yours is a 404, the same whether it exists or not. The canary tests then walk
every page as everyone but Alice and look for Alice's private words.
"""

import io
import logging
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import care, cycles, journal, practices
from tests.matrix.base import (
    ACTORS,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Row,
    day_one,
    everyone,
    instrument,
    invitation_id,
    invitation_token,
    no_args,
    private_result,
    question_one,
    shared_result,
    signed_in,
    slug,
)
from tests.world import SHARED_TEXT, World, build_world

CORE_ROWS: list[Row] = [
    # Public pages, the same for everyone.
    Row("home", "GET", no_args, {**everyone(REDIRECT), "anonymous": OK}),
    Row("safety:resources", "GET", no_args, everyone(OK)),
    Row("safety:about_quick_exit", "GET", no_args, everyone(OK)),
    # The safety check: each person's own, and only their own.
    Row("safety:check", "GET", no_args, signed_in(OK)),
    Row("safety:check_result", "GET", no_args, signed_in(REDIRECT, alice=OK)),
    Row("safety:clear_check", "POST", no_args, signed_in(OK)),
    Row("journeys:catalog", "GET", no_args, everyone(OK)),
    Row("journeys:journey", "GET", slug, everyone(OK)),
    # A person's own pages: each signed-in person sees only their own.
    Row("today", "GET", no_args, signed_in(OK)),
    Row("accounts:account", "GET", no_args, signed_in(OK)),
    Row("accounts:delete", "GET", no_args, signed_in(OK)),
    Row("accounts:export", "GET", no_args, signed_in(OK)),
    Row("accounts:export_download", "GET", no_args, signed_in(OK)),
    Row("privacy", "GET", no_args, everyone(OK)),
    Row("couples:partner", "GET", no_args, signed_in(OK)),
    Row("couples:unlink", "GET", no_args, signed_in(OK)),
    Row("couples:join_with_code", "GET", no_args, signed_in(REDIRECT)),
    # Inviting: Alice is linked, so she is told to unlink first; others get an invitation.
    Row("couples:invite", "POST", no_args, signed_in(REDIRECT), data={"email": ""}),
    # Alice's invitation: only Alice may withdraw it; a link holder may look at it.
    Row(
        "couples:withdraw",
        "POST",
        invitation_id,
        signed_in(NOT_FOUND, alice=REDIRECT),
    ),
    Row("couples:join", "GET", invitation_token, signed_in(OK)),
    # Journeys: each person's own enrollment; people not on the journey are sent to start.
    Row(
        "journeys:day",
        "GET",
        day_one,
        signed_in(REDIRECT, alice=OK, bob=OK, dana=OK),
    ),
    Row(
        "journeys:progress",
        "GET",
        slug,
        signed_in(NOT_FOUND, alice=OK, bob=OK, dana=OK),
    ),
    Row(
        "journeys:autosave",
        "POST",
        question_one,
        signed_in(NOT_FOUND, alice=OK, bob=OK, dana=OK),
        data={"text": "a note", "sharing": "private"},
    ),
    Row(
        "journeys:conversation",
        "POST",
        day_one,
        signed_in(NOT_FOUND, alice=REDIRECT, bob=REDIRECT, dana=REDIRECT),
    ),
    Row(
        "journeys:status",
        "POST",
        slug,
        signed_in(NOT_FOUND, alice=REDIRECT, bob=REDIRECT, dana=REDIRECT),
        data={"status": "paused"},
    ),
    Row("journeys:start", "POST", slug, signed_in(REDIRECT), data={"mode": "alone"}),
    # Assessments: each person's own; a partner sees only a summary that was shared.
    Row("assessments:index", "GET", no_args, signed_in(OK)),
    Row("assessments:take", "GET", instrument, signed_in(OK)),
    Row("assessments:history", "GET", instrument, signed_in(OK)),
    Row("assessments:result", "GET", private_result, signed_in(NOT_FOUND, alice=OK)),
    Row("assessments:result", "GET", shared_result, signed_in(NOT_FOUND, alice=OK, bob=OK)),
    Row(
        "assessments:share",
        "POST",
        private_result,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"action": "share"},
    ),
    Row(
        "assessments:share",
        "POST",
        shared_result,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"action": "stop"},
    ),
    Row("assessments:couple", "GET", no_args, signed_in(NOT_FOUND, alice=OK, bob=OK)),
]

MATRIX: list[Row] = [*CORE_ROWS, *journal.ROWS, *cycles.ROWS, *practices.ROWS, *care.ROWS]

# URL names owned by django-allauth and the Django admin. allauth's pages show only the
# signed-in person's own account, and are covered by its own test-suite and ours in
# test_accounts.py; the admin is staff-only (test_admin_is_staff_only below).
THIRD_PARTY_PREFIXES = ("account_", "usersessions_", "admin:")


def all_url_names() -> set[str]:
    """Every named URL pattern of the project, with its namespace."""
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_has_a_row_in_the_matrix() -> None:
    covered = {row.name for row in MATRIX}
    missing = {
        name for name in all_url_names() - covered if not name.startswith(THIRD_PARTY_PREFIXES)
    }
    assert not missing, f"add rows to the authorization matrix for: {sorted(missing)}"


def test_every_row_names_every_actor() -> None:
    for row in MATRIX:
        assert set(row.expect) == set(ACTORS), row.id


def readable(response: Any) -> str:
    """A response's text; for a download, the text of every file inside it."""
    if response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return str(response.content.decode())


def request_as(world: World, actor: str, row: Row) -> tuple[int | str, str]:
    from django.urls import reverse

    client = Client()
    person = world.person(actor)
    if person is not None:
        client.force_login(person)
    url = reverse(row.name, args=row.args(world))
    response = client.post(url, row.data) if row.method == "POST" else client.get(url)
    body = "" if response.status_code == 302 else readable(response)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN, body
    return response.status_code, body


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: row.id)
def test_matrix(db: None, row: Row, actor: str) -> None:
    world = build_world()
    got, _ = request_as(world, actor, row)
    assert got == row.expect[actor], f"{actor} {row.id}: expected {row.expect[actor]}, got {got}"


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "alice"])
def test_alices_private_words_reach_nobody_else(
    db: None, actor: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    world = build_world()
    for row in MATRIX:
        if row.method != "GET":
            continue
        _, body = request_as(world, actor, row)
        for canary in (*world.canaries, *world.private_links):
            assert canary not in body, f"{actor} saw Alice's private text on {row.name}"
    for canary in world.canaries:
        assert canary not in caplog.text
        for message in mail.outbox:
            assert canary not in str(message.subject) + str(message.body)


def test_bob_sees_only_what_alice_shared(db: None) -> None:
    world = build_world()
    _, body = request_as(world, "bob", Row("journeys:day", "GET", day_one, {}))
    assert SHARED_TEXT in body
    for canary in world.canaries:
        assert canary not in body


def test_alice_sees_her_own_words(db: None) -> None:
    world = build_world()
    _, body = request_as(world, "alice", Row("journeys:day", "GET", day_one, {}))
    assert "canary-private-7Q4Z" in body
    assert "canary-waiting-K2PX" in body


def test_admin_is_staff_only(db: None) -> None:
    world = build_world()
    for actor in ("alice", "bob", "carol", "theo", "tess"):
        client = Client()
        person = world.person(actor)
        assert person is not None
        client.force_login(person)
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = Client()
    stan = world.person("staff")
    assert stan is not None
    staff.force_login(stan)
    assert staff.get("/admin/").status_code == 200


def test_admin_never_shows_private_answers(db: None) -> None:
    """Staff run the service; they do not read what people wrote."""
    from django.contrib import admin

    from attune.journeys.models import ReflectionAnswer

    assert ReflectionAnswer not in admin.site._registry
