"""factory_boy factories for the directory."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import factory

from kinship.directory.models import (
    AttendanceMode,
    Focus,
    Group,
    Language,
    Location,
    Meeting,
    MeetingType,
    Program,
)
from kinship.directory.services import listings_refresh

PHILADELPHIA = (39.9526, -75.1652)


class ProgramFactory(factory.django.DjangoModelFactory[Program]):
    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"program-{n}")
    name = factory.Sequence(lambda n: f"Program {n}")
    focus = Focus.ADDICTION


class MeetingTypeFactory(factory.django.DjangoModelFactory[MeetingType]):
    class Meta:
        model = MeetingType
        django_get_or_create = ("program", "code")

    program = factory.SubFactory(ProgramFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    label = factory.Sequence(lambda n: f"Type {n}")


class LanguageFactory(factory.django.DjangoModelFactory[Language]):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"
    name = "English"


class LocationFactory(factory.django.DjangoModelFactory[Location]):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Community Hall {n}")
    formatted_address = "1 Main St, Philadelphia, PA 19103, USA"
    city = "Philadelphia"
    region = "PA"
    postal_code = "19103"
    latitude = PHILADELPHIA[0]
    longitude = PHILADELPHIA[1]
    timezone = "America/New_York"


class GroupFactory(factory.django.DjangoModelFactory[Group]):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Serenity Group {n}")
    slug = factory.Sequence(lambda n: f"serenity-group-{n}")
    program = factory.SubFactory(ProgramFactory, code="aa", name="Alcoholics Anonymous")
    focus = factory.LazyAttribute(lambda group: group.program.focus)
    description = "A friendly group."
    guidelines = "Share from your own experience."
    confidentiality_statement = "Who you see here, what you hear here, stays here."
    inclusivity_statement = "Everyone with a desire to stop drinking is welcome."


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    group = factory.SubFactory(GroupFactory)
    name = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    weekday = 1
    start_time = dt.time(19, 0)
    end_time = dt.time(20, 0)
    timezone = "America/New_York"
    attendance_mode = AttendanceMode.IN_PERSON
    location = factory.SubFactory(LocationFactory)

    @factory.post_generation
    def types(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.types.set(extracted)

    @factory.post_generation
    def languages(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def listing(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        # What every write path does: the finder reads the derived listing.
        if create:
            listings_refresh(meeting_ids=[cast(Meeting, self).pk])


def online_meeting(**kwargs: Any) -> Meeting:
    defaults: dict[str, Any] = {
        "attendance_mode": AttendanceMode.ONLINE,
        "location": None,
        "conference_url": "https://zoom.us/j/123456789",
    }
    defaults.update(kwargs)
    return MeetingFactory.create(**defaults)
