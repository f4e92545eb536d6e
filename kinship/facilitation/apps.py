from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitationConfig(AppConfig):
    name = "kinship.facilitation"
    label = "facilitation"
    verbose_name = _("Facilitator tools and moderation")
