from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HolidaysConfig(AppConfig):
    name = "xxgk.holidays"
    label = "holidays"
    verbose_name = _("节假日安排")
    default_auto_field = "django.db.models.BigAutoField"
