"""The crisis lines in the reader's language, where Python writes them (the
email to a support contact, the service worker's offline text); pages show
them from ``recovery/help_resources.html``, which makes the same choice.

In Spanish they are the lines' own Spanish options, each checked against the
service's public page (cited beside it in the template):

- 988 Suicide & Crisis Lifeline: call 988 and press 2 for Spanish; text
  AYUDA to 988; its text and chat services are in Spanish too.
  https://988lifeline.org/get-help/what-to-expect
- SAMHSA National Helpline 1-800-662-4357: "in English and Spanish".
  https://www.samhsa.gov/find-help/national-helpline
- Crisis Text Line: text AYUDA to 741741 for a Spanish-speaking counsellor.
  https://www.crisistextline.org/blog/2021/10/15/hola-crisis-text-line-is-now-available-in-spanish/

The words are marked for translation as usual: the catalog gives them in
Spanish; without it, they still name the Spanish options, in English.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

SPANISH = "es"


def spanish_in_force() -> bool:
    """Whether the language in force is Spanish (any region of it)."""
    return (get_language() or "").lower().split("-")[0] == SPANISH


def crisis_advice_for_contacts() -> str:
    """What a support contact told of a call for support can do if they fear
    for the member (the end of the email they get)."""
    if spanish_in_force():
        return _(
            "If you think they are in danger right now, call 911. The 988 "
            "Suicide & Crisis Lifeline can advise you too, in Spanish: call 988 "
            "and press 2, or text AYUDA to 988."
        )
    return _(
        "If you think they are in danger right now, call 911. The 988 Suicide "
        "& Crisis Lifeline (call or text 988) can advise you too."
    )


def offline_crisis_text() -> str:
    """The service worker's last resort when even the offline page is not
    stored: plain text with the lines that work without the internet."""
    if spanish_in_force():
        return _(
            "You are offline. For the 988 Suicide & Crisis Lifeline in Spanish, "
            "call 988 and press 2 or text AYUDA to 988. Crisis Text Line in "
            "Spanish: text AYUDA to 741741. In an emergency, call 911."
        )
    return _(
        "You are offline. Call or text 988 for the Suicide & Crisis Lifeline, "
        "or call 911 in an emergency."
    )
