"""What facilitation and moderation notifications say (in the reader's language).

A leader's or site admin's reason is their own words and is shown as written.
A report's notification names the group and the reason only: never who
reported (leaders see what and why, not who), nor whom or what it is about,
nor the reporter's words (they may tell who wrote them); the moderation queue
shows the rest, behind the leader's sign-in.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.notifications.texts import text_register
from kinship.recovery.crisis import crisis_advice_for_contacts

from .models import ReportReason


def _content_warning(values: dict[str, Any]) -> dict[str, Any]:
    # The message stays on the board, behind its content warning if it has one.
    warning = values.get("warning", "")
    values["body"] = (
        _("Content warning: %(warning)s") % {"warning": warning} if warning else ""
    )
    return values


def _reported(values: dict[str, Any]) -> dict[str, Any]:
    reason = str(ReportReason(values["reason"]).label)
    if values.get("about") == "post":
        about = _("A member reported a post on the board. Reason: %(reason)s.")
    else:
        about = _("A member reported someone in the group. Reason: %(reason)s.")
    values["body"] = (
        about % {"reason": reason}
        + " "
        + _("It is waiting for the leaders in the moderation queue.")
    )
    return values


def _at_risk(values: dict[str, Any]) -> dict[str, Any]:
    values["body"] = (
        _(
            "A member fears that someone in the group may be at risk. Please "
            "look at the report in the moderation queue as soon as you can."
        )
        + "\n\n"
        + crisis_advice_for_contacts()
    )
    return values


ANNOUNCEMENT = text_register(
    "facilitation.announcement",
    title=gettext_lazy("New announcement in %(group)s"),
    body="%(body)s",
    prepare=_content_warning,
)
WARNED = text_register(
    "facilitation.warned",
    title=gettext_lazy("A warning from the leaders of %(group)s"),
    body="%(reason)s",
)
REMOVED = text_register(
    "facilitation.removed",
    title=gettext_lazy("You were removed from %(group)s"),
    body="%(reason)s",
)
REINSTATED = text_register(
    "facilitation.reinstated",
    title=gettext_lazy("You are a member of %(group)s again"),
    body=gettext_lazy("A site administrator reversed your removal."),
)
WARNING_WITHDRAWN = text_register(
    "facilitation.warning_withdrawn",
    title=gettext_lazy("A warning in %(group)s was withdrawn"),
    body=gettext_lazy("A site administrator reversed the warning."),
)
REPORTED = text_register(
    "facilitation.reported",
    title=gettext_lazy("A new report in %(group)s"),
    body="%(body)s",
    prepare=_reported,
)
# "Someone may be at risk" says so in the title: it may not wait.
REPORTED_AT_RISK = text_register(
    "facilitation.reported_at_risk",
    title=gettext_lazy("Someone may be at risk in %(group)s"),
    body="%(body)s",
    prepare=_at_risk,
)
