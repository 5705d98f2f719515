from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "xxgk.agencies"
    label = "agencies"
    verbose_name = _("机关")
    default_auto_field = "django.db.models.BigAutoField"
