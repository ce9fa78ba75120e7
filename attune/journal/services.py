"""Every change to the journal: entries, drafts, sharing one entry, and the trigger log."""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from attune.accounts.models import User
from attune.couples.access import current_couple
from attune.journal.models import FEELING_SEPARATOR, JournalDraft, JournalEntry, TriggerEvent
from attune.journeys.models import JourneyDay

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryContent:
    """What a person writes in one journal entry."""

    written_on: date
    text: str = ""
    closeness: str = ""
    distance: str = ""
    feelings: tuple[str, ...] = ()
    body: str = ""
    journey_day: JourneyDay | None = None


@dataclass(frozen=True)
class TriggerContent:
    """What a person notes about one trigger."""

    happened_on: date
    situation: str
    surface: str = ""
    underneath: str = ""
    body: str = ""
    reaction: str = ""
    wish: str = ""


def save_entry(
    person: User, entry: JournalEntry | None, content: EntryContent, keep_shared: bool = True
) -> JournalEntry:
    """Create an entry, or save changes to one of the person's own; its draft is done with."""
    fields = {
        "written_on": content.written_on,
        "text": content.text,
        "closeness": content.closeness,
        "distance": content.distance,
        "feelings": FEELING_SEPARATOR.join(content.feelings),
        "body": content.body,
        "journey_day": content.journey_day,
    }
    with transaction.atomic():
        if entry is None:
            entry = JournalEntry.objects.create(person=person, **fields)
            JournalDraft.objects.filter(person=person, entry__isnull=True).delete()
            log.info("journal entry created id=%s", entry.id)
            return entry
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.updated_at = timezone.now()
        changed = [*fields, "updated_at"]
        if not keep_shared and entry.shared_in_id is not None:
            entry.shared_in = None
            changed.append("shared_in")
        entry.save(update_fields=changed)
        JournalDraft.objects.filter(person=person, entry=entry).delete()
    log.info("journal entry updated id=%s", entry.id)
    return entry


def delete_entry(entry: JournalEntry) -> None:
    """Delete an entry and any draft of it. If it was shared, it is gone for the partner too."""
    entry_id = entry.id
    entry.delete()
    log.info("journal entry deleted id=%s", entry_id)


def share_entry(person: User, entry: JournalEntry) -> bool:
    """Show this one entry to the current partner; False when there is nobody to share with."""
    couple = current_couple(person)
    if couple is None:
        return False
    entry.shared_in = couple
    entry.save(update_fields=["shared_in"])
    log.info("journal entry shared id=%s", entry.id)
    return True


def stop_sharing(entry: JournalEntry) -> None:
    """Take a shared entry back, at once."""
    entry.shared_in = None
    entry.save(update_fields=["shared_in"])
    log.info("journal entry unshared id=%s", entry.id)


def save_draft(
    person: User, entry: JournalEntry | None, typed: dict[str, Any]
) -> JournalDraft | None:
    """Keep what the person has typed so far; an emptied form keeps nothing."""
    has_words = any(
        value.strip() if isinstance(value, str) else value
        for name, value in typed.items()
        if name != "written_on"  # the date is filled in for them, so it alone is not words
    )
    drafts = JournalDraft.objects.filter(person=person, entry=entry)
    if not has_words:
        drafts.delete()
        return None
    now = timezone.now()
    if drafts.update(fields=typed, updated_at=now):
        return drafts.get()
    try:
        with transaction.atomic():
            return JournalDraft.objects.create(
                person=person, entry=entry, fields=typed, updated_at=now
            )
    except IntegrityError:  # another autosave from a second tab created it a moment ago
        drafts.update(fields=typed, updated_at=now)
        return drafts.get()


def discard_draft(draft: JournalDraft) -> None:
    """Let go of a draft the person no longer wants."""
    draft_id = draft.id
    draft.delete()
    log.info("journal draft discarded id=%s", draft_id)


def save_trigger(
    person: User, trigger: TriggerEvent | None, content: TriggerContent
) -> TriggerEvent:
    """Log a trigger, or save changes to one of the person's own trigger notes."""
    fields = {
        "happened_on": content.happened_on,
        "situation": content.situation,
        "surface": content.surface,
        "underneath": content.underneath,
        "body": content.body,
        "reaction": content.reaction,
        "wish": content.wish,
    }
    if trigger is None:
        trigger = TriggerEvent.objects.create(person=person, **fields)
        log.info("trigger logged id=%s", trigger.id)
        return trigger
    for name, value in fields.items():
        setattr(trigger, name, value)
    trigger.updated_at = timezone.now()
    trigger.save(update_fields=[*fields, "updated_at"])
    log.info("trigger updated id=%s", trigger.id)
    return trigger


def delete_trigger(trigger: TriggerEvent) -> None:
    """Delete a trigger note for good."""
    trigger_id = trigger.id
    trigger.delete()
    log.info("trigger deleted id=%s", trigger_id)
