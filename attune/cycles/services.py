"""Every change to cycle maps: writing and revising a side, marking it ready, naming the map.

Revising a side keeps it ready. Before the map shows, that changes nothing anyone else can
see. After it shows, the revised side appears in the shared map at once: marking a side ready
is the writer's consent to show their current side in this couple's map, and taking the map
away from both partners whenever one of them fixes a word would be unkind to the other. A
writer who wants their side out of the map marks it "not ready" again. Every saved change is
kept as a version that only its writer can see.
"""

import logging
from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.models import Couple, CoupleMember
from attune.cycles.models import CycleMap, CycleSide, CycleSideVersion

log = logging.getLogger(__name__)

CONTENT_FIELDS = ("moves", "move_words", "partner_sees", "surface", "underneath", "fear", "need")


class CycleError(Exception):
    """A change that cannot happen; the message is kind and safe to show."""


@dataclass(frozen=True)
class SideContent:
    """What one side of the loop says."""

    moves: tuple[str, ...] = ()
    move_words: str = ""
    partner_sees: str = ""
    surface: str = ""
    underneath: str = ""
    fear: str = ""
    need: str = ""

    @property
    def has_move(self) -> bool:
        return bool(self.moves or self.move_words.strip())

    @property
    def is_empty(self) -> bool:
        return not self.has_move and not any(
            text.strip()
            for text in (self.partner_sees, self.surface, self.underneath, self.fear, self.need)
        )

    def as_fields(self) -> dict[str, object]:
        """The content as model field values."""
        fields = asdict(self)
        fields["moves"] = list(self.moves)
        return fields


def content_of(side: CycleSide | CycleSideVersion) -> SideContent:
    """What a saved side or version says."""
    return SideContent(
        moves=tuple(side.moves),
        move_words=side.move_words,
        partner_sees=side.partner_sees,
        surface=side.surface,
        underneath=side.underneath,
        fear=side.fear,
        need=side.need,
    )


def save_side(
    person: User,
    couple: Couple | None,
    content: SideContent,
    *,
    is_guess: bool = False,
    mark_ready: bool = False,
) -> CycleSide:
    """Write or revise a side (a couple's, or one in a map made alone); keep each version."""
    if mark_ready and (couple is None or not content.has_move):
        raise CycleError(
            "Before marking your side ready, say what you do when you feel disconnected."
        )
    with transaction.atomic():
        sides = CycleSide.objects.select_for_update().filter(person=person, is_guess=is_guess)
        sides = sides.filter(couple=couple) if couple else sides.filter(couple__isnull=True)
        side = sides.first()
        now = timezone.now()
        created = False
        if side is None:
            try:
                with transaction.atomic():
                    side = CycleSide.objects.create(
                        person=person, couple=couple, is_guess=is_guess, **content.as_fields()
                    )
                    _keep_version(side, content, 1)
                created = True
            except IntegrityError:  # a second tab wrote the first version a moment ago
                side = sides.get()
        if not created and content_of(side) != content:
            for name, value in content.as_fields().items():
                setattr(side, name, value)
            side.updated_at = now
            side.save(update_fields=[*CONTENT_FIELDS, "updated_at"])
            last = side.versions.aggregate(last=Max("number"))["last"] or 0
            _keep_version(side, content, last + 1)
        if mark_ready and side.ready_at is None:
            side.ready_at = now
            side.save(update_fields=["ready_at"])
    log.info("cycle side saved id=%s", side.id)
    return side


def _keep_version(side: CycleSide, content: SideContent, number: int) -> None:
    CycleSideVersion.objects.create(side=side, number=number, **content.as_fields())


def set_ready(person: User, couple: Couple, ready: bool) -> CycleSide:
    """Mark my side of our map ready to show once my partner's is, or take it back."""
    side = CycleSide.objects.filter(person=person, couple=couple).first()
    if side is None or (ready and not content_of(side).has_move):
        raise CycleError(
            "Before marking your side ready, say what you do when you feel disconnected."
        )
    side.ready_at = timezone.now() if ready else None
    side.save(update_fields=["ready_at"])
    log.info("cycle side %s id=%s", "ready" if ready else "not ready", side.id)
    return side


def save_map_words(couple: Couple, name: str, plan: str) -> CycleMap:
    """Name the couple's cycle and write the plan for catching it; either partner may."""
    words, _ = CycleMap.objects.update_or_create(
        couple=couple, defaults={"name": name, "plan": plan, "updated_at": timezone.now()}
    )
    log.info("cycle map named id=%s", words.id)
    return words


def save_map_alone(
    person: User, mine: SideContent, guess: SideContent, name: str, plan: str
) -> CycleMap:
    """Save the map a person makes alone: their side, their guess of their partner's, its name."""
    with transaction.atomic():
        existing = set(
            CycleSide.objects.filter(person=person, couple__isnull=True).values_list(
                "is_guess", flat=True
            )
        )
        for content, is_guess in ((mine, False), (guess, True)):
            # An empty guess is not a side yet; a side once written is kept, even emptied.
            if not content.is_empty or is_guess in existing:
                save_side(person, None, content, is_guess=is_guess)
        words, _ = CycleMap.objects.update_or_create(
            person=person, defaults={"name": name, "plan": plan, "updated_at": timezone.now()}
        )
    log.info("cycle map alone saved id=%s", words.id)
    return words


def forget_couple_maps(person: User) -> None:
    """Delete the name and plan of every couple map the person was part of (on deletion)."""
    couples = CoupleMember.objects.filter(person=person).values("couple")
    CycleMap.objects.filter(couple__in=couples).delete()
