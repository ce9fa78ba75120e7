"""Authorization matrix rows and planted private things for the care app (practitioners).

Theo and Tess are verified practitioners. Alice and Bob are both Theo's clients: Alice granted
Theo her journey progress and her questionnaire results; Bob granted nothing. Tess has no
client at all. Theo left Alice a note for her only, and one for both partners, and suggested a
day as homework. Alice also asked Pia (a practitioner who is not in the cast) for a
consultation: that message is hers and Pia's alone.

Alice chose one journal entry for Theo, and took back another: the one taken back is a canary.
Every other journal entry and her cycle map are not granted, so the journal and cycles apps'
canaries must stay away from Theo too. Bob granted Theo his cycle map; Alice's side of their
map still shows nowhere, because that is hers to grant.

What Theo may see is not planted as a canary (he may see it); Alice's canaries are the things
no other actor may ever see. Bob's things, and the note to Alice only, have their own checks
in tests/test_care.py.
"""

from django.utils import timezone

from attune.assessments.models import Assessment
from attune.care import services
from attune.care.models import (
    AccessEvent,
    Approach,
    CareNote,
    CareRelationship,
    ClientInvitation,
    ConsentGrant,
    ConsultationRequest,
    GrantKind,
    Homework,
    Practitioner,
)
from attune.journal.models import JournalEntry
from attune.journeys.models import JourneyDay
from tests.cast import make_person
from tests.matrix.base import (
    NOT_FOUND,
    OK,
    REDIRECT,
    SLUG,
    Row,
    everyone,
    no_args,
    signed_in,
)
from tests.world import World

CONSULTATION_CANARY = "canary-consultation-T6MW: what I asked Pia about us"
NOTE_FOR_ALICE = "note-for-alice-only-Q8RD: something between Alice and Theo"
NOTE_FOR_BOTH = "A note Theo wrote to Alice and Bob together"
ENTRY_FOR_THEO = "Alice chose this journal entry for Theo"
TAKEN_BACK_CANARY = "canary-care-taken-back-V4SJ: an entry Alice no longer shares"
BOB_SHARED_RESULT_INSTRUMENT = "csi-16"
CONFLICT = 409

VALID_CONSULTATION = {
    "name": "Sam",
    "email": "sam@example.com",
    "contact_by": "email",
    "best_time": "Weekday evenings",
    "message": "We'd like to talk about couple sessions.",
}


def theo_profile(world: World) -> list[object]:
    return [world.extras["care.theo"]]


def unlisted_profile(world: World) -> list[object]:
    return [world.extras["care.unlisted"]]


def alice_with_theo(world: World) -> list[object]:
    return [world.extras["care.alice_theo"]]


def bob_with_theo(world: World) -> list[object]:
    return [world.extras["care.bob_theo"]]


def theo_invitation_token(world: World) -> list[object]:
    return [world.extras["care.invitation_token"]]


def theo_invitation_id(world: World) -> list[object]:
    return [world.extras["care.invitation"]]


def note_to_alice(world: World) -> list[object]:
    return [world.extras["care.note"]]


def homework_for_alice(world: World) -> list[object]:
    return [world.extras["care.homework"]]


def practitioners_only(code: int | str, **others: int | str) -> dict[str, int | str]:
    """Pages for verified practitioners: 404 for every other signed-in person."""
    return signed_in(NOT_FOUND, theo=code, tess=code, **others)


ROWS: list[Row] = [
    # Finding a therapist: public, the same for everyone; unverified profiles exist for nobody.
    Row("care:directory", "GET", no_args, everyone(OK)),
    Row("care:questions", "GET", no_args, everyone(OK)),
    Row("care:profile", "GET", theo_profile, everyone(OK)),
    Row("care:profile", "GET", unlisted_profile, everyone(NOT_FOUND)),
    Row("care:consult", "GET", theo_profile, everyone(OK)),
    Row("care:consult", "GET", unlisted_profile, everyone(NOT_FOUND)),
    Row("care:consult", "POST", theo_profile, everyone(REDIRECT), data=VALID_CONSULTATION),
    Row("care:consult_sent", "GET", theo_profile, everyone(OK)),
    # A client's own care page and the choices on it: Alice's relationship is Alice's alone,
    # and not Theo's to change.
    Row("care:index", "GET", no_args, signed_in(OK)),
    Row("care:preview", "GET", alice_with_theo, signed_in(NOT_FOUND, alice=OK)),
    Row("care:history", "GET", alice_with_theo, signed_in(NOT_FOUND, alice=OK)),
    Row("care:end", "GET", alice_with_theo, signed_in(NOT_FOUND, alice=OK)),
    Row("care:end", "POST", alice_with_theo, signed_in(NOT_FOUND, alice=REDIRECT)),
    Row(
        "care:grants",
        "POST",
        alice_with_theo,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"kinds": GrantKind.JOURNEY_PROGRESS},
    ),
    Row("care:homework_done", "POST", homework_for_alice, signed_in(NOT_FOUND, alice=REDIRECT)),
    Row("care:entries", "GET", alice_with_theo, signed_in(NOT_FOUND, alice=OK)),
    Row(
        "care:entries",
        "POST",
        alice_with_theo,
        signed_in(NOT_FOUND, alice=REDIRECT),
        data={"entries": "00000000-0000-0000-0000-000000000000"},
    ),
    # Theo's invitation: a link holder may look; Theo and his clients cannot accept it.
    Row("care:accept", "GET", theo_invitation_token, signed_in(OK)),
    Row(
        "care:accept",
        "POST",
        theo_invitation_token,
        signed_in(REDIRECT, alice=CONFLICT, bob=CONFLICT, theo=CONFLICT),
    ),
    # The portal: everyone signed in has one (a way to join, or their clients).
    Row("care:portal", "GET", no_args, signed_in(OK)),
    Row("care:profile_edit", "GET", no_args, signed_in(OK)),
    Row("care:requests", "GET", no_args, practitioners_only(OK)),
    Row(
        "care:invite",
        "POST",
        no_args,
        practitioners_only(REDIRECT),
        data={"email": "new-client@example.com"},
    ),
    Row(
        "care:withdraw_invitation",
        "POST",
        theo_invitation_id,
        signed_in(NOT_FOUND, theo=REDIRECT),
    ),
    # A client's page is Theo's alone; Alice reads hers through the preview instead.
    Row("care:client", "GET", alice_with_theo, signed_in(NOT_FOUND, theo=OK)),
    Row("care:client", "GET", bob_with_theo, signed_in(NOT_FOUND, theo=OK)),
    Row(
        "care:note",
        "POST",
        alice_with_theo,
        signed_in(NOT_FOUND, theo=REDIRECT),
        data={"text": "See you Thursday.", "audience": "client"},
    ),
    Row("care:note_delete", "POST", note_to_alice, signed_in(NOT_FOUND, theo=REDIRECT)),
    Row(
        "care:homework",
        "POST",
        alice_with_theo,
        signed_in(NOT_FOUND, theo=REDIRECT),
        data={"journey": SLUG, "day": "3"},
    ),
    Row(
        "care:homework_withdraw",
        "POST",
        homework_for_alice,
        signed_in(NOT_FOUND, theo=REDIRECT),
    ),
    Row("care:close", "POST", alice_with_theo, signed_in(NOT_FOUND, theo=REDIRECT)),
]


def approach(slug: str) -> Approach:
    """An approach the migrations offer (made again if a browser test flushed the table)."""
    found, _ = Approach.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    return found


def make_practitioner(world: World, actor: str, name: str, **details: object) -> Practitioner:
    """A verified practitioner profile for one of the cast."""
    person = world.people[actor]
    fields: dict[str, object] = {
        "name": name,
        "credentials": "MSc, Couple and Family Psychotherapist",
        "licence": "UKCP registration 40312",
        "online": True,
        "country": "United Kingdom",
        "languages": "English",
        "contact_email": person.email,
        "verified_at": timezone.now(),
        **details,
    }
    return Practitioner.objects.create(user=person, **fields)


def plant(world: World) -> None:
    """Make Theo and Tess practitioners; Alice grants Theo access to some of her things."""
    alice, bob = world.people["alice"], world.people["bob"]
    theo = make_practitioner(
        world,
        "theo",
        "Theo Marsh",
        in_person=True,
        city="Bristol",
        languages="English, French",
        bio="I work with couples caught in painful cycles.",
    )
    theo.approaches.set([approach("eft"), approach("attachment-based")])
    tess = make_practitioner(world, "tess", "Tess Okafor", languages="English, Spanish")
    tess.approaches.set([approach("gottman")])
    pia_person = make_person("pia@example.com", "Pia")
    pia = Practitioner.objects.create(
        user=pia_person,
        name="Pia Lund",
        credentials="Psychologist",
        licence="Psykologforeningen 1188",
        online=True,
        country="Norway",
        languages="Norwegian, English",
        contact_email="pia@example.com",
        verified_at=timezone.now(),
    )
    unlisted = Practitioner.objects.create(
        user=make_person("una@example.com", "Una"),
        name="Una Waiting",
        credentials="MA",
        licence="Not yet checked",
        online=True,
        country="Ireland",
        languages="English",
        contact_email="una@example.com",
    )

    alice_theo = CareRelationship.objects.create(practitioner=theo, client=alice)
    bob_theo = CareRelationship.objects.create(practitioner=theo, client=bob)
    for kind in (GrantKind.JOURNEY_PROGRESS, GrantKind.ASSESSMENT_RESULTS):
        ConsentGrant.objects.create(relationship=alice_theo, kind=kind)
    AccessEvent.objects.create(relationship=alice_theo, section=GrantKind.JOURNEY_PROGRESS)
    written_on = timezone.localdate(timezone.now(), alice.zone)
    for_theo = JournalEntry.objects.create(person=alice, written_on=written_on, text=ENTRY_FOR_THEO)
    taken_back = JournalEntry.objects.create(
        person=alice, written_on=written_on, text=TAKEN_BACK_CANARY
    )
    services.choose_entries(alice_theo, [for_theo, taken_back], [for_theo.id, taken_back.id])
    services.choose_entries(alice_theo, [taken_back], [])
    services.set_grants(bob_theo, [GrantKind.CYCLE_MAP])

    # Bob shared a result with Alice; Alice's grant to Theo must never carry it.
    now = timezone.now()
    Assessment.objects.create(
        person=bob,
        instrument=BOB_SHARED_RESULT_INSTRUMENT,
        answers={},
        completed_at=now,
        completed_on=now.date(),
        scores={"total": 61.0},
        distressed=False,
        shared_in=world.couple,
    )

    only_alice = CareNote.objects.create(
        practitioner=theo, audience=CareNote.Audience.CLIENT, text=NOTE_FOR_ALICE
    )
    only_alice.relationships.set([alice_theo])
    both = CareNote.objects.create(
        practitioner=theo, audience=CareNote.Audience.BOTH, text=NOTE_FOR_BOTH
    )
    both.relationships.set([alice_theo, bob_theo])
    day_two = JourneyDay.objects.get(journey=world.journey, number=2)
    homework = Homework.objects.create(
        relationship=alice_theo, journey=world.journey, day=day_two, note="Try it before Thursday"
    )
    invitation = ClientInvitation.objects.create(practitioner=theo, email="new-client@example.com")

    ConsultationRequest.objects.create(
        practitioner=pia,
        name="Alice",
        email=alice.email,
        contact_by=ConsultationRequest.ContactBy.EMAIL,
        message=CONSULTATION_CANARY,
    )
    ConsultationRequest.objects.create(
        practitioner=theo,
        name="Sam",
        email="sam@example.com",
        contact_by=ConsultationRequest.ContactBy.PHONE,
        phone="+44 117 496 0000",
        message="We'd like to start couple sessions.",
    )
    world.extras.update(
        {
            "care.theo": theo.id,
            "care.tess": tess.id,
            "care.unlisted": unlisted.id,
            "care.alice_theo": alice_theo.id,
            "care.bob_theo": bob_theo.id,
            "care.invitation": invitation.id,
            "care.invitation_token": invitation.token,
            "care.note": only_alice.id,
            "care.homework": homework.id,
        }
    )
    world.more_canaries.extend([CONSULTATION_CANARY, TAKEN_BACK_CANARY])
