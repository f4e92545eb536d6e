"""Writes of care: a member takes an assessment."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from kinship.members.models import Member

from .instruments import Instrument, instrument_get, score
from .models import Assessment, CarePseudonym, GivenBy


@transaction.atomic
def assessment_take(
    *,
    by: Member,
    instrument: Instrument | str,
    answers: Mapping[str, int],
    sex: str | None = None,
) -> Assessment:
    """Score ``by``'s answers to ``instrument`` exactly and save them as their
    own assessment.

    ``sex`` is AUDIT-C's threshold question (``instruments.SEXES``; ``None`` is
    not stated, scored with the lower threshold). Missing, unknown or
    out-of-range answers raise ``ScoringError`` (its ``errors`` name each item)
    and save nothing; an unknown instrument key is a ``KeyError``. PHQ-9 item 9
    above 0 sets ``safety`` on the row: the page shows crisis resources at once,
    and the clinician part (with consent) will read the flag from there.
    """
    definition = (
        instrument if isinstance(instrument, Instrument) else instrument_get(instrument)
    )
    result = score(definition, answers, sex=sex)
    CarePseudonym.objects.get_or_create(member=by)
    return Assessment.objects.create(
        member=by,
        instrument=definition.key,
        answers={item.key: answers[item.key] for item in definition.items},
        sex=result.sex or "",
        total=result.total,
        band=result.band.key,
        flags=result.flag_keys,
        safety=result.safety,
        threshold=result.threshold,
        taken_at=timezone.now(),
        given_by=GivenBy.SELF,
    )
