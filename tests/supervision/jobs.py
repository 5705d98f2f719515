"""Running the background worker inside a test."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


def run_worker() -> None:
    """`xxgk worker --batch` in the test's transaction: the worker closes "old" connections
    between tasks, and a connection inside a test transaction looks old to it (PostgreSQL
    would then lose the test's data); that one call is made a no-op here."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("worker", batch=True, interval=0, verbosity=0)
