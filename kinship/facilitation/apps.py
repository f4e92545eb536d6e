from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitationConfig(AppConfig):
    name = "kinship.facilitation"
    label = "facilitation"
    verbose_name = _("Facilitator tools and moderation")

    def ready(self) -> None:
        # What this app's notifications say, registered for every process.
        from . import notification_texts  # noqa: F401
