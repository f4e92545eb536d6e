"""One full stop at the end of a sentence, even when it ends with a name such as
"Morgan L." (the custom of an initial)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from kinship.core.text import SENTENCE_ENDS, sentence


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("Your mentor is Morgan L.", "Your mentor is Morgan L."),
        ("Your mentor is Morgan", "Your mentor is Morgan."),
        ("Your mentor is Morgan L. ", "Your mentor is Morgan L."),
        ("Is it you?", "Is it you?"),
        ("Well done!", "Well done!"),
        ("And then…", "And then…"),
        ("", ""),
    ],
)
def test_a_sentence_gets_one_full_stop(text: str, ended: str) -> None:
    assert sentence(text) == ended


def test_a_lazy_translation_is_ended_too() -> None:
    assert sentence(gettext_lazy("Thank you")) == "Thank you."


@given(st.text())
def test_at_most_one_full_stop_is_added_and_only_where_none_ends_it(
    text: str,
) -> None:
    words = text.rstrip()
    ended = sentence(text)
    assert ended in (words, f"{words}.")
    if words.endswith(SENTENCE_ENDS) or not words:
        assert ended == words


def test_the_template_filter_keeps_escaped_text_escaped_once() -> None:
    template = Template(
        "{% load i18n text %}"
        "{% blocktranslate asvar words with name=name %}Your mentor is {{ name }}"
        "{% endblocktranslate %}{{ words|sentence }}"
    )
    assert template.render(Context({"name": "Morgan L."})) == "Your mentor is Morgan L."
    assert template.render(Context({"name": "Ana O'D"})) == (
        "Your mentor is Ana O&#x27;D."
    )
    assert Template("{% load text %}{{ x|sentence }}").render(
        Context({"x": "<b>Jo L."})
    ) == ("&lt;b&gt;Jo L.")
