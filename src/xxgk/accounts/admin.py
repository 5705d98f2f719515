from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from xxgk.accounts.models import Membership, User


@admin.register(User)
class XxgkUserAdmin(UserAdmin):
    pass


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")
    search_fields = ("user__username", "agency__name")
