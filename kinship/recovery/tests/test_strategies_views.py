"""The strategy pages and the notebook, through the client: visitors read public
strategies, members write, mark and save; eve is refused everything of alex's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.recovery.models import (
    NotebookEntry,
    Strategy,
    StrategyHelped,
    StrategyScope,
)
from kinship.recovery.services.strategies import (
    notebook_save,
    strategy_create,
    strategy_helped_toggle,
)

LIST = reverse("recovery:strategy-list")
NEW = reverse("recovery:strategy-new")
NOTEBOOK = reverse("recovery:notebook")
SECRET_TITLE = "Quiet harbour counting"
SECRET_NOTE = "Only alex knows about the blue kettle."
# What a confirm page's form sends with an irreversible action.
CONFIRM = {"confirm": "yes"}


def url(name: str, pk: int) -> str:
    return reverse(f"recovery:{name}", args=[pk])


def group_strategy(cast: Cast) -> Strategy:
    return strategy_create(
        by=cast.alex,
        title=SECRET_TITLE,
        body="Count the boats in the harbour, slowly.",
        tag_slugs=["stress"],
        scope=StrategyScope.GROUP,
        group_id=cast.group.pk,
    )


def starter(title: str = "Urge surfing") -> Strategy:
    return Strategy.objects.get(title=title, starter=True)


# -- visitors ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visitor_reads_public_strategies_only(cast: Cast) -> None:
    secret = group_strategy(cast)
    visitor = Client()
    page = visitor.get(LIST)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Urge surfing" in body
    assert "Kinship starter set" in body
    assert SECRET_TITLE not in body
    assert "This helped me" not in body
    detail = visitor.get(url("strategy-detail", starter().pk))
    assert detail.status_code == 200
    assert "urge is like a wave" in detail.content.decode()
    assert visitor.get(url("strategy-detail", secret.pk)).status_code == 404


@pytest.mark.django_db
def test_a_visitors_writes_go_to_sign_in(cast: Cast) -> None:
    visitor = Client()
    urge = starter()
    login = reverse("account_login")
    for target, method in (
        (NEW, "get"),
        (NEW, "post"),
        (NOTEBOOK, "get"),
        (url("strategy-helped", urge.pk), "post"),
        (url("strategy-save", urge.pk), "post"),
    ):
        response = getattr(visitor, method)(target, {"note": "x"})
        assert response.status_code == 302, target
        assert response["Location"].startswith(login), target
    assert not StrategyHelped.objects.exists()
    assert not NotebookEntry.objects.exists()
    assert not Strategy.objects.filter(starter=False).exists()


# -- searching ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_searches_by_text_and_tag(alex: Member) -> None:
    client = signed_in(alex)
    body = client.get(LIST, {"q": "breathing"}).content.decode()
    assert "Box breathing" in body
    assert "Urge surfing" not in body
    tagged = client.get(LIST, {"tag": ["sleep", "stress"]}).content.decode()
    assert "A sleep wind-down routine" in tagged
    assert "Box breathing" in tagged
    assert "Urge surfing" not in tagged
    # The links of the early-warning page (/strategies/?tag=...) work.
    social = client.get("/strategies/?tag=social").content.decode()
    assert "Call someone from my list" in social
    # A tag that does not exist is ignored, not an error.
    assert client.get(LIST, {"tag": "nope", "q": "x" * 500}).status_code == 200


@pytest.mark.django_db
def test_group_members_see_their_groups_strategies_and_eve_never(cast: Cast) -> None:
    secret = group_strategy(cast)
    for insider in (cast.alex, cast.fran, cast.morgan):
        client = signed_in(insider)
        assert SECRET_TITLE in client.get(LIST).content.decode()
        detail = client.get(url("strategy-detail", secret.pk))
        assert detail.status_code == 200
        assert "Only for Tuesday Dual Recovery" in detail.content.decode()
    eve = signed_in(cast.eve)
    for query in ({}, {"tag": "stress"}):
        assert SECRET_TITLE not in eve.get(LIST, query).content.decode()
    searched = eve.get(LIST, {"q": SECRET_TITLE}).content.decode()
    assert url("strategy-detail", secret.pk) not in searched
    assert "0 strategies found." in searched
    assert eve.get(url("strategy-detail", secret.pk)).status_code == 404


# -- this helped me ----------------------------------------------------------------


@pytest.mark.django_db
def test_helped_without_javascript_toggles_and_redirects(alex: Member) -> None:
    urge = starter()
    client = signed_in(alex)
    response = client.post(url("strategy-helped", urge.pk), {"next": LIST})
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert StrategyHelped.objects.filter(member=alex, strategy=urge).count() == 1
    # An outside address is not followed.
    response = client.post(
        url("strategy-helped", urge.pk), {"next": "https://example.com/"}
    )
    assert response["Location"] == url("strategy-detail", urge.pk)
    assert not StrategyHelped.objects.filter(member=alex).exists()


@pytest.mark.django_db
def test_helped_with_htmx_swaps_the_button(cast: Cast) -> None:
    urge = starter()
    strategy_helped_toggle(by=cast.morgan, strategy_id=urge.pk)
    client = signed_in(cast.alex)
    response = client.post(url("strategy-helped", urge.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'aria-pressed="true"' in body
    assert "Helped 2 members" in body
    again = client.post(url("strategy-helped", urge.pk), HTTP_HX_REQUEST="true")
    assert 'aria-pressed="false"' in again.content.decode()
    assert "Helped 1 member" in again.content.decode()


@pytest.mark.django_db
def test_eves_posts_on_a_group_strategy_are_404_and_change_nothing(
    cast: Cast,
) -> None:
    secret = group_strategy(cast)
    eve = signed_in(cast.eve)
    for name in ("strategy-helped", "strategy-save", "strategy-remove"):
        assert eve.post(url(name, secret.pk), {"note": "x"}).status_code == 404
    assert eve.get(url("strategy-edit", secret.pk)).status_code == 404
    assert not StrategyHelped.objects.exists()
    assert not NotebookEntry.objects.exists()
    secret.refresh_from_db()
    assert secret.removed_at is None


# -- the notebook ------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_to_the_notebook_with_a_private_note(cast: Cast) -> None:
    urge = starter()
    alex = signed_in(cast.alex)
    response = alex.post(url("strategy-save", urge.pk), {"note": SECRET_NOTE})
    assert response.status_code == 302
    entry = NotebookEntry.objects.get(member=cast.alex, strategy=urge)
    assert entry.note == SECRET_NOTE
    assert SECRET_NOTE in alex.get(NOTEBOOK).content.decode()
    assert SECRET_NOTE in alex.get(url("strategy-detail", urge.pk)).content.decode()
    # A note that is too long is refused kindly and changes nothing.
    alex.post(url("strategy-save", urge.pk), {"note": "x" * 2001})
    entry.refresh_from_db()
    assert entry.note == SECRET_NOTE


@pytest.mark.django_db
def test_nobody_else_ever_sees_alexs_note(cast: Cast) -> None:
    urge = starter()
    entry = notebook_save(by=cast.alex, strategy_id=urge.pk, note=SECRET_NOTE)
    for other in (cast.morgan, cast.fran, cast.eve):
        client = signed_in(other)
        for page in (
            LIST,
            NOTEBOOK,
            url("strategy-detail", urge.pk),
            reverse("members:me"),
        ):
            response = client.get(page)
            assert response.status_code == 200, page
            assert SECRET_NOTE not in response.content.decode(), page
        assert client.get(url("notebook-edit", entry.pk)).status_code == 404
        edit = client.post(url("notebook-edit", entry.pk), {"note": "mine now"})
        assert edit.status_code == 404
        assert client.post(url("notebook-remove", entry.pk)).status_code == 404
    assert (
        SECRET_NOTE
        not in Client().get(url("strategy-detail", urge.pk)).content.decode()
    )
    entry.refresh_from_db()
    assert entry.note == SECRET_NOTE


@pytest.mark.django_db
def test_alex_edits_and_removes_a_notebook_entry(alex: Member) -> None:
    entry = notebook_save(by=alex, strategy_id=starter().pk, note="old")
    client = signed_in(alex)
    assert client.get(url("notebook-edit", entry.pk)).status_code == 200
    response = client.post(url("notebook-edit", entry.pk), {"note": "new"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.note == "new"
    too_long = client.post(url("notebook-edit", entry.pk), {"note": "x" * 2001})
    assert too_long.status_code == 400
    entry.refresh_from_db()
    assert entry.note == "new"
    assert client.post(url("notebook-remove", entry.pk), CONFIRM).status_code == 302
    assert not NotebookEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_taking_out_of_the_notebook_asks_first_and_says_the_note_goes(
    alex: Member,
) -> None:
    urge = starter()
    entry = notebook_save(by=alex, strategy_id=urge.pk, note=SECRET_NOTE)
    client = signed_in(alex)
    notebook = client.get(NOTEBOOK).content.decode()
    assert f'action="{url("notebook-remove", entry.pk)}"' not in notebook
    assert f'href="{url("notebook-remove-confirm", entry.pk)}"' in notebook

    page = client.get(url("notebook-remove-confirm", entry.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Your own note on it is deleted: it cannot be brought back." in body
    assert f'action="{url("notebook-remove", entry.pk)}"' in body
    assert '<input type="hidden" name="confirm" value="yes">' in body
    assert f'href="{NOTEBOOK}"' in body

    refused = client.post(url("notebook-remove", entry.pk))
    assert refused.status_code == 400
    assert "Nothing has been changed yet" in refused.content.decode()
    assert NotebookEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(url("notebook-remove", entry.pk), CONFIRM).status_code == 302
    assert not NotebookEntry.objects.filter(pk=entry.pk).exists()


# -- writing and editing -----------------------------------------------------------


@pytest.mark.django_db
def test_a_member_shares_a_strategy(cast: Cast) -> None:
    client = signed_in(cast.alex)
    assert client.get(NEW).status_code == 200
    response = client.post(
        NEW,
        {
            "title": "Tea and a walk",
            "body": "Make a cup of tea, then walk around the block while it cools.",
            "tags": ["stress", "craving"],
            "scope": "group",
            "group": str(cast.group.pk),
        },
    )
    strategy = Strategy.objects.get(title="Tea and a walk")
    assert response.status_code == 302
    assert response["Location"] == url("strategy-detail", strategy.pk)
    assert strategy.member == cast.alex
    assert strategy.group == cast.group
    detail = client.get(url("strategy-detail", strategy.pk)).content.decode()
    assert "Alex K." in detail
    assert url("strategy-edit", strategy.pk) in detail


@pytest.mark.django_db
def test_a_bad_strategy_form_shows_field_errors_and_saves_nothing(
    cast: Cast,
) -> None:
    client = signed_in(cast.eve)
    before = Strategy.objects.count()
    empty = client.post(NEW, {})
    assert empty.status_code == 400
    assert "field-error" in empty.content.decode()
    # eve is in no group: a group-only strategy is refused on the group field.
    response = client.post(
        NEW,
        {
            "title": "Mine",
            "body": "Text.",
            "scope": "group",
            "group": str(cast.group.pk),
        },
    )
    assert response.status_code == 400
    no_group = client.post(
        NEW, {"title": "Mine", "body": "Text.", "scope": "group", "group": ""}
    )
    assert no_group.status_code == 400
    assert "Choose the group to share it with." in no_group.content.decode()
    assert Strategy.objects.count() == before


@pytest.mark.django_db
def test_only_the_author_edits_others_get_404(cast: Cast) -> None:
    strategy = group_strategy(cast)
    edit = url("strategy-edit", strategy.pk)
    changed = {"title": "Taken", "body": "Changed.", "scope": "public"}
    for other in (cast.fran, cast.morgan, cast.eve):
        client = signed_in(other)
        assert client.get(edit).status_code == 404
        assert client.post(edit, changed).status_code == 404
        assert client.post(url("strategy-remove", strategy.pk)).status_code == 404
    starter_edit = url("strategy-edit", starter().pk)
    assert signed_in(cast.alex).get(starter_edit).status_code == 404
    strategy.refresh_from_db()
    assert strategy.title == SECRET_TITLE
    assert strategy.removed_at is None

    alex = signed_in(cast.alex)
    form = alex.get(edit)
    assert form.status_code == 200
    assert SECRET_TITLE in form.content.decode()
    assert alex.post(edit, changed).status_code == 302
    strategy.refresh_from_db()
    assert (strategy.title, strategy.scope) == ("Taken", StrategyScope.PUBLIC)
    assert alex.post(url("strategy-remove", strategy.pk), CONFIRM).status_code == 302
    strategy.refresh_from_db()
    assert strategy.removed_at is not None
    assert alex.get(url("strategy-detail", strategy.pk)).status_code == 404


@pytest.mark.django_db
def test_removing_a_strategy_asks_first_on_a_page_of_its_own(cast: Cast) -> None:
    strategy = group_strategy(cast)
    alex = signed_in(cast.alex)
    detail = alex.get(url("strategy-detail", strategy.pk)).content.decode()
    assert f'action="{url("strategy-remove", strategy.pk)}"' not in detail
    assert f'href="{url("strategy-remove-confirm", strategy.pk)}"' in detail

    page = alex.get(url("strategy-remove-confirm", strategy.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nobody sees your strategy any more" in body
    assert f'action="{url("strategy-remove", strategy.pk)}"' in body
    assert f'href="{url("strategy-detail", strategy.pk)}"' in body
    for other in (cast.fran, cast.eve):
        confirm_url = url("strategy-remove-confirm", strategy.pk)
        assert signed_in(other).get(confirm_url).status_code == 404
        removal = signed_in(other).post(url("strategy-remove", strategy.pk), CONFIRM)
        assert removal.status_code == 404

    refused = alex.post(url("strategy-remove", strategy.pk))
    assert refused.status_code == 400
    strategy.refresh_from_db()
    assert strategy.removed_at is None


# -- query counts ------------------------------------------------------------------


def many_strategies(cast: Cast, count: int) -> None:
    for number in range(count):
        strategy = strategy_create(
            by=cast.fran,
            title=f"Strategy {number:02d}",
            body="Some steps.",
            tag_slugs=["stress", "sleep"],
            scope=StrategyScope.GROUP if number % 2 else StrategyScope.PUBLIC,
            group_id=cast.group.pk if number % 2 else None,
        )
        strategy_helped_toggle(by=cast.alex, strategy_id=strategy.pk)
        strategy_helped_toggle(by=cast.morgan, strategy_id=strategy.pk)
        notebook_save(by=cast.alex, strategy_id=strategy.pk, note=f"note {number}")


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_however_many(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(cast.alex)
    many_strategies(cast, 2)
    client.get(LIST)  # warm: the session, the member
    with django_assert_max_num_queries(12) as captured:
        assert client.get(LIST, {"tag": "stress"}).status_code == 200
    few = len(captured)
    many_strategies(cast, 20)
    with django_assert_max_num_queries(few):
        response = client.get(LIST, {"tag": "stress"})
    assert "Strategy 19" in response.content.decode()
    with django_assert_max_num_queries(few):
        assert Client().get(LIST).status_code == 200


@pytest.mark.django_db
def test_the_notebook_costs_the_same_queries_however_many(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(cast.alex)
    many_strategies(cast, 2)
    client.get(NOTEBOOK)
    with django_assert_max_num_queries(10) as captured:
        assert client.get(NOTEBOOK).status_code == 200
    few = len(captured)
    many_strategies(cast, 20)
    with django_assert_max_num_queries(few):
        response = client.get(NOTEBOOK)
    assert "note 19" in response.content.decode()
