"""What the new-group toolkit's notifications say (in the reader's language)."""

from django.utils.translation import gettext_lazy as _

from kinship.notifications.texts import text_register

# The body is the site admin's own note, shown as written.
GROUP_LISTED = text_register(
    "toolkit.group_listed",
    title=_("%(group)s is now listed in the directory"),
    body="%(note)s",
)
GROUP_DECLINED = text_register(
    "toolkit.group_declined",
    title=_("%(group)s was not approved for the directory"),
    body="%(note)s",
)
