from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "kinship.matching"
    label = "matching"
    verbose_name = _("Matching and group quality")
