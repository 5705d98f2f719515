from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "xxgk.api"
    label = "api"
    verbose_name = _("开放数据和接口")
