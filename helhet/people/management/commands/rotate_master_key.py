"""Re-wrap every person key with the newest master key in HELHET_MASTER_KEYS.

Rotation, step by step: put the new key first in HELHET_MASTER_KEYS (keep the old ones
after it), restart, run this command, and only then remove the old key from the ring.
"""

from django.core.management.base import BaseCommand

from helhet.people.services import master_key_rotate


class Command(BaseCommand):
    help = "Re-wrap every person data key with the newest master key (safe to run again)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Keys re-wrapped per transaction."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        count = master_key_rotate(batch_size=options["batch_size"])
        self.stdout.write(self.style.SUCCESS(f"Re-wrapped {count} person key(s)."))
