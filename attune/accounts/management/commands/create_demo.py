"""create_demo: a demo couple to look around with, printed with their passwords."""

import secrets
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from attune.accounts.models import User
from attune.couples.access import partner_of
from attune.couples.services import accept_invitation, create_invitation
from attune.journeys.models import Enrollment, Journey
from attune.journeys.services import join_partner_journey, start_journey, today_for

DEMO_PEOPLE = (("maya@demo.attune.invalid", "Maya"), ("jordan@demo.attune.invalid", "Jordan"))


class Command(BaseCommand):
    help = "Create (or reset) a linked demo couple a few days into Attachment Healing."

    def handle(self, *args: Any, **options: Any) -> None:
        password = "demo-" + secrets.token_urlsafe(8)
        with transaction.atomic():
            people = [self.person(email, name, password) for email, name in DEMO_PEOPLE]
            first, second = people
            if partner_of(first) != second:
                accept_invitation(create_invitation(first), second)
            journey = Journey.objects.filter(slug="attachment-healing").first()
            if journey is not None and not Enrollment.objects.filter(person=first).exists():
                start_journey(first, journey, together=True)
                join_partner_journey(second, journey)
                # Start a few days back, so there is more than one day to look at.
                Enrollment.objects.filter(person__in=people).update(
                    started_on=today_for(first) - timedelta(days=3)
                )
        self.stdout.write("Demo couple (linked, on Day 4 of Attachment Healing):")
        for email, name in DEMO_PEOPLE:
            self.stdout.write(f"  {name}: {email}  password: {password}")

    def person(self, email: str, name: str, password: str) -> User:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email=email, display_name=name)
        person.set_password(password)
        person.save()
        EmailAddress.objects.update_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        return person
