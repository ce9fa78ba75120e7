"""Who is whose partner, and who may see an invitation. Views never decide this themselves."""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember, Invitation


def current_couple(person: User) -> Couple | None:
    """The couple this person is in right now, if any."""
    membership = (
        CoupleMember.objects.filter(person=person, is_current=True).select_related("couple").first()
    )
    return membership.couple if membership else None


def partner_of(person: User) -> User | None:
    """The person's current partner, or None. A former partner is nobody's partner."""
    membership = (
        CoupleMember.objects.filter(
            couple__members__person=person,
            couple__members__is_current=True,
            is_current=True,
        )
        .exclude(person=person)
        .select_related("person")
        .first()
    )
    return membership.person if membership else None


def invitations_visible_to(person: User) -> QuerySet[Invitation]:
    """The invitations a person sent; nobody else's."""
    return Invitation.objects.filter(inviter=person)


def get_invitation_for_inviter(person: User, invitation_id: UUID | str) -> Invitation:
    """One invitation the person sent, or 404 alike for missing and not theirs."""
    try:
        return invitations_visible_to(person).get(id=invitation_id)
    except (Invitation.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def find_invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind a link; whoever holds the link may look at it."""
    return Invitation.objects.select_related("inviter").filter(token=token).first()


def find_invitation_by_code(code: str) -> Invitation | None:
    """The invitation behind a short code, typed with any spacing or case."""
    cleaned = "".join(code.split()).replace("-", "").upper()
    return Invitation.objects.select_related("inviter").filter(code=cleaned).first()


def export_for(person: User) -> dict[str, object]:
    """The person's link and the invitations they sent."""
    partner = partner_of(person)
    return {
        "linked_with": partner.name if partner else None,
        "invitations_sent": [
            {
                "email": invitation.email,
                "status": invitation.status,
                "created_at": invitation.created_at.isoformat(),
                "expires_at": invitation.expires_at.isoformat(),
            }
            for invitation in invitations_visible_to(person).order_by("created_at")
        ],
    }
