from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kinship.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals

        from .navigation import clinics_noted_at_sign_in

        auth_signals.user_logged_in.connect(
            clinics_noted_at_sign_in, dispatch_uid="kinship.core.clinic-nav"
        )
