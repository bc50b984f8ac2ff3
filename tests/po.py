"""A small reader for gettext .po files (enough for completeness checks)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgstr: list[str]
    fuzzy: bool
    obsolete: bool


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    msgid: list[str] | None = None
    msgstr: dict[int, list[str]] = {}
    current: list[str] | None = None
    fuzzy = obsolete = False

    def flush() -> None:
        nonlocal msgid, msgstr, fuzzy, obsolete, current
        if msgid is not None:
            values = ["".join(parts) for _index, parts in sorted(msgstr.items())]
            entries.append(Entry("".join(msgid), values, fuzzy, obsolete))
        msgid, msgstr, current, fuzzy, obsolete = None, {}, None, False, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            obsolete = True
            continue
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            if msgid is not None and msgstr:
                flush()
            msgid = [_unquote(line[6:])]
            current = msgid
        elif line.startswith("msgid_plural "):
            current = []
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            msgstr[index] = [_unquote(line[line.index("]") + 2 :])]
            current = msgstr[index]
        elif line.startswith("msgstr "):
            msgstr[0] = [_unquote(line[7:])]
            current = msgstr[0]
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    flush()
    return [entry for entry in entries if entry.msgid and not entry.obsolete]
