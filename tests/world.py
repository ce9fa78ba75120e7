"""A small world with private things in it, for the authorization matrix and canary tests.

Alice and Bob are linked and do the Attachment Healing journey together. Dana is Alice's
former partner; Carol is a stranger; Stan is staff. Alice plants private text (canaries) in
every place private text can live; none of it may ever reach anyone else.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from attune.accounts.models import User
from attune.assessments.models import Assessment
from attune.couples.models import Couple, CoupleMember, Invitation
from attune.journeys.models import Enrollment, Journey, ReflectionAnswer, ReflectionQuestion
from attune.journeys.services import save_answer
from attune.safety.models import SafetyCheck
from tests.cast import import_real_content, link, make_person

PRIVATE_CANARY = "canary-private-7Q4Z: the thing I have never told anyone"
WAITING_CANARY = "canary-waiting-K2PX: only once Bob answers too"
FORMER_CANARY = "canary-former-M8RT: shared with Dana long ago"
INVITE_CANARY = "canary-invitee-3JXW@example.com"
SHARED_TEXT = "Alice chose to share this with Bob"
CANARIES = (PRIVATE_CANARY, WAITING_CANARY, FORMER_CANARY, INVITE_CANARY)


@dataclass
class World:
    """Everyone in the cast, and the resources the matrix points at."""

    people: dict[str, User]
    couple: Couple
    former_couple: Couple
    invitation: Invitation
    journey: Journey
    private_result: Assessment
    shared_result: Assessment
    # Resources that other apps' matrix modules create (by name) and their private words.
    extras: dict[str, object] = field(default_factory=dict)
    more_canaries: list[str] = field(default_factory=list)

    @property
    def canaries(self) -> tuple[str, ...]:
        """Alice's private words: never on anyone else's page, in a log line or an e-mail."""
        return (*CANARIES, *self.more_canaries)

    @property
    def private_links(self) -> tuple[str, ...]:
        """Addresses of Alice's private things: never linked from anyone else's page. (A log
        may name a path someone typed themselves; that is not a leak of Alice's words.)"""
        return (f"/assessments/results/{self.private_result.id}/",)

    def person(self, actor: str) -> User | None:
        return self.people.get(actor)


def build_world() -> World:
    """Create the cast and Alice's private and shared things."""
    import_real_content()
    alice = make_person("alice@example.com", "Alice", "Europe/London")
    bob = make_person("bob@example.com", "Bob", "America/New_York")
    carol = make_person("carol@example.com", "Carol")
    dana = make_person("dana@example.com", "Dana")
    theo = make_person("theo@example.com", "Theo")
    tess = make_person("tess@example.com", "Tess")
    stan = make_person("stan@example.com", "Stan")
    stan.is_staff = True
    stan.is_superuser = True
    stan.save()

    former = link(alice, dana)
    journey = Journey.objects.get(slug="attachment-healing")
    questions = list(
        ReflectionQuestion.objects.filter(day__journey=journey, day__number=1).order_by("number")
    )
    # Something Alice shared with Dana while they were together stays with that couple.
    save_answer(alice, questions[3], FORMER_CANARY, ReflectionAnswer.Sharing.SHARED)
    former.ended_at = timezone.now()
    former.save()
    CoupleMember.objects.filter(couple=former).update(is_current=False)

    # Alice invited someone before linking with Bob; the invitation stays hers alone.
    invitation = Invitation.objects.create(inviter=alice, email=INVITE_CANARY)
    couple = link(alice, bob)
    today = timezone.localdate()
    Enrollment.objects.create(person=alice, journey=journey, couple=couple, started_on=today)
    Enrollment.objects.create(person=bob, journey=journey, couple=couple, started_on=today)
    Enrollment.objects.create(person=dana, journey=journey, started_on=today)
    save_answer(alice, questions[0], PRIVATE_CANARY, ReflectionAnswer.Sharing.PRIVATE)
    save_answer(alice, questions[1], SHARED_TEXT, ReflectionAnswer.Sharing.SHARED)
    save_answer(alice, questions[2], WAITING_CANARY, ReflectionAnswer.Sharing.WHEN_BOTH)
    # Alice told the private safety check she is afraid; nobody else may ever learn it.
    SafetyCheck.objects.create(
        person=alice, afraid="yes", hurt="no", threatened="no", forced="no", controlled="no"
    )
    now = timezone.now()
    private_result = Assessment.objects.create(
        person=alice,
        instrument="ecr-r",
        answers={f"ecr-r-{n:02d}": 7 for n in range(1, 37)},
        completed_at=now,
        completed_on=now.date(),
        scores={"anxiety": 6.333, "avoidance": 3.0},
        style="anxious",
        near_boundary=True,
    )
    shared_result = Assessment.objects.create(
        person=alice,
        instrument="csi-4",
        answers={"csi-happy": 3, "csi-warm": 4, "csi-rewarding": 4, "csi-satisfied": 3},
        completed_at=now,
        completed_on=now.date(),
        scores={"total": 14.0},
        distressed=False,
        shared_in=couple,
    )
    world = World(
        people={
            "alice": alice,
            "bob": bob,
            "carol": carol,
            "dana": dana,
            "theo": theo,
            "tess": tess,
            "staff": stan,
        },
        couple=couple,
        former_couple=former,
        invitation=invitation,
        journey=journey,
        private_result=private_result,
        shared_result=shared_result,
    )
    from tests.matrix import care, cycles, journal, practices  # each app plants its own things

    for plant in (journal.plant, cycles.plant, practices.plant, care.plant):
        plant(world)
    return world
