"""Import an HSDS 3.0 JSON export into the help directory: all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from helhet.directory.importer import HsdsImportError, hsds_import


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 JSON file (a list of fully nested services, or organizations "
        "with services). New services are unpublished. --dry-run reports without saving."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(_("Fant ikke filen %(path)s.") % {"path": path}) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                _("%(path)s er ikke gyldig JSON: %(error)s") % {"path": path, "error": error}
            ) from None
        try:
            report = hsds_import(actor=None, data=data, dry_run=options["dry_run"])
        except HsdsImportError as error:
            raise CommandError(
                _("Ingenting er importert. %(problem)s") % {"problem": error.message}
            ) from None
        heading = (
            _("Tørrkjøring – dette ville blitt importert:") if report.dry_run else _("Importert:")
        )
        self.stdout.write(heading)
        for line in report.lines() or [_("ingenting")]:
            self.stdout.write(f"  {line}")
