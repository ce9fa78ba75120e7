"""In a real browser: a therapist invites a client, who grants and then revokes access."""

import re
from typing import Any

from django.core import mail
from django.utils import timezone

from attune.care.models import Practitioner
from attune.journeys.models import Enrollment, Journey
from tests.browser.test_couple import log_in
from tests.cast import import_real_content, make_person


def test_a_client_grants_and_revokes_a_practitioners_access(
    live_server: Any, new_page: Any, transactional_db: None
) -> None:
    import_real_content()
    base = live_server.url
    alice_person = make_person("alice@example.com", "Alice")
    theo_person = make_person("theo@example.com", "Theo")
    Practitioner.objects.create(
        user=theo_person,
        name="Theo Marsh",
        credentials="MSc, Couple Psychotherapist",
        licence="UKCP 40312",
        online=True,
        country="United Kingdom",
        languages="English",
        contact_email="theo@example.com",
        verified_at=timezone.now(),
    )
    Enrollment.objects.create(
        person=alice_person,
        journey=Journey.objects.get(slug="attachment-healing"),
        started_on=timezone.localdate(),
    )

    theo = new_page()
    log_in(theo, base, "theo@example.com")
    theo.goto(f"{base}/care/portal/")
    theo.fill("input[name=email]", "alice@example.com")
    theo.click("text=Send the invitation")
    theo.wait_for_url(re.compile(r"/care/portal/$"))
    body = str(next(m.body for m in reversed(mail.outbox) if "alice@example.com" in m.to))
    link = re.search(r"http://\S+/care/invitations/\S+/", body)
    assert link is not None

    alice = new_page()
    log_in(alice, base, "alice@example.com")
    alice.goto(link.group(0))
    alice.click("text=Accept and choose what to share")
    alice.wait_for_url(re.compile(r"/care/#practitioner-"))
    alice.check("text=Journey progress")
    alice.click("text=Save what Theo Marsh may see")
    alice.wait_for_url(re.compile(r"/care/"))
    assert "sees only what is ticked" in alice.inner_text("main")

    theo.goto(f"{base}/care/portal/")
    theo.click("a:has-text('Alice')")
    theo.wait_for_url(re.compile(r"/care/portal/clients/"))
    seen = theo.inner_text("main")
    assert "Journey progress" in seen and "0 of 30 days finished" in seen

    alice.uncheck("text=Journey progress")
    alice.click("text=Save what Theo Marsh may see")
    alice.wait_for_url(re.compile(r"/care/"))
    assert "sees none of your work now" in alice.inner_text("main")

    theo.reload()
    seen = theo.inner_text("main")
    assert "days finished" not in seen
    assert "isn't sharing any of their work with you" in seen

    alice.goto(f"{base}/care/")
    assert "Journey progress —" in alice.inner_text("main")
