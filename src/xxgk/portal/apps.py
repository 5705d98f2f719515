from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "xxgk.portal"
    label = "portal"
    verbose_name = _("政府信息公开门户")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from xxgk.agencies.models import Agency
        from xxgk.catalog.models import Attachment, Column, Item, Section, Topic

        from . import pagecache

        def changed(**kwargs) -> None:
            pagecache.catalog_changed()

        # whatever the services, the admin or a command save, cached portal pages are replaced
        for model in (Agency, Section, Column, Topic, Item, Attachment):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"pages-{model}")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"pages-{model}-d")
