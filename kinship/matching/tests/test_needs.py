"""Where new groups are needed: counting empty searches, and showing only big cells."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.matching.models import NeedCount
from kinship.matching.needs import (
    MIN_CELL,
    NeedCell,
    finder_need_cell,
    need_record,
    needs_table,
)
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, persona_create, signed_in

pytestmark = pytest.mark.django_db

FINDER = reverse("directory:meeting-list")
NEEDS = reverse("matching:needs")
# San Francisco: far from the cast's Philadelphia meeting, so nothing is found.
EMPTY_AREA = "94103"
# The cast's meeting is here.
FULL_AREA = "19103"
TYPED = "Zanzibar quokka circle"


def cells() -> list[tuple[str, str, str, int]]:
    return list(NeedCount.objects.values_list("focus", "mode", "zip3", "count"))


# need_record and needs_table.


def test_need_record_creates_then_increments_the_cell() -> None:
    need_record(focus="family", mode="in_person", zip3="941")
    row = need_record(focus="family", mode="in_person", zip3="941")
    need_record(focus="family", mode="online", zip3="")

    assert row.count == 2
    assert row.day == timezone.now().date()
    assert sorted(cells()) == [
        ("family", "in_person", "941", 2),
        ("family", "online", "", 1),
    ]


def test_need_record_keeps_days_apart() -> None:
    yesterday = timezone.now().date() - dt.timedelta(days=1)
    need_record(focus="", mode="", zip3="191", day=yesterday)
    need_record(focus="", mode="", zip3="191")

    assert NeedCount.objects.filter(zip3="191").count() == 2


def test_need_record_counts_unknown_focus_and_mode_as_any() -> None:
    need_record(focus="<script>", mode="teleport", zip3="191")

    assert cells() == [("", "", "191", 1)]


@pytest.mark.parametrize("zip3", ["19", "1910", "19a", "١٩١", " 19", "19104"])
def test_need_record_refuses_a_bad_zip_prefix(zip3: str) -> None:
    with pytest.raises(ValueError, match="zip3"):
        need_record(focus="family", mode="", zip3=zip3)

    assert not NeedCount.objects.exists()


def test_need_record_takes_no_text_and_no_person() -> None:
    with pytest.raises(TypeError):
        need_record(focus="", mode="", zip3="191", q=TYPED)  # type: ignore[call-arg]


@pytest.mark.django_db(transaction=True)
def test_need_record_loses_no_count_under_concurrency() -> None:
    """Racing requests on a new cell: one creates it, the others add to it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    threads, each = 8, 5
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def search() -> None:
        try:
            start.wait()
            for _ in range(each):
                need_record(focus="family", mode="hybrid", zip3="191")
        except BaseException as error:  # any failure is reported by the test
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=search) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert cells() == [("family", "hybrid", "191", threads * each)]


def test_needs_table_shows_only_cells_of_at_least_min_cell() -> None:
    assert MIN_CELL == 5
    for _ in range(4):
        need_record(focus="family", mode="in_person", zip3="191")
    assert needs_table() == []

    need_record(focus="family", mode="in_person", zip3="191")
    for _ in range(7):
        need_record(focus="addiction", mode="online", zip3="")

    rows = needs_table()
    assert [(r.focus, r.mode, r.zip3, r.count) for r in rows] == [
        ("addiction", "online", "", 7),
        ("family", "in_person", "191", 5),
    ]
    assert rows[1].area == "191xx"


def test_needs_table_sums_days_within_the_period_only() -> None:
    today = timezone.now().date()
    for days_ago in (0, 1, 2):
        NeedCount.objects.create(
            day=today - dt.timedelta(days=days_ago), zip3="606", count=2
        )
    NeedCount.objects.create(day=today - dt.timedelta(days=100), zip3="606", count=50)

    assert [(r.zip3, r.count) for r in needs_table()] == [("606", 6)]
    # Two days: 4 searches, under the threshold, so nothing at all.
    assert needs_table(since_days=2) == []


# Recording from the finder.


def test_an_empty_search_records_its_cell_only(cast: Cast) -> None:
    response = Client().get(
        FINDER,
        {"near": EMPTY_AREA, "focus": "family", "mode": "in_person"},
    )

    assert response.status_code == 200
    assert cells() == [("family", "in_person", "941", 1)]


def test_an_empty_search_narrowed_by_another_filter_records_nothing(
    cast: Cast,
) -> None:
    client = Client()
    for narrowing in ({"q": TYPED}, {"day": "2"}, {"time": "evening"}):
        response = client.get(FINDER, {"near": EMPTY_AREA, **narrowing})
        assert response.status_code == 200
    assert not NeedCount.objects.exists()


def test_a_search_with_results_records_nothing(cast: Cast) -> None:
    response = Client().get(FINDER, {"near": FULL_AREA})

    assert response.status_code == 200
    assert cast.meeting.name in response.content.decode()
    assert not NeedCount.objects.exists()


def test_a_later_empty_page_records_nothing(cast: Cast) -> None:
    Client().get(FINDER, {"near": EMPTY_AREA, "page": "2"})
    Client().get(FINDER, {"near": FULL_AREA, "page": "2"})

    assert not NeedCount.objects.exists()


def test_searches_without_a_zip_record_nothing(cast: Cast) -> None:
    client = Client()
    client.get(FINDER, {"q": TYPED})
    client.get(FINDER, {"near": "37.7749,-122.4194"})
    client.get(FINDER, {"near": "00000"})  # unknown ZIP: a form error

    assert not NeedCount.objects.exists()


def test_an_online_only_search_records_no_area(cast: Cast) -> None:
    Client().get(FINDER, {"near": EMPTY_AREA, "mode": "online"})

    assert cells() == [("", "online", "", 1)]


def htmx_get(params: dict[str, str], *, current: str, restore: bool = False) -> Any:
    headers = {"HX-Request": "true", "HX-Current-URL": current}
    if restore:
        headers["HX-History-Restore-Request"] = "true"
    return Client().get(FINDER, params, headers=headers)


def test_htmx_refreshes_of_the_same_cell_record_once(cast: Cast) -> None:
    # Typing a ZIP into the finder: the page before had no area.
    htmx_get({"near": EMPTY_AREA}, current=f"http://testserver{FINDER}")
    # Then choosing a way of attending that is already the default: same cell.
    htmx_get(
        {"near": EMPTY_AREA, "mode": ""},
        current=f"http://testserver{FINDER}?near={EMPTY_AREA}",
    )
    # Typing in the search box narrows the search: not counted.
    htmx_get(
        {"near": EMPTY_AREA, "q": TYPED},
        current=f"http://testserver{FINDER}?near={EMPTY_AREA}",
    )
    # Changing the focus is a new cell.
    htmx_get(
        {"near": EMPTY_AREA, "focus": "family"},
        current=f"http://testserver{FINDER}?near={EMPTY_AREA}&q=Zanzibar",
    )
    # The back button restores history: never counted.
    htmx_get(
        {"near": EMPTY_AREA},
        current=f"http://testserver{FINDER}?near={EMPTY_AREA}&focus=family",
        restore=True,
    )

    assert sorted(cells()) == [("", "", "941", 1), ("family", "", "941", 1)]


def test_finder_need_cell_reads_only_area_focus_and_mode() -> None:
    assert finder_need_cell(
        {"near": "19104-1234", "focus": "family", "mode": "hybrid", "radius": "5"}
    ) == NeedCell(focus="family", mode="hybrid", zip3="191")
    assert finder_need_cell({"near": "19104", "q": TYPED}) is None
    assert finder_need_cell({"near": "Philadelphia"}) is None
    assert finder_need_cell({}) is None


def test_no_search_text_is_stored(cast: Cast) -> None:
    client = Client()
    for near in (EMPTY_AREA, "60601", "98101"):
        client.get(FINDER, {"near": near, "q": TYPED, "focus": "mental_health"})
        client.get(FINDER, {"near": near, "focus": "mental_health"})
    signed_in(cast.alex).get(FINDER, {"near": EMPTY_AREA, "focus": "mental_health"})

    rows = list(NeedCount.objects.values())
    assert sorted(row["count"] for row in rows) == [1, 1, 2]
    for row in rows:
        for value in row.values():
            assert "Zanzibar" not in str(value)
            assert str(value) not in ("alex", "Alex K.")
        assert set(row) == {"id", "day", "focus", "mode", "zip3", "count"}
    dump = StringIO()
    call_command("dumpdata", "matching", stdout=dump)
    assert "NeedCount".lower() in dump.getvalue().lower()
    assert "Zanzibar" not in dump.getvalue()
    assert "quokka" not in dump.getvalue()


# The page.


def five_searches(zip_code: str, *, times: int) -> None:
    client = Client()
    for _ in range(times):
        client.get(FINDER, {"near": zip_code, "focus": "family"})


def test_the_page_shows_a_cell_only_from_five_searches(fran: Member) -> None:
    five_searches(EMPTY_AREA, times=4)
    five_searches("60601", times=5)

    response = signed_in(fran).get(NEEDS)

    page = response.content.decode()
    assert response.status_code == 200
    assert "606xx" in page
    assert "941xx" not in page
    assert "never who searched" in page

    five_searches(EMPTY_AREA, times=1)
    assert "941xx" in signed_in(fran).get(NEEDS).content.decode()


def test_site_staff_see_the_page(db: None) -> None:
    staff = persona_create("sam", "Sam")
    get_user_model().objects.filter(pk=staff.user_id).update(is_staff=True)

    assert signed_in(staff).get(NEEDS).status_code == 200


def test_members_who_lead_no_group_get_404(eve: Member, alex: Member) -> None:
    for _ in range(MIN_CELL):
        need_record(focus="family", mode="", zip3="941")

    for member in (eve, alex):
        response = signed_in(member).get(NEEDS)
        assert response.status_code == 404
        assert "941xx" not in response.content.decode()


def test_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Client().get(NEEDS)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_page_only_reads(fran: Member) -> None:
    signed_in(fran).get(NEEDS)
    assert not NeedCount.objects.exists()
    assert signed_in(fran).post(NEEDS).status_code == 405


def test_the_page_query_count_is_bounded(
    fran: Member, django_assert_max_num_queries: Any
) -> None:
    for zip3 in ("191", "606", "941", "981", "100"):
        for _ in range(MIN_CELL):
            need_record(focus="family", mode="", zip3=zip3)
    client = signed_in(fran)

    with django_assert_max_num_queries(6):
        response = client.get(NEEDS)

    assert response.content.decode().count("xx</td>") == 5
