from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "xxgk.supervision"
    label = "supervision"
    verbose_name = _("政务公开监督")
    default_auto_field = "django.db.models.BigAutoField"
