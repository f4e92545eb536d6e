"""One English word, two Spanish words: where Spanish needs a different word
for the same English, each use asks the catalog with a context of its own
(``pgettext``; ``{% translate ... context ... %}``), and the English is as before.
Django calls these contextual markers:
https://docs.djangoproject.com/en/5.2/topics/i18n/translation/#contextual-markers

A state's gender follows its noun ("Active": a mentorship is "Activa", a token
"Activo"), a button is not a state ("Open": "Abrir", a report "Abierto"), and a
weekday takes a capital alone ("Lunes", a choice) but not in a sentence
("el próximo lunes").

The Spanish catalog is built elsewhere; these tests give the "es" catalog the
entries they read, so they test which entry each use asks for, whatever the
catalog says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from kinship.attendance.models import AttendanceRecord
from kinship.care.models import Consent, Organisation, Referral
from kinship.care.models.clinics import ReferralStatus
from kinship.care.tests.helpers import clinic_client, clinic_create
from kinship.directory.finder_text import day_sentence
from kinship.directory.forms import DAY_CHOICES, FinderQuery
from kinship.directory.models import GroupStatus, MeetingStatus
from kinship.facilitation.models import GroupPost, ReportState
from kinship.feeds.models import ImportRun
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.mentorship.models import (
    AVAILABILITY_CHOICES,
    MentorProfile,
    MentorshipState,
    availability_label,
)
from kinship.recovery.models import SobrietyClock, Strategy
from kinship.recovery.services.clocks import clock_create
from kinship.security.models import UserSession
from kinship.tokens.models import AccessToken
from kinship.tokens.services import token_create
from kinship.toolkit.models import Decision, ResourceKind, SectionPart

SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}

# (context, English) -> Spanish, as in the catalog's entries for them.
ENTRIES = {
    ("consent state", "Active"): "Activo",
    ("consent state", "Ended"): "Terminado",
    ("consent state", "Expired"): "Vencido",
    ("mentorship state", "Active"): "Activa",
    ("mentorship state", "Ended"): "Terminada",
    ("mentorship state", "Declined"): "Rechazada",
    ("referral state", "Expired"): "Vencida",
    ("group state", "Active"): "Activo",
    ("meeting state", "Active"): "Activa",
    ("report state", "Open"): "Abierto",
    ("button", "Open"): "Abrir",
    ("group approval decision", "Declined"): "Rechazada",
    ("meeting section part", "Other"): "Otra",
    ("resource kind", "Other"): "Otro",
    ("token state", "Active"): "Activo",
    ("token state", "Expired"): "Vencido",
    ("token state", "Revoked"): "Revocado",
    ("attendance record state", "Revoked"): "Revocada",
    ("clock state", "hidden"): "oculto",
    ("heading: edit the clock", "Change"): "Cambiar",
    ("date field", "hidden"): "fecha de ocultación",
    ("date field", "removed"): "fecha de eliminación",
    ("date field", "updated"): "fecha de actualización",
    ("import run count", "removed"): "eliminadas",
    ("group guidelines", "Published"): "Publicadas",
    ("group statement", "Published"): "Publicada",
    ("group guidelines", "Not published"): "Sin publicar",
    ("group statement", "Not published"): "Sin publicar",
    ("browser or app", "Unknown"): "Desconocido",
    ("IP address", "Unknown"): "Desconocida",
    ("weekday as a label", "Monday"): "Lunes",
    ("weekday within a phrase", "Monday"): "lunes",
}
# Entries without a context that the sentences around the words need.
PLAIN_ENTRIES = {
    "evenings": "por la noche",
    "%(weekday)s meetings: the next %(weekday)s is %(date)s.": (
        "Reuniones del %(weekday)s: el próximo %(weekday)s es el %(date)s."
    ),
}


@pytest.fixture
def spanish_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entries above, in the "es" catalog for this test only."""
    # Django's TranslationCatalog: its first dict wins over the others.
    catalog: Any = trans_real.translation("es")._catalog  # type: ignore[attr-defined]
    first = catalog._catalogs[0]
    for (context, english), spanish in ENTRIES.items():
        monkeypatch.setitem(first, f"{context}\x04{english}", spanish)
    for english, spanish in PLAIN_ENTRIES.items():
        monkeypatch.setitem(first, english, spanish)


def consent(*, revoked: bool = False, days_left: int = 30) -> Consent:
    now = timezone.now()
    return Consent(
        granted_at=now - dt.timedelta(days=60),
        expires_at=now + dt.timedelta(days=days_left),
        revoked_at=now if revoked else None,
    )


def field_name(model: Any, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


WORDS: list[tuple[str, Callable[[], object], str, str]] = [
    ("mentorship active", lambda: MentorshipState.ACTIVE.label, "Active", "Activa"),
    ("mentorship ended", lambda: MentorshipState.ENDED.label, "Ended", "Terminada"),
    ("consent active", lambda: consent().status_label(), "Active", "Activo"),
    (
        "consent ended",
        lambda: consent(revoked=True).status_label(),
        "Ended",
        "Terminado",
    ),
    (
        "consent expired",
        lambda: consent(days_left=-1).status_label(),
        "Expired",
        "Vencido",
    ),
    ("referral expired", lambda: ReferralStatus.EXPIRED.label, "Expired", "Vencida"),
    ("group active", lambda: GroupStatus.ACTIVE.label, "Active", "Activo"),
    ("meeting active", lambda: MeetingStatus.ACTIVE.label, "Active", "Activa"),
    ("report open", lambda: ReportState.OPEN.label, "Open", "Abierto"),
    (
        "mentorship declined",
        lambda: MentorshipState.DECLINED.label,
        "Declined",
        "Rechazada",
    ),
    ("group declined", lambda: Decision.DECLINED.label, "Declined", "Rechazada"),
    ("other section", lambda: SectionPart.OTHER.label, "Other", "Otra"),
    ("other resource", lambda: ResourceKind.OTHER.label, "Other", "Otro"),
    ("clock hidden", lambda: field_name(SobrietyClock, "hidden"), "hidden", "oculto"),
    (
        "post hidden at",
        lambda: field_name(GroupPost, "hidden_at"),
        "hidden",
        "fecha de ocultación",
    ),
    (
        "strategy removed at",
        lambda: field_name(Strategy, "removed_at"),
        "removed",
        "fecha de eliminación",
    ),
    (
        "mentor profile updated at",
        lambda: field_name(MentorProfile, "updated_at"),
        "updated",
        "fecha de actualización",
    ),
    (
        "meetings removed by an import",
        lambda: field_name(ImportRun, "removed"),
        "removed",
        "eliminadas",
    ),
]


@pytest.mark.parametrize(
    ("word", "english", "spanish"),
    [
        pytest.param(word, english, spanish, id=name)
        for name, word, english, spanish in WORDS
    ],
)
@pytest.mark.usefixtures("spanish_catalog")
def test_each_use_of_a_shared_word_has_its_own_spanish(
    word: Callable[[], object], english: str, spanish: str
) -> None:
    with translation.override("es"):
        assert str(word()) == spanish
    with translation.override("en"):
        assert str(word()) == english


@pytest.mark.usefixtures("spanish_catalog")
def test_a_weekday_has_a_capital_as_a_choice_and_none_in_a_sentence() -> None:
    query = FinderQuery(weekday=1)
    tuesday = dt.datetime(2026, 7, 7, 12, 0, tzinfo=dt.UTC)
    with translation.override("es"):
        assert str(dict(DAY_CHOICES)["1"]) == "Lunes"
        assert day_sentence(query, now=tuesday).startswith(
            "Reuniones del lunes: el próximo lunes es el "
        )
        assert str(dict(AVAILABILITY_CHOICES)["mon_evening"]) == "Lunes por la noche"
        assert availability_label("mon_evening") == "Lunes por la noche"
        assert (
            availability_label("mon_evening", in_a_phrase=True) == "lunes por la noche"
        )
    with translation.override("en"):
        assert str(dict(DAY_CHOICES)["1"]) == "Monday"
        assert day_sentence(query, now=tuesday) == (
            "Monday meetings: the next Monday is Mon, Jul 13."
        )
        assert availability_label("mon_evening") == "Monday evenings"
        assert availability_label("mon_evening", in_a_phrase=True) == "Monday evenings"


def cells(page: Any) -> list[str]:
    """The text of every table cell of a page, tags left out."""
    html = page.content.decode()
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
    ]


def tokens_of_each_state(member: Member) -> None:
    for name in ("working", "old", "withdrawn"):
        token_create(by=member, name=name, scope="read", days=30, request=None)
    AccessToken.objects.filter(member=member, name="old").update(
        created_at=timezone.now() - dt.timedelta(days=31),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    AccessToken.objects.filter(member=member, name="withdrawn").update(
        revoked_at=timezone.now()
    )


@pytest.mark.usefixtures("spanish_catalog")
def test_a_token_is_revoked_in_the_masculine_an_attendance_record_in_the_feminine(
    alex: Member,
) -> None:
    tokens_of_each_state(alex)
    today = timezone.now().date()
    AttendanceRecord.objects.create(
        member=alex,
        name_shown="Alex K.",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today,
        revoked_at=timezone.now(),
    )
    client = signed_in(alex)

    tokens = client.get(reverse("tokens:list"), headers=SPANISH)
    assert tokens.status_code == 200
    assert {"Activo", "Vencido", "Revocado"} <= set(cells(tokens))
    records = client.get(reverse("attendance:records"), headers=SPANISH)
    assert records.status_code == 200
    assert "Revocada" in cells(records)
    assert "Revocado" not in cells(records)

    english = cells(client.get(reverse("tokens:list"), headers=ENGLISH))
    assert {"Active", "Expired", "Revoked"} <= set(english)
    assert (
        AccessToken.objects.filter(member=alex, revoked_at__isnull=False).count() == 1
    )


@pytest.mark.usefixtures("spanish_catalog")
def test_an_expired_referral_is_feminine_on_the_clinic_page(dr_lee: Member) -> None:
    staff = clinic_create(dr_lee)
    organisation: Organisation = staff.organisation
    Referral.objects.create(
        organisation=organisation,
        created_by=staff,
        patient_reference="P-17",
        code_hash="0" * 64,
        created_at=timezone.now() - dt.timedelta(days=15),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    client = clinic_client(dr_lee)
    home = reverse("care:clinic-home", kwargs={"org_slug": organisation.slug})
    page = client.get(home, headers=SPANISH)
    assert page.status_code == 200
    assert "Vencida" in cells(page)
    assert "Expired" in cells(client.get(home, headers=ENGLISH))


@pytest.mark.usefixtures("spanish_catalog")
def test_the_referral_code_button_opens_and_is_not_a_state(alex: Member) -> None:
    page = signed_in(alex).get(reverse("care:referral-enter"), headers=SPANISH)
    assert page.status_code == 200
    assert re.search(
        r'<button type="submit"[^>]*>Abrir</button>', page.content.decode()
    )


@pytest.mark.usefixtures("spanish_catalog")
def test_a_hidden_clock_is_oculto_and_its_edit_section_says_cambiar(
    alex: Member,
) -> None:
    clock = clock_create(
        by=alex, label="Alcohol", start_date=dt.date(2026, 1, 5), hidden=True
    )
    client = signed_in(alex)
    detail = client.get(
        reverse("recovery:clock-detail", args=[clock.pk]), headers=SPANISH
    ).content.decode()
    assert '<span class="badge">oculto</span>' in detail
    assert '<h2 id="edit-heading">Cambiar</h2>' in detail
    listing = client.get(reverse("recovery:clock-list"), headers=SPANISH)
    assert '<span class="badge">oculto</span>' in listing.content.decode()
    english = client.get(reverse("recovery:clock-detail", args=[clock.pk]))
    assert '<h2 id="edit-heading">Change</h2>' in english.content.decode()
    assert SobrietyClock.objects.get(pk=clock.pk).hidden is True


def test_eve_sees_neither_alex_s_hidden_clock_nor_his_tokens(
    cast: Cast, spanish_catalog: None
) -> None:
    clock = clock_create(
        by=cast.alex, label="Alcohol", start_date=dt.date(2026, 1, 5), hidden=True
    )
    tokens_of_each_state(cast.alex)
    client: Client = signed_in(cast.eve)
    detail = client.get(
        reverse("recovery:clock-detail", args=[clock.pk]), headers=SPANISH
    )
    assert detail.status_code == 404
    assert "oculto" not in detail.content.decode()
    tokens = client.get(reverse("tokens:list"), headers=SPANISH)
    assert tokens.status_code == 200
    assert not {"Activo", "Vencido", "Revocado"} & set(cells(tokens))


@pytest.mark.usefixtures("spanish_catalog")
def test_published_agrees_with_guidelines_and_with_a_statement() -> None:
    quality = {
        "guidelines": True,
        "confidentiality": True,
        "inclusivity": False,
        "facilitator_trained": None,
        "verified_at": None,
        "feedback": None,
        "min_ratings": 3,
    }
    with translation.override("es"):
        html = render_to_string("matching/_group_quality.html", {"quality": quality})
    answers = re.findall(r"<dd>(.*?)</dd>", html, flags=re.S)
    assert answers[:3] == ["Publicadas", "Publicada", "Sin publicar"]
    with translation.override("en"):
        html = render_to_string("matching/_group_quality.html", {"quality": quality})
    answers = re.findall(r"<dd>(.*?)</dd>", html, flags=re.S)
    assert answers[:3] == ["Published", "Published", "Not published"]


@pytest.mark.usefixtures("spanish_catalog")
def test_an_unknown_browser_is_masculine_an_unknown_address_feminine(
    alex: Member,
) -> None:
    client = signed_in(alex)
    client.get(reverse("security:me"))
    assert UserSession.objects.filter(user=alex.user).exists()
    UserSession.objects.filter(user=alex.user).update(ip_address=None, user_agent="")
    page = client.get(reverse("security:me"), headers=SPANISH)
    assert page.status_code == 200
    row = cells(page)[:2]
    assert row[0].startswith("Desconocido")
    assert row[1] == "Desconocida"
