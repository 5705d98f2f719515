from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of an agency, or of the supervising office.

    A project-owned user model from the first migration, so that later fields (agency
    membership, roles) need no swap of AUTH_USER_MODEL.
    """

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
