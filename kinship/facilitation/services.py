"""Every write to a group's board, its reports and its moderation record.

Each service takes the acting member as ``by`` and checks their rights itself:
a group the member is not in (or does not lead, for leaders' actions) is a 404;
a request they may make but that cannot be done raises ``ModerationError``
with the reason, and changes nothing.

Rules:
- Participants and leaders post; observers read (they "attend and listen").
- Members report posts and members of their own groups, never themselves.
- Every leader's action needs a reason and is one ``ModerationAction`` row.
- A leader cannot act against another leader (warn or remove them, or hide
  their post): a conflict between leaders goes to site staff, who can see
  the whole record. Nor against themselves, nor decide a report about
  themselves (it is shown to the group's other leaders only).
- Only site staff (``is_staff``) reverse an action; the reversal is recorded
  on the action's row, with who reversed it and why.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.core.email import email_enqueue
from kinship.directory.models import Group
from kinship.members.locale import recipient_locale
from kinship.members.models import Level, Member, Membership
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_wanted, notification_send

from .models import (
    ActionKind,
    GroupPost,
    ModerationAction,
    Report,
    ReportReason,
    ReportState,
)
from .notification_texts import (
    ANNOUNCEMENT,
    REINSTATED,
    REMOVED,
    REPORTED,
    REPORTED_AT_RISK,
    WARNED,
    WARNING_WITHDRAWN,
)


class ModerationError(Exception):
    """A request that cannot be done, with the reason for the person."""


LEADER_CONFLICT = gettext_lazy(
    "A leader cannot act against another leader: ask the site's administrators, "
    "who can see the whole record."
)


def _membership(member: Member, group: Group) -> Membership:
    membership = Membership.objects.filter(member=member, group=group).first()
    if membership is None:
        raise Http404("No such group")
    return membership


def _leader(member: Member, group: Group) -> Membership:
    membership = _membership(member, group)
    if membership.level != Level.LEADER:
        raise Http404("No such group")
    return membership


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ModerationError(_("Give a reason: it is kept with the decision."))
    return reason


def _board_url(group: Group) -> str:
    return reverse("facilitation:board", args=[group.slug])


@transaction.atomic
def post_create(
    *, by: Member, group: Group, body: str, content_warning: str = ""
) -> GroupPost:
    """A participant or leader posts on their group's board."""
    membership = _membership(by, group)
    if membership.level == Level.OBSERVER:
        raise ModerationError(
            _("Observers read the board; step up to participant to post.")
        )
    body = body.strip()
    if not body:
        raise ModerationError(_("Write a message first."))
    return GroupPost.objects.create(
        group=group,
        author=by,
        body=body,
        content_warning=content_warning.strip(),
    )


@transaction.atomic
def announcement_send(
    *, by: Member, group: Group, body: str, content_warning: str = ""
) -> GroupPost:
    """A leader's message to the whole group: a post on the board, and one
    notification to every other member (email copies go out after commit)."""
    _leader(by, group)
    body = body.strip()
    if not body:
        raise ModerationError(_("Write a message first."))
    post = GroupPost.objects.create(
        group=group,
        author=by,
        body=body,
        content_warning=content_warning.strip(),
        is_announcement=True,
    )
    recipients = (
        Member.objects.filter(memberships__group=group)
        .exclude(pk=by.pk)
        .select_related("user")
        .order_by("pk")
    )
    for member in recipients:
        notification_send(
            member=member,
            kind=NotificationKind.GROUP_ANNOUNCEMENT,
            text=ANNOUNCEMENT,
            params={"group": group.name, "warning": post.content_warning},
            url=_board_url(group),
        )
    return post


@transaction.atomic
def report_create(
    *,
    by: Member,
    group: Group,
    reason: str,
    details: str = "",
    post_id: int | None = None,
    member_id: int | None = None,
) -> Report:
    """A member asks the group's leaders to look at a post or a member.

    Posts and members of other groups are a 404; one's own post, or oneself,
    cannot be reported; one open report per reporter and target. The group's
    leaders are told (``_report_notify``), never who reported.
    """
    _membership(by, group)
    if reason not in ReportReason.values:
        raise ModerationError(_("Choose a reason."))
    if (post_id is None) == (member_id is None):
        raise Http404("No such post or member")
    post = None
    if post_id is not None:
        post = GroupPost.objects.filter(
            pk=post_id, group=group, hidden_at__isnull=True
        ).first()
        if post is None:
            raise Http404("No such post")
        target = post.author
    else:
        assert member_id is not None  # exactly one of the two, checked above
        membership = (
            Membership.objects.select_related("member")
            .filter(group=group, member_id=member_id)
            .first()
        )
        if membership is None:
            raise Http404("No such member")
        target = membership.member
    if target.pk == by.pk:
        raise ModerationError(_("You cannot report yourself or your own post."))
    if Report.objects.filter(
        group=group,
        reporter=by,
        post=post,
        target_member=target,
        state=ReportState.OPEN,
    ).exists():
        raise ModerationError(
            _("You have already reported this; the group's leaders will look at it.")
        )
    report = Report.objects.create(
        group=group,
        reporter=by,
        post=post,
        target_member=target,
        reason=reason,
        details=details.strip(),
    )
    _report_notify(report, by=by)
    return report


def _report_notify(report: Report, *, by: Member) -> None:
    """Tell the group's leaders of a new report, with a link to the queue.

    The leaders it is about are not told (the report is not theirs to see,
    ``open_reports``), nor the reporter if they lead the group. The words name
    the group and the reason only: not the reporter, whom leaders never see,
    nor the target or the reporter's details, which wait in the queue. "Someone
    may be at risk" says so in the title and also goes by email whatever the
    leader's email choice for reports: it may not wait for their next visit.
    """
    at_risk = report.reason == ReportReason.UNSAFE
    url = (
        reverse("facilitation:moderation", args=[report.group.slug])
        + f"#report-{report.pk}"
    )
    leaders = (
        Membership.objects.filter(group=report.group, level=Level.LEADER)
        .exclude(member_id__in=[by.pk, report.target_member_id or 0])
        .select_related("member__user")
    )
    for leadership in leaders:
        leader = leadership.member
        notification = notification_send(
            member=leader,
            kind=NotificationKind.GROUP_REPORT,
            text=REPORTED_AT_RISK if at_risk else REPORTED,
            params={
                "group": report.group.name,
                "reason": report.reason,
                "about": "post" if report.post_id else "member",
            },
            url=url,
        )
        address = leader.user.email
        if (
            at_risk
            and address
            and not email_wanted(leader, NotificationKind.GROUP_REPORT)
        ):
            with recipient_locale(leader):
                email_enqueue(_at_risk_email(notification, address))


def _at_risk_email(notification: Notification, address: str) -> EmailMessage:
    """The email copy of an "at risk" report for a leader who chose reports in
    the app only (``notification_send`` sends it to the others)."""
    lines = [
        notification.body,
        f"{settings.KINSHIP_SITE_URL}{notification.url}",
        _(
            "Kinship emails every leader of the group when someone may be at "
            "risk, whatever their email choices for reports."
        ),
    ]
    return EmailMessage(
        subject=f"Kinship: {notification.title}", body="\n\n".join(lines), to=[address]
    )


def _open_report(group: Group, report_id: int | None, by: Member) -> Report | None:
    if report_id is None:
        return None
    report = (
        Report.objects.select_for_update().filter(pk=report_id, group=group).first()
    )
    if report is None:
        raise Http404("No such report")
    if report.target_member_id == by.pk:
        # A leader never decides a report about themselves.
        raise Http404("No such report")
    if report.state != ReportState.OPEN:
        raise ModerationError(_("That report is already closed."))
    return report


def _close(report: Report | None, state: str) -> None:
    if report is not None:
        report.state = state
        report.closed_at = timezone.now()
        report.save(update_fields=["state", "closed_at"])


def _not_a_leader(group: Group, member: Member, by: Member) -> Membership:
    """The target's membership, if the acting leader may act against them."""
    if member.pk == by.pk:
        raise ModerationError(_("You cannot take this action against yourself."))
    membership = (
        Membership.objects.select_for_update()
        .filter(group=group, member=member)
        .first()
    )
    if membership is None:
        raise ModerationError(_("They are no longer a member of this group."))
    if membership.level == Level.LEADER:
        raise ModerationError(str(LEADER_CONFLICT))
    return membership


@transaction.atomic
def post_hide(
    *,
    by: Member,
    group: Group,
    post_id: int,
    reason: str,
    report_id: int | None = None,
) -> ModerationAction:
    """A leader hides a post from the board, with a reason; open reports about
    it are resolved."""
    _leader(by, group)
    reason = _reason(reason)
    post = (
        GroupPost.objects.select_for_update()
        .select_related("author")
        .filter(pk=post_id, group=group)
        .first()
    )
    if post is None:
        raise Http404("No such post")
    if post.hidden_at is not None:
        raise ModerationError(_("That post is already hidden."))
    if (
        post.author_id != by.pk
        and Membership.objects.filter(
            group=group, member_id=post.author_id, level=Level.LEADER
        ).exists()
    ):
        raise ModerationError(str(LEADER_CONFLICT))
    report = _open_report(group, report_id, by)
    _close(report, ReportState.RESOLVED)
    now = timezone.now()
    post.hidden_at = now
    post.hidden_by = by
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    for open_report in Report.objects.select_for_update().filter(
        post=post, state=ReportState.OPEN
    ):
        _close(open_report, ReportState.RESOLVED)
    return ModerationAction.objects.create(
        group=group,
        leader=by,
        action=ActionKind.HIDE_POST,
        report=report,
        post=post,
        target_member=post.author,
        reason=reason,
        created_at=now,
    )


def _target(group: Group, member_id: int) -> Member:
    member = Member.objects.filter(pk=member_id, memberships__group=group).first()
    if member is None:
        raise Http404("No such member")
    return member


@transaction.atomic
def member_warn(
    *,
    by: Member,
    group: Group,
    member_id: int,
    reason: str,
    report_id: int | None = None,
) -> ModerationAction:
    """A leader warns a member: the member gets a notification with the reason."""
    _leader(by, group)
    reason = _reason(reason)
    member = _target(group, member_id)
    _not_a_leader(group, member, by)
    report = _open_report(group, report_id, by)
    _close(report, ReportState.RESOLVED)
    action = ModerationAction.objects.create(
        group=group,
        leader=by,
        action=ActionKind.WARN_MEMBER,
        report=report,
        target_member=member,
        reason=reason,
    )
    notification_send(
        member=member,
        kind=NotificationKind.MODERATION,
        text=WARNED,
        params={"group": group.name, "reason": reason},
        url=_board_url(group),
    )
    return action


@transaction.atomic
def member_remove(
    *,
    by: Member,
    group: Group,
    member_id: int,
    reason: str,
    report_id: int | None = None,
) -> ModerationAction:
    """A leader removes a member from the group, with a reason.

    The membership ends (as when a member leaves); the action keeps its level
    and dates so that a site admin can reinstate it. The member is told why.
    """
    _leader(by, group)
    reason = _reason(reason)
    member = _target(group, member_id)
    membership = _not_a_leader(group, member, by)
    report = _open_report(group, report_id, by)
    _close(report, ReportState.RESOLVED)
    action = ModerationAction.objects.create(
        group=group,
        leader=by,
        action=ActionKind.REMOVE_MEMBER,
        report=report,
        target_member=member,
        reason=reason,
        former_level=membership.level,
        former_joined_at=membership.joined_at,
        former_participant_since=membership.participant_since,
        former_leader_since=membership.leader_since,
    )
    membership.delete()
    notification_send(
        member=member,
        kind=NotificationKind.MODERATION,
        text=REMOVED,
        params={"group": group.name, "reason": reason},
    )
    return action


@transaction.atomic
def report_dismiss(
    *, by: Member, group: Group, report_id: int, reason: str
) -> ModerationAction:
    """A leader closes a report without acting on its target, with a reason."""
    _leader(by, group)
    reason = _reason(reason)
    report = _open_report(group, report_id, by)
    assert report is not None
    _close(report, ReportState.DISMISSED)
    return ModerationAction.objects.create(
        group=group,
        leader=by,
        action=ActionKind.DISMISS_REPORT,
        report=report,
        post=report.post,
        target_member=report.target_member,
        reason=reason,
    )


def _reinstate(action: ModerationAction) -> None:
    member = action.target_member
    if member is None:
        return  # the account is gone: nothing to reinstate
    membership, _created = Membership.objects.select_for_update().get_or_create(
        member=member,
        group=action.group,
        defaults={"joined_at": action.former_joined_at or timezone.now()},
    )
    # At its former level and dates (a member who rejoined meanwhile gets them
    # back too, unless they have since reached a higher level).
    order = [Level.OBSERVER, Level.PARTICIPANT, Level.LEADER]
    former = action.former_level or Level.OBSERVER
    if order.index(Level(former)) >= order.index(Level(membership.level)):
        membership.level = former
        membership.joined_at = action.former_joined_at or membership.joined_at
        membership.participant_since = action.former_participant_since
        membership.leader_since = action.former_leader_since
        membership.save(
            update_fields=["level", "joined_at", "participant_since", "leader_since"]
        )
    notification_send(
        member=member,
        kind=NotificationKind.MODERATION,
        text=REINSTATED,
        params={"group": action.group.name},
        url=_board_url(action.group),
    )


@transaction.atomic
def action_reverse(*, by: Member, action_id: int, reason: str) -> ModerationAction:
    """A site admin reverses a leader's action, with a reason kept on its row.

    Hidden post: shown again. Removal: the membership is back at its former
    level and dates. Warning: marked reversed, and the member is told. Dismissed
    report: open again. Anyone but site staff gets a 404.
    """
    if not by.user.is_staff:
        raise Http404("No such action")
    reason = _reason(reason)
    action = (
        ModerationAction.objects.select_for_update(of=("self",))
        .select_related("group", "post", "target_member")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    if action.reversed_at is not None:
        raise ModerationError(_("This action was already reversed."))
    if action.action == ActionKind.HIDE_POST and action.post is not None:
        GroupPost.objects.filter(pk=action.post.pk).update(
            hidden_at=None, hidden_by=None, hidden_reason=""
        )
    elif action.action == ActionKind.REMOVE_MEMBER:
        _reinstate(action)
    elif action.action == ActionKind.WARN_MEMBER and action.target_member:
        notification_send(
            member=action.target_member,
            kind=NotificationKind.MODERATION,
            text=WARNING_WITHDRAWN,
            params={"group": action.group.name},
        )
    elif action.action == ActionKind.DISMISS_REPORT and action.report_id:
        Report.objects.filter(pk=action.report_id).update(
            state=ReportState.OPEN, closed_at=None
        )
    action.reversed_at = timezone.now()
    action.reversed_by = by
    action.reversed_reason = reason
    action.save(update_fields=["reversed_at", "reversed_by", "reversed_reason"])
    return action
