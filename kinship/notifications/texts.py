"""What notifications say, kept as texts to render in the reader's language.

A notification is stored as the key of one of these texts plus its parameters
(names, counts, a member's own words), never as sentences: the sender's
request may be in English and the recipient may read Spanish. The title and
body are rendered when shown, with the language in force: the recipient's
pages, or ``translation.override(recipient.language)`` for their email.

Each app registers the texts it sends from its ``AppConfig.ready()`` (its
``notification_texts`` module), so the registry is complete in every process
(web, worker, commands) before a notification is shown. A ``prepare`` turns
stored values into words in the active language (a milestone key into
"90 days", say, or a body of several sentences, some only when a value is
there) just before the texts are filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

Params = Mapping[str, Any]
Prepare = Callable[[dict[str, Any]], dict[str, Any]]


class UnknownText(KeyError):
    """A notification names a text no app registered."""


@dataclass(frozen=True)
class NotificationText:
    title: str | Promise
    body: str | Promise = ""
    prepare: Prepare | None = None

    def render(self, params: Params) -> tuple[str, str]:
        values = dict(params)
        if self.prepare is not None:
            values = self.prepare(values)
        title = str(self.title) % values
        body = str(self.body) % values if self.body else ""
        return title, body


_TEXTS: dict[str, NotificationText] = {}


def text_register(
    key: str,
    *,
    title: str | Promise,
    body: str | Promise = "",
    prepare: Prepare | None = None,
) -> str:
    """Register what the notification ``key`` says; returns the key. Keys are
    ``<app>.<event>``; registering one key twice with other texts is a mistake
    in the code and raises ``ValueError``."""
    text = NotificationText(title=title, body=body, prepare=prepare)
    if key in _TEXTS and _TEXTS[key] != text:
        raise ValueError(f"notification text {key!r} is registered twice")
    _TEXTS[key] = text
    return key


def text_known(key: str) -> bool:
    return key in _TEXTS


def text_render(key: str, params: Params) -> tuple[str, str]:
    """The title and body of the text ``key`` in the active language."""
    try:
        text = _TEXTS[key]
    except KeyError:
        raise UnknownText(key) from None
    return text.render(params)


# Text written by a person (a leader's announcement title, say) or stored
# before notifications were kept as texts: shown as it was written.
AS_WRITTEN = text_register(
    "notifications.as_written", title="%(title)s", body="%(body)s"
)
