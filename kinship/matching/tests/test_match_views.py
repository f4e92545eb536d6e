"""Find my group pages: the guided steps (htmx), the one plain form, the result,
counting unmet needs, saved matches, and answers kept out of every URL."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from kinship.matching.forms_match import MatchForm
from kinship.matching.models import NeedCount, SavedMatch
from kinship.matching.ranking import Comfort, Slot
from kinship.matching.tests.match_data import (
    EVENING_ANSWERS,
    NOW,
    UNMET_ANSWERS,
    answer_by_steps,
    as_post,
    match_groups_create,
    result_names,
)
from kinship.matching.views_match import SESSION_ANSWERS, SESSION_DRAFT, default_zone
from kinship.members.tests.personas import Cast, signed_in

pytestmark = pytest.mark.django_db

MATCH = "/match/"
RESULT = "/match/result/"
SAVE = "/match/save/"
SAVED = "/me/matches/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def groups(cast: Cast) -> Iterator[Cast]:
    match_groups_create(cast)
    with time_machine.travel(NOW, tick=False):
        yield cast


def plain_match(client: Client, answers: dict[str, Any]) -> Any:
    """Answer every question at once, as the page does without JavaScript."""
    response = client.post(MATCH, as_post(answers))
    assert response.status_code == 303, response.content[:800]
    assert response["Location"] == RESULT
    return response


def need_rows() -> list[tuple[str, str, str, int]]:
    return list(NeedCount.objects.values_list("focus", "mode", "zip3", "count"))


# The questions.


def test_questions_are_one_plain_form_with_every_step(groups: Cast) -> None:
    response = Client().get(MATCH)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<form method="post" action="/match/"') == 1
    assert page.count('<fieldset class="match-step"') == 6
    for name in ("focus", "slots", "zip", "travel", "comfort", "languages"):
        assert f'name="{name}"' in page
    assert 'name="programs"' in page
    assert 'name="audience"' in page
    # With htmx the same page swaps in one step at a time.
    assert 'hx-get="/match/step/1/" hx-trigger="load"' in page
    assert "I&#x27;d like to listen first" in page
    assert "Spanish" in page
    assert "Al-Anon" in page


def test_htmx_step_is_a_fragment_with_only_its_fields(groups: Cast) -> None:
    response = Client().get("/match/step/3/", headers=HTMX)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert 'hx-post="/match/step/3/"' in page
    assert 'name="zip"' in page
    assert 'name="travel"' in page
    assert 'name="focus"' not in page
    assert 'name="comfort"' not in page
    assert "Step 3 of 6" in page
    assert 'href="/match/step/2/"' in page  # Back


@pytest.mark.parametrize(
    ("number", "data", "field", "message"),
    [
        (1, {}, "focus", "Please choose what you would like support with."),
        (1, {"focus": "gardening"}, "focus", "Select a valid choice."),
        (2, {"slots": ["midnight"]}, "slots", "midnight is not one of the choices."),
        (3, {"travel": "car"}, "zip", "give your ZIP code"),
        (3, {"zip": "00000", "travel": "car"}, "zip", "That ZIP code was not found."),
        (3, {"zip": "Philly", "travel": "online"}, "zip", "Enter a five-digit US ZIP"),
        (3, {"zip": "19103"}, "travel", "Please choose how you would get to"),
        (4, {}, "comfort", "Please choose how you would like to start."),
        (5, {"languages": ["xx"]}, "languages", "xx is not one of the choices."),
        (6, {"audience": ["pirates"]}, "audience", "pirates is not one of the"),
    ],
)
def test_each_step_validates_only_its_own_fields(
    groups: Cast, number: int, data: dict[str, Any], field: str, message: str
) -> None:
    client = Client()
    response = client.post(f"/match/step/{number}/", data, headers=HTMX)

    # htmx swaps only successful answers: the errors come back as a 200 fragment.
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert f'hx-post="/match/step/{number}/"' in page
    assert f'id="id_{field}_error"' in page
    assert message in page.replace("&#x27;", "'")
    # No other step's question is asked or checked.
    assert page.count('class="field-error"') == 1
    assert SESSION_DRAFT not in client.session
    assert SESSION_ANSWERS not in client.session


def test_a_valid_step_keeps_its_answers_and_shows_the_next(groups: Cast) -> None:
    client = Client()
    response = client.post("/match/step/3/", {"travel": "online"}, headers=HTMX)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'hx-post="/match/step/4/"' in page
    assert "autofocus" in page  # focus moves to the new step's heading
    assert client.session[SESSION_DRAFT] == {"zip": "", "travel": "online"}
    # Going back shows the answer given.
    back = client.get("/match/step/3/", headers=HTMX).content.decode()
    assert re.search(r'value="online"[^>]*checked', back)


def test_without_htmx_a_step_page_is_a_whole_page_and_redirects(groups: Cast) -> None:
    client = Client()
    refused = client.post("/match/step/1/", {})
    assert refused.status_code == 400
    assert "<html" in refused.content.decode()

    response = client.post("/match/step/1/", {"focus": "addiction"})
    assert response.status_code == 303
    assert response["Location"] == "/match/step/2/"


def test_the_plain_form_refuses_bad_answers_and_keeps_nothing(groups: Cast) -> None:
    client = Client()
    response = client.post(MATCH, {"focus": "addiction", "travel": "car"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "give your ZIP code" in page
    assert "Please choose how you would like to start." in page
    assert "hx-trigger" not in page  # the errors stay on the page
    assert SESSION_ANSWERS not in client.session
    assert not NeedCount.objects.exists()


@pytest.mark.parametrize(
    ("answers", "zone", "zip3", "near"),
    [
        (EVENING_ANSWERS, "America/New_York", "191", True),
        (
            {**EVENING_ANSWERS, "zip": "94103", "travel": "car"},
            "America/Los_Angeles",
            "941",
            True,
        ),
        ({**EVENING_ANSWERS, "travel": "online"}, "America/New_York", "", False),
        ({**EVENING_ANSWERS, "zip": "", "travel": "online"}, "Europe/Paris", "", False),
    ],
)
def test_answers_become_the_engines_query(
    groups: Cast, answers: dict[str, Any], zone: str, zip3: str, near: bool
) -> None:
    """The ZIP's zone when given (else the default); no place or area online."""
    form = MatchForm(as_post(answers))
    assert form.is_valid(), form.errors

    query = form.query(default_tz=ZoneInfo("Europe/Paris"))
    assert query.viewer_tz == ZoneInfo(zone)
    assert query.zip3 == zip3
    assert (query.near is not None) == near
    assert query.needs.focus == "addiction"
    assert query.needs.slots == {Slot.WEEKDAY_EVENING}
    assert query.needs.comfort == Comfort.LISTEN_FIRST


def test_without_a_zip_times_are_in_the_profile_or_browser_zone(
    groups: Cast,
) -> None:
    groups.alex.timezone = "America/Chicago"
    groups.alex.save()
    member = RequestFactory().get(MATCH)
    member.user = groups.alex.user
    browser = RequestFactory().get(MATCH)
    browser.user = AnonymousUser()
    browser.COOKIES["kinship_tz"] = "America/Denver"
    nobody = RequestFactory().get(MATCH)
    nobody.user = AnonymousUser()
    nobody.COOKIES["kinship_tz"] = "Mars/Olympus_Mons"

    assert default_zone(member) == ZoneInfo("America/Chicago")
    assert default_zone(browser) == ZoneInfo("America/Denver")
    assert default_zone(nobody) == ZoneInfo("UTC")


# Both ways end the same.


def test_steps_and_the_plain_form_end_with_the_same_answers_and_groups(
    groups: Cast,
) -> None:
    stepwise = Client()
    last = answer_by_steps(stepwise, EVENING_ANSWERS)
    assert last["HX-Redirect"] == RESULT
    plain = Client()
    plain_match(plain, EVENING_ANSWERS)

    assert stepwise.session[SESSION_ANSWERS] == plain.session[SESSION_ANSWERS]
    assert plain.session[SESSION_ANSWERS] == EVENING_ANSWERS
    assert SESSION_DRAFT not in stepwise.session
    stepwise_names = result_names(stepwise.get(RESULT).content.decode())
    plain_names = result_names(plain.get(RESULT).content.decode())
    assert stepwise_names == plain_names
    assert stepwise_names == ["Tuesday Dual Recovery", "Online Dual Circle"]


def test_a_missing_earlier_answer_is_asked_again_at_the_end(groups: Cast) -> None:
    client = Client()
    response = client.post("/match/step/6/", {}, headers=HTMX)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'hx-post="/match/step/1/"' in page
    assert "Please choose what you would like support with." in page
    assert SESSION_ANSWERS not in client.session


def test_unknown_step_is_404(groups: Cast) -> None:
    assert Client().get("/match/step/7/").status_code == 404
    assert Client().post("/match/step/0/", {}).status_code == 404


# The result.


def test_result_shows_reasons_trade_offs_parts_and_rsvp_links(groups: Cast) -> None:
    client = Client()
    plain_match(client, EVENING_ANSWERS)
    response = client.get(RESULT)

    assert response.status_code == 200
    page = response.content.decode()
    assert RESULT_LINK.findall(page)[:2] == [
        "/groups/tuesday-dual-recovery/",
        "/groups/online-dual-circle/",
    ]
    assert "Why this group" in page
    assert "For recovery from addiction" in page
    assert "Online: join from anywhere" in page
    assert "Not specifically for what you asked for" in page  # the dual group
    assert "How the fit adds up" in page
    assert re.search(r"<th scope=\"row\">What it is for</th><td>30 / 30</td>", page)
    assert 'href="/meetings/tuesday-evening/dates/"' in page
    assert 'href="/meetings/dual-circle-thursday/dates/"' in page
    assert "Dates and RSVP for Tuesday Evening" in page
    # Monday 7 PM in Philadelphia, in the ZIP code's zone.
    assert "Mon, Nov 30, 7:00 PM" in page
    assert 'href="/match/">Change my answers' in page
    assert "Sign in to save this match" in page


def test_result_never_offers_a_private_group(groups: Cast) -> None:
    client = signed_in(groups.eve)
    plain_match(client, EVENING_ANSWERS)
    page = client.get(RESULT).content.decode()

    assert "Quiet Lantern" not in page
    assert "quiet-lantern" not in page


def test_result_without_answers_goes_back_to_the_questions(groups: Cast) -> None:
    response = Client().get(RESULT)

    assert response.status_code == 302
    assert response["Location"] == MATCH


def test_an_empty_result_says_so_kindly_and_offers_help(groups: Cast) -> None:
    client = Client()
    plain_match(client, UNMET_ANSWERS)
    page = client.get(RESULT).content.decode()

    assert result_names(page) == []
    assert "No group fits all your answers yet" in page
    assert 'href="/meetings/"' in page
    assert 'href="/meetings/?mode=online"' in page
    assert 'href="#crisis"' in page
    assert 'href="/help/"' in page


RESULT_LINK = re.compile(r'<h2 class="match-name"><a href="([^"]+)">')


# Counting unmet needs.


def test_an_unmet_need_is_counted_once_and_never_on_revisits(groups: Cast) -> None:
    client = Client()
    plain_match(client, UNMET_ANSWERS)
    for _ in range(3):
        assert client.get(RESULT).status_code == 200
    client.get(MATCH)

    assert need_rows() == [("family", "", "941", 1)]
    # Answered again step by step: one more completed match, one more count.
    answer_by_steps(client, UNMET_ANSWERS)
    client.get(RESULT)
    assert need_rows() == [("family", "", "941", 2)]


def test_a_counted_need_holds_only_the_cell(groups: Cast) -> None:
    plain_match(Client(), UNMET_ANSWERS)

    [row] = NeedCount.objects.values()
    assert set(row) == {"id", "day", "focus", "mode", "zip3", "count"}
    assert "94103" not in str(row)
    assert row["zip3"] == "941"


def test_online_only_counts_no_area(groups: Cast) -> None:
    answers = {**UNMET_ANSWERS, "travel": "online"}
    plain_match(Client(), answers)

    assert need_rows() == [("family", "online", "", 1)]


def test_a_match_with_a_good_fit_counts_nothing(groups: Cast) -> None:
    client = Client()
    plain_match(client, EVENING_ANSWERS)
    answer_by_steps(client, EVENING_ANSWERS)

    assert not NeedCount.objects.exists()


def test_offered_only_weaker_focus_fits_counts_the_need(groups: Cast) -> None:
    """Someone asking for help with both, offered only an addiction group."""
    answers = {**EVENING_ANSWERS, "focus": "both", "slots": ["weekday_morning"]}
    client = Client()
    plain_match(client, answers)

    page = client.get(RESULT).content.decode()
    assert result_names(page) == ["Sober Sunrise"]
    assert "None of these groups is specifically for what you asked for" in page
    assert need_rows() == [("both", "", "191", 1)]


# Answers stay out of URLs and logs.


ANSWER_WORDS = ("19103", "addiction", "weekday_evening", "no_car", "listen_first")
URL_ATTRIBUTES = re.compile(r'(?:href|action|hx-get|hx-post|src)="([^"]*)"')


def urls_in(response: Any) -> list[str]:
    urls = [response.get("Location", ""), response.get("HX-Redirect", "")]
    content = response.content.decode() if response.content else ""
    return urls + URL_ATTRIBUTES.findall(content)


def test_no_answer_appears_in_any_url_or_log_of_the_flow(
    groups: Cast, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = signed_in(groups.alex)
    responses = [client.get(MATCH), client.get("/match/step/1/", headers=HTMX)]
    for number, fields in enumerate(
        (("focus",), ("slots",), ("zip", "travel"), ("comfort",), (), ()), start=1
    ):
        responses.append(
            client.post(
                f"/match/step/{number}/",
                as_post(EVENING_ANSWERS, fields),
                headers=HTMX,
            )
        )
    responses.append(client.post(MATCH, as_post(EVENING_ANSWERS)))
    responses.append(client.get(RESULT))
    responses.append(client.post(SAVE, {"label": "evenings"}))
    saved = SavedMatch.objects.get(member=groups.alex)
    responses.append(client.get(SAVED))
    responses.append(client.get(f"{SAVED}{saved.pk}/"))

    urls = [url for response in responses for url in urls_in(response)]
    assert any(url == RESULT for url in urls)
    for url in urls:
        for word in ANSWER_WORDS:
            assert word not in url, f"{word!r} in {url!r}"
        assert not re.search(r"[?&](focus|slots|zip|travel|comfort)=", url), url
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "19103" not in logged


# Saved matches (members only).


def test_a_member_saves_reopens_and_deletes_a_match(groups: Cast) -> None:
    client = signed_in(groups.alex)
    plain_match(client, EVENING_ANSWERS)
    result_page = client.get(RESULT).content.decode()
    assert 'action="/match/save/"' in result_page

    response = client.post(SAVE, {"label": "Weeknights near work"})
    assert response.status_code == 303
    assert response["Location"] == SAVED
    saved = SavedMatch.objects.get()
    assert saved.member == groups.alex
    assert saved.label == "Weeknights near work"
    assert saved.answers == EVENING_ANSWERS

    listing = client.get(SAVED).content.decode()
    assert "Weeknights near work" in listing
    assert f'href="/me/matches/{saved.pk}/"' in listing

    reopened = client.get(f"{SAVED}{saved.pk}/")
    assert reopened.status_code == 200
    page = reopened.content.decode()
    assert result_names(page) == result_names(result_page)
    assert 'href="/meetings/tuesday-evening/dates/"' in page
    assert 'action="/match/save/"' not in page

    deleted = client.post(f"{SAVED}{saved.pk}/delete/", {"confirm": "yes"})
    assert deleted.status_code == 303
    assert not SavedMatch.objects.exists()


def test_deleting_a_saved_match_asks_first_on_a_page_of_its_own(
    groups: Cast,
) -> None:
    saved = SavedMatch.objects.create(
        member=groups.alex, label="Weeknights near work", answers=EVENING_ANSWERS
    )
    client = signed_in(groups.alex)
    listing = client.get(SAVED).content.decode()
    assert f'action="{SAVED}{saved.pk}/delete/"' not in listing
    assert f'href="{SAVED}{saved.pk}/delete/confirm/"' in listing

    page = client.get(f"{SAVED}{saved.pk}/delete/confirm/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Delete Weeknights near work?" in body
    assert "This cannot be undone." in body
    assert f'action="{SAVED}{saved.pk}/delete/"' in body
    assert '<input type="hidden" name="confirm" value="yes">' in body
    assert f'href="{SAVED}"' in body

    refused = client.post(f"{SAVED}{saved.pk}/delete/")
    assert refused.status_code == 400
    assert "Nothing has been changed yet" in refused.content.decode()
    assert SavedMatch.objects.filter(pk=saved.pk).exists()
    deleted = client.post(f"{SAVED}{saved.pk}/delete/", {"confirm": "yes"})
    assert deleted.status_code == 303
    assert not SavedMatch.objects.exists()


def test_a_saved_match_is_matched_again_with_fresh_dates(groups: Cast) -> None:
    client = signed_in(groups.alex)
    plain_match(client, EVENING_ANSWERS)
    client.post(SAVE, {"label": ""})
    saved = SavedMatch.objects.get()
    first = client.get(f"{SAVED}{saved.pk}/").content.decode()
    assert "Mon, Nov 30, 7:00 PM" in first

    assert "Mon, Dec 14, 7:00 PM" not in first

    with time_machine.travel(NOW + dt.timedelta(days=7), tick=False):
        later = signed_in(groups.alex).get(f"{SAVED}{saved.pk}/").content.decode()

    assert "Mon, Nov 30, 7:00 PM" not in later
    assert "Mon, Dec 14, 7:00 PM" in later
    assert result_names(later) == result_names(first)


def test_eve_cannot_see_or_delete_alexs_saved_match(groups: Cast) -> None:
    saved = SavedMatch.objects.create(
        member=groups.alex, label="Alex's evenings", answers=EVENING_ANSWERS
    )
    eve = signed_in(groups.eve)

    assert eve.get(f"{SAVED}{saved.pk}/").status_code == 404
    assert eve.post(f"{SAVED}{saved.pk}/delete/").status_code == 404
    assert eve.get(f"{SAVED}{saved.pk}/delete/confirm/").status_code == 404
    confirmed = eve.post(f"{SAVED}{saved.pk}/delete/", {"confirm": "yes"})
    assert confirmed.status_code == 404
    listing = eve.get(SAVED).content.decode()
    assert "Alex&#x27;s evenings" not in listing
    assert "Alex's evenings" not in listing
    assert SavedMatch.objects.filter(pk=saved.pk).exists()


def test_visitors_are_asked_to_sign_in_to_save(groups: Cast) -> None:
    client = Client()
    plain_match(client, EVENING_ANSWERS)

    assert "Sign in to save this match" in client.get(RESULT).content.decode()
    response = client.post(SAVE, {"label": "mine"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SavedMatch.objects.exists()


def test_saving_without_answers_saves_nothing(groups: Cast) -> None:
    response = signed_in(groups.alex).post(SAVE, {"label": "nothing yet"})

    assert response.status_code == 303
    assert response["Location"] == MATCH
    assert not SavedMatch.objects.exists()


def test_a_too_long_label_is_refused(groups: Cast) -> None:
    client = signed_in(groups.alex)
    plain_match(client, EVENING_ANSWERS)
    response = client.post(SAVE, {"label": "x" * 81})

    assert response.status_code == 303
    assert response["Location"] == RESULT
    assert not SavedMatch.objects.exists()


def test_saved_match_list_query_count(
    groups: Cast, django_assert_num_queries: Any
) -> None:
    for number in range(5):
        SavedMatch.objects.create(
            member=groups.alex, label=f"match {number}", answers=EVENING_ANSWERS
        )
    client = signed_in(groups.alex)
    client.get(SAVED)  # the session is read and touched once first

    # session, account, member profile, saved matches, notifications badge.
    with django_assert_num_queries(5):
        response = client.get(SAVED)
    assert response.content.decode().count("/delete/") == 5
