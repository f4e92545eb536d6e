"""What clinic notifications say (rendered in the reader's language)."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinship.notifications.texts import text_register


def _consent_ended(values: dict[str, Any]) -> dict[str, Any]:
    # The clinic's own reference for the patient, which its referrals list
    # keeps showing: nothing the ended consent covered (not even the name).
    body = gettext("What they shared is no longer shown in your clinic area.")
    if values.get("reference"):
        body = (
            gettext("Your reference for this patient: %(reference)s.")
            % {"reference": values["reference"]}
            + " "
            + body
        )
    values["body"] = body
    return values


SAFETY_ANSWER = text_register(
    "care.safety_answer",
    title=_("%(organisation)s: a patient's PHQ-9 needs your attention"),
    body=_(
        "A patient who shares assessments with your organisation "
        "answered above 0 on the PHQ-9 question about self-harm. "
        "They were shown crisis resources. Open the clinic area "
        "(with your second sign-in step) to see it."
    ),
)
ASSESSMENT_ASKED = text_register(
    "care.assessment_asked",
    title=_("%(organisation)s asks you to take the %(instrument)s"),
)
CONSENT_ENDED = text_register(
    "care.consent_ended",
    title=_("A patient stopped sharing with %(organisation)s"),
    body="%(body)s",
    prepare=_consent_ended,
)
