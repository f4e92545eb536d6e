from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "kinship.mentorship"
    label = "mentorship"
    verbose_name = _("Mentorship")

    def ready(self) -> None:
        # What this app's notifications say, registered for every process.
        from . import notification_texts  # noqa: F401
