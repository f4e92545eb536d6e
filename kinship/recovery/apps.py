from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "kinship.recovery"
    label = "recovery"
    verbose_name = _("Recovery tools")

    def ready(self) -> None:
        # What this app's notifications say, registered for every process.
        from . import notification_texts  # noqa: F401
