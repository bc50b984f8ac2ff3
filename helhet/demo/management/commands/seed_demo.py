"""Load the fictional demo region and its data. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from helhet.demo.steps import run_steps


class Command(BaseCommand):
    help = "Load fictional demo data (municipalities, units, users, help offer, activity)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--force", action="store_true", help="Allow without HELHET_DEMO.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not (settings.HELHET_DEMO or settings.DEBUG or options["force"]):
            raise CommandError(
                "Refusing to load demo data: set HELHET_DEMO=1 (or pass --force) "
                "on a demo instance."
            )
        region = run_steps(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins (fictional users):"))
        for username, password, purpose in region.logins:
            self.stdout.write(f"  {username:<18} {password:<20} {purpose}")
        if not settings.HELHET_REQUIRE_2FA:
            self.stdout.write("Two-factor login is OFF in this demo (HELHET_REQUIRE_2FA=0).")
