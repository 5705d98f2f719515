"""`xxgk demo` loads demo users idempotently (agencies and users only: `--no-cases` keeps these
tests quick; the cases are tested in tests/demo/)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from xxgk.demo.loader import DEMO_USERS

pytestmark = pytest.mark.django_db


def run_demo() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", "--no-cases", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_demo_twice_gives_the_same_users(django_user_model):
    run_demo()
    first = sorted(django_user_model.objects.values_list("username", flat=True))
    out, _ = run_demo()
    second = sorted(django_user_model.objects.values_list("username", flat=True))
    assert first == second == sorted(u.username for u in DEMO_USERS)
    assert {"admin", "editor", "reviewer", "gkb", "sfj-handler", "sfj-head"} <= set(first)
    assert "already there: admin, editor, reviewer" in out


def test_demo_creates_a_superuser_admin_with_password_admin(django_user_model):
    _, err = run_demo()
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("admin")
    assert admin.password.startswith("argon2$")
    assert "admin/admin" in err


def test_demo_staff_users_are_staff_but_not_superusers(django_user_model):
    run_demo()
    for username in ("editor", "reviewer"):
        user = django_user_model.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
    for username in ("sfj-handler", "zjj-head", "gkb"):  # office staff: the app, not the admin
        user = django_user_model.objects.get(username=username)
        assert not user.is_staff and not user.is_superuser


def test_demo_users_can_sign_in_to_the_admin(client):
    run_demo()
    assert client.login(request=RequestFactory().post("/"), username="admin", password="admin")
    assert client.get("/admin/").status_code == 200


def test_demo_staff_passwords_are_their_usernames_and_printed(django_user_model):
    _, err = run_demo()
    for username in ("sfj-handler", "sthjj-head", "zjj-handler", "gkb"):
        assert django_user_model.objects.get(username=username).check_password(username)
        assert f"{username}/{username}" in err
