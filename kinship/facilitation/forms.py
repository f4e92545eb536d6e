"""Forms of the board and the moderation queue: they parse and validate; services
save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    POST_MAX_LENGTH,
    REASON_MAX_LENGTH,
    WARNING_MAX_LENGTH,
    ActionKind,
    ReportReason,
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    content_warning = forms.CharField(
        label=_("Content warning (optional)"),
        max_length=WARNING_MAX_LENGTH,
        required=False,
        help_text=_(
            "If your message touches on something that may be hard to read, say "
            'what, e.g. "mentions relapse". It stays folded until opened.'
        ),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("What happened (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the group's leaders read this. They are not told who reported."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason: it is kept with the decision.")},
    )


class ReportActionForm(ReasonForm):
    """What a leader does about a report; the reason is required."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (ActionKind.HIDE_POST.value, _("Hide the post")),
            (ActionKind.WARN_MEMBER.value, _("Warn the member")),
            (ActionKind.REMOVE_MEMBER.value, _("Remove the member from the group")),
            (ActionKind.DISMISS_REPORT.value, _("Dismiss the report")),
        ],
        widget=forms.RadioSelect,
    )


class MemberActionForm(ReasonForm):
    """What a leader does about a member without a report."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (ActionKind.WARN_MEMBER.value, _("Warn the member")),
            (ActionKind.REMOVE_MEMBER.value, _("Remove the member from the group")),
        ],
        widget=forms.RadioSelect,
    )
