"""Verify the audit log's hash chain. Exits non-zero when anything was changed or removed."""

from django.core.management.base import BaseCommand, CommandError

from helhet.audit.selectors import chain_verify


class Command(BaseCommand):
    help = "Verify the audit log hash chain and report any changed or missing event."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        problems = list(chain_verify())
        for problem in problems:
            self.stderr.write(problem.message)
        if problems:
            raise CommandError(f"The audit log failed verification: {len(problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS("The audit log is intact."))
