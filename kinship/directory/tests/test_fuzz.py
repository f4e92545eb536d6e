"""Arbitrary query strings never make the finder page or the API answer 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship.directory.schemas import FinderQueryIn

from .factories import (
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)

pytestmark = pytest.mark.django_db

# Every filter the finder takes (the API declares them all).
FIELDS = list(FinderQueryIn.model_fields)

plausible_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "19103",
            "00000",
            "today",
            "night",
            "online",
            "aa",
            "POA",
            "40.7,-74",
            "91,181",
            "nan,nan",
            "inf",
            "-0",
            "1e309",
            "99999999999999999999999",
            "America/New_York",
            "../../etc/passwd",
            "%00",
            "\x00",
            "' OR 1=1 --",
            "<script>",
        ]
    ),
    st.integers().map(str),
    st.floats().map(str),
)
params = st.dictionaries(
    st.sampled_from([*FIELDS, "other"]), plausible_values, max_size=6
)
raw_query = st.text(max_size=120)


@pytest.fixture
def directory() -> None:
    aa = ProgramFactory(code="aa", name="Alcoholics Anonymous")
    poa = MeetingTypeFactory(program=aa, code="POA", label="Proof of Attendance")
    MeetingFactory(types=[poa])
    online_meeting()


fuzz_settings = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@fuzz_settings
@given(query=params)
def test_no_filter_values_cause_a_server_error(
    client: Client, directory: None, query: dict[str, str]
) -> None:
    page = client.get("/meetings/", query)
    assert page.status_code == 200
    api = client.get("/api/v1/meetings", query)
    assert api.status_code in (200, 422)
    if api.status_code == 422:
        assert all(item["loc"][0] == "query" for item in api.json()["detail"])


@fuzz_settings
@given(query=raw_query)
def test_no_raw_query_string_causes_a_server_error(
    client: Client, directory: None, query: str
) -> None:
    encoded = quote(query, safe="=&;+%")
    assert client.get(f"/meetings/?{encoded}").status_code in (200, 400)
    assert client.get(f"/api/v1/meetings?{encoded}").status_code in (200, 400, 422)
