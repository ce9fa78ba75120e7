"""The Today page: what it shows each person, what it never shows, and what it costs.

Today's reads are plain SQL (attune/today/access.py), so these tests pin the same rules
the ORM versions follow elsewhere: one's own active journeys and finished days, a current
partner's invitations to a journey, and nothing of a former partner.
"""

from collections.abc import Callable
from typing import Any

from django.test import Client

from attune.accounts.models import User
from attune.couples.models import Couple
from attune.couples.services import unlink
from attune.journeys.models import Enrollment
from tests.cast import enrol, finish_days, text_of

ClientFor = Callable[[User | None], Client]
SLUG = "attachment-healing"


def today(client_for: ClientFor, person: User) -> str:
    response = client_for(person).get("/today/")
    assert response.status_code == 200
    return text_of(response)


def test_alone_and_new_it_invites_a_first_step(
    carol: User, client_for: ClientFor, journey_content: None
) -> None:
    page = today(client_for, carol)
    assert "Hello, Carol" in page
    assert "Begin a journey" in page
    assert "You're not linked with a partner" in page


def test_the_next_day_is_the_first_open_day_not_finished(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    enrollment = enrol(alice, days_ago=4)
    finish_days(enrollment, [1, 2, 3])
    page = today(client_for, alice)
    assert "Attachment Healing: Day 4" in page
    assert "Days open: 5 of 30" in page
    assert "On your own." in page
    finish_days(enrollment, [4, 5])
    assert "Attachment Healing: Day 5" in today(client_for, alice)  # caught up: the last open


def test_paused_and_left_journeys_stay_off_today(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    enrollment = enrol(alice)
    for status in (Enrollment.Status.PAUSED, Enrollment.Status.LEFT):
        enrollment.status = status
        enrollment.save()
        page = today(client_for, alice)
        assert "Attachment Healing: Day" not in page
        assert "Begin a journey" in page


def test_a_partner_s_invitation_shows_until_joined(
    couple: Couple, alice: User, bob: User, client_for: ClientFor, journey_content: None
) -> None:
    enrol(bob, couple, days_ago=2)
    page = today(client_for, alice)
    assert "Bob would like to do “Attachment Healing” with you" in page
    assert "You're linked with Bob" in page
    enrol(alice, couple)
    page = today(client_for, alice)
    assert "would like to do" not in page
    assert "Attachment Healing: Day 1" in page
    assert "Together with your partner." in page


def test_a_partner_s_progress_never_moves_one_s_own_day(
    couple: Couple, alice: User, bob: User, client_for: ClientFor, journey_content: None
) -> None:
    finish_days(enrol(bob, couple, days_ago=6), range(1, 7))
    enrol(alice, couple, days_ago=6)
    assert "Attachment Healing: Day 1" in today(client_for, alice)


def test_a_partner_who_left_the_journey_invites_nobody(
    couple: Couple, alice: User, bob: User, client_for: ClientFor, journey_content: None
) -> None:
    enrollment = enrol(bob, couple)
    enrollment.status = Enrollment.Status.LEFT
    enrollment.save()
    assert "would like to do" not in today(client_for, alice)


def test_after_unlinking_no_invitation_and_no_partner(
    couple: Couple, alice: User, bob: User, client_for: ClientFor, journey_content: None
) -> None:
    enrol(bob, couple)
    unlink(bob)
    page = today(client_for, alice)
    assert "would like to do" not in page
    assert "Bob" not in page
    assert "You're not linked with a partner" in page


def test_a_former_partner_s_journeys_are_never_offered(
    couple: Couple, alice: User, dana: User, client_for: ClientFor, journey_content: None
) -> None:
    former = Couple.objects.filter(members__person=dana).get()
    enrol(dana, former)
    page = today(client_for, alice)
    assert "Dana" not in page
    assert "would like to do" not in page
    assert "Alice" not in today(client_for, dana)


def test_today_costs_four_small_queries_however_much_history(
    couple: Couple,
    alice: User,
    bob: User,
    client_for: ClientFor,
    journey_content: None,
    django_assert_num_queries: Any,
) -> None:
    """The session, the person, the partner with the journeys, and the finished days."""
    mine = enrol(alice, couple, days_ago=29)
    enrol(bob, couple, days_ago=29)
    client = client_for(alice)
    client.get("/today/")
    with django_assert_num_queries(4):
        assert client.get("/today/").status_code == 200
    finish_days(mine, range(1, 30))
    with django_assert_num_queries(4):
        page = text_of(client.get("/today/"))
    assert "Attachment Healing: Day 30" in page


def test_the_site_links_match_reverse_even_under_a_script_prefix(
    alice: User, client_for: ClientFor, journey_content: None
) -> None:
    from django.templatetags.static import static
    from django.test import RequestFactory
    from django.urls import reverse, set_script_prefix

    from attune.today.context_processors import SITE_LINKS, site_links

    for person in (None, alice):
        page = client_for(person).get("/safety/").content.decode()
        assert f'href="{reverse("safety:resources")}"' in page
        assert f'href="{reverse("privacy")}"' in page
    signed_in = client_for(alice).get("/today/").content.decode()
    assert f'href="{static("attune.css")}"' in signed_in
    assert f'src="{static("quick-exit.js")}"' in signed_in
    for name in ("journeys:catalog", "journal:index", "care:index", "accounts:account"):
        assert f'href="{reverse(name)}"' in signed_in
    assert set(SITE_LINKS.values()) >= {"today", "home", "privacy", "safety:resources"}
    # Behind a proxy that mounts Attune under a path, every link carries that path.
    request = RequestFactory().get("/today/")
    set_script_prefix("/attune/")
    try:
        mounted = site_links(request)["links"]
    finally:
        set_script_prefix("/")
    assert mounted["journal"] == "/attune/journal/"
    assert site_links(request)["links"]["journal"] == "/journal/"


def test_the_shared_header_fits_who_is_looking(
    alice: User, client_for: ClientFor, journey_content: None, settings: Any
) -> None:
    visitor = text_of(client_for(None).get("/safety/"))
    signed_in = text_of(client_for(alice).get("/safety/"))
    assert "Log in" in visitor and "Journal" not in visitor
    assert "Journal" in signed_in and "Log in" not in signed_in
    for page in (visitor, signed_in):
        assert "Attune is not therapy and not for emergencies." in page
    # In development the header and footer are rendered afresh, so template edits show.
    settings.DEBUG = True
    assert "Journal" in text_of(client_for(alice).get("/safety/"))
