"""What facilitation and moderation notifications say (in the reader's language).

A leader's or site admin's reason is their own words and is shown as written.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.notifications.texts import text_register


def _content_warning(values: dict[str, Any]) -> dict[str, Any]:
    # The message stays on the board, behind its content warning if it has one.
    warning = values.get("warning", "")
    values["body"] = (
        _("Content warning: %(warning)s") % {"warning": warning} if warning else ""
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
