"""What recovery notifications say (rendered in the reader's language).

Values are stored as keys where the words depend on the language (a milestone,
a warning sign, a preset of kind words) and put into words when shown. A
clock's own label never goes in: what a member tracks may be sensitive, and a
notification may be copied by email.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.notifications.texts import text_register

from . import clock_math
from .models import EncouragementPreset, WarningRule


def _help_body(values: dict[str, Any]) -> dict[str, Any]:
    body = _(
        "%(name)s tapped “I need support” in Kinship. Reach out to them the way "
        "you usually do."
    ) % {"name": values["name"]}
    if values.get("message"):
        body += "\n\n" + _("Their words: “%(message)s”") % {
            "message": values["message"]
        }
    values["body"] = body
    return values


def _milestone(values: dict[str, Any]) -> dict[str, Any]:
    values["milestone"] = clock_math.milestone_label(values["milestone"])
    return values


def _cheer(values: dict[str, Any]) -> dict[str, Any]:
    words = []
    if values.get("preset") in EncouragementPreset.values:
        words.append(str(EncouragementPreset(values["preset"]).label))
    if values.get("message"):
        words.append(values["message"])
    values["body"] = "\n".join(words)
    return _milestone(values)


def _sign(values: dict[str, Any]) -> dict[str, Any]:
    values["sign"] = str(WarningRule(values["sign"]).label)
    return values


HELP_REQUEST = text_register(
    "recovery.help_request",
    title=gettext_lazy("%(name)s asked for support"),
    body="%(body)s",
    prepare=_help_body,
)
CHEERED = text_register(
    "recovery.cheered",
    title=gettext_lazy("%(name)s cheered your %(milestone)s"),
    body="%(body)s",
    prepare=_cheer,
)
SUPPORT_ADDED = text_register(
    "recovery.support_added",
    title=gettext_lazy("%(name)s added you as a support contact"),
    body=gettext_lazy(
        "You may be told in Kinship when they ask for support. If you would "
        "rather not be, tell them: they can remove you at any time."
    ),
)
MILESTONE_REACHED = text_register(
    "recovery.milestone_reached",
    title=gettext_lazy("You reached %(milestone)s!"),
    body=gettext_lazy(
        "One of your clocks reached %(milestone)s. You can share it with your "
        "groups if you like."
    ),
    prepare=_milestone,
)
WARNING_SIGN = text_register(
    "recovery.warning_sign",
    title=gettext_lazy("Something we noticed: %(sign)s"),
    body=gettext_lazy(
        "This is only a pattern in your own check-ins and meetings, and "
        "you know your life best. Have a look when you have a moment: "
        "there are a few ideas that may help."
    ),
    prepare=_sign,
)
MENTEE_WARNING_SIGN = text_register(
    "recovery.mentee_warning_sign",
    title=gettext_lazy("%(name)s shares a warning sign with you: %(sign)s"),
    body=gettext_lazy(
        "They chose to share their warning signs with you. A kind "
        "word or a call may help."
    ),
    prepare=_sign,
)
