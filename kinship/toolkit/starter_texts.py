"""Starting texts for a new group, written in our own words for founders to adapt:
safe-environment statements, meeting structures per style, national resources.

Plain data only: the flow copies these into a member's draft, where they become
the member's own words. The texts are lazy translations, rendered when they are
copied (``safety_texts``, ``style_sections``, ``national_resources``), so a
founder gets them in the language in force at that moment, never in the one
the process happened to start with.
"""

from __future__ import annotations

from typing import TypedDict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from .models import MeetingStyle, ResourceKind, SectionPart


class Section(TypedDict):
    part: str
    title: str
    minutes: int
    script: str


class ResourceLink(TypedDict):
    title: str
    url: str
    kind: str


GUIDELINES = _(
    'We share from our own experience, using "I", and speak for nobody '
    "else.\n"
    "One person speaks at a time. We listen without interrupting, and keep "
    "shares short enough that everyone who wants to can speak.\n"
    "No cross-talk: we do not comment on, correct or question someone "
    "else's share during the meeting.\n"
    "We do not give advice unless someone asks for it, and then we offer "
    "what worked for us, not what others should do.\n"
    "Everyone may pass. Listening is taking part too.\n"
    "We treat each other with respect: no judging, no put-downs, no "
    "attempts to sell, recruit or date.\n"
    "Phones stay silent and face down; no photos, recordings or "
    "screenshots, in person or online.\n"
    "If a share may be hard to hear (self-harm, abuse, graphic use), we say"
    " so first, and anyone may step out.\n"
    "We come to the meeting sober or as we are, and leave if we cannot keep"
    " the meeting safe for others."
)

CONFIDENTIALITY = _(
    "Who you see here, what you hear here, when you leave here, let it stay"
    " here.\n"
    "We do not repeat what others share, and we do not say who was at a "
    "meeting, to anyone, in person or online.\n"
    "Limits: if someone tells us they are about to seriously harm "
    "themselves or someone else, or that a child or vulnerable adult is "
    "being harmed, the facilitator may act to get help (for example calling"
    " 988 or emergency services). We tell the person first when we can.\n"
    "Peer supporters are not therapists or doctors, and this group does not"
    " keep notes on what members share."
)

INCLUSIVITY = _(
    "Everyone who wants support is welcome here, whatever their gender, "
    "gender identity or sexuality, race or ethnicity, faith or none, age, "
    "disability or background.\n"
    "Every path of recovery is respected: medication-assisted recovery "
    "(such as methadone, buprenorphine or naltrexone) is recovery, and so "
    "is taking the medicine a doctor prescribed for a mental-health "
    "condition.\n"
    "People living with a mental-health diagnosis are welcome as full "
    "members; nobody has to share a diagnosis.\n"
    "We use the names and pronouns people ask us to use. Language that "
    "demeans any group of people has no place here."
)


def safety_texts() -> dict[str, str]:
    """The safe-environment statements, in the language in force."""
    return {
        "guidelines": str(GUIDELINES),
        "confidentiality_statement": str(CONFIDENTIALITY),
        "inclusivity_statement": str(INCLUSIVITY),
    }


def _section(part: SectionPart, title: str, minutes: int, script: str) -> Section:
    return {"part": part.value, "title": title, "minutes": minutes, "script": script}


def style_sections(style: str) -> list[Section]:
    """The starting sections of a meeting style, translated for the member."""
    opening = _section(
        SectionPart.OPENING,
        str(pgettext_lazy("meeting section", "Welcome and opening")),
        5,
        str(
            _(
                "Welcome, everyone. This is a peer support meeting: we share our own "
                "experience, we listen, and we keep what we hear here. Is anyone new "
                "today? You are welcome to just listen."
            )
        ),
    )
    check_in = _section(
        SectionPart.CHECK_IN,
        str(_("Check-in round")),
        10,
        str(
            _(
                "Let's go round: your first name, and a word or two on how you are "
                "arriving today. Anyone may pass."
            )
        ),
    )
    closing = _section(
        SectionPart.CLOSING,
        str(_("Closing")),
        5,
        str(
            _(
                "Thank you for being here. Remember: who you see here, what you hear "
                "here, stays here. If you are in crisis, call or text 988. Our next "
                "meeting is at the usual time."
            )
        ),
    )
    templates: dict[str, list[Section]] = {
        MeetingStyle.TWELVE_STEP: [
            opening,
            _section(
                SectionPart.TOPIC,
                str(_("Reading")),
                10,
                str(
                    _(
                        "A volunteer reads a short passage from the fellowship's "
                        "literature, or the chosen topic for the week."
                    )
                ),
            ),
            _section(
                SectionPart.SHARING,
                str(_("Sharing")),
                35,
                str(
                    _(
                        "The meeting is open for sharing on the reading or anything "
                        "on your mind about your recovery. Please keep shares to "
                        "about three minutes, and no cross-talk."
                    )
                ),
            ),
            closing,
        ],
        MeetingStyle.SMART: [
            opening,
            check_in,
            _section(
                SectionPart.TOPIC,
                str(_("Tool or topic")),
                10,
                str(
                    _(
                        "The facilitator introduces one practical tool (for example "
                        "a cost-benefit look at a habit, or spotting a thought that "
                        "leads to an urge) and an example."
                    )
                ),
            ),
            _section(
                SectionPart.SHARING,
                str(_("Working through it together")),
                30,
                str(
                    _(
                        "Members who want to talk through a situation from their "
                        "week; the group asks questions to help them find their own "
                        "next step, rather than telling them what to do."
                    )
                ),
            ),
            _section(
                SectionPart.CLOSING,
                str(_("Plans and closing")),
                5,
                str(
                    _(
                        "Anyone who wants to says one thing they will try before we "
                        "meet again. Thank you all; if you are in crisis, call or "
                        "text 988."
                    )
                ),
            ),
        ],
        MeetingStyle.PEER_MENTAL_HEALTH: [
            opening,
            check_in,
            _section(
                SectionPart.TOPIC,
                str(_("Topic")),
                5,
                str(
                    _(
                        "A theme the group chose (sleep, asking for help, a hard "
                        "day), or the floor is open."
                    )
                ),
            ),
            _section(
                SectionPart.SHARING,
                str(_("Sharing and support")),
                35,
                str(
                    _(
                        "We share what we live with and what helps. We listen, we "
                        "do not diagnose or give medical advice, and anyone may pass."
                    )
                ),
            ),
            _section(
                SectionPart.CLOSING,
                str(_("Grounding and closing")),
                5,
                str(
                    _(
                        "A minute of slow breathing together, then a word each on "
                        "what we take away. If you are in crisis, call or text 988."
                    )
                ),
            ),
        ],
        MeetingStyle.DUAL_RECOVERY: [
            opening,
            check_in,
            _section(
                SectionPart.TOPIC,
                str(_("Reading or topic")),
                10,
                str(
                    _(
                        "A short reading or topic on living with both substance use "
                        "and a mental-health condition: medication, triggers, "
                        "routines, asking for help."
                    )
                ),
            ),
            _section(
                SectionPart.SHARING,
                str(_("Sharing")),
                30,
                str(
                    _(
                        "We share about both parts of our recovery. Taking "
                        "prescribed medication is part of recovery here. No "
                        "cross-talk, no advice unless asked."
                    )
                ),
            ),
            closing,
        ],
    }
    return [section.copy() for section in templates[style]]


def style_for_focus(focus: str) -> str:
    """The style a group of this focus most likely wants, to start from."""
    return {
        "mental_health": MeetingStyle.PEER_MENTAL_HEALTH,
        "both": MeetingStyle.DUAL_RECOVERY,
    }.get(focus, MeetingStyle.TWELVE_STEP)


# Real national resources in the United States, checked 2026: (title, address,
# kind). The titles are the services' names in each language; in Spanish,
# "Línea 988 de Prevención del Suicidio y Crisis"
# (https://vidaysalud.com/988-linea-de-prevencion-del-suicidio-y-de-crisis) and
# "Línea Nacional de Ayuda de SAMHSA".
_NATIONAL_RESOURCES: tuple[tuple[StrOrPromise, str, ResourceKind], ...] = (
    (
        _("988 Suicide & Crisis Lifeline (call or text 988)"),
        "https://988lifeline.org/",
        ResourceKind.CRISIS_LINE,
    ),
    (
        _("SAMHSA National Helpline (1-800-662-4357)"),
        "https://www.samhsa.gov/find-help/helplines/national-helpline",
        ResourceKind.RECOVERY_ORGANISATION,
    ),
    ("FindTreatment.gov", "https://findtreatment.gov/", ResourceKind.TREATMENT_CENTRE),
)


def national_resources() -> list[ResourceLink]:
    """The national resources to start a resource network with, their titles in
    the language in force."""
    return [
        {"title": str(title), "url": url, "kind": kind.value}
        for title, url, kind in _NATIONAL_RESOURCES
    ]
