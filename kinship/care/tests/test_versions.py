"""The instruments' published Spanish versions: they score exactly like the
English ones over every possible set of answers (pure scoring, no database),
a translation that differs from its English file in anything but words is
refused, the version shown follows the language in force, and each cites its
source."""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from kinship.care.instruments import (
    DATA_DIR,
    INSTRUMENTS,
    SEXES,
    VERSIONS,
    Instrument,
    InstrumentError,
    Score,
    instrument_version,
    instruments_read,
    score,
    translations_read,
    version_missing,
)

PHQ9_ES = VERSIONS["phq9"]["es"]
GAD7_ES = VERSIONS["gad7"]["es"]
AUDITC_ES = VERSIONS["auditc"]["es"]


def outcome(result: Score) -> tuple[Any, ...]:
    """Everything a score stores or decides on (labels are words, not this)."""
    return (
        result.total,
        result.band.key,
        result.band.min,
        result.flag_keys,
        [flag.safety for flag in result.flags],
        result.safety,
        result.threshold,
        result.sex,
    )


def every_answer(instrument: Instrument) -> Any:
    keys = [item.key for item in instrument.items]
    for values in itertools.product(*(item.values for item in instrument.items)):
        yield values, dict(zip(keys, values, strict=True))


def test_three_instruments_have_a_spanish_version_and_barc10_none() -> None:
    assert {key: sorted(found) for key, found in VERSIONS.items()} == {
        "phq9": ["en", "es"],
        "gad7": ["en", "es"],
        "auditc": ["en", "es"],
        "barc10": ["en"],
    }
    for key in ("phq9", "gad7", "auditc"):
        assert VERSIONS[key]["es"].language == "es"
        assert VERSIONS[key]["en"] is INSTRUMENTS[key]


def test_spanish_phq9_scores_like_the_english_for_all_4_to_the_9_answers() -> None:
    english = INSTRUMENTS["phq9"]
    lows = [band.min or 0 for band in english.bands]
    seen = 0
    for values, answers in every_answer(english):
        ours, theirs = score(PHQ9_ES, answers), score(english, answers)
        assert outcome(ours) == outcome(theirs), values
        # And both are right: the sum, its band, item 9's safety flag.
        assert ours.total == sum(values)
        assert ours.band.min == max(low for low in lows if low <= sum(values))
        assert ours.safety is (values[8] > 0)
        seen += 1
    assert seen == 4**9


def test_spanish_gad7_scores_like_the_english_for_all_4_to_the_7_answers() -> None:
    english = INSTRUMENTS["gad7"]
    seen = 0
    for values, answers in every_answer(english):
        ours, theirs = score(GAD7_ES, answers), score(english, answers)
        assert outcome(ours) == outcome(theirs), values
        assert ours.total == sum(values)
        assert ours.flags == ()
        seen += 1
    assert seen == 4**7


@pytest.mark.parametrize("sex", [*SEXES, None])
def test_spanish_auditc_scores_like_the_english_for_all_answers(
    sex: str | None,
) -> None:
    english = INSTRUMENTS["auditc"]
    threshold = {"men": 4, "women": 3, "not_stated": 3, None: 3}[sex]
    seen = 0
    for values, answers in every_answer(english):
        ours = score(AUDITC_ES, answers, sex=sex)
        assert outcome(ours) == outcome(score(english, answers, sex=sex)), values
        assert (ours.total, ours.threshold) == (sum(values), threshold)
        assert ours.band.key == ("positive" if sum(values) >= threshold else "negative")
        seen += 1
    assert seen == 5**3


# -- The published wording and its source ----------------------------------------


def test_the_spanish_files_keep_the_published_wording() -> None:
    assert PHQ9_ES.stem == (
        "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias "
        "debido a los siguientes problemas?"
    )
    assert [option.label for option in PHQ9_ES.items[0].options] == [
        "Ningún día",
        "Varios días",
        "Más de la mitad de los días",
        "Casi todos los días",
    ]
    assert PHQ9_ES.item("9").text == (
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"
    )
    assert GAD7_ES.item("1").text == (
        "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta"
    )
    assert AUDITC_ES.item("3").text == (
        "¿Con qué frecuencia toma 6 o más bebidas alcohólicas en un solo día?"
    )
    assert AUDITC_ES.item("3").option(4).label == "A diario o casi a diario"


def test_each_spanish_file_cites_its_published_source() -> None:
    for version in (PHQ9_ES, GAD7_ES):
        assert "Spanish for the USA" in version.citation
        assert "https://www.phqscreeners.com/" in version.citation
        assert "No se requiere permiso para reproducir" in version.rights
        assert "Pfizer" in version.rights
    assert "Kroenke K" in PHQ9_ES.citation
    assert "Spitzer RL" in GAD7_ES.citation
    assert "Bush K" in AUDITC_ES.citation
    assert "WHO/MSD/MSB/01.6a" in AUDITC_ES.citation
    assert "Organización Mundial de la Salud" in AUDITC_ES.citation
    # What could not be checked from here is said in the file.
    for version in (PHQ9_ES, GAD7_ES, AUDITC_ES):
        assert "could not be opened from here" in version.wording


def test_codes_are_the_english_files_in_every_version() -> None:
    for key in ("phq9", "gad7", "auditc"):
        english, spanish = INSTRUMENTS[key], VERSIONS[key]["es"]
        assert (spanish.panel, spanish.total_code) == (
            english.panel,
            english.total_code,
        )
        assert [item.loinc for item in spanish.items] == [
            item.loinc for item in english.items
        ]
        assert [[o.loinc for o in item.options] for item in spanish.items] == [
            [o.loinc for o in item.options] for item in english.items
        ]


# -- Which version is shown ------------------------------------------------------


def test_the_version_follows_the_language_in_force() -> None:
    with translation.override("es"):
        assert instrument_version("phq9") is PHQ9_ES
        assert instrument_version("barc10") is INSTRUMENTS["barc10"]
        assert version_missing(INSTRUMENTS["barc10"])
        assert not version_missing(PHQ9_ES)
    with translation.override("en"):
        assert instrument_version("phq9") is INSTRUMENTS["phq9"]
        assert not version_missing(INSTRUMENTS["barc10"])
    assert instrument_version("gad7", "es-MX") is GAD7_ES
    assert instrument_version("gad7", "fr") is INSTRUMENTS["gad7"]
    with pytest.raises(KeyError):
        instrument_version("phq10", "es")


# -- A translation that is not the English instrument is refused -----------------

Change = Callable[[dict[str, Any]], None]


def _edit(key: str, change: Change, tmp_path: Path, name: str | None = None) -> Path:
    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    source = tmp_path / f"{key}.es.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    source.unlink()
    (tmp_path / (name or source.name)).write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path


def _item_key(data: dict[str, Any]) -> None:
    data["items"][2]["key"] = "3b"


def _items_swapped(data: dict[str, Any]) -> None:
    data["items"][0], data["items"][1] = data["items"][1], data["items"][0]


def _item_dropped(data: dict[str, Any]) -> None:
    data["items"].pop(0)
    data["total"]["max"] = 24


def _option_value(data: dict[str, Any]) -> None:
    data["options"][3]["value"] = 4
    data["total"]["max"] = 36


def _answer_code(data: dict[str, Any]) -> None:
    data["options"][1]["loinc"] = "LA6570-1"


def _item_code(data: dict[str, Any]) -> None:
    data["items"][0]["loinc"] = "44255-8"


def _band_bound(data: dict[str, Any]) -> None:
    data["bands"][2]["min"] = 11


def _band_key(data: dict[str, Any]) -> None:
    data["bands"][1]["key"] = "leve"


def _flag_condition(data: dict[str, Any]) -> None:
    data["flags"][0]["when"]["above"] = 1


def _flag_safety(data: dict[str, Any]) -> None:
    data["flags"][0]["safety"] = False


def _total_code(data: dict[str, Any]) -> None:
    data["loinc"]["total"]["display"] = "Puntuación total del PHQ-9"


def _short_name(data: dict[str, Any]) -> None:
    data["short_name"] = "PHQ-9 (es)"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_item_key, "items (their keys, order and LOINC codes)"),
        (_items_swapped, "items (their keys, order and LOINC codes)"),
        (_item_dropped, "items (their keys, order and LOINC codes)"),
        (_option_value, "answer values"),
        (_answer_code, "answer values and their LOINC codes"),
        (_item_code, "items (their keys, order and LOINC codes)"),
        (_band_bound, "bands (their keys and lower bounds)"),
        (_band_key, "bands (their keys and lower bounds)"),
        (_flag_condition, "flags (their keys, conditions and safety)"),
        (_flag_safety, "flags (their keys, conditions and safety)"),
        (_total_code, "LOINC panel, total and questionnaire"),
        (_short_name, "short name"),
    ],
)
def test_a_phq9_translation_that_differs_is_refused(
    tmp_path: Path, change: Change, reason: str
) -> None:
    directory = _edit("phq9", change, tmp_path)
    with pytest.raises(InstrumentError) as refused:
        translations_read(instruments_read(directory), directory)
    assert str(refused.value).startswith("phq9 (es): not as in the English file")
    assert reason in str(refused.value)


def test_an_auditc_translation_with_other_thresholds_is_refused(
    tmp_path: Path,
) -> None:
    def lower(data: dict[str, Any]) -> None:
        data["positive_at"]["men"] = 5

    directory = _edit("auditc", lower, tmp_path)
    with pytest.raises(InstrumentError, match="positive thresholds"):
        translations_read(instruments_read(directory), directory)


def _language(value: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["language"] = value

    return change


@pytest.mark.parametrize(
    ("change", "name", "message"),
    [
        (_language("fr"), None, "its language is 'fr', not 'es' as its name says"),
        (_language("fr"), "phq9.fr.json", "'fr' is not one of settings.LANGUAGES"),
        (_language("en"), "phq9.en.json", "a translation needs its own language"),
        (_language("Spanish"), None, "language must be a language code"),
    ],
)
def test_a_translation_in_the_wrong_language_is_refused(
    tmp_path: Path, change: Change, name: str | None, message: str
) -> None:
    directory = _edit("phq9", change, tmp_path, name)
    with pytest.raises(InstrumentError) as refused:
        translations_read(instruments_read(directory), directory)
    assert message in str(refused.value)


def test_an_english_file_that_says_it_is_spanish_is_refused(tmp_path: Path) -> None:
    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    data = json.loads((tmp_path / "gad7.json").read_text(encoding="utf-8"))
    data["language"] = "es"
    (tmp_path / "gad7.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"gad7\.json: the file without"):
        instruments_read(tmp_path)


def test_the_shipped_translations_read_back_the_same() -> None:
    found = translations_read(INSTRUMENTS)
    assert {key: versions for key, versions in found.items() if versions} == {
        key: {"es": VERSIONS[key]["es"]} for key in ("phq9", "gad7", "auditc")
    }
