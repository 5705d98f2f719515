import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xxgk.applications.models import Status
from xxgk.demo.loader import DEMO_AGENCIES, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = (
        "Load demo data for a development machine: 示范市 agencies, staff users with known "
        "passwords and a few hundred applications built through the services. Safe to run "
        "again: nothing is duplicated. Refused when XXGK_ENV=production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-cases",
            action="store_true",
            help="only agencies and users, no applications (quick)",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "xxgk demo refuses to run with XXGK_ENV=production: "
                "it creates accounts whose passwords are public."
            )
        started = time.perf_counter()
        result = load_demo(with_cases=not options["no_cases"])
        elapsed = time.perf_counter() - started
        for username in result.created:
            self.stdout.write(f"created user {username}")
        if result.existing:
            self.stdout.write(f"already there: {', '.join(result.existing)}")
        self._summary(result, elapsed)
        for refusal in result.refusals:
            self.stderr.write(f"demo step refused by the services (skipped): {refusal}")
        logins = ", ".join(f"{u.username}/{u.password}" for u in DEMO_USERS)
        self.stderr.write(
            self.style.WARNING(
                f"WARNING: demo accounts with public passwords (user/password): {logins}. "
                "Superuser: admin/admin. For a development machine only."
            )
        )

    def _summary(self, result, elapsed: float) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=self.stdout, width=110, highlight=False)
        c = result.counts
        console.print(
            f"demo loaded in {elapsed:.1f} s: {c['agencies']} agencies "
            f"({len(result.agencies_created)} new), {c['users']} users ({len(result.created)} new), "
            f"{c['memberships']} memberships ({result.memberships_created} new), "
            f"{c['applications']} applications ({result.cases_created} new), {c['events']} events"
        )
        if not c["applications"]:
            return
        table = Table(title="applications by status", title_justify="left")
        table.add_column("agency")
        statuses = list(Status)
        for status in statuses:
            table.add_column(str(status.label), justify="right")
        table.add_column("total", justify="right")
        for demo in DEMO_AGENCIES:
            counts = result.by_status.get(demo.code)
            if not counts:
                continue
            cells = [str(counts.get(s.value, 0)) for s in statuses]
            table.add_row(demo.name, *cells, str(sum(counts.values())))
        console.print(table)
