"""Every write of mentorship: a mentor's profile, endorsements, requests and the
moves of the state machine (``transitions.TRANSITIONS``), and private messages.

Each service takes the acting member as ``by``. A refusal the person should read
raises ``MentorshipError`` (or a ``ValidationError`` with field messages); what
they may not even know exists is an ``Http404``. A refused call changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.directory.models import Group, Language, Program
from kinship.members.models import Member, Membership
from kinship.members.selectors import is_group_leader, member_today
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import notification_send, notifications_mark_read
from kinship.recovery.models import SobrietyClock

from .models import (
    AVAILABILITY_VALUES,
    MentorEndorsement,
    MentorMessage,
    MentorProfile,
    Mentorship,
    MentorshipState,
)
from .notification_texts import ASKED, MESSAGE, NEWS
from .selectors import (
    OPEN_STATES,
    PLACE_STATES,
    access_mentorship,
    mentor_eligibility,
)
from .transitions import TRANSITIONS, Action, Side, may_move

MESSAGE_MAX = 2000


class MentorshipError(Exception):
    """A request the member may make but that cannot be done, with the reason."""


@dataclass(frozen=True)
class MentorDetails:
    """What a mentor says about themselves (already parsed by a form)."""

    clock: SobrietyClock | None
    focus: str = ""
    programs: tuple[Program, ...] = ()
    languages: tuple[Language, ...] = ()
    availability: tuple[str, ...] = ()
    capacity: int = 2
    introduction: str = ""
    gender: str = ""


def _apply(profile: MentorProfile, by: Member, details: MentorDetails) -> None:
    if details.clock is not None and details.clock.member_id != by.pk:
        raise Http404("No such clock")
    unknown = set(details.availability) - AVAILABILITY_VALUES
    if unknown:
        raise ValidationError({"availability": _("Choose times from the list.")})
    profile.clock = details.clock
    profile.focus = details.focus
    profile.availability = sorted(set(details.availability))
    profile.capacity = details.capacity
    profile.introduction = details.introduction.strip()
    profile.gender = details.gender
    profile.full_clean(exclude=["member"])
    profile.save()
    profile.programs.set(details.programs)
    profile.languages.set(details.languages)


def _refuse_unless_eligible(by: Member, clock: SobrietyClock | None) -> None:
    eligibility = mentor_eligibility(by, clock=clock)
    if not eligibility.eligible:
        raise MentorshipError(
            " ".join([_("You cannot take mentees yet."), *eligibility.missing])
        )


@transaction.atomic
def mentor_profile_activate(
    *, by: Member, details: MentorDetails | None = None
) -> MentorProfile:
    """The member starts (or resumes) taking mentees, with ``details`` saved if
    given. Refused with every missing condition unless, at this moment, the
    chosen clock shows at least ``KINSHIP_MENTOR_MIN_DAYS`` days, the mentor
    training is completed and a group leader's endorsement stands."""
    profile = MentorProfile.objects.select_for_update().filter(
        member=by
    ).first() or MentorProfile(member=by)
    if details is not None:
        if details.clock is not None and details.clock.member_id != by.pk:
            raise Http404("No such clock")
        _refuse_unless_eligible(by, details.clock)
        _apply(profile, by, details)
    else:
        if profile.pk is None:
            raise MentorshipError(_("Fill in your mentor profile first."))
        _refuse_unless_eligible(by, profile.clock)
    profile.active = True
    if profile.became_mentor_on is None:
        profile.became_mentor_on = member_today(by)
    profile.save(update_fields=["active", "became_mentor_on", "updated_at"])
    return profile


@transaction.atomic
def mentor_profile_update(*, by: Member, details: MentorDetails) -> MentorProfile:
    """A mentor changes their profile. While they take mentees the new clock must
    still show their stable recovery; fewer places than mentees they have now is
    refused."""
    profile = MentorProfile.objects.select_for_update().filter(member=by).first()
    if profile is None:
        raise Http404("No mentor profile")
    if profile.active:
        _refuse_unless_eligible(by, details.clock)
    taken = Mentorship.objects.filter(mentor=by, state__in=PLACE_STATES).count()
    if details.capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "You have %(taken)d mentees now: keep at least that many places."
                )
                % {"taken": taken}
            }
        )
    _apply(profile, by, details)
    return profile


@transaction.atomic
def mentor_profile_pause(*, by: Member) -> MentorProfile:
    """The mentor stops taking new mentees; current mentorships go on."""
    profile = MentorProfile.objects.select_for_update().filter(member=by).first()
    if profile is None:
        raise Http404("No mentor profile")
    profile.active = False
    profile.save(update_fields=["active", "updated_at"])
    return profile


# -- Endorsements ------------------------------------------------------------------


def _endorsable(by: Member, group: Group, membership_id: int) -> Membership:
    if not is_group_leader(by, group):
        raise Http404("No such group")
    membership = (
        Membership.objects.filter(pk=membership_id, group=group)
        .select_related("member")
        .first()
    )
    if membership is None:
        raise Http404("No such member")
    return membership


@transaction.atomic
def mentor_endorse(
    *, by: Member, group: Group, membership_id: int, note: str = ""
) -> MentorEndorsement:
    """A leader of ``group`` endorses one of its members as a mentor (not
    themselves). Endorsing again while an endorsement stands returns it."""
    membership = _endorsable(by, group, membership_id)
    if membership.member_id == by.pk:
        raise MentorshipError(_("You cannot endorse yourself."))
    standing = MentorEndorsement.objects.filter(
        member=membership.member, by=by, group=group, revoked_at__isnull=True
    ).first()
    if standing is not None:
        return standing
    endorsement = MentorEndorsement(
        member=membership.member, by=by, group=group, note=note.strip()
    )
    endorsement.full_clean()
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError:  # the same leader, twice at once
        raise MentorshipError(_("You have just endorsed this member.")) from None
    return endorsement


@transaction.atomic
def mentor_endorsement_revoke(*, by: Member, group: Group, membership_id: int) -> int:
    """The leader takes back their own endorsement of a member of ``group``.
    Returns how many were revoked (0 if none stood)."""
    membership = _endorsable(by, group, membership_id)
    return MentorEndorsement.objects.filter(
        member=membership.member, by=by, group=group, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


# -- Requests and the state machine ------------------------------------------------


def _mine_url() -> str:
    return reverse("mentorship:mine")


def _clean_message(body: str) -> str:
    body = body.strip()
    if len(body) > MESSAGE_MAX:
        raise ValidationError(
            {"body": _("Keep it under %(max)d characters.") % {"max": MESSAGE_MAX}}
        )
    return body


@transaction.atomic
def mentorship_request(*, by: Member, mentor: Member, message: str = "") -> Mentorship:
    """The member asks ``mentor`` to mentor them, with an optional message (the
    first message of their thread). Refused unless the mentor takes mentees now:
    active, eligible, with a free place, and no open mentorship between the two.
    The mentor is told."""
    body = _clean_message(message)
    if mentor.pk == by.pk:
        raise MentorshipError(_("You cannot be your own mentor."))
    profile = MentorProfile.objects.filter(member=mentor, active=True).first()
    if profile is None or not mentor_eligibility(mentor, clock=profile.clock).eligible:
        raise MentorshipError(_("This mentor is not taking mentees now."))
    taken = Mentorship.objects.filter(mentor=mentor, state__in=PLACE_STATES).count()
    if taken >= profile.capacity:
        raise MentorshipError(_("This mentor has no free place now."))
    between = Mentorship.objects.filter(state__in=OPEN_STATES).filter(
        mentor__in=[mentor, by], mentee__in=[mentor, by]
    )
    if between.exists():
        raise MentorshipError(_("You two already have an open mentorship."))
    try:
        with transaction.atomic():
            mentorship = Mentorship.objects.create(mentor=mentor, mentee=by)
    except IntegrityError:  # the same request, twice at once
        raise MentorshipError(_("You two already have an open mentorship.")) from None
    if body:
        MentorMessage.objects.create(mentorship=mentorship, sender=by, body=body)
    notification_send(
        member=mentor,
        kind=NotificationKind.MENTORSHIP,
        text=ASKED,
        params={"name": by.display_name},
        url=_mine_url(),
    )
    return mentorship


def _side(by: Member, mentorship: Mentorship) -> Side:
    return Side.MENTOR if mentorship.mentor_id == by.pk else Side.MENTEE


def _refuse_over_capacity(mentorship: Mentorship) -> None:
    """Lock the mentor's profile, then count their places: two accepts at once
    wait for each other here, and the second sees the first."""
    profile = (
        MentorProfile.objects.select_for_update()
        .filter(member_id=mentorship.mentor_id)
        .first()
    )
    if profile is None or not profile.active:
        raise MentorshipError(
            _("Start taking mentees again before you accept a request.")
        )
    taken = Mentorship.objects.filter(
        mentor_id=mentorship.mentor_id, state__in=PLACE_STATES
    ).count()
    if taken >= profile.capacity:
        raise MentorshipError(
            _("All your places are taken: end a mentorship or add a place first.")
        )


def _refuse_second_mentor(mentorship: Mentorship) -> None:
    if Mentorship.objects.filter(
        mentee_id=mentorship.mentee_id, state=MentorshipState.ACTIVE
    ).exists():
        raise MentorshipError(
            _("You have an active mentor: end that mentorship first.")
        )


# What the other side is told of each move.
@transaction.atomic
def mentorship_move(*, by: Member, mentorship_id: int, action: str) -> Mentorship:
    """Make one move of the state machine (``transitions.TRANSITIONS``) on a
    mentorship of ``by``'s. A move the table does not allow from the current
    state, or not to this side, raises ``MentorshipError`` and changes nothing;
    someone else's mentorship is a 404. Accepting checks the mentor's capacity
    under a lock of their profile; starting one checks the mentee has no other
    active mentor. The other side is told."""
    access_mentorship(by, mentorship_id)
    mentorship = (
        # The mentorship's row only, not its members' rows.
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee")
        .get(pk=mentorship_id)
    )
    try:
        move = Action(action)
    except ValueError:
        raise MentorshipError(_("That is not something a mentorship can do.")) from None
    transition = TRANSITIONS.get((MentorshipState(mentorship.state), move))
    side = _side(by, mentorship)
    if transition is None or not may_move(side, transition):
        raise MentorshipError(
            _("A mentorship that is %(state)s cannot be changed that way.")
            % {"state": mentorship.get_state_display().lower()}
        )
    if move == Action.ACCEPT:
        _refuse_over_capacity(mentorship)
    if move == Action.CONFIRM:
        _refuse_second_mentor(mentorship)
    now = timezone.now()
    mentorship.state = transition.target
    if transition.target == MentorshipState.ACTIVE:
        mentorship.started_at = now
    if transition.target in (MentorshipState.ENDED, MentorshipState.DECLINED):
        mentorship.ended_at = now
    mentorship.save(update_fields=["state", "started_at", "ended_at"])
    other = mentorship.mentee if side == Side.MENTOR else mentorship.mentor
    notification_send(
        member=other,
        kind=NotificationKind.MENTORSHIP,
        text=NEWS[move],
        params={"name": by.display_name},
        url=_mine_url(),
    )
    return mentorship


def mentorship_accept(*, by: Member, mentorship_id: int) -> Mentorship:
    return mentorship_move(by=by, mentorship_id=mentorship_id, action=Action.ACCEPT)


def mentorship_decline(*, by: Member, mentorship_id: int) -> Mentorship:
    return mentorship_move(by=by, mentorship_id=mentorship_id, action=Action.DECLINE)


def mentorship_withdraw(*, by: Member, mentorship_id: int) -> Mentorship:
    return mentorship_move(by=by, mentorship_id=mentorship_id, action=Action.WITHDRAW)


def mentorship_confirm(*, by: Member, mentorship_id: int) -> Mentorship:
    return mentorship_move(by=by, mentorship_id=mentorship_id, action=Action.CONFIRM)


def mentorship_end(*, by: Member, mentorship_id: int) -> Mentorship:
    return mentorship_move(by=by, mentorship_id=mentorship_id, action=Action.END)


# -- Messages ----------------------------------------------------------------------


def _thread_url(mentorship: Mentorship) -> str:
    return reverse("mentorship:thread", args=[mentorship.pk])


def _unread_message_notices(
    member: Member, mentorship: Mentorship
) -> QuerySet[Notification]:
    """The member's unread notifications of new messages in this thread."""
    return Notification.objects.filter(
        member=member,
        kind=NotificationKind.MENTOR_MESSAGE,
        url=_thread_url(mentorship),
        read_at__isnull=True,
    )


@transaction.atomic
def mentor_message_send(*, by: Member, mentorship_id: int, body: str) -> MentorMessage:
    """One of the two members writes to the other; only while the mentorship is
    active. The other member is told who wrote (never what), at most once per
    thread until they read it."""
    mentorship = access_mentorship(by, mentorship_id)
    if mentorship.state != MentorshipState.ACTIVE:
        raise MentorshipError(
            _("Messages can be sent only while the mentorship is active.")
        )
    text = _clean_message(body)
    if not text:
        raise ValidationError({"body": _("Write a message first.")})
    # Two messages at once wait for each other here, so the second sees the
    # notification of the first.
    list(Mentorship.objects.select_for_update().filter(pk=mentorship.pk).values("pk"))
    message = MentorMessage.objects.create(mentorship=mentorship, sender=by, body=text)
    other = mentorship.mentee if mentorship.mentor_id == by.pk else mentorship.mentor
    # Skip, not update, while one is unread: the unread notification already
    # leads to the thread, where every new message shows; a second one (or a
    # second email or push) for the same unread thread is the flood we spare
    # them, and leaving it as it was keeps it saying what its email copy said.
    # Reading the thread marks it read (``mentor_messages_mark_read``), so the
    # next message after that is told again.
    if not _unread_message_notices(other, mentorship).exists():
        notification_send(
            member=other,
            kind=NotificationKind.MENTOR_MESSAGE,
            text=MESSAGE,
            params={"name": by.display_name},
            url=_thread_url(mentorship),
        )
    return message


def mentor_messages_mark_read(*, by: Member, mentorship: Mentorship) -> int:
    """The messages the other member sent ``by`` are read now, and so are
    ``by``'s notifications of them; returns how many messages. (The caller has
    the mentorship from ``access_mentorship``.)"""
    if by.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise Http404("No such mentorship")
    notices = list(_unread_message_notices(by, mentorship).values_list("pk", flat=True))
    if notices:
        notifications_mark_read(by=by, ids=notices)
    return (
        MentorMessage.objects.filter(mentorship=mentorship, read_at__isnull=True)
        .exclude(sender=by)
        .update(read_at=timezone.now())
    )
