"""Every write of the attendance app: occurrences, exceptions, RSVPs, attendance,
calendar addresses and attendance records.

Errors a member can cause are ``ValidationError`` with a message meant for them;
nothing is changed when one is raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.misses import miss_count, misses_locked
from kinship.directory.models import AttendanceMode, Group, Meeting
from kinship.members.models import Member, Membership
from kinship.members.selectors import is_group_leader

from .codes import (
    CODE_WINDOW,
    code_matches,
    feed_token_hash,
    feed_token_new,
    in_code_window,
    meeting_code,
)
from .models import (
    Attendance,
    AttendanceMethod,
    AttendanceRecord,
    ExceptionKind,
    MeetingException,
    Occurrence,
    Rsvp,
    RsvpAnswer,
    ScheduleFeed,
)
from .occurrences import PlannedOccurrence, is_regular_date, regular_occurrence
from .selectors import (
    groups_attended_by,
    meeting_is_visible,
    meeting_occurrence,
    meeting_occurrences,
)

CHECK_IN_MISSES_ALLOWED = 5
CHECK_IN_LOCKOUT = dt.timedelta(minutes=15)


def _store(meeting: Meeting, planned: PlannedOccurrence) -> Occurrence:
    occurrence, _created = Occurrence.objects.get_or_create(
        meeting=meeting,
        starts_at=planned.starts_at,
        defaults={"ends_at": planned.ends_at, "local_date": planned.local_date},
    )
    return occurrence


@transaction.atomic
def occurrence_materialize(*, meeting: Meeting, starts_at: dt.datetime) -> Occurrence:
    """The stored occurrence of a meeting starting at ``starts_at``.

    Stored the first time it is needed, and only if the meeting really meets then
    (its schedule and exceptions say so); otherwise a ``ValidationError``.
    """
    planned = meeting_occurrence(meeting, starts_at)
    if planned is None:
        raise ValidationError(
            _("%(meeting)s does not meet at that time.") % {"meeting": meeting.name},
            code="not_an_occurrence",
        )
    return _store(meeting, planned)


def _require_leader(by: Member, group: Group) -> None:
    if not is_group_leader(by, group):
        raise Http404("No such group")


@transaction.atomic
def meeting_exception_add(
    *,
    by: Member,
    meeting: Meeting,
    local_date: dt.date,
    kind: str,
    moved_starts_at: dt.datetime | None = None,
    note: str = "",
) -> MeetingException:
    """A leader cancels, moves or makes online-only one dated occurrence.

    A stored occurrence that is moved keeps its RSVPs and takes the new times.
    """
    _require_leader(by, meeting.group)
    if kind not in ExceptionKind.values:
        raise ValidationError(_("Choose what changes."), code="kind")
    if not is_regular_date(meeting, local_date):
        raise ValidationError(
            _("The meeting does not regularly meet on that date."), code="date"
        )
    if meeting.exceptions.filter(local_date=local_date).exists():
        raise ValidationError(
            _("That date already has a change; remove it first."), code="exists"
        )
    if kind == ExceptionKind.MOVED:
        if moved_starts_at is None or moved_starts_at.tzinfo is None:
            raise ValidationError(_("Give the new date and time."), code="moved")
        if meeting_occurrence(meeting, moved_starts_at) is not None:
            raise ValidationError(
                _("The meeting already meets at that time."), code="taken"
            )
    else:
        moved_starts_at = None
    if kind == ExceptionKind.ONLINE_ONLY and not (
        meeting.conference_url or meeting.conference_phone
    ):
        raise ValidationError(
            _("Add a conference link or phone number to the meeting first."),
            code="online",
        )
    change = MeetingException.objects.create(
        meeting=meeting,
        local_date=local_date,
        kind=kind,
        moved_starts_at=moved_starts_at,
        note=note.strip()[:200],
        created_by=by,
    )
    regular = regular_occurrence(meeting, local_date)
    if moved_starts_at is not None:
        length = regular.ends_at - regular.starts_at
        Occurrence.objects.filter(meeting=meeting, starts_at=regular.starts_at).update(
            starts_at=moved_starts_at, ends_at=moved_starts_at + length
        )
    return change


@transaction.atomic
def meeting_exception_remove(*, by: Member, change: MeetingException) -> None:
    """A leader takes back a change; a moved occurrence returns to its usual time."""
    meeting = change.meeting
    _require_leader(by, meeting.group)
    if change.moved_starts_at is not None:
        regular = regular_occurrence(meeting, change.local_date)
        Occurrence.objects.filter(
            meeting=meeting, starts_at=change.moved_starts_at
        ).update(starts_at=regular.starts_at, ends_at=regular.ends_at)
    change.delete()


@transaction.atomic
def rsvp_set(
    *, by: Member, meeting: Meeting, starts_at: dt.datetime, answer: str
) -> Rsvp:
    """A member answers going, maybe or not going to an upcoming occurrence."""
    if answer not in RsvpAnswer.values:
        raise ValidationError(_("Choose going, maybe or not going."), code="answer")
    if not meeting_is_visible(by, meeting):
        raise Http404("No such meeting")
    if starts_at <= timezone.now():
        raise ValidationError(
            _("That meeting has already started: answers are for upcoming ones."),
            code="past",
        )
    occurrence = occurrence_materialize(meeting=meeting, starts_at=starts_at)
    rsvp, _created = Rsvp.objects.update_or_create(
        member=by, occurrence=occurrence, defaults={"answer": answer}
    )
    return rsvp


@transaction.atomic
def schedule_feed_create(*, by: Member) -> str:
    """A new secret calendar address; the old one stops working. Returns the token,
    which is shown once: only its SHA-256 is kept."""
    ScheduleFeed.objects.filter(member=by, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = feed_token_new()
    ScheduleFeed.objects.create(member=by, token_hash=feed_token_hash(token))
    return token


@transaction.atomic
def schedule_feed_revoke(*, by: Member) -> int:
    """The member's calendar addresses stop working; returns how many were active."""
    return ScheduleFeed.objects.filter(member=by, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def _attend(
    *,
    member: Member,
    occurrence: Occurrence,
    method: str,
    verified: bool,
    recorded_by: Member,
) -> Attendance:
    """Record presence; a verified method upgrades an unverified one, never back."""
    attendance = Attendance.objects.filter(member=member, occurrence=occurrence).first()
    if attendance is None:
        return Attendance.objects.create(
            member=member,
            occurrence=occurrence,
            method=method,
            verified=verified,
            recorded_by=recorded_by,
        )
    if verified and not attendance.verified:
        attendance.method = method
        attendance.verified = True
        attendance.recorded_by = recorded_by
        attendance.recorded_at = timezone.now()
        attendance.save(
            update_fields=["method", "verified", "recorded_by", "recorded_at"]
        )
    return attendance


@transaction.atomic
def attendance_roll_call(
    *, by: Member, occurrence: Occurrence, present: set[int]
) -> list[Attendance]:
    """A leader marks who of the group was present (member ids) at an occurrence.

    The roll call is the leader's word: group members not marked present lose any
    attendance at this occurrence; members outside the group are left alone.
    """
    group = occurrence.meeting.group
    _require_leader(by, group)
    if occurrence.starts_at - CODE_WINDOW > timezone.now():
        raise ValidationError(
            _("The roll call opens 30 minutes before the meeting starts."),
            code="early",
        )
    member_ids = set(
        Membership.objects.filter(group=group).values_list("member_id", flat=True)
    )
    if not present <= member_ids:
        raise ValidationError(
            _("Only members of the group can be marked present."), code="not_member"
        )
    Attendance.objects.filter(
        occurrence=occurrence, member_id__in=member_ids - present
    ).delete()
    return [
        _attend(
            member=member,
            occurrence=occurrence,
            method=AttendanceMethod.ROLL_CALL,
            verified=True,
            recorded_by=by,
        )
        for member in Member.objects.filter(pk__in=present)
    ]


def _misses_key(member: Member) -> str:
    return f"kinship:attendance:check-in-misses:{member.pk}"


def check_in_locked(member: Member) -> bool:
    return misses_locked(_misses_key(member), allowed=CHECK_IN_MISSES_ALLOWED)


def _count_miss(member: Member) -> None:
    # The count expires 15 minutes after the first miss: a fixed window.
    miss_count(_misses_key(member), window=CHECK_IN_LOCKOUT)


def _open_occurrences(meeting: Meeting, now: dt.datetime) -> list[PlannedOccurrence]:
    """Occurrences whose check-in window contains ``now``."""
    around = meeting_occurrences(
        meeting, now - dt.timedelta(days=2), now + CODE_WINDOW + dt.timedelta(seconds=1)
    )
    return [occurrence for occurrence in around if in_code_window(occurrence, now)]


def attendance_check_in(
    *, by: Member, meeting: Meeting, code: str, now: dt.datetime
) -> Attendance:
    """A member gives the meeting code the leader shows: verified attendance.

    Five wrong codes within 15 minutes lock check-in for the member until those
    15 minutes pass, even with the right code. Not atomic as a whole on purpose:
    a miss is counted in the cache while the database write is refused; the
    write itself (``_checked_in``) is atomic.
    """
    if not meeting_is_visible(by, meeting):
        raise Http404("No such meeting")
    if check_in_locked(by):
        raise ValidationError(
            _("Too many wrong codes. Please wait 15 minutes, or ask a leader."),
            code="locked",
        )
    candidates = _open_occurrences(meeting, now)
    if not candidates:
        raise ValidationError(
            _(
                "Check-in is open from 30 minutes before the meeting until 30 "
                "minutes after it ends."
            ),
            code="closed",
        )
    for planned in candidates:
        if code_matches(meeting_code(meeting.uuid, planned.starts_at), code):
            return _checked_in(by=by, meeting=meeting, planned=planned)
    _count_miss(by)
    raise ValidationError(
        _("That code is not this meeting's code. Check it with a leader."),
        code="wrong",
    )


@transaction.atomic
def _checked_in(
    *, by: Member, meeting: Meeting, planned: PlannedOccurrence
) -> Attendance:
    return _attend(
        member=by,
        occurrence=_store(meeting, planned),
        method=AttendanceMethod.MEETING_CODE,
        verified=True,
        recorded_by=by,
    )


@transaction.atomic
def attendance_online_join(
    *, by: Member | None, meeting: Meeting, now: dt.datetime
) -> str:
    """Where to join a meeting online; a signed-in member joining during the check-in
    window is recorded as present (unverified). Returns the conference URL."""
    if not meeting_is_visible(by, meeting):
        raise Http404("No such meeting")
    if not meeting.conference_url:
        raise ValidationError(_("This meeting has no link to join online."))
    if by is None:
        return meeting.conference_url
    for planned in _open_occurrences(meeting, now):
        if meeting.attendance_mode == AttendanceMode.IN_PERSON and not (
            planned.online_only
        ):
            continue
        try:
            with transaction.atomic():
                _attend(
                    member=by,
                    occurrence=_store(meeting, planned),
                    method=AttendanceMethod.ONLINE_JOIN,
                    verified=False,
                    recorded_by=by,
                )
        except IntegrityError:  # a second click at the same instant
            pass
        break
    return meeting.conference_url


def _record_entries(
    by: Member, starts_on: dt.date, ends_on: dt.date, group_ids: Iterable[int]
) -> list[dict[str, object]]:
    attendances = (
        Attendance.objects.filter(
            member=by,
            occurrence__local_date__gte=starts_on,
            occurrence__local_date__lte=ends_on,
            occurrence__meeting__group_id__in=list(group_ids),
        )
        .select_related("occurrence__meeting__group")
        .order_by("occurrence__starts_at")
    )
    return [
        {
            "date": attendance.occurrence.local_date.isoformat(),
            "meeting": attendance.occurrence.meeting.name,
            "group": attendance.occurrence.meeting.group.name,
            "verified": attendance.verified,
        }
        for attendance in attendances
    ]


@transaction.atomic
def record_issue(
    *,
    by: Member,
    starts_on: dt.date,
    ends_on: dt.date,
    group_ids: Iterable[int],
    name_shown: str,
) -> AttendanceRecord:
    """A record of the member's attendance for a third party, fixed when issued:
    the chosen name, and each attendance at the chosen groups within the dates."""
    chosen = set(group_ids)
    name_shown = name_shown.strip()
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if not chosen:
        errors["groups"] = _("Choose at least one group.")
    elif not chosen <= set(groups_attended_by(by).values_list("pk", flat=True)):
        errors["groups"] = _("Choose only groups whose meetings you attended.")
    if not name_shown:
        errors["name_shown"] = _("Give the name the record shows.")
    if errors:
        raise ValidationError(errors)
    record = AttendanceRecord.objects.create(
        member=by,
        name_shown=name_shown[:100],
        starts_on=starts_on,
        ends_on=ends_on,
        entries=_record_entries(by, starts_on, ends_on, chosen),
    )
    record.groups.set(chosen)
    return record


@transaction.atomic
def record_revoke(*, by: Member, record: AttendanceRecord) -> None:
    """The owner withdraws a record: its code then shows it as revoked."""
    if record.member_id != by.pk:
        raise Http404("No such record")
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
        record.save(update_fields=["revoked_at"])
