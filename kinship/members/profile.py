"""The member's own profile: edit it, export everything held about them, delete it.

What belongs to a member is found generically: every row of every installed model
with a foreign key named ``member`` to ``Member`` (the convention of private
models), plus the rows where they are the acting person (``ACTOR_FIELDS``). Models
added later are exported without changes here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import reduce
from operator import or_
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.directory.models import Language
from kinship.security.models import SecurityEvent, UserSession

from .models import Member

EXPORT_FORMAT = "kinship-export/1"

# Rows the member did, or takes part in beside someone else, rather than owns;
# exported too: (app_label.Model, field). What deleting the account does to them
# is each field's on_delete: a group's history stays with the field emptied
# (SET_NULL); a mentorship goes with either of its two members (CASCADE).
ACTOR_FIELDS = (
    ("members.GroupChange", "by"),
    ("members.GroupInvitation", "created_by"),
    ("attendance.MeetingException", "created_by"),
    ("recovery.MilestoneShare", "removed_by"),
    ("recovery.Encouragement", "removed_by"),
    ("mentorship.Mentorship", "mentor"),
    ("mentorship.Mentorship", "mentee"),
    ("mentorship.MentorEndorsement", "by"),
    ("toolkit.GroupApproval", "requested_by"),
    ("facilitation.GroupPost", "author"),
    ("facilitation.Report", "reporter"),
    ("facilitation.ModerationAction", "target_member"),
    ("care.Referral", "accepted_by"),
)

# Left out of every exported row: who moderated. A member's export says what was
# decided about them and why, never which leader decided it, who reported them or
# which site admin reversed it (a staff audit trail, like the Django admin's log).
MODERATOR_FIELDS = (
    ("facilitation.GroupPost", "hidden_by"),
    ("facilitation.ModerationAction", "leader"),
    ("facilitation.ModerationAction", "reversed_by"),
    # A clinic's own label for its patient, and which of its staff referred
    # them: the organisation's records, not the member's (issue 9).
    ("care.Referral", "patient_reference"),
    ("care.Referral", "created_by"),
)

# Rows that belong to both people of a row of ``ACTOR_FIELDS``, reached through
# a foreign key to it: (app_label.Model, field to that row). A mentorship's
# private messages are exported to its mentor and its mentee, whoever sent
# them, and to no one else.
SHARED_THROUGH = (("mentorship.MentorMessage", "mentorship"),)

# Never exported: secrets that only work hashed, even for their owner.
SECRET_FIELD_SUFFIXES = ("_hash", "password")


class AccountError(Exception):
    """A request about one's own account that cannot be done, with the reason."""


def _points_to_member(field: Any) -> bool:
    return (
        isinstance(field, models.ForeignKey)  # OneToOneField is a ForeignKey
        and field.remote_field.model is Member
    )


def member_owned_fields() -> Iterator[models.ForeignKey[Any, Any]]:
    """Every ``member`` foreign key to ``Member`` in the installed models."""
    for model in apps.get_models():
        if model is Member:
            continue
        for field in model._meta.concrete_fields:
            if field.name == "member" and _points_to_member(field):
                assert isinstance(field, models.ForeignKey)
                yield field


def member_actor_fields() -> Iterator[models.ForeignKey[Any, Any]]:
    """The installed ``ACTOR_FIELDS``."""
    for label, name in ACTOR_FIELDS:
        try:
            field = apps.get_model(label)._meta.get_field(name)
        except LookupError:
            continue
        if _points_to_member(field):
            assert isinstance(field, models.ForeignKey)
            yield field


def member_actor_fields_by_model() -> dict[
    type[models.Model], list[models.ForeignKey[Any, Any]]
]:
    """The installed ``ACTOR_FIELDS`` of each model, in their order (a mentorship
    has two: ``mentor`` and ``mentee``)."""
    by_model: dict[type[models.Model], list[models.ForeignKey[Any, Any]]] = {}
    for field in member_actor_fields():
        by_model.setdefault(field.model, []).append(field)
    return by_model


def _is_secret(field: models.Field[Any, Any]) -> bool:
    return field.name.endswith(SECRET_FIELD_SUFFIXES)


def _private_to_others(field: models.Field[Any, Any]) -> bool:
    """A link to a person: exported as an id, never with their name."""
    related = field.related_model
    return related is Member or related is get_user_model()


def _row(
    obj: models.Model, left_out: Sequence[models.Field[Any, Any]]
) -> dict[str, Any]:
    """One row as JSON-ready values; related rows by id and, if not a person, name."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field in left_out or _is_secret(field):
            continue
        if field.is_relation:
            row[field.name] = getattr(obj, field.attname)
            related = getattr(obj, field.name)
            if related is not None and not _private_to_others(field):
                row[f"{field.name}_label"] = str(related)
        else:
            row[field.name] = field.value_from_object(obj)
    for field in obj._meta.many_to_many:
        related_rows = list(getattr(obj, field.name).all())
        row[field.name] = [item.pk for item in related_rows]
        if not _private_to_others(field):
            row[f"{field.name}_labels"] = [str(item) for item in related_rows]
    return row


def _rows(
    fields: Sequence[models.ForeignKey[Any, Any]], member: Member
) -> list[dict[str, Any]]:
    """The rows of one model where any of ``fields`` is the member, each once, by
    primary key."""
    model = fields[0].model
    joined = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f not in fields and not _private_to_others(f)
    ]
    # One query ORing the fields: a row matching two of them comes back once.
    matches = reduce(or_, (models.Q(**{field.name: member}) for field in fields))
    queryset = (
        model._default_manager.filter(matches).select_related(*joined).order_by("pk")
    )
    # A lone field is the member in every row, so it is left out; with several,
    # each row keeps them all, to say which one the member is (mentor or mentee).
    left_out = [*(fields if len(fields) == 1 else ()), *_moderator_fields(model)]
    return [_row(obj, left_out) for obj in queryset]


def _moderator_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The installed ``MODERATOR_FIELDS`` of a model."""
    found = []
    for label, name in MODERATOR_FIELDS:
        if model._meta.label_lower == label.lower():
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            found.append(field)
    return found


def _shared_rows(member: Member) -> dict[str, list[dict[str, Any]]]:
    """The installed ``SHARED_THROUGH`` rows of the member, by model: those whose
    parent row has the member in any of its ``ACTOR_FIELDS``."""
    parents = member_actor_fields_by_model()
    shared: dict[str, list[dict[str, Any]]] = {}
    for label, name in SHARED_THROUGH:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        link = model._meta.get_field(name)
        actors = parents.get(link.related_model, [])
        if not actors:
            continue
        matches = reduce(
            or_, (models.Q(**{f"{name}__{actor.name}": member}) for actor in actors)
        )
        rows = model._default_manager.filter(matches).select_related(name)
        # The parent row by id only: its name would name the other person.
        shared[model._meta.label_lower] = [
            {
                key: value
                for key, value in _row(obj, ()).items()
                if key != f"{name}_label"
            }
            for obj in rows.order_by("pk")
        ]
    return shared


def _security_export(user: Any) -> dict[str, list[dict[str, Any]]]:
    """The account's security log and listed sessions; never a session's key (it
    would sign in as the member)."""
    return {
        "events": [
            {
                "at": event.at,
                "kind": event.kind,
                "ip_address": event.ip_address,
                "user_agent": event.user_agent,
                "detail": event.detail,
            }
            for event in SecurityEvent.objects.filter(user=user).order_by("at", "pk")
        ],
        "sessions": [
            {
                "created_at": session.created_at,
                "last_seen_at": session.last_seen_at,
                "ip_address": session.ip_address,
                "user_agent": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("pk")
        ],
    }


def member_export(member: Member) -> dict[str, Any]:
    """Everything Kinship holds about a member, for that member only.

    ``records`` has one list per member-owned model (``app_label.model``), empty
    lists included; ``actions`` one list per model of ``ACTOR_FIELDS``, a row
    found through several of its fields listed once, and of ``SHARED_THROUGH``;
    ``security`` the account's security events and sessions. Password and secret
    hashes, and session keys, are left out.
    """
    user = member.user
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {
                    "email": address.email,
                    "verified": address.verified,
                    "primary": address.primary,
                }
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "member": {
            "id": member.pk,
            "display_name": member.display_name,
            "focus": member.focus,
            "languages": [
                {"code": language.code, "name": language.name}
                for language in member.languages.order_by("code")
            ],
            "timezone": member.timezone,
            "roster_name": member.roster_name,
            "created_at": member.created_at,
        },
        "records": {
            field.model._meta.label_lower: _rows([field], member)
            for field in member_owned_fields()
        },
        "actions": {
            model._meta.label_lower: _rows(fields, member)
            for model, fields in member_actor_fields_by_model().items()
        }
        | _shared_rows(member),
        "security": _security_export(user),
    }


@transaction.atomic
def member_update(
    *,
    by: Member,
    display_name: str,
    focus: str,
    languages: Iterable[Language],
    timezone: str,
    roster_name: str,
    language: str | None = None,
) -> Member:
    """The member edits their own profile; invalid values raise ``ValidationError``
    and change nothing."""
    member = Member.objects.select_for_update().get(pk=by.pk)
    member.display_name = display_name.strip()
    member.focus = focus
    member.timezone = timezone
    member.roster_name = roster_name
    if language is not None:
        member.language = language
    member.full_clean(exclude=["user"])
    member.save()
    member.languages.set(languages)
    return member


def member_language_set(*, by: Member, language: str) -> Member:
    """The member's language for Kinship: pages, notifications and email.
    A language Kinship is not written in raises ``ValidationError``."""
    by.language = language
    by.full_clean(exclude=["user"])
    by.save(update_fields=["language"])
    return by


def _user_sessions_delete(user_id: int) -> None:
    """Delete the database sessions signed in as this user (other devices too)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return  # cache or cookie sessions die with the account: no user to load
    signed_in = [
        session.pk
        for session in Session.objects.iterator(chunk_size=500)
        if session.get_decoded().get(SESSION_KEY) == str(user_id)
    ]
    Session.objects.filter(pk__in=signed_in).delete()


@transaction.atomic
def member_delete(*, by: Member, password: str) -> None:
    """Delete the member's account and everything of theirs, after re-authentication.

    A wrong password raises ``AccountError`` and changes nothing. Attendance stays
    as anonymous counts (``member`` emptied), and so do the groups' histories
    (``ACTOR_FIELDS`` emptied): both by their ``on_delete=SET_NULL``. Everything
    else of the member and their account (email addresses, sessions) goes.
    """
    user = by.user
    if not password or not user.check_password(password):
        raise AccountError(_("That password is not correct."))
    _user_sessions_delete(user.pk)
    # Deleting the account cascades to the member and their rows.
    user.delete()
