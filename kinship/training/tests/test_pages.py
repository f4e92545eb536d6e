"""Training pages: both courses, one course, a module with its knowledge check;
the admin; the link from /me/."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from kinship.members.tests.personas import Cast, signed_in
from kinship.members.tests.test_accounts import assert_in_our_layout
from kinship.training.models import TrainingModule, TrainingProgress
from kinship.training.selectors import modules_current

from .helpers import answer_at, at, course_pass, right, wrong_at

pytestmark = pytest.mark.django_db

INDEX = "/training/"
MENTOR = "/training/mentor/"
BOUNDARIES = "/training/mentor/boundaries/"


def module(slug: str) -> TrainingModule:
    return TrainingModule.objects.get(slug=slug)


def form_data(answers: list[int]) -> dict[str, int]:
    return {f"q{number}": answer for number, answer in enumerate(answers, start=1)}


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    for url in (INDEX, MENTOR, BOUNDARIES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client.post(BOUNDARIES, form_data(right(module("boundaries"))))
    assert response.status_code == 302
    assert not TrainingProgress.objects.exists()


def test_the_index_shows_both_courses_with_dated_progress(cast: Cast) -> None:
    answer_at(cast.alex, module("boundaries"), right(module("boundaries")), at(3))
    answer_at(cast.alex, module("listening"), right(module("listening")), at(4))
    answer_at(cast.alex, module("self-care"), wrong_at(module("self-care"), 1), at(5))
    course_pass(cast.alex, "facilitator", at(12))
    page = signed_in(cast.alex).get(INDEX).content.decode()
    assert "Mentor training" in page
    assert "Facilitator training" in page
    assert "2 of 5 modules passed." in page
    assert "passed on Mar 3, 2026" in page
    assert "passed on Mar 4, 2026" in page
    assert "Continue: Confidentiality and its limits" in page
    assert "Course completed on Mar 12, 2026." in page
    assert "passed on Mar 9, 2026" in page  # the first facilitator module
    assert_in_our_layout(page.encode())


def test_eve_sees_only_her_own_progress(cast: Cast) -> None:
    course_pass(cast.alex, "mentor", at(12))
    course_pass(cast.alex, "facilitator", at(14))
    client = signed_in(cast.eve)
    for url in (INDEX, MENTOR, BOUNDARIES, "/training/facilitator/"):
        page = client.get(url).content.decode()
        assert "March 2026" not in page, url
        assert "ompleted on" not in page, url
        assert "ompleted this course" not in page, url
        assert "You passed this module" not in page, url
    index = client.get(INDEX).content.decode()
    assert "0 of 5 modules passed." in index
    assert "0 of 4 modules passed." in index
    assert "Start: Boundaries" in index
    assert "Passed on" not in client.get(MENTOR).content.decode()


def test_the_course_page_lists_modules_in_order_with_status(cast: Cast) -> None:
    answer_at(cast.alex, module("boundaries"), right(module("boundaries")), at(3))
    answer_at(cast.alex, module("listening"), wrong_at(module("listening"), 2), at(4))
    answer_at(cast.alex, module("listening"), wrong_at(module("listening"), 1), at(5))
    TrainingModule.objects.filter(slug="self-care").update(retired=True)
    page = signed_in(cast.alex).get(MENTOR).content.decode()
    titles = [m.title for m in modules_current("mentor")]
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Looking after yourself" not in page  # retired
    assert "Passed on Mar 3, 2026" in page
    assert "Not passed yet: 2 attempts" in page
    assert page.count("Not started") == 2
    assert "1 of 4 modules passed." in page


def test_the_module_page_shows_the_text_and_the_check(cast: Cast) -> None:
    boundaries = module("boundaries")
    response = signed_in(cast.alex).get(BOUNDARIES)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{boundaries.title}</h1>" in page
    first_paragraph = boundaries.content.split("\n\n")[0]
    assert f"<p>{escape(first_paragraph)}</p>" in page
    assert page.count('type="radio"') == sum(
        len(q["choices"]) for q in boundaries.questions
    )
    assert "Question 1: " in page
    assert "Not started" in page
    assert "Next module: Listening well" in page
    assert_in_our_layout(response.content)
    # Viewing records nothing.
    assert not TrainingProgress.objects.exists()


def test_module_text_is_plain_text_never_html(cast: Cast) -> None:
    TrainingModule.objects.filter(slug="boundaries").update(
        content="<script>alert(1)</script>\n\nSecond <b>paragraph</b>."
    )
    page = signed_in(cast.alex).get(BOUNDARIES).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>" in page


def test_wrong_answers_name_the_questions_and_count_an_attempt(cast: Cast) -> None:
    boundaries = module("boundaries")
    client = signed_in(cast.alex)
    response = client.post(BOUNDARIES, form_data(wrong_at(boundaries, 1, 3)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "review questions 1, 3, then try again" in page
    assert page.count("Review this one") == 2
    assert "You have made 1 attempt." in page
    progress = TrainingProgress.objects.get(member=cast.alex, module=boundaries)
    assert progress.attempts == 1
    assert progress.passed_at is None
    response = client.post(BOUNDARIES, form_data(wrong_at(boundaries, 2)))
    assert "review question 2, then try again" in response.content.decode()
    progress.refresh_from_db()
    assert progress.attempts == 2
    assert progress.passed_at is None


def test_all_answers_right_passes_and_keeps_the_date(cast: Cast) -> None:
    boundaries = module("boundaries")
    client = signed_in(cast.alex)
    answer_at(cast.alex, boundaries, wrong_at(boundaries, 2), at(1))
    with time_machine.travel(at(2), tick=False):
        response = client.post(BOUNDARIES, form_data(right(boundaries)))
    assert response.status_code == 302
    assert response["Location"] == BOUNDARIES
    page = client.get(BOUNDARIES).content.decode()
    assert "you passed this module." in page
    assert "You passed this module on Mar 2, 2026." in page
    with time_machine.travel(at(8), tick=False):
        response = client.post(BOUNDARIES, form_data(right(boundaries)), follow=True)
    assert "You had already passed this module." in response.content.decode()
    progress = TrainingProgress.objects.get(member=cast.alex, module=boundaries)
    assert progress.passed_at == at(2)
    assert progress.attempts == 3


def test_an_unanswered_question_is_refused_and_records_nothing(cast: Cast) -> None:
    answers = form_data(right(module("boundaries")))
    del answers["q2"]
    response = signed_in(cast.alex).post(BOUNDARIES, {**answers, "q3": "7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please choose an answer." in page
    assert "Nothing was recorded." in page
    assert not TrainingProgress.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/training/clinician/",
        "/training/clinician/boundaries/",
        "/training/mentor/no-such-module/",
        "/training/facilitator/boundaries/",  # a mentor module's slug
        "/training/mentor/self-care/",  # retired below
    ],
)
def test_unknown_or_retired_is_404(cast: Cast, url: str) -> None:
    TrainingModule.objects.filter(slug="self-care").update(retired=True)
    client = signed_in(cast.alex)
    assert client.get(url).status_code == 404
    if url.count("/") == 4:  # a module's address: the check is refused too
        answers = form_data(right(module("self-care")))
        assert client.post(url, answers).status_code == 404
    assert not TrainingProgress.objects.exists()


def test_the_list_pages_query_count_does_not_grow(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    client = signed_in(cast.alex)
    client.get(INDEX)
    # Session, account, member profile, notifications count; the modules and
    # the member's progress (two queries, whatever the number of modules).
    with django_assert_num_queries(6):
        client.get(INDEX)
    with django_assert_num_queries(6):
        client.get(MENTOR)
    course_pass(cast.alex, "mentor", at(12))
    course_pass(cast.alex, "facilitator", at(14))
    for number in range(5):
        TrainingModule.objects.create(
            course="mentor", slug=f"extra-{number}", position=10 + number, title="X"
        )
    with django_assert_num_queries(6):
        assert client.get(INDEX).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(MENTOR).status_code == 200


def test_my_recovery_links_to_training(cast: Cast) -> None:
    page = signed_in(cast.alex).get("/me/").content.decode()
    assert 'href="/training/"' in page


# The Django admin.


@pytest.fixture
def site_admin(cast: Cast) -> Client:
    answer_at(cast.alex, module("boundaries"), right(module("boundaries")), at(3))
    admin = User.objects.create_superuser("site-admin", "admin@example.org", "pw-1!x")
    client = Client()
    client.force_login(admin)
    return client


def test_site_admins_edit_modules(site_admin: Client) -> None:
    boundaries = module("boundaries")
    url = f"/admin/training/trainingmodule/{boundaries.pk}/change/"
    assert site_admin.get("/admin/training/trainingmodule/").status_code == 200
    assert site_admin.get(url).status_code == 200
    data = {
        "course": "mentor",
        "slug": "boundaries",
        "position": 1,
        "title": "Boundaries (edited)",
        "summary": "",
        "content": "New text.",
        "questions": '[{"prompt": "Ok?", "choices": ["a", "b"], "answer": 5}]',
    }
    response = site_admin.post(url, data)
    assert response.status_code == 200
    assert "the answer must be the index of one of its 2 choices" in (
        response.content.decode()
    )
    boundaries.refresh_from_db()
    assert boundaries.title != "Boundaries (edited)"
    data["questions"] = '[{"prompt": "Ok?", "choices": ["a", "b"], "answer": 1}]'
    assert site_admin.post(url, data).status_code == 302
    boundaries.refresh_from_db()
    assert boundaries.title == "Boundaries (edited)"
    assert boundaries.questions[0]["answer"] == 1
    # The pass alex made stays.
    assert TrainingProgress.objects.get(module=boundaries).passed_at == at(3)


def test_progress_is_a_read_only_list_in_the_admin(site_admin: Client) -> None:
    response = site_admin.get("/admin/training/trainingprogress/")
    assert response.status_code == 200
    assert "Alex K." in response.content.decode()
    progress = TrainingProgress.objects.get()
    assert site_admin.get("/admin/training/trainingprogress/add/").status_code == 403
    change = site_admin.get(f"/admin/training/trainingprogress/{progress.pk}/change/")
    assert change.status_code == 200
    assert b'name="attempts"' not in change.content
    delete = site_admin.post(
        f"/admin/training/trainingprogress/{progress.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert TrainingProgress.objects.filter(pk=progress.pk).exists()


def test_eve_is_sent_to_the_admin_login(cast: Cast) -> None:
    response = signed_in(cast.eve).get("/admin/training/trainingprogress/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_empty_check_is_refused(cast: Cast) -> None:
    response = signed_in(cast.eve).post(BOUNDARIES, {})
    assert response.status_code == 400
    assert response.content.decode().count("Please choose an answer.") == 3
    assert not TrainingProgress.objects.exists()


def test_with_htmx_the_check_comes_back_as_a_fragment(cast: Cast) -> None:
    boundaries = module("boundaries")
    client = signed_in(cast.alex)
    htmx = {"HX-Request": "true"}
    response = client.post(BOUNDARIES, form_data(wrong_at(boundaries, 2)), headers=htmx)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith('<section id="knowledge-check"')
    assert "review question 2, then try again" in page
    assert "HX-Request" in response["Vary"]
    response = client.post(BOUNDARIES, {}, headers=htmx)
    assert response.status_code == 200
    assert "Nothing was recorded." in response.content.decode()
    response = client.post(BOUNDARIES, form_data(right(boundaries)), headers=htmx)
    assert response.status_code == 200
    assert response["HX-Redirect"] == BOUNDARIES
    progress = TrainingProgress.objects.get(member=cast.alex, module=boundaries)
    assert progress.attempts == 2
    assert progress.passed_at is not None
    assert (
        'hx-post="/training/mentor/boundaries/"'
        in client.get(BOUNDARIES).content.decode()
    )
