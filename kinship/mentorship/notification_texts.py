"""What mentorship notifications say (rendered in the reader's language)."""

from django.utils.translation import gettext_lazy as _

from kinship.notifications.texts import text_register

from .transitions import Action

ASKED = text_register(
    "mentorship.asked", title=_("%(name)s asks you to be their mentor")
)

# The other side is told of each move, by the name of who made it.
NEWS = {
    Action.ACCEPT: text_register(
        "mentorship.accepted",
        title=_(
            "%(name)s accepted your request: start the mentorship when you are ready"
        ),
    ),
    Action.DECLINE: text_register(
        "mentorship.declined", title=_("%(name)s cannot be your mentor now")
    ),
    Action.WITHDRAW: text_register(
        "mentorship.withdrawn", title=_("%(name)s withdrew their request")
    ),
    Action.CONFIRM: text_register(
        "mentorship.started", title=_("%(name)s started your mentorship")
    ),
    Action.END: text_register(
        "mentorship.ended", title=_("%(name)s ended your mentorship")
    ),
}

# A new private message: who wrote, never what (an email copy may be read on a
# shared screen); the words are in the thread, behind the member's sign-in.
MESSAGE = text_register(
    "mentorship.message",
    title=_("%(name)s sent you a message"),
    body=_("Open your conversation in Kinship to read it."),
)
