"""The pages of the every-page journey (test_every_page), drawn from the URL walk.

Every URL pattern of the site is either *visited* here (``VISITS``: which persona
opens it, with which real objects) or *excluded* with a reason (``EXCLUDED``, or
one of the rules of ``exclusion_reason``: the admin, the JSON API, and what the
URL walk pins as POST-only). ``test_every_url_is_visited_or_excluded`` fails on a
URL in neither, so a new page cannot be skipped silently.

The objects are the URL walk's world (``test_url_walk.world_create``: alex's
records, a private group fran leads and alex is in, morgan mentoring alex,
dr_lee's clinic with alex's consent), plus what only a journey needs
(``journey_world_create``): live codes, keys and tokens for the pages that open
with one. By default a visit fills the URL with the walk's own arguments: those
are alex's objects, which the walk shows eve is refused and the journey shows
their owner (or leader, mentor, clinician) is served.

Personas (kinship/members/tests/personas.py): the visitor (signed out), alex (a
member), fran (a leader), morgan (a mentor) and dr_lee (a clinician, with TOTP).
Public pages are opened by the visitor and, signed in, by alex (the signed-in
header differs); pages of a role by that role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.core.tests.test_url_walk import (
    ACCOUNT_KEYS,
    EXPECTATIONS,
    url_patterns,
    world_create,
)
from kinship.core.tests.walking import NOT_ALLOWED, World
from kinship.matching.forms_match import STEPS as MATCH_FORM_STEPS
from kinship.matching.tests.walk_match import ALEX_ANSWERS
from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD, Cast
from kinship.toolkit.models import STEP_ORDER

VISITOR = "visitor"
ALEX = "alex"
FRAN = "fran"
MORGAN = "morgan"
DR_LEE = "dr_lee"
PERSONAS = (VISITOR, ALEX, FRAN, MORGAN, DR_LEE)
SIGNED_IN = (ALEX, FRAN, MORGAN, DR_LEE)

Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Visit:
    """One page of the journey: URL ``key`` opened by each of ``who``.

    ``kwargs`` fills the URL (the URL walk's arguments when None); ``name``
    tells apart two visits of one URL (a screenshot's file name).
    ``during_sign_in``: the page is one of signing in (allauth's second step),
    opened between the password and the code, before the persona's session.
    ``standalone``: why the page has no site header, so no "I need support"
    button, by design (empty for every page with the header).
    """

    key: str
    who: tuple[str, ...]
    kwargs: Kwargs | None = None
    name: str = ""
    during_sign_in: bool = False
    standalone: str = ""

    @property
    def label(self) -> str:
        return self.name or self.key.replace(":", "-").replace("_", "-")

    def url(self, world: World) -> str:
        if self.kwargs is not None:
            kwargs = self.kwargs(world)
        elif self.key in EXPECTATIONS:
            kwargs = EXPECTATIONS[self.key].kwargs(world)
        else:  # allauth's pages take no arguments but these made-up keys
            kwargs = ACCOUNT_KEYS.get(self.key, {})
        return reverse(self.key, kwargs=kwargs or None)


def extra(name: str) -> Kwargs:
    """The URL arguments kept in ``world.extra[name]`` (by journey_world_create)."""

    def kwargs(world: World) -> dict[str, Any]:
        return dict(world.extra[name])

    return kwargs


def public_group(world: World) -> dict[str, Any]:
    return {"slug": world.cast.group.slug}


def public_meeting(world: World) -> dict[str, Any]:
    return {"slug": world.cast.meeting.slug}


def led_meeting(world: World) -> dict[str, Any]:
    return {
        "slug": world.private_group_slug,
        "meeting_slug": world.private_meeting_slug,
    }


def match_step(number: int) -> Visit:
    return Visit(
        "matching:match-step",
        (VISITOR,) if number > 1 else (VISITOR, ALEX),
        lambda world: {"number": number},
        name=f"matching-match-step-{number}",
    )


def draft_step(step: str) -> Visit:
    return Visit(
        "toolkit:draft-step",
        (ALEX,),
        lambda world: {"draft_id": world.extra["journey_draft_id"], "step": step},
        name=f"toolkit-draft-step-{step}",
    )


# Each step of Find my group and of a group draft is a page of its own.
MATCH_STEPS = len(MATCH_FORM_STEPS)
DRAFT_STEPS = STEP_ORDER

VISITS: tuple[Visit, ...] = (
    # -- Public pages: the visitor, and alex signed in.
    Visit("directory:home", (VISITOR, ALEX)),
    Visit("directory:meeting-list", (VISITOR, ALEX)),
    Visit("directory:meeting-detail", (VISITOR,), public_meeting),
    Visit("directory:meeting-detail", (ALEX, FRAN), name="meeting-detail-private"),
    Visit("directory:group-detail", (VISITOR,), public_group),
    Visit("directory:group-detail", (ALEX, FRAN), name="group-detail-private"),
    Visit("attendance:meeting-dates", (VISITOR,), public_meeting),
    Visit("attendance:meeting-dates", (ALEX,), name="meeting-dates-private"),
    Visit("recovery:strategy-list", (VISITOR, ALEX)),
    Visit("recovery:strategy-detail", (VISITOR,), extra("starter_strategy")),
    Visit("recovery:strategy-detail", (ALEX,), name="strategy-detail-group"),
    Visit("recovery:help", (VISITOR, ALEX)),
    Visit("offline:page", (VISITOR, ALEX)),
    Visit("recovery:help-request", (ALEX,)),
    Visit("facilitation:grounding", (VISITOR, ALEX)),
    Visit("matching:match", (VISITOR, ALEX)),
    *(match_step(number) for number in range(1, MATCH_STEPS + 1)),
    # Both carry a completed questionnaire in their session.
    Visit("matching:match-result", (VISITOR, ALEX)),
    Visit("care:referral-enter", (VISITOR, ALEX)),
    Visit("care:referral-show", (VISITOR, ALEX), extra("pending_referral")),
    Visit("attendance:record-verify", (VISITOR,), extra("record_code")),
    # -- Signing in and accounts (django-allauth).
    Visit("account_login", (VISITOR,)),
    Visit("account_signup", (VISITOR,)),
    Visit("account_inactive", (VISITOR,)),
    Visit("account_email_verification_sent", (VISITOR,)),
    Visit("account_confirm_email", (VISITOR,), extra("email_key")),
    Visit("account_reset_password", (VISITOR,)),
    Visit("account_reset_password_done", (VISITOR,)),
    Visit("account_reset_password_from_key", (VISITOR,), extra("password_key")),
    Visit("account_reset_password_from_key_done", (VISITOR,)),
    Visit("account_logout", (ALEX,)),
    Visit("account_reauthenticate", (ALEX,)),
    Visit("account_request_reauthentication_code", (ALEX,)),
    Visit("account_email", (ALEX,)),
    Visit("account_change_password", (ALEX,)),
    Visit("mfa_index", (ALEX, DR_LEE)),
    Visit("mfa_activate_totp", (ALEX,)),
    Visit("mfa_authenticate", (DR_LEE,), during_sign_in=True),
    Visit("mfa_reauthenticate", (DR_LEE,)),
    Visit("mfa_deactivate_totp", (DR_LEE,)),
    Visit("mfa_view_recovery_codes", (DR_LEE,)),
    Visit("mfa_generate_recovery_codes", (DR_LEE,)),
    # -- The member's own pages.
    Visit("members:me", SIGNED_IN),
    Visit("members:profile", (ALEX,)),
    Visit("members:export", (ALEX,)),
    Visit("members:delete", (ALEX,)),
    Visit("attendance:schedule", (ALEX,)),
    Visit("attendance:my-attendance", (ALEX,)),
    Visit("attendance:records", (ALEX,)),
    Visit(
        "attendance:record-print",
        (ALEX,),
        standalone="a record to print: no site navigation on paper "
        "(attendance/record_print.html)",
    ),
    Visit("tokens:list", (ALEX,)),
    Visit("security:me", (ALEX,)),
    Visit("recovery:checkin", (ALEX,)),
    Visit("recovery:checkin-list", (ALEX,)),
    Visit("recovery:clock-list", (ALEX,)),
    Visit("recovery:clock-detail", (ALEX,)),
    Visit("recovery:clock-reset-confirm", (ALEX,)),
    Visit("recovery:clock-delete-confirm", (ALEX,)),
    Visit("recovery:strategy-new", (ALEX,)),
    Visit("recovery:strategy-edit", (ALEX,)),
    Visit("recovery:notebook", (ALEX,)),
    Visit("recovery:notebook-edit", (ALEX,)),
    Visit("recovery:notebook-remove-confirm", (ALEX,)),
    Visit("recovery:strategy-remove-confirm", (ALEX,)),
    Visit("recovery:support", (ALEX,)),
    Visit("recovery:warnings", (ALEX,)),
    Visit("notifications:list", (ALEX,)),
    Visit("notifications:settings", (ALEX,)),
    Visit("matching:saved-matches", (ALEX,)),
    Visit("matching:saved-match", (ALEX,)),
    Visit("matching:saved-match-delete-confirm", (ALEX,)),
    Visit("mentorship:mine", (ALEX, MORGAN)),
    Visit("mentorship:find", (ALEX,)),
    Visit("mentorship:mentor-profile", (ALEX, MORGAN)),
    Visit("mentorship:thread", (ALEX, MORGAN)),
    Visit("training:index", (ALEX,)),
    Visit("training:course", (ALEX,)),
    Visit("training:module", (ALEX,)),
    Visit("care:index", (ALEX,)),
    Visit("care:take", (ALEX,)),
    Visit("care:result", (ALEX,)),
    Visit("care:my-referrals", (ALEX,)),
    Visit("care:sharing", (ALEX,)),
    Visit("care:consent-new", (ALEX,)),
    Visit("toolkit:group-new", (ALEX,)),
    *(draft_step(step) for step in DRAFT_STEPS),
    # -- A member's groups (the private group alex is in and fran leads).
    Visit("facilitation:board", (ALEX, FRAN)),
    Visit("facilitation:report-post", (ALEX,), extra("fran_post")),
    Visit("facilitation:report-member", (ALEX,), extra("fran_in_private")),
    Visit("recovery:group-checkins", (ALEX,)),
    Visit("recovery:milestone-feed", (ALEX, FRAN)),
    Visit("matching:group-feedback", (ALEX,)),
    Visit("toolkit:structure", (ALEX,)),
    # -- A leader's pages (fran).
    Visit("membership:roster", (FRAN,)),
    Visit("membership:group-edit", (FRAN,)),
    Visit("membership:group-changes", (FRAN,)),
    Visit("membership:meeting-new", (FRAN,)),
    Visit("membership:meeting-edit", (FRAN,)),
    Visit("attendance:exceptions", (FRAN,)),
    Visit("attendance:roll-call-list", (FRAN,)),
    Visit("attendance:roll-call", (FRAN,), extra("roll_call")),
    Visit("facilitation:moderation", (FRAN,)),
    Visit("matching:needs", (FRAN,)),
    Visit("mentorship:endorse", (FRAN,)),
    Visit("mentorship:request", (FRAN,), extra("morgan_profile")),
    Visit("toolkit:structure-edit", (FRAN,)),
    Visit("toolkit:team", (FRAN,)),
    # -- A mentor's pages (morgan mentors alex), and invitations sent to morgan.
    Visit("mentorship:mentee", (MORGAN,)),
    Visit("recovery:mentee-checkins", (MORGAN,)),
    Visit("recovery:mentee-warnings", (MORGAN,)),
    Visit("membership:invitation-accept", (MORGAN,), extra("group_invitation")),
    Visit("care:clinic-invitation", (MORGAN,), extra("clinic_invitation")),
    # -- A clinician's pages (dr_lee: a clinician of the walk's clinic and the
    # administrator of a second organisation).
    Visit("care:clinic-index", (DR_LEE,)),
    Visit("care:clinic-mfa-required", (DR_LEE,)),
    Visit("care:clinic-home", (DR_LEE,)),
    Visit("care:clinic-home", (DR_LEE,), extra("admin_clinic"), "clinic-home-admin"),
    Visit("care:clinic-staff-invite", (DR_LEE,), extra("admin_clinic")),
    Visit("care:clinic-referral-new", (DR_LEE,)),
    Visit("care:clinic-referral", (DR_LEE,)),
    Visit("care:clinic-patients", (DR_LEE,)),
    Visit("care:clinic-patient", (DR_LEE,)),
    Visit("care:clinic-report", (DR_LEE,)),
)

STAFF_ONLY = "site staff only; no persona of the journey is staff"
CALENDAR = "a calendar file (text/calendar), no page"

# URL patterns that answer no HTML page to a GET, or none a persona reaches.
EXCLUDED: dict[str, str] = {
    "healthz": "the load balancer's plain-text health check",
    "feeds:meetings-json": "the Meeting Guide JSON feed",
    "directory:meeting-ics": CALENDAR,
    "directory:group-ics": CALENDAR,
    "attendance:feed-ics": CALENDAR,
    "care:fhir": "a FHIR JSON download",
    "care:clinic-patient-fhir": "a FHIR JSON download",
    "care:clinic-report-csv": "a CSV download",
    "mfa_download_recovery_codes": "a text file download",
    "notifications:open": "a redirect to the notification's page (marks it read)",
    "account_set_password": "a redirect to the change-password page: every "
    "persona has a password",
    "account_confirm_reauthentication_code": "a redirect until a code is asked "
    "for (a POST to account_request_reauthentication_code, which is visited)",
    "account_confirm_login_code": "a redirect until a sign-in code is asked for "
    "(a POST)",
    "mentorship:messages": "an htmx fragment the thread page polls every 5 s "
    "(the same markup is part of mentorship:thread's page)",
    "facilitation:staff-actions": STAFF_ONLY,
    "toolkit:pending": STAFF_ONLY,
    "styleguide": STAFF_ONLY + " (or anyone while DEBUG is on)",
    "offline:manifest": "the web app manifest (JSON)",
    "offline:service-worker": "the service worker (JavaScript)",
}


def exclusion_reason(key: str, route: str) -> str | None:
    """Why the journey does not open this URL, or None if it must."""
    if key in EXCLUDED:
        return EXCLUDED[key]
    if route.startswith("admin/"):
        return "Django's admin: " + STAFF_ONLY
    if key.startswith("api:"):
        # Its one HTML page, /api/v1/docs, is django-ninja's own Swagger UI.
        return "the JSON API and its documentation (django-ninja)"
    expectation = EXPECTATIONS.get(key)
    if (
        expectation is not None
        and expectation.visitor == frozenset(NOT_ALLOWED)
        and expectation.eve == frozenset(NOT_ALLOWED)
    ):
        return "POST-only (the URL walk pins 405 to a GET)"
    return None


def visits_of(persona: str) -> list[Visit]:
    return [visit for visit in VISITS if persona in visit.who]


def url_keys() -> dict[str, str]:
    """Every URL pattern's key (as the URL walk names it) and route."""
    return {key: route for key, route, _pattern in url_patterns()}


# -- The journey's world ---------------------------------------------------------


def migration_data_restore() -> None:
    """Load again what data migrations load (the starter strategies with their
    keys, and the courses with their translations) if a transactional test's
    flush removed it.

    (``serialized_rollback`` cannot do it here: once Playwright's event loop
    runs, Django keeps its connections per context, and the test's connection
    is not the one the serialized copy was made on.)
    """
    from django.apps import apps

    from kinship.recovery.models import Strategy
    from kinship.training.models import TrainingModule

    if not Strategy.objects.filter(starter=True).exists():
        module = import_module("kinship.recovery.migrations.0002_starter_strategies")
        module.starter_set_add(apps, None)
        keys = import_module("kinship.recovery.migrations.0004_starter_strategy_keys")
        keys.starter_keys_fill(apps, None)
    if not TrainingModule.objects.exists():
        module = import_module("kinship.training.migrations.0002_starter_courses")
        module.starter_courses_load(apps, None)


def journey_world_create(cast: Cast) -> World:
    """The URL walk's world, with what only a journey needs: live codes, keys and
    tokens, a complete group draft, an organisation dr_lee administers."""
    world = world_create(cast)
    _codes_add(world)
    _clinic_add(world)
    _groups_add(world)
    _accounts_add(world)
    return world


def _codes_add(world: World) -> None:
    import uuid

    from kinship.attendance.codes import record_code
    from kinship.attendance.occurrences import (
        meeting_occurrences_between,
        start_stamp,
    )
    from kinship.directory.models import Meeting
    from kinship.recovery.models import Strategy

    world.extra["record_code"] = {
        "code": record_code(uuid.UUID(world.record_public_id))
    }
    meeting = Meeting.objects.get(slug=world.private_meeting_slug)
    now = timezone.now()
    last = meeting_occurrences_between(meeting, now - dt.timedelta(days=8), now)[-1]
    world.extra["roll_call"] = {
        **led_meeting(world),
        "stamp": start_stamp(last.starts_at),
    }
    starter = Strategy.objects.filter(starter=True).order_by("pk").first()
    assert starter is not None, "the starter strategies come with the migrations"
    world.extra["starter_strategy"] = {"pk": starter.pk}


def _clinic_add(world: World) -> None:
    """A referral not yet accepted, and a second organisation that dr_lee
    administers (a clinician reads patients; an administrator runs the staff)."""
    from kinship.care.models import OrganisationStaff, StaffRole
    from kinship.care.services import referral_create, staff_invite
    from kinship.care.tests.helpers import clinic_create

    clinician = OrganisationStaff.objects.get(
        member=world.cast.dr_lee, organisation__slug=world.extra["clinic_slug"]
    )
    _referral, code = referral_create(
        by=clinician,
        patient_reference="Chart 5120",
        note_to_patient="We would like you to meet a group.",
        group_ids=[world.cast.group.pk],
    )
    world.extra["pending_referral"] = {"code": code}
    admin = clinic_create(
        world.cast.dr_lee,
        name="Harbor Light Network",
        slug="journey-network",
        role=StaffRole.ADMIN,
    )
    world.extra["admin_clinic"] = {"org_slug": admin.organisation.slug}
    token = staff_invite(by=admin, email="morgan@example.org", role="clinician")
    world.extra["clinic_invitation"] = {"token": token}


def _groups_add(world: World) -> None:
    from kinship.directory.models import Group
    from kinship.facilitation.models import GroupPost
    from kinship.members.services import invitation_create
    from kinship.mentorship.models import MentorProfile
    from kinship.toolkit.models import GroupDraft

    cast = world.cast
    private = Group.objects.get(slug=world.private_group_slug)
    token = invitation_create(by=cast.fran, group=private)
    world.extra["group_invitation"] = {"slug": private.slug, "token": token}
    post = (
        GroupPost.objects.filter(group=private, author=cast.fran).order_by("pk").first()
    )
    assert post is not None, "the walk's world has fran's post on the board"
    world.extra["fran_post"] = {"slug": private.slug, "post_id": post.pk}
    world.extra["fran_in_private"] = {"slug": private.slug, "member_id": cast.fran.pk}
    world.extra["morgan_profile"] = {
        "profile_id": MentorProfile.objects.get(member=cast.morgan).pk
    }
    draft = GroupDraft.objects.create(
        member=cast.alex,
        name="Journey Draft Circle",
        step="review",
        data=_draft_data(world),
    )
    world.extra["journey_draft_id"] = draft.pk


def _draft_data(world: World) -> dict[str, Any]:
    from kinship.toolkit import starter_texts

    return {
        "basics": {
            "name": "Journey Draft Circle",
            "focus": "both",
            "program": world.cast.group.program_id,
            "audience": [],
            "languages": [],
            "area": "19103",
            "description": "A circle for the journey.",
        },
        "safety": {
            "guidelines": str(starter_texts.GUIDELINES),
            "confidentiality_statement": str(starter_texts.CONFIDENTIALITY),
            "inclusivity_statement": str(starter_texts.INCLUSIVITY),
        },
        "structure": {
            "style": "twelve_step",
            "sections": starter_texts.style_sections("twelve_step"),
        },
        "team": {"role": "facilitator"},
        "resources": {"links": starter_texts.national_resources()[:1]},
    }


def _accounts_add(world: World) -> None:
    """A password-reset key for alex, a new address of eve's to confirm (alex's
    addresses stay verified: allauth lets no one with an unverified address
    turn on TOTP), and recovery codes for dr_lee."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = world.cast.alex.user
    world.extra["password_key"] = {
        "uidb36": user_pk_to_url_str(user),
        "key": default_token_generator.make_token(user),
    }
    address = EmailAddress.objects.create(
        user=world.cast.eve.user,
        email="eve.new@example.org",
        verified=False,
        primary=False,
    )
    world.extra["email_key"] = {"key": EmailConfirmationHMAC(address).key}
    RecoveryCodes.activate(world.cast.dr_lee.user)


def match_answers() -> dict[str, Any]:
    """A completed questionnaire, as Find my group keeps it in the session."""
    return dict(ALEX_ANSWERS)


# -- Signed-in state -------------------------------------------------------------


def session_key_of(client: Client) -> str:
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def persona_session(persona: str, cast: Cast) -> str:
    """A session key for the persona's browser: signed in the real way (the
    password, and dr_lee's TOTP code), the password confirmed again (allauth
    asks for it before MFA changes), with a completed Find my group
    questionnaire. The visitor's is a signed-out session with the answers."""
    from django.contrib.sessions.backends.db import SessionStore

    from kinship.care.tests.helpers import sign_in_with_totp
    from kinship.matching.views_match import SESSION_ANSWERS

    if persona == VISITOR:
        store = SessionStore()
        store[SESSION_ANSWERS] = match_answers()
        store.save()
        assert store.session_key is not None
        return store.session_key
    member = getattr(cast, persona)
    if persona == DR_LEE:
        client = sign_in_with_totp(member)
    else:
        client = Client()
        response = client.post(
            reverse("account_login"),
            {"login": member.user.email, "password": PERSONA_PASSWORD},
        )
        assert response.status_code == 302, (persona, response.status_code)
    response = client.post(
        reverse("account_reauthenticate"), {"password": PERSONA_PASSWORD}
    )
    assert response.status_code == 302, (persona, response.status_code)
    session = client.session
    session[SESSION_ANSWERS] = match_answers()
    session.save()
    return session_key_of(client)


def half_signed_in_session(member: Member) -> str:
    """A session between allauth's two sign-in steps: the password given, the
    authenticator code not yet (the page of ``mfa_authenticate``)."""
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": member.user.email, "password": PERSONA_PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate"), response.status_code
    return session_key_of(client)
