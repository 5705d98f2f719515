from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "xxgk.applications"
    label = "applications"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xxgk.holidays.signals import schedule_changed

        from . import services

        def follow(sender, years, previous, **kwargs) -> None:
            services.follow_schedule_change(previous, years=years)

        # a holiday schedule loaded, changed or deleted moves the open cases' deadlines
        schedule_changed.connect(follow, weak=False, dispatch_uid="applications-follow-schedules")
