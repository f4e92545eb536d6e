"""The clinic area and referrals (issue 9, items 1-2): staff access (eve and
another organisation's clinician get 404 everywhere), required MFA, staff
invitations, referrals from creation to acceptance, single use, the code
guessing limit, and the patient reference kept inside the organisation."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.care.codes import referral_code_hash
from kinship.care.models import (
    Organisation,
    OrganisationStaff,
    Referral,
    StaffInvitation,
    StaffRole,
)
from kinship.care.services import (
    REFERRAL_MISSES_ALLOWED,
    referral_cancel,
    referral_create,
    staff_invite,
)
from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Member
from kinship.members.tests.personas import (
    PERSONA_PASSWORD,
    Cast,
    persona_create,
    signed_in,
)
from kinship.members.tests.test_accounts import assert_in_our_layout

from .helpers import (
    clinic_client,
    clinic_create,
    sign_in_with_totp,
    totp_code,
    totp_step_held,
)

pytestmark = pytest.mark.django_db

REFERENCE = "Chart 4471 Harbor"
NOTE = "Hi, this is the Tuesday group I mentioned. See you next week."
HOME = "/clinic/harbor-light/"


@pytest.fixture
def clinic(dr_lee: Member) -> OrganisationStaff:
    return clinic_create(dr_lee)


@pytest.fixture
def made(clinic: OrganisationStaff, cast: Cast) -> tuple[Referral, str]:
    return referral_create(
        by=clinic,
        patient_reference=REFERENCE,
        note_to_patient=NOTE,
        group_ids=[cast.group.pk],
    )


def clinic_urls(referral: Referral) -> list[tuple[str, str]]:
    base = f"/clinic/{referral.organisation.slug}/"
    return [
        ("get", base),
        ("get", base + "staff/invite/"),
        ("post", base + "staff/invite/"),
        ("get", base + "referrals/new/"),
        ("post", base + "referrals/new/"),
        ("get", base + f"referrals/{referral.pk}/"),
        ("post", base + f"referrals/{referral.pk}/cancel/"),
    ]


def snapshot() -> dict[str, Any]:
    return {
        "referrals": list(Referral.objects.values().order_by("pk")),
        "staff": list(OrganisationStaff.objects.values().order_by("pk")),
        "invitations": list(StaffInvitation.objects.values().order_by("pk")),
    }


def from_address(member: Member, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(member.user)
    return client


# -- Access -------------------------------------------------------------------


def test_eve_gets_404_on_every_clinic_url(
    eve: Member, made: tuple[Referral, str]
) -> None:
    referral, _code = made
    client = signed_in(eve)
    before = snapshot()
    for method, url in clinic_urls(referral):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert REFERENCE not in response.content.decode()
    assert snapshot() == before


def test_another_organisations_clinician_with_mfa_gets_404(
    morgan: Member, made: tuple[Referral, str]
) -> None:
    referral, _code = made
    clinic_create(morgan, name="Other Clinic", slug="other-clinic")
    client = clinic_client(morgan)
    assert client.get("/clinic/other-clinic/").status_code == 200
    before = snapshot()
    for method, url in clinic_urls(referral):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
    assert snapshot() == before
    # Nor by its id under their own organisation's address.
    response = client.get(f"/clinic/other-clinic/referrals/{referral.pk}/")
    assert response.status_code == 404


def test_an_inactive_staff_member_gets_404(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    client = clinic_client(dr_lee)
    assert client.get(HOME).status_code == 200
    OrganisationStaff.objects.filter(pk=clinic.pk).update(active=False)
    assert client.get(HOME).status_code == 404


def test_visitors_are_sent_to_sign_in(made: tuple[Referral, str]) -> None:
    referral, _code = made
    for method, url in clinic_urls(referral):
        response = getattr(Client(), method)(url)
        assert response.status_code in (302, 405), (method, url)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))


def test_the_clinic_index_lists_only_the_member_s_organisations(
    clinic: OrganisationStaff, dr_lee: Member, eve: Member
) -> None:
    Organisation.objects.create(
        name="Quiet Cove", slug="quiet-cove", kind="recovery_organisation"
    )
    body = signed_in(dr_lee).get("/clinic/").content.decode()
    assert "Harbor Light Treatment" in body
    assert "Quiet Cove" not in body
    assert_in_our_layout(signed_in(dr_lee).get("/clinic/").content)
    eve_body = signed_in(eve).get("/clinic/").content.decode()
    assert "Harbor Light Treatment" not in eve_body


# -- MFA ----------------------------------------------------------------------


def test_a_clinician_without_an_authenticator_is_sent_to_set_one_up(
    dr_lee: Member,
) -> None:
    clinic_create(dr_lee, totp_secret=None)
    client = signed_in(dr_lee)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/clinic/mfa-required/")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert reverse("mfa_activate_totp") in body
    assert "42 CFR Part 2" in body
    assert "HIPAA" in body
    assert_in_our_layout(page.content)
    # The referral pages are refused the same way, and nothing is made.
    response = client.post(HOME + "referrals/new/", {"patient_reference": "x"})
    assert response.status_code == 302
    assert not Referral.objects.exists()


def test_a_session_that_did_not_use_the_authenticator_is_refused(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    client = signed_in(dr_lee)  # password only: no "mfa" in this session
    response = client.get(HOME)
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert reverse("mfa_reauthenticate") in body
    assert reverse("mfa_activate_totp") not in body
    # Confirming with a code in this session opens it, back where they were.
    with totp_step_held():
        response = client.post(
            reverse("mfa_reauthenticate") + f"?next={HOME}", {"code": totp_code()}
        )
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_organisation_slugs_of_clinic_pages_are_refused() -> None:
    from django.core.exceptions import ValidationError

    organisation = Organisation(
        name="MFA", slug="mfa-required", kind="treatment_facility"
    )
    with pytest.raises(ValidationError):
        organisation.full_clean()


def test_signing_in_with_password_and_totp_opens_the_clinic(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    # The second step is allauth's page, in our layout.
    client = Client()
    client.post(
        reverse("account_login"),
        {"login": "dr_lee@example.org", "password": PERSONA_PASSWORD},
    )
    step = client.get(reverse("mfa_authenticate"))
    assert step.status_code == 200
    assert_in_our_layout(step.content)
    assert client.get(HOME).status_code == 302  # not signed in until the code
    client = sign_in_with_totp(dr_lee)
    response = client.get(HOME)
    assert response.status_code == 200
    assert_in_our_layout(response.content)


def test_allauth_mfa_pages_use_our_layout(dr_lee: Member) -> None:
    client = signed_in(dr_lee)
    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert_in_our_layout(index.content)
    # Setting up TOTP asks for the password again first (allauth's rule).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PERSONA_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert_in_our_layout(page.content)
    body = page.content.decode()
    # The QR code is a data: image (our img-src allows it); no inline script.
    assert 'src="data:image/svg+xml' in body
    assert not re.search(r"<script(?![^>]*(src=|application/json))", body)


# -- Staff invitations ----------------------------------------------------------


def test_an_admin_invites_a_clinician_who_accepts_once(
    dr_lee: Member,
    alex: Member,
    tasks_run_at_once: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = clinic_create(dr_lee, role=StaffRole.ADMIN)
    client = clinic_client(dr_lee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            HOME + "staff/invite/",
            {"email": "alex@example.org", "role": "clinician"},
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["alex@example.org"]
    match = re.search(r"/clinic/invitations/([^/\s]+)/", str(message.body))
    assert match
    token = match.group(1)
    invitation = StaffInvitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(StaffInvitation.objects.values()))
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=6, hours=23)

    alex_client = signed_in(alex)
    url = f"/clinic/invitations/{token}/"
    assert "Harbor Light Treatment" in alex_client.get(url).content.decode()
    response = alex_client.post(url)
    assert response.status_code == 302
    staff = OrganisationStaff.objects.get(member=alex)
    assert staff.role == StaffRole.CLINICIAN
    assert staff.invited_by == admin
    invitation.refresh_from_db()
    assert invitation.accepted_by == staff
    assert invitation.accepted_at

    # Single use: the same link again is refused and changes nothing.
    before = snapshot()
    assert alex_client.get(url).status_code == 404
    assert alex_client.post(url).status_code == 404
    assert snapshot() == before


def test_an_invitation_expires_after_seven_days(dr_lee: Member, alex: Member) -> None:
    admin = clinic_create(dr_lee, role=StaffRole.ADMIN)
    token = staff_invite(by=admin, email="alex@example.org", role="clinician")
    before = snapshot()
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        response = signed_in(alex).post(f"/clinic/invitations/{token}/")
    assert response.status_code == 404
    assert "cannot be used" in response.content.decode()
    assert snapshot() == before


def test_an_invitation_is_for_its_own_email_address(
    dr_lee: Member, eve: Member
) -> None:
    admin = clinic_create(dr_lee, role=StaffRole.ADMIN)
    token = staff_invite(by=admin, email="alex@example.org", role="admin")
    before = snapshot()
    assert signed_in(eve).post(f"/clinic/invitations/{token}/").status_code == 404
    assert snapshot() == before


def test_an_unknown_invitation_sends_visitors_to_sign_in_and_is_404_after(
    eve: Member,
) -> None:
    response = Client().get("/clinic/invitations/made-up/")
    assert response.status_code == 302
    assert "next=/clinic/invitations/made-up/" in response["Location"]
    assert signed_in(eve).get("/clinic/invitations/made-up/").status_code == 404


def test_a_clinician_cannot_invite(clinic: OrganisationStaff, dr_lee: Member) -> None:
    client = clinic_client(dr_lee)
    assert client.get(HOME + "staff/invite/").status_code == 404
    response = client.post(
        HOME + "staff/invite/", {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 404
    assert not StaffInvitation.objects.exists()
    # Nor see the staff list on the home page.
    assert "Invite a colleague" not in client.get(HOME).content.decode()


# -- Referrals ------------------------------------------------------------------


def test_a_referral_shows_its_code_once_and_keeps_only_its_hash(
    clinic: OrganisationStaff, dr_lee: Member, cast: Cast
) -> None:
    client = clinic_client(dr_lee)
    form = client.get(HOME + "referrals/new/?q=tuesday")
    assert cast.group.name in form.content.decode()
    assert_in_our_layout(form.content)
    response = client.post(
        HOME + "referrals/new/",
        {
            "patient_reference": REFERENCE,
            "note_to_patient": NOTE,
            "groups": [cast.group.pk],
            "expires_in_days": "14",
            "q": "tuesday",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200, body
    code = re.search(r'<strong class="code">([A-Z0-9-]+)</strong>', body)
    assert code
    referral = Referral.objects.get()
    assert referral.code_hash == referral_code_hash(code.group(1))
    assert code.group(1) not in str(list(Referral.objects.values()))
    assert f"/referral/{code.group(1)}/" in body
    assert referral.expires_at - referral.created_at == dt.timedelta(days=14)
    assert list(referral.suggested_groups.all()) == [cast.group]
    # Never again: not on the referral's page nor the clinic's home.
    detail = client.get(HOME + f"referrals/{referral.pk}/").content.decode()
    assert code.group(1) not in detail
    assert REFERENCE in detail
    assert "Waiting" in detail
    assert code.group(1) not in client.get(HOME).content.decode()


def test_searching_groups_keeps_everything_typed_and_chosen(
    clinic: OrganisationStaff, dr_lee: Member, cast: Cast
) -> None:
    riverside = GroupFactory.create(name="Riverside Women's Circle")
    client = clinic_client(dr_lee)
    page = client.get(HOME + "referrals/new/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    # One form: the search is a button of the referral form, not a form of its own.
    assert main.count("<form") == 1
    assert 'name="search"' in page

    typed = {
        "patient_reference": REFERENCE,
        "note_to_patient": NOTE,
        "groups": [cast.group.pk],
        "expires_in_days": "21",
        "q": "riverside",
        "search": "1",
    }
    response = client.post(HOME + "referrals/new/", typed)

    assert response.status_code == 200
    body = response.content.decode()
    assert not Referral.objects.exists()
    assert f'value="{REFERENCE}"' in body
    assert NOTE in body
    assert 'name="expires_in_days" value="21"' in body
    assert 'name="q" value="riverside"' in body
    assert "Riverside Women&#x27;s Circle" in body
    # The group chosen before the search stays listed and ticked.
    assert re.search(rf'value="{cast.group.pk}"[^>]*checked', body)
    assert not re.search(rf'value="{riverside.pk}"[^>]*checked', body)
    assert "field-error" not in body

    created = client.post(
        HOME + "referrals/new/",
        {key: value for key, value in typed.items() if key != "search"}
        | {"groups": [cast.group.pk, riverside.pk]},
    )
    assert created.status_code == 200, created.content.decode()
    referral = Referral.objects.get()
    assert set(referral.suggested_groups.all()) == {cast.group, riverside}
    assert referral.expires_at - referral.created_at == dt.timedelta(days=21)


def test_a_search_never_keeps_a_group_that_is_not_listed(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    private = GroupFactory.create(name="Quiet Room", visibility=Visibility.PRIVATE)
    client = clinic_client(dr_lee)
    response = client.post(
        HOME + "referrals/new/",
        {"patient_reference": "A1", "groups": [private.pk], "q": "", "search": "1"},
    )
    assert response.status_code == 200
    assert "Quiet Room" not in response.content.decode()
    assert not Referral.objects.exists()


def test_only_listed_groups_can_be_suggested(
    clinic: OrganisationStaff, dr_lee: Member
) -> None:
    private = GroupFactory.create(name="Quiet Room", visibility=Visibility.PRIVATE)
    client = clinic_client(dr_lee)
    assert "Quiet Room" not in client.get(HOME + "referrals/new/").content.decode()
    response = client.post(
        HOME + "referrals/new/",
        {"patient_reference": "A1", "groups": [private.pk], "expires_in_days": "14"},
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_patient_opens_and_accepts_a_referral(
    made: tuple[Referral, str], alex: Member, cast: Cast
) -> None:
    referral, code = made
    client = signed_in(alex)
    entered = client.post("/referral/", {"code": code.lower().replace("-", " ")})
    assert entered.status_code == 302
    assert entered["Location"] == f"/referral/{code}/"
    page = client.get(entered["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert_in_our_layout(page.content)
    assert "Harbor Light Treatment" in body
    assert NOTE in body
    assert cast.group.get_absolute_url() in body
    assert "Accepting does not share anything with Harbor Light Treatment" in body
    assert REFERENCE not in body
    response = client.post(f"/referral/{code}/")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.accepted_by == alex
    assert referral.accepted_at is not None
    mine = client.get("/me/referrals/").content.decode()
    assert cast.group.name in mine
    assert NOTE in mine
    assert REFERENCE not in mine
    # The clinic sees who accepted, by display name only.
    detail = clinic_client(referral.created_by.member).get(  # type: ignore[union-attr]
        HOME + f"referrals/{referral.pk}/"
    )
    assert "Accepted on" in detail.content.decode()
    assert "Alex K." in detail.content.decode()
    assert "alex@example.org" not in detail.content.decode()


def test_a_referral_is_single_use(
    made: tuple[Referral, str], alex: Member, morgan: Member
) -> None:
    _referral, code = made
    assert signed_in(alex).post(f"/referral/{code}/").status_code == 302
    before = snapshot()
    for who in (alex, morgan):
        client = signed_in(who)
        assert client.get(f"/referral/{code}/").status_code == 404
        response = client.post(f"/referral/{code}/")
        assert response.status_code == 404
        assert "cannot be used" in response.content.decode()
    assert snapshot() == before


def test_cancelled_and_expired_referrals_are_refused_with_nothing_changed(
    clinic: OrganisationStaff, made: tuple[Referral, str], alex: Member, dr_lee: Member
) -> None:
    referral, code = made
    response = clinic_client(dr_lee).post(HOME + f"referrals/{referral.pk}/cancel/")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.cancelled_at is not None
    before = snapshot()
    assert signed_in(alex).post(f"/referral/{code}/").status_code == 404
    assert snapshot() == before

    other, other_code = referral_create(
        by=clinic, patient_reference="B2", expires_in_days=1
    )
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        before = snapshot()
        assert signed_in(alex).post(f"/referral/{other_code}/").status_code == 404
        assert snapshot() == before
        detail = clinic_client(dr_lee).get(HOME + f"referrals/{other.pk}/")
        assert "Expired on" in detail.content.decode()


def test_an_accepted_referral_cannot_be_cancelled(
    clinic: OrganisationStaff, made: tuple[Referral, str], alex: Member
) -> None:
    referral, code = made
    signed_in(alex).post(f"/referral/{code}/")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        referral_cancel(by=clinic, referral_id=referral.pk)
    referral.refresh_from_db()
    assert referral.cancelled_at is None
    assert referral.accepted_by == alex


def test_a_visitor_sees_the_referral_and_is_sent_to_sign_in_to_accept(
    made: tuple[Referral, str],
) -> None:
    referral, code = made
    client = Client()
    body = client.get(f"/referral/{code}/").content.decode()
    assert NOTE in body
    assert REFERENCE not in body
    assert f"{reverse('account_signup')}?next=/referral/{code}/" in body
    response = client.post(f"/referral/{code}/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    referral.refresh_from_db()
    assert referral.accepted_at is None


def test_guessing_codes_is_limited_per_member_and_per_address(
    made: tuple[Referral, str], alex: Member, eve: Member
) -> None:
    _referral, code = made
    client = from_address(eve, "203.0.113.7")
    for number in range(REFERRAL_MISSES_ALLOWED):
        response = client.post("/referral/", {"code": f"WRONG-{number:05d}"})
        assert response.status_code == 400
    # Locked now, even with the right code.
    response = client.post("/referral/", {"code": code})
    assert response.status_code == 400
    assert "Too many codes" in response.content.decode()
    assert client.get(f"/referral/{code}/").status_code == 404
    # Another member from the same address is locked too (per address) ...
    assert (
        from_address(alex, "203.0.113.7").post("/referral/", {"code": code}).status_code
        == 400
    )
    # ... while alex from elsewhere is not.
    assert (
        from_address(alex, "198.51.100.4")
        .post("/referral/", {"code": code})
        .status_code
        == 302
    )
    # After 15 minutes eve may try again.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert client.post("/referral/", {"code": code}).status_code == 302


def test_my_referrals_lists_only_the_member_s_own(
    made: tuple[Referral, str], alex: Member, eve: Member
) -> None:
    _referral, code = made
    signed_in(alex).post(f"/referral/{code}/")
    body = signed_in(eve).get("/me/referrals/").content.decode()
    assert "Harbor Light Treatment" not in body
    assert NOTE not in body


def test_the_export_holds_accepted_referrals_without_the_patient_reference(
    made: tuple[Referral, str], alex: Member, cast: Cast
) -> None:
    import json

    referral, code = made
    signed_in(alex).post(f"/referral/{code}/")
    data = json.loads(signed_in(alex).post("/me/export/").content)
    rows = data["actions"]["care.referral"]
    assert [row["id"] for row in rows] == [referral.pk]
    assert rows[0]["note_to_patient"] == NOTE
    assert rows[0]["suggested_groups"] == [cast.group.pk]
    assert "patient_reference" not in rows[0]
    assert "code_hash" not in rows[0]
    assert REFERENCE not in json.dumps(data)


def test_the_clinic_home_takes_the_same_queries_for_more_referrals(
    clinic: OrganisationStaff, dr_lee: Member, django_assert_max_num_queries: Any
) -> None:
    client = clinic_client(dr_lee)
    referral_create(by=clinic, patient_reference="A1")
    client.get(HOME)
    for number in range(10):
        referral_create(by=clinic, patient_reference=f"B{number}")
    with django_assert_max_num_queries(12):
        response = client.get(HOME)
    assert response.content.decode().count("/referrals/") >= 11


def test_a_new_member_signs_up_then_accepts(made: tuple[Referral, str]) -> None:
    referral, code = made
    robin = persona_create("robin", "Robin B.")
    signed_in(robin).post(f"/referral/{code}/")
    referral.refresh_from_db()
    assert referral.accepted_by == robin


def test_my_referrals_takes_the_same_queries_for_more_referrals(
    clinic: OrganisationStaff,
    alex: Member,
    cast: Cast,
    django_assert_max_num_queries: Any,
) -> None:
    client = signed_in(alex)
    for number in range(6):
        _referral, code = referral_create(
            by=clinic, patient_reference=f"C{number}", group_ids=[cast.group.pk]
        )
        client.post(f"/referral/{code}/")
    with django_assert_max_num_queries(10):
        response = client.get("/me/referrals/")
    assert response.content.decode().count(cast.group.get_absolute_url()) == 6
