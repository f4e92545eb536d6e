"""Program vocabularies, the demo directory and synthetic meetings for load tests."""

from __future__ import annotations

import io
import math
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from kinship.core.geo import Point, distance_miles, geocode_zip
from kinship.core.timezones import is_valid_timezone
from kinship.directory.demo_data import CITIES, GROUPS
from kinship.directory.models import (
    AttendanceMode,
    Group,
    Language,
    Location,
    Meeting,
    MeetingStatus,
    MeetingType,
    Program,
    Visibility,
)
from kinship.directory.services import programs_sync
from kinship.directory.vocabularies import LANGUAGES, PROGRAMS

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def taxonomy() -> list[tuple[str, ...]]:
    """Every program, type and language row with its content, in a stable order."""
    return [
        *Program.objects.order_by("code").values_list(
            "code", "name", "focus", "description", "website"
        ),
        *MeetingType.objects.order_by("program__code", "code").values_list(
            "program__code", "code", "label", "description"
        ),
        *Language.objects.order_by("code").values_list("code", "name"),
    ]


def type_label(program: str, code: str) -> str:
    return MeetingType.objects.get(program__code=program, code=code).label


def miles_from_zip(zip_code: str, latitude: float, longitude: float) -> float:
    centroid = geocode_zip(zip_code)
    assert centroid is not None, zip_code
    return distance_miles(centroid.point, Point(latitude, longitude))


@pytest.fixture
def demo() -> str:
    return seed()


# ---------------------------------------------------------------- programs_sync


def test_programs_sync_creates_vocabularies_then_changes_nothing() -> None:
    first = programs_sync()
    assert first.programs_created == len(PROGRAMS) == 9
    assert first.types_created == sum(len(p.types) for p in PROGRAMS)
    assert first.languages_created == len(LANGUAGES)
    counts = (Program.objects.count(), MeetingType.objects.count())
    rows = taxonomy()

    second = programs_sync()

    assert not second.changed
    assert (Program.objects.count(), MeetingType.objects.count()) == counts
    assert Language.objects.count() == len(LANGUAGES)
    assert taxonomy() == rows


def test_programs_sync_repairs_edits_and_keeps_extra_types() -> None:
    programs_sync()
    MeetingType.objects.filter(program__code="al-anon", code="POA").update(
        label="Proof of Attendance"
    )
    Program.objects.filter(code="smart").update(focus="family")
    aa = Program.objects.get(code="aa")
    MeetingType.objects.create(program=aa, code="LOCAL", label="Area custom type")

    result = programs_sync()

    assert (result.types_updated, result.programs_updated) == (1, 1)
    assert type_label("al-anon", "POA") == "Parents of Alcoholics"
    assert Program.objects.get(code="smart").focus == "addiction"
    assert MeetingType.objects.filter(program=aa, code="LOCAL").exists()


def test_al_anon_codes_mean_something_else_than_in_aa() -> None:
    programs_sync()
    assert type_label("aa", "POA") == "Proof of Attendance"
    assert type_label("al-anon", "POA") == "Parents of Alcoholics"
    assert type_label("aa", "Y") == "Young People"
    assert type_label("al-anon", "Y") == "Alateen"
    assert type_label("al-anon", "AC") == "Adult Children"
    assert type_label("al-anon", "LGBTQIA") == "LGBTQIA+"
    assert not MeetingType.objects.filter(program__code="aa", code="AC").exists()


def test_aa_has_the_meeting_guide_type_list() -> None:
    programs_sync()
    aa_codes = set(
        MeetingType.objects.filter(program__code="aa").values_list("code", flat=True)
    )
    expected = {
        "O", "C", "B", "D", "SP", "ST", "12x12", "11", "BE", "W", "M", "LGBTQ",
        "Y", "POA", "TC", "ONL", "EN", "S", "X", "XB", "BA", "A", "ABSI", "DD",
        "ASL", "POC", "SEN", "TR", "XT", "NB", "T", "G", "L", "CAN", "BRK",
    }  # fmt: skip
    assert expected <= aa_codes
    assert len(aa_codes) >= 85
    assert type_label("aa", "TC") == "Location Temporarily Closed"
    assert type_label("na", "JFT") == "Just For Today Study"
    assert type_label("smart", "FAM") == "SMART Family & Friends"


def test_languages_cover_the_directory_needs() -> None:
    programs_sync()
    names = dict(Language.objects.values_list("code", "name"))
    for code in (
        "en", "es", "fr", "pl", "ru", "zh", "ko", "vi", "tl", "ar", "pt", "de",
        "it", "ja",
    ):  # fmt: skip
        assert code in names
    assert names["es"] == "Spanish"
    assert names["ase"] == "American Sign Language"


# ---------------------------------------------------------------- demo directory


def test_demo_has_every_program_mode_and_city(demo: str) -> None:
    groups = list(Group.objects.select_related("program"))
    meetings = Meeting.objects.all()
    assert 25 <= len(groups) <= 40
    assert 60 <= meetings.count() <= 100
    assert {g.program.code for g in groups} == {p.code for p in PROGRAMS}
    assert set(meetings.values_list("attendance_mode", flat=True)) == set(
        AttendanceMode.values
    )
    cities = set(Location.objects.values_list("city", flat=True))
    assert {c.name for c in CITIES} <= cities
    assert f"{len(groups)} groups and {meetings.count()} meetings created" in demo


def test_demo_groups_have_their_own_statements(demo: str) -> None:
    groups = list(Group.objects.all())
    for group in groups:
        for text in (
            group.description,
            group.guidelines,
            group.confidentiality_statement,
            group.inclusivity_statement,
        ):
            assert len(text) > 60, (group.slug, text)
            assert "lorem" not in text.lower()
        assert group.resource_links
        assert group.languages.exists()
    # Written for each group, not one text pasted everywhere.
    for field in ("description", "guidelines", "confidentiality_statement"):
        assert len({getattr(g, field) for g in groups}) == len(groups), field
    assert Group.objects.filter(languages__code="es").count() >= 4


def test_every_demo_meeting_type_is_from_its_group_program(demo: str) -> None:
    links = Meeting.types.through.objects
    assert links.count() > 150
    foreign = links.exclude(meetingtype__program=F("meeting__group__program"))
    assert list(foreign.values_list("meeting__slug", "meetingtype__code")) == []


def test_demo_rows_pass_model_validation(demo: str) -> None:
    for location in Location.objects.all():
        location.full_clean()
    for group in Group.objects.all():
        group.full_clean()
    for meeting in Meeting.objects.all():
        meeting.full_clean()


def test_demo_places_times_and_links_are_plausible(demo: str) -> None:
    for location in Location.objects.all():
        centroid = geocode_zip(location.postal_code)
        assert centroid is not None
        assert location.timezone == centroid.timezone
        assert location.latitude is not None
        assert location.longitude is not None
        miles = miles_from_zip(
            location.postal_code, location.latitude, location.longitude
        )
        assert miles < 2, location.name
    for meeting in Meeting.objects.select_related("location"):
        if meeting.location is not None:
            assert meeting.timezone == meeting.location.timezone
        if meeting.attendance_mode == AttendanceMode.IN_PERSON:
            assert not meeting.conference_url
        else:
            assert meeting.conference_url.startswith("https://zoom.us/j/")
            assert meeting.conference_phone.startswith("+1")


def test_demo_philadelphia_has_in_person_and_hybrid_near_19103(demo: str) -> None:
    near: Counter[str] = Counter()
    listed = Meeting.objects.filter(
        status=MeetingStatus.ACTIVE, group__visibility=Visibility.LISTED
    ).exclude(location=None)
    for meeting in listed.select_related("location"):
        assert meeting.location is not None
        assert meeting.location.latitude is not None
        assert meeting.location.longitude is not None
        miles = miles_from_zip(
            "19103", meeting.location.latitude, meeting.location.longitude
        )
        if miles <= 10:
            near[meeting.attendance_mode] += 1
    assert near[AttendanceMode.IN_PERSON] >= 5
    assert near[AttendanceMode.HYBRID] >= 1


def test_demo_includes_the_awkward_cases(demo: str) -> None:
    meetings = list(Meeting.objects.all())
    assert sum(m.crosses_midnight for m in meetings) >= 2
    by_appointment = [m for m in meetings if m.is_by_appointment]
    assert len(by_appointment) == 1
    assert by_appointment[0].start_time is None
    closed = Meeting.objects.filter(status=MeetingStatus.TEMPORARILY_CLOSED)
    assert closed.count() == 1
    assert closed.filter(types__code="TC").exists()
    assert Group.objects.filter(visibility=Visibility.UNLISTED).count() == 1
    assert Group.objects.filter(visibility=Visibility.PRIVATE).count() == 1
    assert Meeting.objects.filter(languages__code="es").count() >= 8


def test_seed_demo_again_updates_in_place(demo: str) -> None:
    counts = (Group.objects.count(), Meeting.objects.count(), Location.objects.count())
    Group.objects.filter(slug=GROUPS[0].slug).update(name="Edited by hand")

    output = seed()

    assert (
        Group.objects.count(),
        Meeting.objects.count(),
        Location.objects.count(),
    ) == counts
    assert Group.objects.get(slug=GROUPS[0].slug).name == GROUPS[0].name
    assert "0 groups and 0 meetings created" in output


def test_if_empty_seeds_an_empty_database_then_does_nothing() -> None:
    seed("--if-empty")
    assert Group.objects.count() == len(GROUPS)
    Group.objects.filter(slug=GROUPS[0].slug).update(name="Edited by hand")
    counts = (Group.objects.count(), Meeting.objects.count())

    output = seed("--if-empty")

    assert "did nothing" in output
    assert (Group.objects.count(), Meeting.objects.count()) == counts
    assert Group.objects.get(slug=GROUPS[0].slug).name == "Edited by hand"


def test_if_empty_leaves_a_database_with_any_group_alone() -> None:
    programs_sync()
    Group.objects.create(
        name="Imported group", slug="imported", program=Program.objects.get(code="na")
    )
    assert "did nothing" in seed("--if-empty")
    assert Group.objects.count() == 1
    assert not Meeting.objects.exists()


# ---------------------------------------------------------------- synthetic load


def synthetic_rows(seed_value: int) -> list[tuple[object, ...]]:
    return list(
        Meeting.objects.filter(slug__startswith=f"syn-{seed_value}-")
        .order_by("slug")
        .values_list(
            "slug",
            "uuid",
            "weekday",
            "start_time",
            "end_time",
            "timezone",
            "attendance_mode",
            "group__slug",
            "group__program__code",
            "location__postal_code",
            "location__latitude",
        )
    )


def delete_synthetic(seed_value: int) -> None:
    Meeting.objects.filter(slug__startswith=f"syn-{seed_value}-").delete()
    Group.objects.filter(slug__startswith=f"syn-{seed_value}-g").delete()
    Location.objects.filter(meetings=None, approximate=True).delete()


def test_synthetic_meetings_are_added_and_valid(demo: str) -> None:
    before = Meeting.objects.count()

    output = seed("--meetings", "500", "--seed", "7")

    assert Meeting.objects.count() == before + 500
    synthetic = Meeting.objects.filter(slug__startswith="syn-7-")
    assert synthetic.count() == 500
    assert Group.objects.filter(slug__startswith="syn-7-g").count() == 125
    assert "Synthetic: 500 meetings" in output
    modes = Counter(synthetic.values_list("attendance_mode", flat=True))
    assert modes[AttendanceMode.IN_PERSON] > 300
    assert modes[AttendanceMode.ONLINE] > 30
    assert modes[AttendanceMode.HYBRID] > 15
    states = set()
    for meeting in synthetic.select_related("location", "group__program"):
        assert is_valid_timezone(meeting.timezone)
        assert meeting.weekday is not None
        assert meeting.start_time is not None
        assert meeting.end_time is not None
        assert meeting.end_time != meeting.start_time
        location = meeting.location
        if meeting.attendance_mode == AttendanceMode.ONLINE:
            assert location is None
        else:
            assert location is not None
            assert location.latitude is not None
            assert location.longitude is not None
            assert math.isfinite(location.latitude)
            assert math.isfinite(location.longitude)
            assert meeting.timezone == location.timezone
            centroid = geocode_zip(location.postal_code)
            assert centroid is not None
            assert centroid.timezone == meeting.timezone
            miles = miles_from_zip(
                location.postal_code, location.latitude, location.longitude
            )
            assert miles < 1.5
            states.add(location.region)
        if meeting.attendance_mode != AttendanceMode.IN_PERSON:
            assert meeting.conference_url.startswith("https://zoom.us/j/")
    assert len(states) >= 25  # spread over the country, not one metro area
    foreign = Meeting.types.through.objects.filter(
        meeting__slug__startswith="syn-7-"
    ).exclude(meetingtype__program=F("meeting__group__program"))
    assert not foreign.exists()
    assert (
        Meeting.languages.through.objects.filter(meeting__slug__startswith="syn-7-")
        .values("meeting")
        .distinct()
        .count()
        == 500
    )
    sample = synthetic.order_by("slug").first()
    assert sample is not None
    sample.full_clean()
    sample.group.full_clean()


def test_synthetic_meetings_are_deterministic_for_a_seed() -> None:
    programs_sync()
    seed("--meetings", "120", "--seed", "3")
    first_run = synthetic_rows(3)
    delete_synthetic(3)
    assert synthetic_rows(3) == []

    seed("--meetings", "120", "--seed", "3")

    assert synthetic_rows(3) == first_run
    assert len(first_run) == 120
    seed("--meetings", "120", "--seed", "4")
    other_seed = synthetic_rows(4)
    assert [row[1:] for row in other_seed] != [row[1:] for row in first_run]


def test_synthetic_second_run_continues_numbering() -> None:
    programs_sync()
    seed("--meetings", "10", "--seed", "5")
    seed("--meetings", "10", "--seed", "5")
    slugs = set(
        Meeting.objects.filter(slug__startswith="syn-5-").values_list("slug", flat=True)
    )
    assert slugs == {f"syn-5-{n}" for n in range(20)}
    group_slugs = set(
        Group.objects.filter(slug__startswith="syn-").values_list("slug", flat=True)
    )
    assert group_slugs == {f"syn-5-g{n}" for n in range(6)}


def test_negative_meeting_count_is_refused() -> None:
    with pytest.raises(CommandError, match="zero or more"):
        seed("--meetings", "-1")
    assert not Group.objects.exists()


def test_rows_created_after_synthetic_ones_get_fresh_ids() -> None:
    """Synthetic rows carry explicit ids; the id sequences must move past them."""
    seed("--meetings", "8", "--seed", "9")
    newest = Meeting.objects.filter(slug__startswith="syn-9-").order_by("-pk").first()
    assert newest is not None

    group = Group.objects.create(
        name="Late group", slug="late-group", program=newest.group.program
    )
    location = Location.objects.create(name="Late hall", timezone="America/Denver")
    meeting = Meeting.objects.create(
        group=group,
        slug="late-meeting",
        name="Late meeting",
        timezone="America/Denver",
        attendance_mode=AttendanceMode.IN_PERSON,
        location=location,
    )

    assert meeting.pk > newest.pk
    assert group.pk > newest.group.pk
    assert newest.location is not None
    assert location.pk > newest.location.pk
