from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "kinship.offline"
    label = "offline"
    verbose_name = _("Installable and offline")
