"""The demo accounts on the login page (demo mode only, and only those that exist)."""

from __future__ import annotations

from django import template
from django.conf import settings

from xxgk.accounts.demo_accounts import DEMO_ACCOUNTS
from xxgk.accounts.models import User

register = template.Library()


@register.inclusion_tag("accounts/_demo_accounts.html")
def demo_accounts() -> dict:
    if not settings.XXGK_SHOW_DEMO_ACCOUNTS:
        return {"accounts": []}
    present = set(
        User.objects.filter(
            username__in=[name for name, _ in DEMO_ACCOUNTS], is_active=True
        ).values_list("username", flat=True)
    )
    return {"accounts": [(n, what) for n, what in DEMO_ACCOUNTS if n in present]}
