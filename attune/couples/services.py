"""Every change to couples: invite, withdraw, accept (link) and unlink."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.access import current_couple
from attune.couples.models import Couple, CoupleMember, Invitation

log = logging.getLogger(__name__)


class CoupleError(Exception):
    """A change that cannot happen; the message is safe and kind to show the person."""


def create_invitation(inviter: User, email: str = "", base_url: str = "") -> Invitation:
    """Make a single-use invitation; e-mail it when an address is given."""
    if current_couple(inviter) is not None:
        raise CoupleError("You're already linked with a partner. Unlink first to invite someone.")
    invitation = Invitation.objects.create(inviter=inviter, email=email)
    log.info("invitation created id=%s", invitation.id)
    if email:
        link = base_url + reverse("couples:join", args=[invitation.token])
        body = render_to_string(
            "couples/email/invitation.txt",
            {"inviter": inviter, "link": link, "invitation": invitation},
        )
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}an invitation to link",
            body,
            None,
            [email],
        )
    return invitation


def withdraw_invitation(invitation: Invitation) -> None:
    """Make a pending invitation unusable at once."""
    if invitation.status == Invitation.Status.PENDING:
        invitation.status = Invitation.Status.WITHDRAWN
        invitation.save(update_fields=["status"])


def accept_invitation(invitation: Invitation, person: User) -> Couple:
    """Link the inviter and the person accepting, if both are free to link."""
    with transaction.atomic():
        # Lock the invitation so two tabs cannot accept it twice.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise CoupleError("This invitation can't be used any more. Ask for a new one.")
        if invitation.inviter_id == person.pk:
            raise CoupleError("This is your own invitation. Pass the link or code to your partner.")
        if current_couple(person) is not None:
            raise CoupleError("You're already linked with a partner. Unlink first to accept.")
        if current_couple(invitation.inviter) is not None:
            raise CoupleError("This invitation can't be used any more. Ask for a new one.")
        couple = Couple.objects.create()
        CoupleMember.objects.create(couple=couple, person=invitation.inviter)
        CoupleMember.objects.create(couple=couple, person=person)
        invitation.status = Invitation.Status.ACCEPTED
        invitation.save(update_fields=["status"])
        # Any other open invitation from either person would now be misleading.
        Invitation.objects.filter(
            inviter__in=[invitation.inviter, person], status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.WITHDRAWN)
    log.info("couple linked id=%s", couple.id)
    return couple


def unlink(person: User) -> None:
    """End the person's couple at once. Nobody is told; nothing shared stays visible."""
    with transaction.atomic():
        couple = current_couple(person)
        if couple is None:
            return
        couple.ended_at = timezone.now()
        couple.save(update_fields=["ended_at"])
        couple.members.update(is_current=False)
    log.info("couple ended id=%s", couple.id)
