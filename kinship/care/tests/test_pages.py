"""Assessment pages: the index with history, the form, the result (crisis
resources at the top for PHQ-9 item 9 above 0), refusals, and the /me/ link."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinship.care.instruments import INSTRUMENTS
from kinship.care.models import Assessment
from kinship.care.services import assessment_take
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.members.tests.test_accounts import assert_in_our_layout

from .helpers import answers_totalling, form_data

pytestmark = pytest.mark.django_db

INDEX = "/me/assessments/"
PHQ9_FORM = "/me/assessments/phq9/"
FHIR = "/me/assessments/fhir.json"
PHQ9 = INSTRUMENTS["phq9"]
AUDITC = INSTRUMENTS["auditc"]


def result_url(assessment: Assessment) -> str:
    return f"/me/assessments/result/{assessment.pk}/"


def take_at(
    member: Member, key: str, total: int, when: dt.datetime, **fixed: int
) -> Assessment:
    answers = answers_totalling(INSTRUMENTS[key], total, dict(fixed))
    with time_machine.travel(when, tick=False):
        return assessment_take(by=member, instrument=key, answers=answers)


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, 17, tzinfo=dt.UTC)


def main_of(page: str) -> str:
    """The page's own content, without the footer's crisis resources."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_visitors_are_sent_to_sign_in(client: Client, cast: Cast) -> None:
    mine = take_at(cast.alex, "phq9", 3, at(2), **{"9": 0})
    for url in (INDEX, PHQ9_FORM, FHIR, result_url(mine)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")
    response = client.post(PHQ9_FORM, form_data(answers_totalling(PHQ9, 5)))
    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_the_form_is_accessible_radio_groups(cast: Cast) -> None:
    response = signed_in(cast.alex).get(PHQ9_FORM)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<fieldset") == 9
    assert page.count("<legend>") == 9
    assert "9. Thoughts that you would be better off dead" in page
    assert page.count('type="radio"') == 36
    assert '<label for="id_q1_0">Not at all</label>' in page
    assert "Over the last 2 weeks" in page
    assert "Kroenke K" in page  # the source is cited
    assert_in_our_layout(response.content)


def test_auditc_asks_which_threshold_with_its_own_options(cast: Cast) -> None:
    page = signed_in(cast.alex).get("/me/assessments/auditc/").content.decode()
    assert page.count("<fieldset") == 4
    assert "Are you a man or a woman? We ask only to choose the threshold." in page
    assert "the lower threshold (3) is used" in page
    assert 'value="not_stated" id="id_sex_2" required checked' in page
    assert "Daily or almost daily" in page
    assert "10 or more" in page


def test_unknown_instrument_is_a_404(cast: Cast) -> None:
    client = signed_in(cast.alex)
    assert client.get("/me/assessments/phq10/").status_code == 404
    assert client.post("/me/assessments/phq10/", {}).status_code == 404


def test_posting_scores_saves_and_shows_the_result(cast: Cast) -> None:
    client = signed_in(cast.alex)
    answers = answers_totalling(PHQ9, 12, {"9": 0})
    response = client.post(PHQ9_FORM, form_data(answers))
    saved = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == result_url(saved)
    assert (saved.member, saved.instrument, saved.total) == (cast.alex, "phq9", 12)
    assert (saved.band, saved.safety, saved.flags) == ("moderate", False, [])
    assert saved.answers == answers
    assert saved.given_by == "self"
    page = client.get(result_url(saved)).content.decode()
    assert "12 (scores run from 0 to 27)" in page
    assert "Band: <strong>Moderate</strong>" in page
    assert "not a diagnosis" in page
    assert 'id="crisis-now"' not in page


def test_invalid_answers_show_field_errors_and_save_nothing(cast: Cast) -> None:
    client = signed_in(cast.alex)
    data = form_data(answers_totalling(PHQ9, 6))
    del data["q4"]
    data["q7"] = "9"
    response = client.post(PHQ9_FORM, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in page
    assert 'id="id_q4_error"' in page
    assert "Please choose an answer." in page
    assert 'id="id_q7_error"' in page
    assert 'aria-describedby="id_q4_error"' in page
    # The answers given are kept checked.
    assert 'value="3" id="id_q1_3" required checked' in page
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(("total", "item9"), [(1, 1), (27, 3), (14, 2)])
def test_phq9_item9_above_zero_shows_crisis_resources_at_the_top(
    cast: Cast, total: int, item9: int
) -> None:
    client = signed_in(cast.alex)
    answers = answers_totalling(PHQ9, total, {"9": item9})
    response = client.post(PHQ9_FORM, form_data(answers), follow=True)
    saved = Assessment.objects.get()
    assert saved.safety
    assert saved.flags == ["safety"]
    main = main_of(response.content.decode())
    crisis = main.index('id="crisis-now"')
    assert crisis < main.index("<h1>")
    assert crisis < main.index("scores run from")
    for resource in ('href="tel:988"', 'href="sms:988"', "1-800-662-4357"):
        assert resource in main
    assert "text HOME to" in main
    assert 'href="tel:911"' in main


def test_auditc_result_says_which_threshold_was_used(cast: Cast) -> None:
    client = signed_in(cast.alex)
    answers = form_data(answers_totalling(AUDITC, 3))
    client.post("/me/assessments/auditc/", answers | {"sex": "not_stated"})
    client.post("/me/assessments/auditc/", answers | {"sex": "men"})
    unstated, men = Assessment.objects.order_by("pk")
    assert (unstated.band, unstated.threshold, unstated.sex) == (
        "positive",
        3,
        "not_stated",
    )
    assert (men.band, men.threshold, men.sex) == ("negative", 4, "men")
    page = client.get(result_url(unstated)).content.decode()
    assert "the lower one was used: positive from 3" in page
    assert "Positive screen" in page
    assert "positive from 4" in client.get(result_url(men)).content.decode()


def test_the_index_lists_instruments_and_my_trend(cast: Cast) -> None:
    take_at(cast.alex, "phq9", 14, at(2), **{"9": 0})
    take_at(cast.alex, "phq9", 9, at(16), **{"9": 0})
    take_at(cast.alex, "phq9", 11, at(30), **{"9": 0})
    take_at(cast.alex, "barc10", 47, at(3))
    page = signed_in(cast.alex).get(INDEX).content.decode()
    for key in ("phq9", "gad7", "auditc", "barc10"):
        assert f'href="/me/assessments/{key}/"' in page
    assert "Take the GAD-7" in page
    assert page.count("Not taken yet.") == 2
    phq9 = page.split('id="instrument-phq9-heading"')[1].split("</section>")[0]
    rows = phq9.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [row.split("<td>")[1].split("<")[0] for row in rows] == ["11", "9", "14"]
    assert "+2" in rows[0]
    assert "-5" in rows[1]
    assert "first" in rows[2]
    assert "Mar 30, 2026" in rows[0]
    assert "Mild" in rows[1]
    assert "47 or more" in page
    assert 'href="/me/assessments/fhir.json"' in page


def test_the_index_query_count_does_not_grow_with_history(cast: Cast) -> None:
    client = signed_in(cast.alex)
    take_at(cast.alex, "gad7", 3, at(1))
    with CaptureQueriesContext(connection) as one:
        assert client.get(INDEX).status_code == 200
    for day in range(2, 12):
        take_at(cast.alex, "gad7", day, at(day))
        take_at(cast.alex, "barc10", 20 + day, at(day))
    with CaptureQueriesContext(connection) as many:
        assert client.get(INDEX).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


def test_eve_sees_only_her_own(cast: Cast) -> None:
    alexs = take_at(cast.alex, "phq9", 20, at(2), **{"9": 2})
    client = signed_in(cast.eve)
    assert client.get(result_url(alexs)).status_code == 404
    index = client.get(INDEX).content.decode()
    assert "March 2026" not in index
    assert index.count("Not taken yet.") == 4
    assert client.post(PHQ9_FORM, {}).status_code == 400
    assert Assessment.objects.filter(member=cast.eve).count() == 0


def test_my_recovery_links_to_my_assessments(cast: Cast) -> None:
    page = signed_in(cast.alex).get("/me/").content.decode()
    assert f'href="{INDEX}"' in page
