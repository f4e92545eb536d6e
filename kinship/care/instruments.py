"""The validated instruments and their exact scoring, as pure Python.

Each instrument is a data file in ``instruments/<key>.json`` that cites its
public source (see the files' ``source``). The files are read and checked once,
at import: answer values in range, totals consistent with the items, bands
contiguous from the lowest total, flags pointing at real items. A file that
breaks a rule stops the import with an ``InstrumentError`` saying why, so a bad
edit cannot reach a member.

Scoring is ``score(instrument, answers, sex=...)``: the total is the sum of
the answers, the band the highest one whose lower bound the total reaches, and
the flags those whose condition holds. Missing, unknown or out-of-range answers
are refused with a ``ScoringError`` that names each item.

AUDIT-C's positive threshold depends on sex (4 or more for men, 3 or more for
women, Bush et al. 1998). We ask; a person who would rather not say is scored
with the lower threshold (3), and the score says which threshold was used.

The wording is kept in English as published: validated translations are their
own instruments and come as their own files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "instruments"
ORDER = ("phq9", "gad7", "auditc", "barc10")
SEXES = ("men", "women", "not_stated")
LOINC = re.compile(r"\d{1,7}-\d")
LOINC_ANSWER = re.compile(r"LA\d{1,7}-\d")
# The language of the instrument files without a language in their name.
ENGLISH = "en"
LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


class InstrumentError(ValueError):
    """An instrument file that cannot be used, with the reason."""


class ScoringError(ValueError):
    """Answers that cannot be scored. ``errors`` maps each item key at fault
    (or ``"sex"``, or ``"__all__"``) to a message a member can read."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {text}" for key, text in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Coding:
    code: str
    display: str


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    loinc: str | None = None


@dataclass(frozen=True)
class Item:
    key: str
    number: int
    text: str
    options: tuple[Option, ...]
    loinc: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    def option(self, value: int) -> Option:
        return next(option for option in self.options if option.value == value)


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    meaning: str
    # The lowest total in the band; None for AUDIT-C's two bands, which turn on
    # the sex-dependent positive threshold instead.
    min: int | None = None


@dataclass(frozen=True)
class Flag:
    """A mark on a result. Exactly one condition is set: an item's answer above
    a value, a total at least a value, or AUDIT-C's positive screen."""

    key: str
    label: str
    safety: bool
    item: str | None = None
    above: int | None = None
    total_at_least: int | None = None
    positive_screen: bool = False


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    short_name: str
    about: str
    citation: str
    rights: str
    wording: str
    stem: str
    timeframe: str
    items: tuple[Item, ...]
    min_total: int
    max_total: int
    bands: tuple[Band, ...]
    flags: tuple[Flag, ...]
    panel: Coding | None = None
    total_code: Coding | None = None
    questionnaire: str | None = None
    loinc_note: str = ""
    # AUDIT-C: the lowest positive total for each of ``SEXES``.
    positive_at: Mapping[str, int] | None = None
    positive_at_note: str = ""
    # The language of its wording (a code of settings.LANGUAGES).
    language: str = ENGLISH

    @property
    def asks_sex(self) -> bool:
        return self.positive_at is not None

    def item(self, key: str) -> Item:
        return next(item for item in self.items if item.key == key)

    def band(self, key: str) -> Band | None:
        return next((band for band in self.bands if band.key == key), None)

    def flag(self, key: str) -> Flag | None:
        return next((flag for flag in self.flags if flag.key == key), None)


@dataclass(frozen=True)
class Score:
    """An exact result: the total, its band and the flags raised.

    ``threshold`` and ``sex`` are set for AUDIT-C only: the positive threshold
    used and the answer it was chosen by (``not_stated`` means the lower one).
    """

    total: int
    band: Band
    flags: tuple[Flag, ...]
    threshold: int | None = None
    sex: str | None = None

    @property
    def flag_keys(self) -> list[str]:
        return [flag.key for flag in self.flags]

    @property
    def safety(self) -> bool:
        return any(flag.safety for flag in self.flags)


# -- Reading and checking the files ------------------------------------------


def _text(raw: Mapping[str, Any], name: str, where: str, *, blank: bool = False) -> str:
    value = raw.get(name, "" if blank else None)
    if not isinstance(value, str) or (not blank and not value.strip()):
        raise InstrumentError(f"{where}: {name} must be text")
    return value.strip()


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InstrumentError(f"{where} must be a whole number")
    return value


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise InstrumentError(f"{where}: at least two answer options are needed")
    options = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise InstrumentError(f"{where}: option {number} is not an object")
        loinc = entry.get("loinc")
        if loinc is not None and (
            not isinstance(loinc, str) or not LOINC_ANSWER.fullmatch(loinc)
        ):
            raise InstrumentError(f"{where}: option {number} has a bad LOINC code")
        options.append(
            Option(
                value=_int(entry.get("value"), f"{where}: option {number} value"),
                label=_text(entry, "label", f"{where}: option {number}"),
                loinc=loinc,
            )
        )
    values = [option.value for option in options]
    if values != sorted(set(values)):
        raise InstrumentError(f"{where}: option values must rise, each used once")
    if values[0] < 0:
        raise InstrumentError(f"{where}: option values must not be negative")
    return tuple(options)


def _coding(raw: Any, where: str) -> Coding:
    if not isinstance(raw, dict):
        raise InstrumentError(f"{where} must be an object")
    code = _text(raw, "code", where)
    if not LOINC.fullmatch(code):
        raise InstrumentError(f"{where}: {code!r} is not a LOINC code")
    return Coding(code=code, display=_text(raw, "display", where))


def _items(raw: Mapping[str, Any], key: str) -> tuple[Item, ...]:
    shared = raw.get("options")
    entries = raw.get("items")
    if not isinstance(entries, list) or not entries:
        raise InstrumentError(f"{key}: no items")
    items = []
    for number, entry in enumerate(entries, start=1):
        where = f"{key} item {number}"
        if not isinstance(entry, dict):
            raise InstrumentError(f"{where} is not an object")
        own = entry.get("options")
        if (own is None) == (shared is None):
            raise InstrumentError(
                f"{where}: options must be given once, for all items or for each"
            )
        loinc = entry.get("loinc")
        if loinc is not None and (
            not isinstance(loinc, str) or not LOINC.fullmatch(loinc)
        ):
            raise InstrumentError(f"{where}: bad LOINC code")
        items.append(
            Item(
                key=_text(entry, "key", where),
                number=number,
                text=_text(entry, "text", where),
                options=_options(own if own is not None else shared, where),
                loinc=loinc,
            )
        )
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise InstrumentError(f"{key}: an item key is used twice")
    return tuple(items)


def _bands(raw: Any, key: str, positive_at: bool) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise InstrumentError(f"{key}: no bands")
    bands = []
    for number, entry in enumerate(raw, start=1):
        where = f"{key} band {number}"
        if not isinstance(entry, dict):
            raise InstrumentError(f"{where} is not an object")
        low = entry.get("min")
        bands.append(
            Band(
                key=_text(entry, "key", where),
                label=_text(entry, "label", where),
                meaning=_text(entry, "meaning", where),
                min=None if low is None else _int(low, f"{where} min"),
            )
        )
    if positive_at:
        if [band.key for band in bands] != ["negative", "positive"] or any(
            band.min is not None for band in bands
        ):
            raise InstrumentError(
                f"{key}: with positive_at, the bands are exactly 'negative' and "
                "'positive', without min"
            )
    elif any(band.min is None for band in bands):
        raise InstrumentError(f"{key}: every band needs its min")
    if len({band.key for band in bands}) != len(bands):
        raise InstrumentError(f"{key}: a band key is used twice")
    return tuple(bands)


def _flags(raw: Any, key: str, items: tuple[Item, ...]) -> tuple[Flag, ...]:
    if not isinstance(raw, list):
        raise InstrumentError(f"{key}: flags must be a list")
    flags = []
    for number, entry in enumerate(raw, start=1):
        where = f"{key} flag {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("when"), dict):
            raise InstrumentError(f"{where} needs a 'when' object")
        when = entry["when"]
        safety = entry.get("safety", False)
        if not isinstance(safety, bool):
            raise InstrumentError(f"{where}: safety must be true or false")
        flag = Flag(
            key=_text(entry, "key", where),
            label=_text(entry, "label", where),
            safety=safety,
        )
        if set(when) == {"item", "above"}:
            item_keys = [item.key for item in items]
            if when["item"] not in item_keys:
                raise InstrumentError(f"{where}: no item {when['item']!r}")
            flag = replace(
                flag, item=when["item"], above=_int(when["above"], f"{where} above")
            )
        elif set(when) == {"total_at_least"}:
            flag = replace(
                flag, total_at_least=_int(when["total_at_least"], f"{where} total")
            )
        elif when == {"positive_screen": True}:
            flag = replace(flag, positive_screen=True)
        else:
            raise InstrumentError(f"{where}: unknown condition {sorted(when)}")
        flags.append(flag)
    if len({flag.key for flag in flags}) != len(flags):
        raise InstrumentError(f"{key}: a flag key is used twice")
    return tuple(flags)


def _positive_at(raw: Any, key: str) -> dict[str, int] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != set(SEXES):
        raise InstrumentError(f"{key}: positive_at needs {', '.join(SEXES)}")
    return {sex: _int(raw[sex], f"{key} positive_at {sex}") for sex in SEXES}


def instrument_parse(raw: Any) -> Instrument:
    """One instrument from its file's parsed JSON, checked; InstrumentError if
    anything is missing or inconsistent."""
    if not isinstance(raw, dict):
        raise InstrumentError("an instrument file must hold an object")
    key = _text(raw, "key", "instrument")
    language = raw.get("language", ENGLISH)
    if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
        raise InstrumentError(f"{key}: language must be a language code")
    source = raw.get("source")
    if not isinstance(source, dict):
        raise InstrumentError(f"{key}: the public source must be cited")
    loinc = raw.get("loinc")
    if loinc is not None and not isinstance(loinc, dict):
        raise InstrumentError(f"{key}: loinc must be an object or null")
    items = _items(raw, key)
    positive_at = _positive_at(raw.get("positive_at"), key)
    total = raw.get("total")
    if not isinstance(total, dict):
        raise InstrumentError(f"{key}: the total's range is needed")
    instrument = Instrument(
        key=key,
        name=_text(raw, "name", key),
        short_name=_text(raw, "short_name", key),
        about=_text(raw, "about", key),
        citation=_text(source, "citation", f"{key} source"),
        rights=_text(source, "rights", f"{key} source"),
        wording=_text(source, "wording", f"{key} source"),
        stem=_text(raw, "stem", key),
        timeframe=_text(raw, "timeframe", key),
        items=items,
        min_total=_int(total.get("min"), f"{key} total min"),
        max_total=_int(total.get("max"), f"{key} total max"),
        bands=_bands(raw.get("bands"), key, positive_at is not None),
        flags=_flags(raw.get("flags"), key, items),
        panel=_coding(loinc["panel"], f"{key} loinc panel") if loinc else None,
        total_code=_coding(loinc["total"], f"{key} loinc total") if loinc else None,
        questionnaire=_text(loinc, "questionnaire", f"{key} loinc") if loinc else None,
        loinc_note=_text(raw, "loinc_note", key, blank=True),
        positive_at=positive_at,
        positive_at_note=_text(raw, "positive_at_note", key, blank=True),
        language=language,
    )
    _consistency_check(instrument)
    return instrument


def _consistency_check(instrument: Instrument) -> None:
    """The totals, bands, thresholds and flags agree with the items."""
    key = instrument.key
    lowest = sum(min(item.values) for item in instrument.items)
    highest = sum(max(item.values) for item in instrument.items)
    if (instrument.min_total, instrument.max_total) != (lowest, highest):
        raise InstrumentError(
            f"{key}: the total's range {instrument.min_total}-{instrument.max_total} "
            f"does not match the items' {lowest}-{highest}"
        )
    if instrument.positive_at is None:
        lows = [band.min for band in instrument.bands]
        if lows[0] != lowest:
            raise InstrumentError(f"{key}: the first band must start at {lowest}")
        if any(
            low is None or high is None or not low < high
            for low, high in pairwise(lows)
        ) or any(low is None or low > highest for low in lows):
            raise InstrumentError(f"{key}: band bounds must rise within the range")
    else:
        if any(not lowest < at <= highest for at in instrument.positive_at.values()):
            raise InstrumentError(f"{key}: a positive threshold is out of range")
        if instrument.positive_at["not_stated"] != min(
            instrument.positive_at["men"], instrument.positive_at["women"]
        ):
            raise InstrumentError(f"{key}: not stated must use the lower threshold")
    for flag in instrument.flags:
        if (
            flag.item is not None
            and flag.above not in instrument.item(flag.item).values
        ):
            raise InstrumentError(f"{key}: flag {flag.key} compares to no answer")
        if flag.total_at_least is not None and not (
            lowest < flag.total_at_least <= highest
        ):
            raise InstrumentError(f"{key}: flag {flag.key} is out of range")
        if flag.positive_screen and instrument.positive_at is None:
            raise InstrumentError(f"{key}: flag {flag.key} needs positive_at")


def _file_read(path: Path) -> Instrument:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InstrumentError(f"{path.name}: {error}") from error
    return instrument_parse(raw)


def instruments_read(directory: Path = DATA_DIR) -> dict[str, Instrument]:
    """Every instrument file, parsed and checked, in ``ORDER``."""
    found: dict[str, Instrument] = {}
    for key in ORDER:
        path = directory / f"{key}.json"
        instrument = _file_read(path)
        if instrument.key != key:
            raise InstrumentError(f"{path.name}: its key is {instrument.key!r}")
        if instrument.language != ENGLISH:
            raise InstrumentError(
                f"{path.name}: the file without a language in its name is the "
                f"English one, not {instrument.language!r}"
            )
        found[key] = instrument
    return found


def _shape(instrument: Instrument) -> dict[str, Any]:
    """Everything of an instrument that scoring and export use: what a
    translation must have exactly as its English file has it."""
    return {
        "items (their keys, order and LOINC codes)": [
            (item.key, item.loinc) for item in instrument.items
        ],
        "answer values and their LOINC codes": [
            [(option.value, option.loinc) for option in item.options]
            for item in instrument.items
        ],
        "total's range": (instrument.min_total, instrument.max_total),
        "bands (their keys and lower bounds)": [
            (band.key, band.min) for band in instrument.bands
        ],
        "flags (their keys, conditions and safety)": [
            (f.key, f.safety, f.item, f.above, f.total_at_least, f.positive_screen)
            for f in instrument.flags
        ],
        "positive thresholds": instrument.positive_at,
        "short name": instrument.short_name,
        "LOINC panel, total and questionnaire": (
            instrument.panel,
            instrument.total_code,
            instrument.questionnaire,
        ),
    }


def translation_check(english: Instrument, translation: Instrument) -> None:
    """InstrumentError unless ``translation`` is ``english`` in all but its
    words (see ``_shape``), so it scores and exports exactly the same."""
    where = f"{translation.key} ({translation.language})"
    if translation.key != english.key:
        raise InstrumentError(f"{where}: its key is not {english.key!r}")
    if translation.language == ENGLISH:
        raise InstrumentError(f"{where}: a translation needs its own language")
    if translation.language not in dict(settings.LANGUAGES):
        raise InstrumentError(
            f"{where}: {translation.language!r} is not one of settings.LANGUAGES"
        )
    ours, theirs = _shape(translation), _shape(english)
    for aspect, value in ours.items():
        if value != theirs[aspect]:
            raise InstrumentError(
                f"{where}: not as in the English file: its {aspect}, "
                f"{value!r} instead of {theirs[aspect]!r}"
            )


def translations_read(
    english: Mapping[str, Instrument], directory: Path = DATA_DIR
) -> dict[str, dict[str, Instrument]]:
    """Each instrument's translations (``<key>.<language>.json``), by key and
    language, each checked against its English file."""
    found: dict[str, dict[str, Instrument]] = {key: {} for key in english}
    for key, original in english.items():
        for path in sorted(directory.glob(f"{key}.*.json")):
            language = path.name[len(key) + 1 : -len(".json")]
            translation = _file_read(path)
            if translation.language != language:
                raise InstrumentError(
                    f"{path.name}: its language is {translation.language!r}, "
                    f"not {language!r} as its name says"
                )
            translation_check(original, translation)
            found[key][language] = translation
    return found


INSTRUMENTS: dict[str, Instrument] = instruments_read()
_TRANSLATIONS = translations_read(INSTRUMENTS)
# Every version of each instrument by language, English first.
VERSIONS: dict[str, dict[str, Instrument]] = {
    key: {ENGLISH: instrument, **_TRANSLATIONS[key]}
    for key, instrument in INSTRUMENTS.items()
}


def instrument_get(key: str) -> Instrument:
    """The instrument of that key (its English file: the one scoring, codes
    and export refer to); KeyError if there is none."""
    return INSTRUMENTS[key]


def _language_in_force(language: str | None) -> str:
    return (language or get_language() or ENGLISH).lower()


def instrument_version(key: str, language: str | None = None) -> Instrument:
    """The instrument of that key in ``language`` (by default the language in
    force), or in English when it has no version in that language; a
    regional code (``es-mx``) uses its language's version. KeyError for an
    unknown key."""
    versions = VERSIONS[key]
    code = _language_in_force(language)
    found = versions.get(code) or versions.get(code.split("-")[0])
    return found or versions[ENGLISH]


def version_missing(instrument: Instrument, language: str | None = None) -> bool:
    """Whether ``instrument`` is shown in another language than ``language``
    (by default the language in force) because it has no version in it."""
    code = _language_in_force(language)
    return instrument.language not in (code, code.split("-")[0])


def languages_with_versions() -> dict[str, list[str]]:
    """Each language other than English and the keys of the instruments
    that have a version in it, in ``ORDER``."""
    languages = sorted({code for found in VERSIONS.values() for code in found})
    return {
        code: [key for key, found in VERSIONS.items() if code in found]
        for code in languages
        if code != ENGLISH
    }


# -- Scoring -------------------------------------------------------------------


def _answers_check(instrument: Instrument, answers: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not isinstance(answers, Mapping):
        raise ScoringError({"__all__": _("The answers could not be read.")})
    known = {item.key for item in instrument.items}
    unknown = sorted(str(key) for key in answers if key not in known)
    if unknown:
        errors["__all__"] = _("Answers to unknown questions: %(keys)s.") % {
            "keys": ", ".join(unknown)
        }
    for item in instrument.items:
        value = answers.get(item.key)
        if value is None:
            errors[item.key] = _("Please choose an answer.")
        elif (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value not in item.values
        ):
            errors[item.key] = _("Please choose one of the answers shown.")
    if errors:
        raise ScoringError(errors)


def score(
    instrument: Instrument, answers: Mapping[str, int], *, sex: str | None = None
) -> Score:
    """The exact score of one complete set of answers (item key -> value).

    ``sex`` is asked by AUDIT-C only (one of ``SEXES``; ``None`` counts as not
    stated, scored with the lower threshold) and must be ``None`` for the
    others. Raises ``ScoringError`` for a missing, unknown or out-of-range
    answer; nothing is rounded or guessed.
    """
    _answers_check(instrument, answers)
    if instrument.positive_at is None and sex is not None:
        raise ScoringError({"sex": _("This questionnaire does not ask this.")})
    if instrument.positive_at is not None:
        sex = "not_stated" if sex is None else sex
        if sex not in SEXES:
            raise ScoringError({"sex": _("Please choose one of the answers shown.")})
    total = sum(answers[item.key] for item in instrument.items)
    threshold: int | None = None
    if instrument.positive_at is not None:
        assert sex is not None
        threshold = instrument.positive_at[sex]
        band = instrument.bands[1] if total >= threshold else instrument.bands[0]
    else:
        band = [b for b in instrument.bands if b.min is not None and b.min <= total][-1]
    flags = tuple(
        flag
        for flag in instrument.flags
        if (flag.item is not None and answers[flag.item] > (flag.above or 0))
        or (flag.total_at_least is not None and total >= flag.total_at_least)
        or (flag.positive_screen and band.key == "positive")
    )
    return Score(total=total, band=band, flags=flags, threshold=threshold, sex=sex)
