"""Every change to an account: profile settings and deletion.

Signing out other sessions is allauth's own usersessions flow; Attune links to it."""

import logging

from django.db import transaction

from attune.accounts.models import User
from attune.care.services import forget_person
from attune.couples.services import unlink
from attune.cycles.services import forget_couple_maps

log = logging.getLogger(__name__)


def update_profile(person: User, display_name: str, time_zone: str) -> None:
    """Save the name and time zone a person chose."""
    person.display_name = display_name
    person.time_zone = time_zone
    person.save(update_fields=["display_name", "time_zone"])


def delete_account(person: User) -> None:
    """Erase the person and everything they wrote. Their partner keeps their own data."""
    with transaction.atomic():
        # Unlink first so the couple ends cleanly for the partner, with no trace of why.
        unlink(person)
        # A couple's map name and plan were written together; with the couple over and one
        # of its two people gone, nobody may see them again, so they go too.
        forget_couple_maps(person)
        # Invitations and consultation requests that name the person only by e-mail address.
        forget_person(person)
        person_id = person.pk
        person.delete()
    log.info("account deleted id=%s", person_id)
