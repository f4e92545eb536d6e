from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "kinship.care"
    label = "care"
    verbose_name = _("Care")

    def ready(self) -> None:
        # What this app's notifications say, registered for every process.
        from . import notification_texts  # noqa: F401
