"""assessment_take: what it saves, and that refused answers save nothing."""

from __future__ import annotations

import pytest
from django.http import Http404

from kinship.care.forms import AssessmentForm
from kinship.care.instruments import INSTRUMENTS, ScoringError
from kinship.care.models import Assessment, CarePseudonym
from kinship.care.selectors import access_assessment, assessments_of
from kinship.care.services import assessment_take
from kinship.members.tests.personas import Cast

from .helpers import answers_totalling, form_data

pytestmark = pytest.mark.django_db


def test_taking_saves_the_exact_score_and_a_pseudonym(cast: Cast) -> None:
    answers = answers_totalling(INSTRUMENTS["phq9"], 21, {"9": 3})
    saved = assessment_take(by=cast.alex, instrument="phq9", answers=answers)
    saved.refresh_from_db()
    assert (saved.total, saved.band, saved.flags, saved.safety) == (
        21,
        "severe",
        ["safety"],
        True,
    )
    assert (saved.sex, saved.threshold, saved.given_by) == ("", None, "self")
    assert CarePseudonym.objects.filter(member=cast.alex).count() == 1
    assessment_take(
        by=cast.alex,
        instrument="gad7",
        answers=answers_totalling(INSTRUMENTS["gad7"], 1),
    )
    assert CarePseudonym.objects.filter(member=cast.alex).count() == 1


def test_refused_answers_save_nothing(cast: Cast) -> None:
    answers = answers_totalling(INSTRUMENTS["auditc"], 5)
    answers["2"] = 5
    with pytest.raises(ScoringError) as caught:
        assessment_take(by=cast.alex, instrument="auditc", answers=answers)
    assert set(caught.value.errors) == {"2"}
    with pytest.raises(KeyError):
        assessment_take(by=cast.alex, instrument="audit", answers=answers)
    assert not Assessment.objects.exists()
    assert not CarePseudonym.objects.exists()


def test_selectors_give_only_the_members_own(cast: Cast) -> None:
    gad7 = INSTRUMENTS["gad7"]
    alexs = assessment_take(
        by=cast.alex, instrument=gad7, answers=answers_totalling(gad7, 2)
    )
    eves = assessment_take(
        by=cast.eve, instrument=gad7, answers=answers_totalling(gad7, 8)
    )
    assert list(assessments_of(cast.alex)) == [alexs]
    assert list(assessments_of(cast.alex, "phq9")) == []
    assert access_assessment(cast.eve, eves.pk) == eves
    with pytest.raises(Http404):
        access_assessment(cast.eve, alexs.pk)


def test_scoring_errors_land_on_their_fields() -> None:
    form = AssessmentForm(
        INSTRUMENTS["auditc"],
        form_data(answers_totalling(INSTRUMENTS["auditc"], 2), sex="men"),
    )
    assert form.is_valid()
    form.add_scoring_errors({"2": "Bad", "sex": "Worse", "__all__": "All"})
    assert form.errors["q2"] == ["Bad"]
    assert form.errors["sex"] == ["Worse"]
    assert form.non_field_errors() == ["All"]
