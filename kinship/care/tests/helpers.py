"""Helpers of the care tests: answers that add up to a chosen total; an
organisation with a clinician who uses TOTP, and clients signed in with it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.care.instruments import Instrument
from kinship.care.models import OrganisationStaff
from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD, signed_in


def answers_totalling(
    instrument: Instrument, total: int, fixed: dict[str, int] | None = None
) -> dict[str, int]:
    """Valid answers to every item whose sum is ``total``: the ``fixed`` items
    as given, the others filled from the first item on. ValueError if the
    total cannot be reached that way."""
    fixed = fixed or {}
    answers = {
        item.key: fixed.get(item.key, min(item.values)) for item in instrument.items
    }
    left = total - sum(answers.values())
    for item in instrument.items:
        if item.key in fixed:
            continue
        step = min(left, max(item.values) - answers[item.key])
        answers[item.key] += step
        left -= step
    if left != 0:
        raise ValueError(f"{instrument.key}: cannot reach {total} with {fixed}")
    return answers


def form_data(answers: dict[str, int], **extra: str) -> dict[str, str]:
    return {f"q{key}": str(value) for key, value in answers.items()} | extra


# -- Clinics --------------------------------------------------------------------

# dr_lee's TOTP secret in every clinic test (base32, as allauth stores it).
DR_LEE_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def clinic_create(
    member: Member,
    *,
    name: str = "Harbor Light Treatment",
    slug: str = "harbor-light",
    role: str = "clinician",
    totp_secret: str | None = DR_LEE_TOTP_SECRET,
) -> OrganisationStaff:
    """An organisation with ``member`` on its staff in ``role`` and, unless
    ``totp_secret`` is None, a TOTP authenticator on their account."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from kinship.care.models import Organisation, OrganisationKind

    organisation = Organisation.objects.create(
        name=name, slug=slug, kind=OrganisationKind.TREATMENT_FACILITY
    )
    staff = OrganisationStaff.objects.create(
        organisation=organisation, member=member, role=role
    )
    if (
        totp_secret is not None
        and not Authenticator.objects.filter(
            user=member.user, type=Authenticator.Type.TOTP
        ).exists()
    ):
        TOTP.activate(member.user, totp_secret)
    return staff


@contextmanager
def totp_step_held() -> Iterator[None]:
    """Within the block the clock stands still at the present instant, for the
    test and for a live server in its process alike.

    A TOTP code is valid for one 30-second step (allauth's tolerance is 0), so a
    code computed a moment before the step ends is refused when it arrives after
    it: a rare, load-dependent failure. Computing and sending the code inside
    this block makes both ends see the same step. (time-machine leaves
    ``time.monotonic`` alone, so timeouts and a browser's event loop still run.)
    """
    with time_machine.travel(timezone.now(), tick=False):
        yield


def totp_code(secret: str = DR_LEE_TOTP_SECRET) -> str:
    """The authenticator app's code for ``secret`` right now (compute and send
    it inside ``totp_step_held`` so that the step cannot end in between)."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counters = list(yield_hotp_counters_from_time())
    current = counters[len(counters) // 2]
    return str(format_hotp_value(hotp_value(secret, current)))


def sign_in_with_totp(member: Member, secret: str = DR_LEE_TOTP_SECRET) -> Client:
    """A client signed in the real way: email and password, then the TOTP code
    on allauth's second step (which records "mfa" in the session)."""
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": member.user.email, "password": PERSONA_PASSWORD},
    )
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("mfa_authenticate"), response["Location"]
    with totp_step_held():
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.status_code
    return client


def clinic_client(member: Member, secret: str = DR_LEE_TOTP_SECRET) -> Client:
    """A signed-in client that confirmed its TOTP code in this session
    (allauth's reauthentication with the code, which also records "mfa")."""
    from django.core.cache import cache

    client = signed_in(member)
    with totp_step_held():
        code = totp_code(secret)
        # allauth refuses a code used twice in its step; a test may sign in twice.
        cache.delete(f"allauth.mfa.totp.used?user={member.user.pk}&code={code}")
        response = client.post(reverse("mfa_reauthenticate"), {"code": code})
    assert response.status_code == 302, response.status_code
    return client
