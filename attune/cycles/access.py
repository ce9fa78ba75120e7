"""Who may see which side of a cycle map. Views never filter sides by hand.

A partner's side shows only when both partners of the current couple have marked their sides
ready; until then nothing about it shows — not whether it exists, nor whether it is ready.
Earlier versions of a side, and maps made alone, are only ever their writer's.
"""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from attune.accounts.models import User
from attune.couples.access import current_couple
from attune.couples.models import Couple, CoupleMember
from attune.cycles.models import CycleMap, CycleSide, CycleSideVersion


def sides_visible_to(viewer: User, couple: Couple | None) -> QuerySet[CycleSide]:
    """The viewer's own sides, and their partner's side once both are ready in `couple`.

    `couple` is the viewer's current couple (from couples.access.current_couple), passed in
    so a page asks for it once.
    """
    mine = Q(person=viewer)
    if couple is None:
        return CycleSide.objects.filter(mine)
    # Subqueries, not joins: a join through memberships would repeat the viewer's own rows.
    still_in_couple = CoupleMember.objects.filter(
        couple=couple, person=OuterRef("person"), is_current=True
    )
    mine_is_ready = CycleSide.objects.filter(person=viewer, couple=couple, ready_at__isnull=False)
    partners = (
        ~Q(person=viewer)
        & Q(couple=couple)
        & Q(ready_at__isnull=False)
        & Q(Exists(still_in_couple))
        & Q(Exists(mine_is_ready))
    )
    return CycleSide.objects.filter(mine | partners)


@dataclass(frozen=True)
class SharedMap:
    """A couple's map, once both sides are ready: both sides and the words they gave it."""

    couple: Couple
    mine: CycleSide
    theirs: CycleSide
    words: CycleMap | None


def shared_map_for(viewer: User, couple: Couple | None) -> SharedMap | None:
    """The couple's map when both have marked their sides ready; otherwise None."""
    if couple is None:
        return None
    sides = list(
        sides_visible_to(viewer, couple)
        .filter(couple=couple, ready_at__isnull=False)
        .select_related("person")
    )
    mine = next((side for side in sides if side.person_id == viewer.pk), None)
    theirs = next((side for side in sides if side.person_id != viewer.pk), None)
    if mine is None or theirs is None:
        return None
    return SharedMap(couple, mine, theirs, CycleMap.objects.filter(couple=couple).first())


def own_couple_side(viewer: User, couple: Couple) -> CycleSide | None:
    """The side the viewer is writing (or wrote) for their current couple."""
    return CycleSide.objects.filter(person=viewer, couple=couple).first()


def own_sides_alone(viewer: User) -> tuple[CycleSide | None, CycleSide | None]:
    """The viewer's own side and their guess of their partner's, in the map they made alone."""
    sides = list(CycleSide.objects.filter(person=viewer, couple__isnull=True))
    mine = next((side for side in sides if not side.is_guess), None)
    guess = next((side for side in sides if side.is_guess), None)
    return mine, guess


def own_map_alone(viewer: User) -> CycleMap | None:
    """The name and plan of the map the viewer made alone."""
    return CycleMap.objects.filter(person=viewer).first()


def get_own_side(viewer: User, side_id: UUID) -> CycleSide:
    """One side the viewer wrote, or 404 alike for missing and not theirs."""
    try:
        return CycleSide.objects.get(id=side_id, person=viewer)
    except CycleSide.DoesNotExist as missing:
        raise Http404 from missing


def versions_of(side: CycleSide) -> QuerySet[CycleSideVersion]:
    """Every saved version of a side, newest first. Callers pass only the viewer's own side."""
    return side.versions.order_by("-number")


def export_for(person: User) -> dict[str, object]:
    """The sides the person wrote (with their versions), their own map, and the couple map
    they see now (the partner's side only once both were ready, as on the page)."""
    fields = ("moves", "move_words", "partner_sees", "surface", "underneath", "fear", "need")
    sides = CycleSide.objects.filter(person=person).prefetch_related("versions")
    own_map = own_map_alone(person)
    shared = shared_map_for(person, current_couple(person))
    return {
        "my_sides": [
            {
                "for": "my own map" if side.couple_id is None else "a couple's map",
                "is_guess_of_partner": side.is_guess,
                **{name: getattr(side, name) for name in fields},
                "versions": [
                    {name: getattr(version, name, "") for name in fields}
                    for version in side.versions.all()
                ],
            }
            for side in sides
        ],
        "my_own_map": {"name": own_map.name, "plan": own_map.plan} if own_map else None,
        "shared_with_me": (
            {
                "partner_side": {name: getattr(shared.theirs, name) for name in fields},
                "name": shared.words.name if shared.words else "",
                "plan": shared.words.plan if shared.words else "",
            }
            if shared
            else None
        ),
    }
