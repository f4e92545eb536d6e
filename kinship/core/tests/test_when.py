"""One way to show a time: the labels, the template filters, the viewer's zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from kinship.core import when
from kinship.members.access import request_member, viewer_timezone_name
from kinship.members.middleware import ViewerTimezoneMiddleware
from kinship.members.models import Member

LA = ZoneInfo("America/Los_Angeles")
# Sunday, December 6, 2026, 9:43 PM in Los Angeles: already Monday the 7th in UTC.
INSTANT = dt.datetime(2026, 12, 7, 5, 43, tzinfo=dt.UTC)
THIS_YEAR = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@time_machine.travel(THIS_YEAR, tick=False)
def test_english_labels_in_the_given_zone() -> None:
    assert when.datetime_label(INSTANT, tz=LA) == "Sun, Dec 6, 9:43 PM"
    assert when.datetime_label(INSTANT, tz=LA, zone_name=True) == (
        "Sun, Dec 6, 9:43 PM PST"
    )
    assert when.date_label(INSTANT, tz=LA) == "Dec 6, 2026"
    assert when.day_label(INSTANT, tz=LA) == "Sun, Dec 6"
    assert when.short_date_label(INSTANT, tz=LA) == "Dec 6"
    assert when.long_date_label(INSTANT, tz=LA) == "Sunday, December 6, 2026"
    assert when.month_label(INSTANT, tz=LA) == "December 2026"
    assert when.time_label(INSTANT, tz=LA) == "9:43 PM"
    assert when.time_label(INSTANT, tz=LA, zone_name=True) == "9:43 PM PST"


@time_machine.travel(THIS_YEAR, tick=False)
def test_a_zone_by_name_and_the_active_zone() -> None:
    assert when.time_label(INSTANT, tz="America/Los_Angeles") == "9:43 PM"
    assert when.time_label(INSTANT, tz="UTC") == "5:43 AM"
    with timezone.override(LA):
        assert when.datetime_label(INSTANT) == "Sun, Dec 6, 9:43 PM"
        # An explicit zone (a recipient's) wins over the request's.
        assert when.datetime_label(INSTANT, tz="Europe/Madrid") == (
            "Mon, Dec 7, 6:43 AM"
        )


def test_the_year_shows_only_when_it_is_not_this_year() -> None:
    with time_machine.travel(THIS_YEAR, tick=False):
        assert when.datetime_label(INSTANT, tz=LA) == "Sun, Dec 6, 9:43 PM"
        assert when.day_label(INSTANT, tz=LA) == "Sun, Dec 6"
    with time_machine.travel(dt.datetime(2027, 3, 1, tzinfo=dt.UTC), tick=False):
        assert when.datetime_label(INSTANT, tz=LA) == "Sun, Dec 6, 2026, 9:43 PM"
        assert when.day_label(INSTANT, tz=LA) == "Sun, Dec 6, 2026"
        assert when.short_date_label(INSTANT, tz=LA) == "Dec 6, 2026"
        # A date label always has its year.
        assert when.date_label(INSTANT, tz=LA) == "Dec 6, 2026"
    # New Year's Eve in Los Angeles is already next year in UTC: "this year" is
    # the viewer's.
    eve_la = dt.datetime(2027, 1, 1, 7, 30, tzinfo=dt.UTC)
    with time_machine.travel(eve_la, tick=False):
        assert when.datetime_label(eve_la, tz=LA) == "Thu, Dec 31, 11:30 PM"


@time_machine.travel(THIS_YEAR, tick=False)
def test_daylight_saving_time() -> None:
    summer = dt.datetime(2026, 7, 7, 2, 0, tzinfo=dt.UTC)
    assert when.datetime_label(summer, tz=LA, zone_name=True) == (
        "Mon, Jul 6, 7:00 PM PDT"
    )
    # The autumn change: 1:30 AM happens twice, once in each offset.
    first = dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)
    second = first + dt.timedelta(hours=1)
    assert when.time_label(first, tz=LA, zone_name=True) == "1:30 AM PDT"
    assert when.time_label(second, tz=LA, zone_name=True) == "1:30 AM PST"


def test_a_plain_date_gets_date_formats_only() -> None:
    day = dt.date(2026, 12, 6)
    with timezone.override(ZoneInfo("Pacific/Kiritimati")):  # UTC+14
        assert when.date_label(day) == "Dec 6, 2026"
        assert when.long_date_label(day) == "Sunday, December 6, 2026"
    assert when.iso(day) == "2026-12-06"
    with pytest.raises(TypeError):
        when.label(day, "datetime")


def test_a_plain_time_is_a_wall_clock_time() -> None:
    assert when.time_label(dt.time(19, 5)) == "7:05 PM"
    assert when.time_label(dt.time(19, 5), zone_name=True) == "7:05 PM"


@time_machine.travel(THIS_YEAR, tick=False)
def test_spanish_names_come_from_django() -> None:
    with translation.override("es"):
        label = when.datetime_label(INSTANT, tz=LA)
        assert "dom" in label
        assert "Dic" in label or "dic" in label
        assert "diciembre" in when.long_date_label(INSTANT, tz=LA)
        assert "domingo" in when.long_date_label(INSTANT, tz=LA)


def test_the_format_strings_are_translatable(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    def spanish_order(context: str, message: str) -> str:
        asked.append((context, message))
        return {"M j, Y": "j \\d\\e F \\d\\e Y"}.get(message, message)

    monkeypatch.setattr(when, "pgettext", spanish_order)
    assert when.date_label(dt.date(2026, 12, 6)) == "6 de December de 2026"
    assert asked == [("date format", "M j, Y")]


def test_the_time_element_keeps_the_machine_readable_value() -> None:
    html = when.time_element(INSTANT, "time", tz=LA)
    assert html == '<time datetime="2026-12-06T21:43:00-08:00">9:43 PM</time>'


@time_machine.travel(THIS_YEAR, tick=False)
def test_template_filters() -> None:
    template = Template(
        "{% load when %}{{ at|when }}|{{ at|when_zoned:'America/New_York' }}|"
        "{{ at|when_date }}|{{ at|when_day }}|{{ at|when_long_date }}|"
        "{{ at|when_month }}|{{ at|when_time }}|{{ at|when_time_zoned }}|"
        "{{ at|when_iso }}|{{ missing|when|default:'-' }}|{{ start|when_time }}|"
        "{% when_element at 'date' %}"
    )
    with timezone.override(LA):
        text = template.render(Context({"at": INSTANT, "start": dt.time(7, 0)}))
    assert text.split("|") == [
        "Sun, Dec 6, 9:43 PM",
        "Mon, Dec 7, 12:43 AM EST",
        "Dec 6, 2026",
        "Sun, Dec 6",
        "Sunday, December 6, 2026",
        "December 2026",
        "9:43 PM",
        "9:43 PM PST",
        "2026-12-06T21:43:00-08:00",
        "-",
        "7:00 AM",
        '<time datetime="2026-12-06T21:43:00-08:00">Dec 6, 2026</time>',
    ]


@given(
    st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2040, 1, 1),
        timezones=st.just(dt.UTC),
    ),
    st.sampled_from(["America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe"]),
)
def test_every_label_is_the_wall_clock_of_the_zone(
    instant: dt.datetime, name: str
) -> None:
    local = instant.astimezone(ZoneInfo(name))
    hour = local.hour % 12 or 12
    assert when.time_label(instant, tz=name) == (
        f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
    )
    assert when.date_label(instant, tz=name).endswith(f" {local.day}, {local.year}")


# -- the viewer's zone -------------------------------------------------------------


def test_the_viewer_zone_is_the_member_s_then_the_browser_s_then_the_site_s(
    alex: Member, rf: RequestFactory, settings: Any
) -> None:
    settings.KINSHIP_DEFAULT_TIMEZONE = "America/Chicago"
    alex.timezone = "America/Los_Angeles"
    alex.save()
    signed_in = rf.get("/", HTTP_COOKIE="kinship_tz=Asia/Tokyo")
    signed_in.user = alex.user
    assert viewer_timezone_name(signed_in) == "America/Los_Angeles"

    visitor = rf.get("/", HTTP_COOKIE="kinship_tz=Asia/Tokyo")
    visitor.user = AnonymousUser()
    assert viewer_timezone_name(visitor) == "Asia/Tokyo"

    nowhere = rf.get("/", HTTP_COOKIE="kinship_tz=Mars/Olympus_Mons")
    nowhere.user = AnonymousUser()
    assert viewer_timezone_name(nowhere) == "America/Chicago"  # the site default


def test_the_middleware_activates_the_zone_for_the_request_only(
    alex: Member, rf: RequestFactory
) -> None:
    alex.timezone = "America/Los_Angeles"
    alex.save()
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["zone"] = timezone.get_current_timezone_name()
        seen["member"] = request_member(request)
        return HttpResponse(
            Template("{% load when %}{{ at|when }}").render(Context({"at": INSTANT}))
        )

    request = rf.get("/")
    request.user = alex.user
    with CaptureQueriesContext(connection) as queries:
        response = ViewerTimezoneMiddleware(view)(request)
    assert isinstance(response, HttpResponse)
    assert seen["zone"] == "America/Los_Angeles"
    assert seen["member"] == alex
    assert "9:43 PM" in response.content.decode()
    # The view's request_member reused the row the middleware read.
    member_reads = [q for q in queries if "members_member" in q["sql"]]
    assert len(member_reads) == 1
    assert timezone.get_current_timezone_name() == "UTC"
