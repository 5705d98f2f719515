from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "xxgk.catalog"
    label = "catalog"
    verbose_name = _("机关与主动公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import models, pagecache

        def changed(**kwargs) -> None:
            pagecache.catalog_changed()

        # whatever the services, the admin or a command save, cached portal pages are replaced
        for model in (
            models.Agency,
            models.Section,
            models.Column,
            models.Topic,
            models.Item,
            models.Attachment,
        ):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"pages-{model}")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"pages-{model}-d")
