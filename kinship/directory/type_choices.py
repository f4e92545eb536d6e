"""Readable finder choices for meeting types: "Women", "Closed (members only)".

Type codes belong to a program (``W`` is "Women" nearly everywhere, but ``MED`` is
"Meditation" in AA and "Medication-Friendly" in Dual Recovery, ``POA`` "Proof of
Attendance" in AA and "Parents of Alcoholics" in Al-Anon). People choose a meaning;
this module turns it into each program's own codes, and back into names. The old
``type=<code>`` query parameter keeps working (links and API clients send codes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .models import Audience
from .names import name_order, type_label


@dataclass(frozen=True, slots=True)
class TypeConcept:
    """One readable choice: its value in URLs, its name, and the codes it means.

    ``codes`` apply to any program not named in ``by_program``; a program mapped
    to an empty set has no type with this meaning.
    """

    value: str
    label: StrOrPromise
    codes: frozenset[str]
    by_program: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def codes_for(self, program_code: str) -> frozenset[str]:
        return self.by_program.get(program_code, self.codes)


def _c(*codes: str) -> frozenset[str]:
    return frozenset(codes)


# What a meeting is like. Open and closed come first: newcomers ask about them most.
FORMAT_CONCEPTS: tuple[TypeConcept, ...] = (
    TypeConcept("open", _("Open (anyone may attend)"), _c("O")),
    TypeConcept("closed", _("Closed (members only)"), _c("C")),
    TypeConcept("discussion", _("Discussion"), _c("D"), {"na": _c("DISC")}),
    TypeConcept("speaker", _("Speaker"), _c("SP"), {"na": _c("SPK")}),
    TypeConcept("step-study", _("Step study"), _c("ST"), {"na": _c("STEP")}),
    TypeConcept("literature", _("Literature study"), _c("LIT")),
    TypeConcept(
        "meditation",
        _("Meditation"),
        _c("MED"),
        # In Dual Recovery, MED means medication-friendly, not meditation.
        {"aa": _c("11", "MED"), "dual-recovery": _c()},
    ),
    TypeConcept("wheelchair", _("Wheelchair access"), _c("X")),
)

# Who a meeting is for. Values are the group audience tags (``models.Audience``).
AUDIENCE_CONCEPTS: tuple[TypeConcept, ...] = (
    TypeConcept(Audience.WOMEN, Audience.WOMEN.label, _c("W")),
    TypeConcept(Audience.MEN, Audience.MEN.label, _c("M")),
    TypeConcept(
        Audience.LGBTQ,
        Audience.LGBTQ.label,
        _c("LGBTQ"),
        {
            "aa": _c("LGBTQ", "G", "L", "BI", "T", "NB"),
            "al-anon": _c("LGBTQIA", "G", "L", "T"),
            "na": _c("GL"),
        },
    ),
    TypeConcept(Audience.YOUNG_PEOPLE, Audience.YOUNG_PEOPLE.label, _c("Y", "YA")),
    TypeConcept(
        Audience.NEWCOMERS,
        Audience.NEWCOMERS.label,
        _c("BE"),
        {"na": _c("BEG")},
    ),
    TypeConcept(Audience.VETERANS, Audience.VETERANS.label, _c("VET")),
    TypeConcept(Audience.SENIORS, Audience.SENIORS.label, _c("SEN")),
    TypeConcept(Audience.BIPOC, _("People of colour"), _c("POC")),
    TypeConcept(
        Audience.PARENTS, Audience.PARENTS.label, _c("PAR"), {"al-anon": _c("POA")}
    ),
    TypeConcept(Audience.FAMILIES, Audience.FAMILIES.label, _c("FAM")),
)

# Types other filters already cover (attending online, languages) or that are not
# a choice a person makes (a place temporarily closed).
NOT_OFFERED = frozenset({"ONL", "TC"})

# How open and closed meetings are named to people (the programs' own labels are
# a bare "Open" / "Closed", which means little to a newcomer).
READABLE_NAMES: dict[tuple[str, str], StrOrPromise] = {
    ("O", "Open"): _("Open (anyone may attend)"),
    ("C", "Closed"): _("Closed (members only)"),
}

OPEN_CLOSED_EXPLANATION = _(
    "Open meetings welcome anyone, including family, friends and the curious. "
    "Closed meetings are for people who want help with the problem themselves; "
    "if you think you might, you belong there."
)


def type_name(code: str, label: str) -> StrOrPromise:
    """The name people read for a type, in their language: never its code."""
    readable = READABLE_NAMES.get((code, label))
    if readable is not None:
        return readable
    return type_label(label) if label else code.title()


@dataclass(frozen=True, slots=True)
class KnownType:
    """A meeting type row as the finder reads it (one query for all of them)."""

    id: int
    program_code: str
    code: str
    label: str

    @property
    def slug(self) -> str:
        return slugify(self.label) or self.code.lower()


@dataclass(frozen=True, slots=True)
class TypeVocabulary:
    """Every meeting type in the directory, resolved from readable values or codes."""

    types: tuple[KnownType, ...]

    def _in(self, program_code: str) -> Iterable[KnownType]:
        return (
            t for t in self.types if not program_code or t.program_code == program_code
        )

    def concept_ids(self, concept: TypeConcept, program_code: str) -> tuple[int, ...]:
        return tuple(
            t.id
            for t in self._in(program_code)
            if t.code in concept.codes_for(t.program_code)
        )

    def choices(
        self, concepts: Iterable[TypeConcept], program_code: str
    ) -> list[tuple[str, StrOrPromise]]:
        """The concepts some meeting type of the program (or any) has."""
        return [
            (concept.value, concept.label)
            for concept in concepts
            if self.concept_ids(concept, program_code)
        ]

    def program_choices(self, program_code: str) -> list[tuple[str, StrOrPromise]]:
        """A program's own types not covered by a concept, by name."""
        covered = {
            type_id
            for concept in (*FORMAT_CONCEPTS, *AUDIENCE_CONCEPTS)
            for type_id in self.concept_ids(concept, program_code)
        }
        own = {
            t.slug: type_name(t.code, t.label)
            for t in self._in(program_code)
            if t.id not in covered and t.code not in NOT_OFFERED
        }
        return sorted(own.items(), key=lambda item: name_order(item[1]))

    def resolve(self, value: str, program_code: str) -> tuple[int, ...]:
        """Type ids a ``type`` value means: a readable choice, a name, or a code."""
        for concept in (*FORMAT_CONCEPTS, *AUDIENCE_CONCEPTS):
            if value == concept.value:
                return self.concept_ids(concept, program_code)
        by_slug = tuple(t.id for t in self._in(program_code) if t.slug == value)
        if by_slug:
            return by_slug
        # A code, as links and API clients sent before; feeds write "12x12" and
        # "12X12", so case is ignored.
        folded = value.casefold()
        return tuple(
            t.id for t in self._in(program_code) if t.code.casefold() == folded
        )


def concept(value: str, concepts: Iterable[TypeConcept]) -> TypeConcept | None:
    return next((c for c in concepts if c.value == value), None)
