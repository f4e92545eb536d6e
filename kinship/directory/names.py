"""The names people read for directory data, in their language.

The database and the feeds keep the English the Meeting Guide specification
uses: a ``Language`` row is named "Spanish", a ``MeetingType`` labelled
"Speaker", the generic programs "Other peer groups". Exports and imports speak
that English and must go on doing so (``/meetings.json`` is read by apps that
know the spec's codes and names). These tables name the same things for people,
in the language in force, at the moment a page is drawn:

- languages by their code (ISO 639-1, or 639-3 where 639-1 has none: ``ase``),
  the codes ``vocabularies.LANGUAGES`` lists and the Meeting Guide language
  types map to;
- programs that are generic categories ("Family & friends groups") by program
  code; fellowships keep their own names ("Alcoholics Anonymous", "SMART
  Recovery"), which are proper names;
- meeting types by the English label the spec or the program's vocabulary gives.
  A label, not a code: codes mean different things in different programs
  (``POA`` is "Proof of Attendance" in AA and "Parents of Alcoholics" in
  Al-Anon), and the label is that meaning. A label not in the table (one a site
  admin made up) is shown as it is.

A stored name that differs from the vocabulary's English (a site admin renamed a
row) is the site's own wording and is shown untranslated.

Where the Meeting Guide specification publishes a Spanish name for a type
(code4recovery/spec, ``data/types.json``, the ``es`` entries), the Spanish
catalog starts from it; Kinship's glossary decides where the two differ (tú, no
calques, inclusive forms).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

T = TypeVar("T")

LANGUAGE_NAMES: Mapping[str, StrOrPromise] = {
    "am": pgettext_lazy("language", "Amharic"),
    "ar": pgettext_lazy("language", "Arabic"),
    "ase": pgettext_lazy("language", "American Sign Language"),
    "de": pgettext_lazy("language", "German"),
    "el": pgettext_lazy("language", "Greek"),
    "en": pgettext_lazy("language", "English"),
    "es": pgettext_lazy("language", "Spanish"),
    "fa": pgettext_lazy("language", "Persian"),
    "fr": pgettext_lazy("language", "French"),
    "he": pgettext_lazy("language", "Hebrew"),
    "hi": pgettext_lazy("language", "Hindi"),
    "ht": pgettext_lazy("language", "Haitian Creole"),
    "it": pgettext_lazy("language", "Italian"),
    "ja": pgettext_lazy("language", "Japanese"),
    "ko": pgettext_lazy("language", "Korean"),
    "pa": pgettext_lazy("language", "Punjabi"),
    "pl": pgettext_lazy("language", "Polish"),
    "pt": pgettext_lazy("language", "Portuguese"),
    "ru": pgettext_lazy("language", "Russian"),
    "so": pgettext_lazy("language", "Somali"),
    "tl": pgettext_lazy("language", "Tagalog"),
    "uk": pgettext_lazy("language", "Ukrainian"),
    "vi": pgettext_lazy("language", "Vietnamese"),
    "zh": pgettext_lazy("language", "Chinese"),
}

# Only the programs whose name is a description, not a fellowship's name.
PROGRAM_NAMES: Mapping[str, StrOrPromise] = {
    "family": pgettext_lazy("program", "Family & friends groups"),
    "mental-health": pgettext_lazy("program", "Mental-health peer support"),
    "other": pgettext_lazy("program", "Other peer groups"),
    "trauma": pgettext_lazy("program", "Trauma recovery peer groups"),
}

_TYPE_NAMES: tuple[StrOrPromise, ...] = (
    pgettext_lazy("meeting type", "11th Step Meditation"),
    pgettext_lazy("meeting type", "12 Concepts"),
    pgettext_lazy("meeting type", "12 Steps & 12 Traditions"),
    pgettext_lazy("meeting type", "4-Point Program Focus"),
    pgettext_lazy("meeting type", "ABC Tool Practice"),
    pgettext_lazy("meeting type", "Adult Children"),
    pgettext_lazy("meeting type", "Afrikaans"),
    pgettext_lazy("meeting type", "Alateen"),
    pgettext_lazy("meeting type", "American Sign Language"),
    pgettext_lazy("meeting type", "Amharic"),
    pgettext_lazy("meeting type", "Anxiety"),
    pgettext_lazy("meeting type", "Arabic"),
    pgettext_lazy("meeting type", "As Bill Sees It"),
    pgettext_lazy("meeting type", "Atheist / Agnostic"),
    pgettext_lazy("meeting type", "Babysitting Available"),
    pgettext_lazy("meeting type", "Basic Text"),
    pgettext_lazy("meeting type", "Beginner"),
    pgettext_lazy("meeting type", "Beginner/Newcomer"),
    pgettext_lazy("meeting type", "Big Book"),
    pgettext_lazy("meeting type", "Bipolar"),
    pgettext_lazy("meeting type", "Birthday"),
    pgettext_lazy("meeting type", "Bisexual"),
    pgettext_lazy("meeting type", "Breakfast"),
    pgettext_lazy("meeting type", "Bulgarian"),
    pgettext_lazy("meeting type", "CRAFT Skills"),
    pgettext_lazy("meeting type", "Candlelight"),
    pgettext_lazy("meeting type", "Child-Friendly"),
    pgettext_lazy("meeting type", "Children Welcome"),
    pgettext_lazy("meeting type", "Closed"),
    pgettext_lazy("meeting type", "Concurrent with AA Meeting"),
    pgettext_lazy("meeting type", "Concurrent with Al-Anon"),
    pgettext_lazy("meeting type", "Concurrent with Alateen"),
    pgettext_lazy("meeting type", "Concurrent with Alateen Meeting"),
    pgettext_lazy("meeting type", "Connection Group"),
    pgettext_lazy("meeting type", "Content Warnings Used"),
    pgettext_lazy("meeting type", "Cost-Benefit Analysis"),
    pgettext_lazy("meeting type", "Croatian"),
    pgettext_lazy("meeting type", "Cross Talk Permitted"),
    pgettext_lazy("meeting type", "Daily Reflections"),
    pgettext_lazy("meeting type", "Danish"),
    pgettext_lazy("meeting type", "Depression"),
    pgettext_lazy("meeting type", "Digital Basket"),
    pgettext_lazy("meeting type", "Discussion"),
    pgettext_lazy("meeting type", "Discussion/Participation"),
    pgettext_lazy("meeting type", "Dual Diagnosis"),
    pgettext_lazy("meeting type", "Dutch"),
    pgettext_lazy("meeting type", "English"),
    pgettext_lazy("meeting type", "Families and Friends Only"),
    pgettext_lazy("meeting type", "Families, Friends and Observers Welcome"),
    pgettext_lazy("meeting type", "Finnish"),
    pgettext_lazy("meeting type", "Format Varies"),
    pgettext_lazy("meeting type", "Fragrance Free"),
    pgettext_lazy("meeting type", "French"),
    pgettext_lazy("meeting type", "Gay"),
    pgettext_lazy("meeting type", "Gay/Lesbian"),
    pgettext_lazy("meeting type", "Georgian"),
    pgettext_lazy("meeting type", "German"),
    pgettext_lazy("meeting type", "Grapevine"),
    pgettext_lazy("meeting type", "Greek"),
    pgettext_lazy("meeting type", "Grief and Loss"),
    pgettext_lazy("meeting type", "Grounding Practice"),
    pgettext_lazy("meeting type", "Hebrew"),
    pgettext_lazy("meeting type", "Hindi"),
    pgettext_lazy("meeting type", "Hungarian"),
    pgettext_lazy("meeting type", "IP Study"),
    pgettext_lazy("meeting type", "Icelandic"),
    pgettext_lazy("meeting type", "Indigenous"),
    pgettext_lazy("meeting type", "It Works Study"),
    pgettext_lazy("meeting type", "Italian"),
    pgettext_lazy("meeting type", "Japanese"),
    pgettext_lazy("meeting type", "Just For Today Study"),
    pgettext_lazy("meeting type", "Korean"),
    pgettext_lazy("meeting type", "LGBTQ"),
    pgettext_lazy("meeting type", "LGBTQ+"),
    pgettext_lazy("meeting type", "LGBTQIA+"),
    pgettext_lazy("meeting type", "Lesbian"),
    pgettext_lazy("meeting type", "Literature"),
    pgettext_lazy("meeting type", "Literature Study"),
    pgettext_lazy("meeting type", "Lithuanian"),
    pgettext_lazy("meeting type", "Living Clean"),
    pgettext_lazy("meeting type", "Living Sober"),
    pgettext_lazy("meeting type", "Location Temporarily Closed"),
    pgettext_lazy("meeting type", "Malayalam"),
    pgettext_lazy("meeting type", "Maltese"),
    pgettext_lazy("meeting type", "Medication-Friendly"),
    pgettext_lazy("meeting type", "Meditation"),
    pgettext_lazy("meeting type", "Men"),
    pgettext_lazy("meeting type", "Native American"),
    pgettext_lazy("meeting type", "Nepali"),
    pgettext_lazy("meeting type", "Newcomer"),
    pgettext_lazy("meeting type", "Newcomer Friendly"),
    pgettext_lazy("meeting type", "No Details Shared"),
    pgettext_lazy("meeting type", "Non-Binary"),
    pgettext_lazy("meeting type", "Non-Smoking"),
    pgettext_lazy("meeting type", "Norwegian"),
    pgettext_lazy("meeting type", "Online Meeting"),
    pgettext_lazy("meeting type", "Open"),
    pgettext_lazy("meeting type", "Outdoor"),
    pgettext_lazy("meeting type", "Parents"),
    pgettext_lazy("meeting type", "Parents of Alcoholics"),
    pgettext_lazy("meeting type", "People of Color"),
    pgettext_lazy("meeting type", "Persian"),
    pgettext_lazy("meeting type", "Polish"),
    pgettext_lazy("meeting type", "Portuguese"),
    pgettext_lazy("meeting type", "Professionals"),
    pgettext_lazy("meeting type", "Proof of Attendance"),
    pgettext_lazy("meeting type", "Punjabi"),
    pgettext_lazy("meeting type", "Questions & Answers"),
    pgettext_lazy("meeting type", "Russian"),
    pgettext_lazy("meeting type", "SMART Family & Friends"),
    pgettext_lazy("meeting type", "Secular"),
    pgettext_lazy("meeting type", "Seniors"),
    pgettext_lazy("meeting type", "Sexual Violence Survivors"),
    pgettext_lazy("meeting type", "Siblings"),
    pgettext_lazy("meeting type", "Slovak"),
    pgettext_lazy("meeting type", "Slovenian"),
    pgettext_lazy("meeting type", "Smoking Permitted"),
    pgettext_lazy("meeting type", "Spanish"),
    pgettext_lazy("meeting type", "Speaker"),
    pgettext_lazy("meeting type", "Spiritual Principle a Day"),
    pgettext_lazy("meeting type", "Step"),
    pgettext_lazy("meeting type", "Step Meeting"),
    pgettext_lazy("meeting type", "Step Study"),
    pgettext_lazy("meeting type", "Step Working Guide Study"),
    pgettext_lazy("meeting type", "Swedish"),
    pgettext_lazy("meeting type", "Tagalog"),
    pgettext_lazy("meeting type", "Thai"),
    pgettext_lazy("meeting type", "Topic"),
    pgettext_lazy("meeting type", "Tradition"),
    pgettext_lazy("meeting type", "Tradition Study"),
    pgettext_lazy("meeting type", "Transgender"),
    pgettext_lazy("meeting type", "Turkish"),
    pgettext_lazy("meeting type", "Ukrainian"),
    pgettext_lazy("meeting type", "Veterans"),
    pgettext_lazy("meeting type", "Wheelchair Access"),
    pgettext_lazy("meeting type", "Wheelchair Accessible"),
    pgettext_lazy("meeting type", "Wheelchair-Accessible Bathroom"),
    pgettext_lazy("meeting type", "Women"),
    pgettext_lazy("meeting type", "Young Adults"),
    pgettext_lazy("meeting type", "Young People"),
)

# What a type means, as the vocabularies describe it (shown under its name).
_TYPE_DESCRIPTIONS: tuple[StrOrPromise, ...] = (
    _(
        "Closed meetings are for A.A. members only, or for those who have "
        "a drinking problem and have a desire to stop drinking."
    ),
    _(
        "Open meetings are available to anyone interested in the A.A. "
        "program of recovery from alcoholism. Nonalcoholics may attend as "
        "observers."
    ),
    _("For addicts and those who think they may have a drug problem."),
    _("Anyone may attend, including family, friends and professionals."),
    _("Focus on growing up with alcoholism in the family."),
    _(
        "Closed meetings are for members and prospective members: people "
        "whose lives have been affected by someone else's drinking."
    ),
    _("Open to anyone interested in the family disease of alcoholism."),
    _("For young people affected by someone else's drinking."),
    _("Anyone working on an addictive behaviour may attend."),
    _("For people living with both addiction and a mental illness."),
    _("Prescribed psychiatric medication respected."),
    _("For survivors only."),
    _("Members share feelings, not graphic detail."),
    _("Survivors and supporters may attend."),
    _("For people living with a mental-health condition."),
    _("Recovery support led by trained peers."),
    _("For family members and friends only."),
    _("Community Reinforcement and Family Training."),
)


def in_english(name: StrOrPromise) -> str:
    """The English a translatable name is written in (its msgid)."""
    with translation.override(None):
        return str(name)


# Built on first use, when translations can be read (not at import time).
@functools.cache
def _type_names() -> dict[str, StrOrPromise]:
    return {in_english(name): name for name in _TYPE_NAMES}


@functools.cache
def _type_descriptions() -> dict[str, StrOrPromise]:
    return {in_english(text): text for text in _TYPE_DESCRIPTIONS}


@functools.cache
def _english_by_code() -> dict[tuple[str, str], str]:
    return {
        (kind, code): in_english(name)
        for kind, table in (("language", LANGUAGE_NAMES), ("program", PROGRAM_NAMES))
        for code, name in table.items()
    }


def language_name(code: str, stored: str) -> StrOrPromise:
    """A language's name for people: "Español" for ``es`` in Spanish."""
    if stored != _english_by_code().get(("language", code)):
        return stored or code
    return LANGUAGE_NAMES[code]


def program_name(code: str, stored: str) -> StrOrPromise:
    """A program's name for people; a fellowship's own name is never translated."""
    if stored != _english_by_code().get(("program", code)):
        return stored or code
    return PROGRAM_NAMES[code]


def type_label(label: str) -> StrOrPromise:
    """A meeting type's name for people, found by its English label."""
    return _type_names().get(label, label)


def type_description(description: str) -> StrOrPromise:
    """What a meeting type means, found by the vocabulary's English text."""
    return _type_descriptions().get(description, description)


def known_type_labels() -> frozenset[str]:
    return frozenset(_type_names())


def known_type_descriptions() -> frozenset[str]:
    return frozenset(_type_descriptions())


def name_order(name: object) -> tuple[str, str]:
    """A sort key for names in the active language: "Árabe" between "Amárico"
    and "Búlgaro", not after "Vietnamita"; case and accents count only to
    break ties."""
    text = str(name)
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), text


def by_name(items: Iterable[T]) -> list[T]:
    """Objects (languages, programs) in the order of the names people read."""
    return sorted(items, key=name_order)


class _ByNameIterator(ModelChoiceIterator):
    """A model choice field's options in the order of their (translated) labels:
    the database can only order by the stored English."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in by_name(self.queryset):
            yield self.choice(obj)


class ByNameModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = _ByNameIterator


class ByNameModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    iterator = _ByNameIterator
