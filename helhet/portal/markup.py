"""A small, safe markup for the portal's editable texts.

Staff write plain text; blocks are separated by a blank line:

    ## A heading
    A paragraph. **Bold** and [a link](/finn-hjelp/) or [a number](tel:116006).

    - an item
    - another item

Everything else is text: the input is escaped before any tag is added, and a link is
kept only when it points at our own site, a phone number, an e-mail address or an https
address. No HTML from staff ever reaches a visitor's page.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# A same-site path (not "//host" nor "/\\host", which browsers read as another host), a
# phone number, an e-mail address or an https address.
_ALLOWED_TARGET = re.compile(
    r"^(/(?![/\\])[^\s\\]*|tel:\+?[0-9]+|mailto:[^\s@\\]+@[^\s@\\]+|https://[^\s\\]+)$"
)


def _inline(text: str) -> str:
    """Escape the text, then turn the allowed inline markup into tags."""
    escaped: str = escape(text)

    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        # The target was escaped with the rest; "&amp;" in a query string is still valid HTML.
        if not _ALLOWED_TARGET.match(target.replace("&amp;", "&")):
            return match.group(0)
        return f'<a class="ds-link" href="{target}">{label}</a>'

    escaped = _LINK.sub(link, escaped)
    return _BOLD.sub(r"<strong>\1</strong>", escaped)


def blocks(text: str) -> list[str]:
    """The text split into blocks at blank lines, each stripped."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in re.split(r"\n\s*\n", normalised) if block.strip()]


def render(text: str) -> SafeString:
    """The text as HTML: headings (level 2 and 3), paragraphs and bulleted lists."""
    html: list[str] = []
    for block in blocks(text):
        lines = [line.strip() for line in block.split("\n")]
        if len(lines) == 1 and lines[0].startswith("### "):
            html.append(f'<h3 class="ds-heading" data-size="xs">{_inline(lines[0][4:])}</h3>')
        elif len(lines) == 1 and lines[0].startswith("## "):
            html.append(f'<h2 class="ds-heading" data-size="sm">{_inline(lines[0][3:])}</h2>')
        elif all(line.startswith("- ") for line in lines):
            entries = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            html.append(f'<ul class="ds-list">{entries}</ul>')
        else:
            html.append(f'<p class="ds-paragraph">{_inline(" ".join(lines))}</p>')
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text was escaped above
