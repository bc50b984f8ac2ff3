"""Import the municipalities from Statistics Norway's classification 131 (CSV export).

    manage.py import_municipalities kommuner.csv --valid-from 2024-01-01

Reads `code;name` or the full export (`"code";"parentCode";"level";"name";…`), in UTF-8
or in the Windows-1252 that the export can come in. All or nothing: a bad line stops the
import with its line number, and nothing is saved. Running the same file again changes
nothing, so it is safe to repeat.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from helhet.organisation.services import OrganisationError, municipalities_import


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            _("--valid-from må være en dato som 2024-01-01, ikke «%(value)s».") % {"value": value}
        ) from exc


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older exports and spreadsheet tools save the Norwegian letters in Windows-1252.
        return raw.decode("cp1252")


class Command(BaseCommand):
    help = "Import municipalities from an SSB classification 131 CSV export (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file exported from SSB (KLASS).")
        parser.add_argument(
            "--valid-from",
            type=_date,
            default=None,
            help="The date the classification version is valid from (YYYY-MM-DD).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Kan ikke lese %(path)s: %(reason)s.") % {"path": path, "reason": exc.strerror}
            ) from exc
        try:
            result = municipalities_import(text=_decode(raw), valid_from=options["valid_from"])
        except OrganisationError as exc:
            raise CommandError(
                _("%(path)s: %(error)s Ingenting ble importert.")
                % {"path": path, "error": exc.message}
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Kommuner: %(created)s nye, %(updated)s med nytt navn, %(unchanged)s uendret.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )
