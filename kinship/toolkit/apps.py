from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "kinship.toolkit"
    label = "toolkit"
    verbose_name = _("New-group toolkit")

    def ready(self) -> None:
        # What this app's notifications say, registered for every process.
        from . import notification_texts  # noqa: F401
