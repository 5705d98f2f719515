from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xxgk.demo.loader import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = (
        "Load demo data (users with known passwords) for a development machine. "
        "Safe to run again: nothing is duplicated. Refused when XXGK_ENV=production."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "xxgk demo refuses to run with XXGK_ENV=production: "
                "it creates accounts whose passwords are public."
            )
        result = load_demo()
        for username in result.created:
            self.stdout.write(f"created user {username}")
        if result.existing:
            self.stdout.write(f"already there: {', '.join(result.existing)}")
        logins = ", ".join(f"{u.username}/{u.password}" for u in DEMO_USERS)
        self.stderr.write(
            self.style.WARNING(
                f"WARNING: demo accounts with public passwords (user/password): {logins}. "
                "Superuser: admin/admin. For a development machine only."
            )
        )
