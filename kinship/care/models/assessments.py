"""Validated assessments a member takes (or a clinician assigns), with their
exact scores, and the member's FHIR pseudonym.

``Assessment.language`` records which language version of the instrument was
answered (rows from before there were versions are English); the score, band,
flags and FHIR export are those of the English file whichever it was, as a
translation must score exactly like it (``care.instruments``).

``Assessment.safety`` records PHQ-9 item 9 above 0 on the row itself; a
clinician whose organisation the member consented to share assessments with
is flagged from it (``care.services``). Instrument definitions are data files
(``care.instruments``), not tables.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member

from ..instruments import (
    ENGLISH,
    INSTRUMENTS,
    SEXES,
    Instrument,
    instrument_get,
    instrument_version,
    languages_with_versions,
)


class GivenBy(models.TextChoices):
    SELF = "self", _("Taken by the member")
    CLINICIAN = "clinician", _("Assigned by a clinician")


class AuditSex(models.TextChoices):
    """AUDIT-C's question for its positive threshold (see instruments.py)."""

    MEN = "men", _("A man")
    WOMEN = "women", _("A woman")
    NOT_STATED = "not_stated", _("I would rather not say")


assert tuple(AuditSex.values) == SEXES


def _versions_answerable() -> Q:
    """English for every instrument, another language only for the
    instruments with a version in it."""
    condition = Q(language=ENGLISH)
    for language, keys in languages_with_versions().items():
        condition |= Q(language=language, instrument__in=keys)
    return condition


class Assessment(models.Model):
    """One completed assessment: the member's answers and their exact score."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="assessments"
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=16,
        choices=[(key, item.short_name) for key, item in INSTRUMENTS.items()],
    )
    # Item key -> the chosen answer's value, as scored.
    answers = models.JSONField(_("answers"))
    # The language of the version answered (its wording only: see above).
    language = models.CharField(_("language answered"), max_length=16, default=ENGLISH)
    # AUDIT-C only: the answer that chose the positive threshold; blank otherwise.
    sex = models.CharField(
        _("scored for"), max_length=16, choices=AuditSex.choices, blank=True
    )
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("band"), max_length=32)
    flags = models.JSONField(_("flags"), default=list)
    safety = models.BooleanField(
        _("safety flag"),
        default=False,
        help_text=_("PHQ-9 item 9 answered above 0: crisis resources were shown."),
    )
    # The positive threshold used (AUDIT-C only).
    threshold = models.PositiveSmallIntegerField(_("threshold"), null=True)
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    given_by = models.CharField(
        _("given by"), max_length=16, choices=GivenBy.choices, default=GivenBy.SELF
    )
    # The id of its FHIR resources: never the database id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            models.Index(
                fields=["member", "instrument", "taken_at"],
                name="care_assessment_history",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument__in=list(INSTRUMENTS)),
                name="care_assessment_instrument",
            ),
            models.CheckConstraint(
                condition=Q(total__lte=60), name="care_assessment_total_range"
            ),
            models.CheckConstraint(
                condition=Q(given_by__in=GivenBy.values),
                name="care_assessment_given_by",
            ),
            models.CheckConstraint(
                condition=Q(sex="") | Q(instrument="auditc", sex__in=AuditSex.values),
                name="care_assessment_sex_auditc_only",
            ),
            models.CheckConstraint(
                condition=_versions_answerable(),
                name="care_assessment_language_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.total}"

    @property
    def definition(self) -> Instrument:
        """The instrument's English file: what scoring, codes and the FHIR
        export refer to, whichever version was answered."""
        return instrument_get(self.instrument)

    @property
    def shown(self) -> Instrument:
        """The instrument in the language in force (for the pages)."""
        return instrument_version(self.instrument)

    @property
    def band_label(self) -> str:
        """The band's label in the language in force."""
        band = self.shown.band(self.band)
        return band.label if band else self.band

    @property
    def language_name(self) -> str:
        """The name of the language answered, in the language in force."""
        return str(get_language_info(self.language)["name_translated"])


class CarePseudonym(models.Model):
    """The stable opaque id that stands for a member in FHIR exports (the
    subject of their resources): never their name, email or database id.
    Made with their first assessment."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="care_pseudonym"
    )
    fhir_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("care pseudonym")
        verbose_name_plural = _("care pseudonyms")

    def __str__(self) -> str:
        return str(self.fhir_id)
