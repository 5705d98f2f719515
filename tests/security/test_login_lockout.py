"""Every login form locks out (issue 12, item 1): 12 wrong admin passwords, then the right one,
do not reach /admin/ (production mode too); a different user from another address can still
sign in; the lock-out is per user name and address, so nobody locks a colleague out."""

from __future__ import annotations

import pytest
from django.test import Client

from xxgk.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-Horse-9"


@pytest.fixture
def people(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    other = User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    return admin, other


@pytest.mark.parametrize("production", [False, True])
def test_the_admin_login_locks_out(people, settings, production):
    if production:
        settings.DEBUG = False
        settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False  # plain test HTTP
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    wrong = {"username": "admin", "password": "guess", "next": "/admin/"}
    codes = [attacker.post("/admin/login/?next=/admin/", wrong).status_code for _ in range(12)]
    assert 429 in codes
    right = {"username": "admin", "password": PASSWORD, "next": "/admin/"}
    response = attacker.post("/admin/login/?next=/admin/", right)
    assert response.status_code == 429
    assert attacker.get("/admin/").status_code == 302  # still to the login, never the admin
    # someone else, elsewhere, signs in as usual
    elsewhere = Client(REMOTE_ADDR="203.0.113.20")
    done = elsewhere.post("/admin/login/?next=/admin/", {**right, "username": "clerk"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    # and the admin themself, from their own address, is not locked out by the attacker
    own = Client(REMOTE_ADDR="203.0.113.21")
    assert own.post("/admin/login/?next=/admin/", right).status_code == 302


def test_the_staff_login_uses_the_same_lock_out(people):
    attacker = Client(REMOTE_ADDR="198.51.100.10")
    for _ in range(5):
        attacker.post("/accounts/login/", {"username": "clerk", "password": "guess"})
    assert (
        attacker.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code
        == 429
    )
    # the admin form knows of it too: the same name from the same address
    assert (
        attacker.post("/admin/login/", {"username": "clerk", "password": PASSWORD}).status_code
        == 429
    )
