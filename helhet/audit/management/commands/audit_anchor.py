"""Append today's anchor of the audit chain to a file that operations copy off the system.

Run daily from cron (see docs/operations.md); running it again the same day changes
nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helhet.audit.anchors import AnchorFileError, anchor_append


class Command(BaseCommand):
    help = (
        "Append today's anchor (the newest audit event's id and hash, with an HMAC) to FILE. "
        "Copy FILE to another system; `audit_verify --anchor FILE` checks the log against it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The anchor file (appended to).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            anchor, written = anchor_append(options["file"])
        except AnchorFileError as error:
            raise CommandError(str(error)) from error
        if written:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Anchored event {anchor.event_id} for {anchor.day} in {options['file']}."
                )
            )
        else:
            self.stdout.write(
                f"{options['file']} already holds the anchor for {anchor.day} "
                f"(event {anchor.event_id}); nothing to do."
            )
