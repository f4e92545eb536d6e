"""The starter coping strategies and the tags in Spanish: the stable keys, the
translation file and its checks, and every page that shows them (list, search,
detail, notebook, check-in) in the reader's language. Members' own strategies
stay as written."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.recovery import starter_content
from kinship.recovery.models import Strategy, StrategyScope, StrategyTag
from kinship.recovery.services.strategies import notebook_save, strategy_create
from kinship.recovery.starter_content import (
    CONTENT_DIR,
    ContentError,
    StarterTexts,
    starter_texts_check,
    starter_texts_parse,
    starter_texts_read,
)
from kinship.recovery.tests.test_checkins import record

pytestmark = pytest.mark.django_db

LIST = reverse("recovery:strategy-list")
NOTEBOOK = reverse("recovery:notebook")
SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}
SECRET_TITLE = "Quiet harbour counting"


def spanish() -> StarterTexts:
    texts = starter_texts_read("es")
    assert texts is not None
    return texts


def starter(key: str) -> Strategy:
    return Strategy.objects.get(starter_key=key)


def detail(strategy: Strategy) -> str:
    return reverse("recovery:strategy-detail", args=[strategy.pk])


def english_set() -> list[tuple[str | None, str, str]]:
    return list(
        Strategy.objects.filter(starter=True).values_list(
            "starter_key", "title", "body"
        )
    )


def tag_slugs() -> list[str]:
    return list(StrategyTag.objects.values_list("slug", flat=True))


@pytest.fixture
def fresh_texts() -> Iterator[None]:
    """Forget the files read so far, before and after the test."""
    starter_content.starter_texts_for.cache_clear()
    yield
    starter_content.starter_texts_for.cache_clear()


# -- the keys and the file ---------------------------------------------------------


def test_every_starter_strategy_has_a_stable_key_and_no_member_one_does(
    alex: Member,
) -> None:
    starters = Strategy.objects.filter(starter=True)
    keys = list(starters.values_list("starter_key", flat=True))
    assert len(keys) == 12
    assert None not in keys
    assert len(set(keys)) == 12
    assert starter("urge-surfing").title == "Urge surfing"
    assert starter("halt-check").title == "The HALT check"
    mine = strategy_create(
        by=alex,
        title="Mine",
        body="My own words.",
        tag_slugs=[],
        scope=StrategyScope.PUBLIC,
        group_id=None,
    )
    assert mine.starter_key is None
    # Only a starter strategy may carry a key.
    with pytest.raises(IntegrityError), transaction.atomic():
        Strategy.objects.filter(pk=mine.pk).update(starter_key="mine")


def test_the_keys_migration_fills_only_the_starter_set() -> None:
    migration = import_module("kinship.recovery.migrations.0004_starter_strategy_keys")
    migration.starter_keys_remove(apps, None)
    assert not Strategy.objects.exclude(starter_key=None).exists()
    migration.starter_keys_fill(apps, None)
    migration.starter_keys_fill(apps, None)
    assert Strategy.objects.exclude(starter_key=None).count() == 12


def test_every_starter_strategy_and_tag_has_spanish_text() -> None:
    texts = spanish()
    # Every problem would be named: a strategy or a tag without Spanish fails.
    starter_texts_check(texts, strategies=english_set(), tag_slugs=tag_slugs())
    english = {key: (title, body) for key, title, body in english_set()}
    for key, text in texts.strategies.items():
        title, body = english[key or ""]
        assert text.title != title, key
        assert text.body != body, key
        assert "<" not in text.body
    labels = dict(StrategyTag.objects.values_list("slug", "label"))
    assert all(texts.tags[slug] != label for slug, label in labels.items())
    assert texts.tags["craving"] == "Ganas de consumir"  # the glossary's words


def test_the_check_command_passes_and_names_what_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("starter_texts_check")
    assert "es: 12 starter strategies and 8 tags translated" in capsys.readouterr().out
    StrategyTag.objects.create(slug="hope", label="Hope")
    with pytest.raises(CommandError, match="tags without a label: hope"):
        call_command("starter_texts_check")


def test_the_check_refuses_a_file_that_does_not_match_the_english() -> None:
    texts = spanish()
    strategies = dict(texts.strategies)
    urge = strategies.pop("urge-surfing")
    strategies["urge-surfng"] = urge
    strategies["box-breathing"] = type(urge)(title="Respirar", body="Un solo párrafo.")
    tags = {slug: label for slug, label in texts.tags.items() if slug != "anger"}
    broken = StarterTexts(language="es", tags=tags, strategies=strategies)
    with pytest.raises(ContentError) as refused:
        starter_texts_check(broken, strategies=english_set(), tag_slugs=tag_slugs())
    reason = str(refused.value)
    assert reason.startswith("strategies.es.json: ")
    assert "starter strategies not translated: urge-surfing" in reason
    assert "no starter strategy has the key: urge-surfng" in reason
    assert "box-breathing: the body has 1 paragraphs where the English has 4" in reason
    assert "tags without a label: anger" in reason
    Strategy.objects.filter(starter_key="halt-check").update(starter_key=None)
    with pytest.raises(ContentError, match="'The HALT check' has no starter key"):
        starter_texts_check(texts, strategies=english_set(), tag_slugs=tag_slugs())


def good_file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (CONTENT_DIR / "strategies.es.json").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize(
    ("breaking", "reason"),
    [
        ({"language": "fr"}, "must name the language 'es'"),
        ({"tags": []}, "needs tags and strategies"),
        ({"tags": {"Not a slug": "x"}}, "is not a tag's slug"),
        ({"tags": {"stress": ""}}, "es/tags/stress: text of 1 to 60"),
        (
            {"strategies": {"urge-surfing": {"title": "x", "body": "one string"}}},
            "es/strategies/urge-surfing: the body must be a list of paragraphs",
        ),
        (
            {"strategies": {"urge-surfing": {"title": "x" * 121, "body": ["y"]}}},
            "es/strategies/urge-surfing/title: text of 1 to 120",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_reason(
    breaking: dict[str, Any], reason: str
) -> None:
    with pytest.raises(ContentError, match=reason):
        starter_texts_parse("es", {**good_file(), **breaking})


def test_a_refused_file_leaves_the_reader_with_english(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_texts: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (tmp_path / "strategies.es.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(starter_content, "CONTENT_DIR", tmp_path)
    with caplog.at_level(logging.ERROR, logger="kinship.recovery.starter_content"):
        page = Client().get(LIST, headers=SPANISH).content.decode()
    assert "Urge surfing" in page
    assert "Surfear las ganas" not in page
    assert "strategies.es.json" in caplog.text


# -- the pages ---------------------------------------------------------------------


def test_the_list_shows_the_starter_set_and_tags_in_spanish(cast: Cast) -> None:
    texts = spanish()
    page = Client().get(LIST, headers=SPANISH).content.decode()
    for text in texts.strategies.values():
        assert escape(text.title) in page
    for label in texts.tags.values():
        assert escape(label) in page
    first_words = " ".join(texts.strategies["urge-surfing"].body.split()[:12])
    assert escape(first_words) in page
    for english in ("Urge surfing", "Box breathing", "Cravings", "People and places"):
        assert english not in page
    # The same order as the titles the reader sees (none has helped anyone yet).
    titles = [text.title for text in texts.strategies.values()]
    positions = [page.index(escape(title)) for title in sorted(titles)]
    assert positions == sorted(positions)


def test_the_list_stays_in_english_for_english_readers(cast: Cast) -> None:
    page = Client().get(LIST, headers=ENGLISH).content.decode()
    assert "Urge surfing" in page
    assert "Cravings" in page
    assert "Surfear las ganas" not in page
    assert "Ganas de consumir" not in page


def test_a_starter_strategy_reads_in_spanish(cast: Cast) -> None:
    text = spanish().strategies["box-breathing"]
    client = signed_in(cast.alex)
    client.cookies["django_language"] = "es"
    response = client.get(detail(starter("box-breathing")))
    page = response.content.decode()
    assert f"<h1>{escape(text.title)}</h1>" in page
    for paragraph in text.body.split("\n\n"):
        assert f"<p>{escape(paragraph)}</p>" in page
    assert "Estrés" in page
    assert "Box breathing" not in page
    assert "A simple breathing pattern" not in page
    english = Client().get(detail(starter("box-breathing")), headers=ENGLISH)
    assert "<h1>Box breathing</h1>" in english.content.decode()


def test_a_members_own_strategy_stays_as_written(cast: Cast) -> None:
    mine = strategy_create(
        by=cast.morgan,
        title="Breathing by the window",
        body="I open the window and breathe the cold air.",
        tag_slugs=["stress"],
        scope=StrategyScope.PUBLIC,
        group_id=None,
    )
    page = Client().get(detail(mine), headers=SPANISH).content.decode()
    assert "<h1>Breathing by the window</h1>" in page
    assert "I open the window and breathe the cold air." in page
    assert "Estrés" in page  # the tag is the project's word, translated
    listed = Client().get(LIST, headers=SPANISH).content.decode()
    assert "Breathing by the window" in listed


def test_search_finds_the_words_the_reader_sees(cast: Cast) -> None:
    strategy_create(
        by=cast.morgan,
        title="Breathing by the window",
        body="Cold air helps.",
        tag_slugs=[],
        scope=StrategyScope.PUBLIC,
        group_id=None,
    )
    client = Client()
    found = client.get(LIST, {"q": "RESPIRACIÓN"}, headers=SPANISH)
    titles = [s.display_title for s in found.context["page"].object_list]
    assert "Respiración cuadrada" in titles
    assert all(
        "respiración" in f"{s.display_title} {s.display_body}".casefold()
        for s in found.context["page"].object_list
    )
    # English words do not find a starter strategy shown in Spanish, but they
    # still find a member's strategy written in English.
    english_words = client.get(LIST, {"q": "breathing"}, headers=SPANISH)
    assert [s.title for s in english_words.context["page"].object_list] == [
        "Breathing by the window"
    ]
    in_english = client.get(LIST, {"q": "breathing"}, headers=ENGLISH)
    english_titles = {s.title for s in in_english.context["page"].object_list}
    assert {"Box breathing", "Breathing by the window"} <= english_titles
    tagged = client.get(LIST, {"q": "ganas", "tag": "sleep"}, headers=SPANISH)
    # Of the three starters about sleep, only HALT speaks of "ganas".
    assert [s.starter_key for s in tagged.context["page"].object_list] == ["halt-check"]
    tagged = client.get(LIST, {"q": "dormir", "tag": "sleep"}, headers=SPANISH)
    assert "sleep-wind-down" in [
        s.starter_key for s in tagged.context["page"].object_list
    ]


def test_the_notebook_and_the_check_in_name_starters_in_spanish(cast: Cast) -> None:
    urge = starter("urge-surfing")
    entry = notebook_save(by=cast.alex, strategy_id=urge.pk, note="Funcionó el martes.")
    record(cast.alex, strategies_used=[urge.pk])
    client = signed_in(cast.alex)
    client.cookies["django_language"] = "es"
    notebook = client.get(NOTEBOOK).content.decode()
    assert "Surfear las ganas" in notebook
    assert "Funcionó el martes." in notebook
    assert "Urge surfing" not in notebook
    edit = client.get(reverse("recovery:notebook-edit", args=[entry.pk]))
    assert "Surfear las ganas" in edit.content.decode()
    form = client.get("/me/checkin/").content.decode()
    assert "Surfear las ganas" in form
    assert "Urge surfing" not in form
    history = client.get("/me/checkins/").content.decode()
    assert "Surfear las ganas" in history
    assert "Urge surfing" not in history
    english = signed_in(cast.alex).get("/me/checkins/", headers=ENGLISH)
    assert "Urge surfing" in english.content.decode()


def test_eve_never_sees_a_group_strategy_in_either_language(cast: Cast) -> None:
    secret = strategy_create(
        by=cast.alex,
        title=SECRET_TITLE,
        body="Count the boats in the harbour, slowly.",
        tag_slugs=["stress"],
        scope=StrategyScope.GROUP,
        group_id=cast.group.pk,
    )
    eve = signed_in(cast.eve)
    for headers in (SPANISH, ENGLISH):
        assert eve.get(detail(secret), headers=headers).status_code == 404
        page = eve.get(LIST, {"q": "harbour"}, headers=headers).content.decode()
        assert SECRET_TITLE not in page
    assert SECRET_TITLE in (
        signed_in(cast.fran).get(LIST, headers=SPANISH).content.decode()
    )


def test_spanish_costs_no_more_queries_than_english(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(cast.alex)
    client.get(LIST, headers=ENGLISH)  # warm: the session, the member
    with django_assert_max_num_queries(12) as captured:
        client.get(LIST, {"tag": "stress"}, headers=ENGLISH)
    with django_assert_max_num_queries(len(captured)):
        response = client.get(LIST, {"tag": "stress"}, headers=SPANISH)
    assert "Respiración cuadrada" in response.content.decode()
