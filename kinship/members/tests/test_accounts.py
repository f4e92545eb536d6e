"""Accounts (django-allauth) in Kinship: our layout, sign-up with a display name,
no account enumeration, the login rate limit, and the navigation."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinship.core.tests.test_email import run_worker
from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD, Cast, signed_in

NEW_PASSWORD = "a long and unusual pass phrase 7"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    """Allauth's rate limits count in the cache; each test starts afresh."""
    cache.clear()


def masked(body: bytes, *secrets: str) -> str:
    """A page with its CSRF token and the given typed-in values blanked."""
    text = CSRF_INPUT.sub('name="csrfmiddlewaretoken" value="…"', body.decode())
    for secret in secrets:
        text = text.replace(secret, "…")
    return text


class FormAudit(HTMLParser):
    """The labelled and unlabelled form controls of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.control_ids: list[str | None] = []
        self.label_targets: set[str] = set()
        self.h1_count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.add(str(attributes["for"]))
        if tag in ("input", "select", "textarea") and attributes.get("type") not in (
            "hidden",
            "submit",
        ):
            self.control_ids.append(attributes.get("id"))

    @property
    def unlabelled(self) -> list[str | None]:
        return [i for i in self.control_ids if i is None or i not in self.label_targets]


def audit(body: bytes) -> FormAudit:
    parser = FormAudit()
    parser.feed(body.decode())
    return parser


def assert_in_our_layout(body: bytes) -> None:
    text = body.decode()
    assert 'class="site-header"' in text
    assert 'id="crisis"' in text
    assert "tel:988" in text
    assert "Menu:" not in text  # allauth's bare default layout
    page = audit(body)
    assert page.h1_count == 1
    assert page.unlabelled == []


def sign_up(client: Client, email: str, display_name: str = "Robin B.") -> Any:
    return client.post(
        reverse("account_signup"),
        {
            "display_name": display_name,
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def login(client: Client, email: str, password: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


# Pages in our layout ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_use_our_layout_with_labelled_fields(
    client: Client, name: str
) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_in_our_layout(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "account_logout"]
)
def test_account_pages_use_our_layout_with_labelled_fields(
    alex: Member, name: str
) -> None:
    response = signed_in(alex).get(reverse(name))
    assert response.status_code == 200
    assert_in_our_layout(response.content)
    assert reverse("members:me") in response.content.decode()


@pytest.mark.django_db
def test_confirm_email_page_uses_our_layout(client: Client) -> None:
    user = get_user_model().objects.create_user(
        username="robin", email="robin@example.org", password=NEW_PASSWORD
    )
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    response = client.get(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 200
    assert_in_our_layout(response.content)
    assert "robin@example.org" in response.content.decode()

    response = client.post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.verified


@pytest.mark.django_db
def test_password_reset_from_key_pages_use_our_layout(
    client: Client, alex: Member
) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    uidb36 = user_pk_to_url_str(alex.user)
    key = default_token_generator.make_token(alex.user)
    url = reverse("account_reset_password_from_key", args=[uidb36, key])
    response = client.get(url, follow=True)  # allauth moves the key to the session
    assert response.status_code == 200
    assert_in_our_layout(response.content)
    assert "Bad Token" not in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert_in_our_layout(response.content)
    alex.user.refresh_from_db()
    assert alex.user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_form_errors_are_shown_next_to_their_field(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {"display_name": "", "email": "not-an-email", "password1": "x"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_display_name_error"' in body
    field = re.search(r'<input[^>]*id="id_display_name"[^>]*>', body)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)
    assert "id_display_name_error" in field.group(0)
    assert 'id="id_email_error"' in body
    assert get_user_model().objects.count() == 0


# Sign-up with a display name ---------------------------------------------------


@pytest.mark.django_db
def test_sign_up_creates_an_unverified_account_with_its_member_profile(
    client: Client,
) -> None:
    response = sign_up(client, "robin@example.org", display_name="  Robin B.  ")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    member = Member.objects.get(user__email="robin@example.org")
    assert member.display_name == "Robin B."
    address = EmailAddress.objects.get(email="robin@example.org")
    assert not address.verified
    page = client.get(response["Location"])
    assert_in_our_layout(page.content)
    assert "Please note:" not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("display_name", "warning"),
    [("John Smith", "full name"), ("robin@example.org", "email address")],
)
def test_an_identifying_display_name_gets_a_gentle_warning_not_a_refusal(
    client: Client, display_name: str, warning: str
) -> None:
    response = sign_up(client, "robin@example.org", display_name=display_name)
    assert response.status_code == 302
    assert Member.objects.get(user__email="robin@example.org").display_name == (
        display_name
    )
    body = client.get(response["Location"]).content.decode()
    assert 'class="message message-warning"' in body
    assert warning in body


@pytest.mark.django_db
def test_display_name_is_required(client: Client) -> None:
    response = sign_up(client, "robin@example.org", display_name=" ")
    assert response.status_code == 200
    assert get_user_model().objects.filter(email="robin@example.org").count() == 0


# No account enumeration --------------------------------------------------------


@pytest.mark.django_db
def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_email(
    alex: Member,
) -> None:
    known = login(Client(), "alex@example.org", "not the password")
    unknown = login(Client(), "nobody@example.org", "not the password")
    assert known.status_code == unknown.status_code == 200
    assert masked(known.content, "alex@example.org") == masked(
        unknown.content, "nobody@example.org"
    )
    assert "not correct" in known.content.decode()


@pytest.mark.django_db
def test_sign_up_answers_the_same_for_a_taken_and_a_new_email(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    taken_client, new_client = Client(), Client()
    with django_capture_on_commit_callbacks(execute=True):
        taken = sign_up(taken_client, "alex@example.org", display_name="John Smith")
        new = sign_up(new_client, "robin@example.org", display_name="John Smith")
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    taken_page = taken_client.get(taken["Location"])
    new_page = new_client.get(new["Location"])
    assert taken_page.status_code == new_page.status_code == 200
    assert masked(taken_page.content, "alex@example.org") == masked(
        new_page.content, "robin@example.org"
    )

    # No second account; the owner is told someone tried, by the worker.
    assert (
        get_user_model().objects.filter(email__iexact="alex@example.org").count() == 1
    )
    assert Member.objects.filter(user__email="alex@example.org").get() == alex
    assert mail.outbox == []
    run_worker()
    to_alex = [m for m in mail.outbox if m.to == ["alex@example.org"]]
    assert len(to_alex) == 1
    assert "Account Already Exists" in to_alex[0].subject
    assert [m.to for m in mail.outbox if m is not to_alex[0]] == [["robin@example.org"]]


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_a_known_and_an_unknown_email(
    alex: Member,
) -> None:
    known_client, unknown_client = Client(), Client()
    url = reverse("account_reset_password")
    known = known_client.post(url, {"email": "alex@example.org"})
    unknown = unknown_client.post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    known_page = known_client.get(known["Location"])
    unknown_page = unknown_client.get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert masked(known_page.content, "alex@example.org") == masked(
        unknown_page.content, "nobody@example.org"
    )


# Login rate limit --------------------------------------------------------------


@pytest.mark.django_db
def test_repeated_failed_logins_lock_that_email_even_for_the_right_password(
    alex: Member,
) -> None:
    start = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _attempt in range(5):
            response = login(Client(), "alex@example.org", "wrong")
            assert response.status_code == 200
            assert "not correct" in response.content.decode()

        refused = login(Client(), "alex@example.org", "wrong")
        assert refused.status_code == 200
        assert "Too many failed login attempts" in refused.content.decode()

        right = login(Client(), "alex@example.org", PERSONA_PASSWORD)
        assert right.status_code == 200
        assert "Too many failed login attempts" in right.content.decode()
        assert "_auth_user_id" not in right.wsgi_request.session

        # Another email is not locked by alex's failures.
        other = login(Client(), "fran@example.org", PERSONA_PASSWORD)
        assert other.status_code == 302

    with time_machine.travel(start + dt.timedelta(minutes=5, seconds=1), tick=False):
        right = login(Client(), "alex@example.org", PERSONA_PASSWORD)
        assert right.status_code == 302
        assert right["Location"] == reverse("members:me")


# Navigation --------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_are_offered_sign_in_and_sign_up(client: Client) -> None:
    body = client.get(reverse("directory:home")).content.decode()
    assert f'href="{reverse("account_login")}"' in body
    assert f'href="{reverse("account_signup")}"' in body
    assert "Sign in" in body
    assert "Create an account" in body
    assert reverse("members:me") not in body
    assert 'id="crisis"' in body


@pytest.mark.django_db
def test_members_get_my_recovery_and_a_sign_out_button(alex: Member) -> None:
    client = signed_in(alex)
    body = client.get(reverse("directory:home")).content.decode()
    assert f'href="{reverse("members:me")}"' in body
    assert "My recovery" in body
    sign_out = re.search(
        r'<form[^>]*method="post"[^>]*action="' + reverse("account_logout") + r'"'
        r".*?</form>",
        body,
        re.S,
    )
    assert sign_out is not None
    assert "csrfmiddlewaretoken" in sign_out.group(0)
    assert f'href="{reverse("account_login")}"' not in body
    assert 'id="crisis"' in body

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_leads_to_my_recovery(client: Client, cast: Cast) -> None:
    response = login(client, "alex@example.org", PERSONA_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:me")


@pytest.mark.django_db
def test_eve_cannot_manage_alex_s_email_addresses(eve: Member, alex: Member) -> None:
    body = signed_in(eve).get(reverse("account_email")).content.decode()
    assert "eve@example.org" in body
    assert "alex@example.org" not in body
