"""What clinic notifications say (rendered in the reader's language)."""

from django.utils.translation import gettext_lazy as _

from kinship.notifications.texts import text_register

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
