"""The questionnaires Attune offers, read from content/instruments/ once per process.

They are static files in git, identical on every app server, so reading them once is safe.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404

from attune.core.instruments import Instrument, load_instruments

# The order people see them in.
OFFERED = ("ecr-r", "ecr-rs", "csi-4", "csi-16")
ATTACHMENT = ("ecr-r", "ecr-rs")
SATISFACTION = ("csi-4", "csi-16")


@cache
def all_instruments() -> dict[str, Instrument]:
    """Every instrument by id."""
    return load_instruments(Path(settings.CONTENT_DIR) / "instruments")


def get_instrument(instrument_id: str) -> Instrument:
    """One offered instrument, or 404."""
    instrument = all_instruments().get(instrument_id)
    if instrument is None or instrument_id not in OFFERED:
        raise Http404
    return instrument
