from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "kinship.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib.auth import signals as auth_signals

        from . import checks  # noqa: F401 (registers the system checks)
        from .navigation import clinics_noted_at_sign_in
        from .sites import site_sync_after_migrate

        auth_signals.user_logged_in.connect(
            clinics_noted_at_sign_in, dispatch_uid="kinship.core.clinic-nav"
        )
        # post_migrate is sent once per app with models, after every migration
        # has run; the sites app's own receiver (connected first) makes the row.
        post_migrate.connect(
            site_sync_after_migrate,
            sender=apps.get_app_config("sites"),
            dispatch_uid="kinship.core.site_sync",
        )
