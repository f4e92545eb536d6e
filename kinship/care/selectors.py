"""Reads of care: only ever the signed-in member's own assessments. Another
member's assessment is a 404, never a sign that it exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from kinship.members.models import Member

from .instruments import INSTRUMENTS, Instrument
from .models import Assessment, CarePseudonym


def assessments_of(
    member: Member, instrument: str | None = None
) -> QuerySet[Assessment]:
    """The member's own assessments, newest first (of one instrument, or all)."""
    found = Assessment.objects.filter(member=member)
    if instrument is not None:
        found = found.filter(instrument=instrument)
    return found.order_by("-taken_at", "-pk")


def access_assessment(member: Member, assessment_id: int) -> Assessment:
    """One of the member's own assessments; anyone else's, or none, is a 404."""
    assessment = Assessment.objects.filter(pk=assessment_id, member=member).first()
    if assessment is None:
        raise Http404("No such assessment")
    return assessment


def care_pseudonym_of(member: Member) -> CarePseudonym | None:
    """The member's FHIR subject id, once they have taken an assessment."""
    return CarePseudonym.objects.filter(member=member).first()


@dataclass(frozen=True)
class TrendRow:
    """One assessment in a history, with the change from the one before it."""

    assessment: Assessment
    change: int | None


@dataclass(frozen=True)
class InstrumentHistory:
    """An instrument and the member's results on it, newest first."""

    instrument: Instrument
    rows: list[TrendRow]

    @property
    def latest(self) -> Assessment | None:
        return self.rows[0].assessment if self.rows else None


def assessment_history(member: Member) -> list[InstrumentHistory]:
    """Every instrument with the member's own results and their changes, in
    one query whatever the number of assessments."""
    by_instrument: dict[str, list[Assessment]] = {key: [] for key in INSTRUMENTS}
    for assessment in assessments_of(member):
        by_instrument[assessment.instrument].append(assessment)
    histories = []
    for key, instrument in INSTRUMENTS.items():
        taken = by_instrument[key]
        rows = [
            TrendRow(
                assessment=assessment,
                change=assessment.total - taken[index + 1].total
                if index + 1 < len(taken)
                else None,
            )
            for index, assessment in enumerate(taken)
        ]
        histories.append(InstrumentHistory(instrument=instrument, rows=rows))
    return histories
