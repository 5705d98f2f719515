from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from xxgk.accounts.models import User


@admin.register(User)
class XxgkUserAdmin(UserAdmin):
    pass
