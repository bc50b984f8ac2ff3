"""Re-wrap every person key with the newest master key in HELHET_MASTER_KEYS."""

from django.core.management.base import BaseCommand

from helhet.people.services import master_key_rotate


class Command(BaseCommand):
    help = "Re-wrap every person data key with the newest master key (safe to run again)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        count = master_key_rotate()
        self.stdout.write(self.style.SUCCESS(f"Re-wrapped {count} person key(s)."))
