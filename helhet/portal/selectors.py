"""Reads for the portal: page texts in the reader's language, and the staff overview.

The find-help reads go through the help directory's own selectors (`portal` may read
`directory`, never case data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString

from helhet.portal import markup
from helhet.portal.choices import BLOCK_KEYS, PageKey, TranslationStatus
from helhet.portal.content import DEFAULTS
from helhet.portal.models import SOURCE_LANGUAGE, PageText

# The version number of the built-in texts in `content.py`.
BUILT_IN_VERSION = 0


@dataclass(frozen=True)
class PageContent:
    """What a visitor reads: a page's title, lead and body in one language."""

    key: str
    language: str
    title: str
    lead: str
    body: str
    from_database: bool

    @property
    def body_html(self) -> SafeString:
        return markup.render(self.body)


def built_in_content(*, key: str, language: str) -> PageContent:
    """The built-in text of a page, translated by the catalogues into the language."""
    default = DEFAULTS[key]
    with translation.override(language):
        return PageContent(
            key=key,
            language=language,
            title=str(default.title),
            lead=str(default.lead),
            body=default.body_markup(),
            from_database=False,
        )


def _from_row(row: PageText) -> PageContent:
    return PageContent(
        key=row.page_key,
        language=row.language,
        title=row.title,
        lead=row.lead,
        body=row.body,
        from_database=True,
    )


def page_contents(*, keys: Iterable[str], language: str) -> dict[str, PageContent]:
    """The texts of the pages in the language: the staff's text where there is one, the
    built-in text otherwise. One query."""
    keys = list(keys)
    rows = {
        row.page_key: row for row in PageText.objects.filter(page_key__in=keys, language=language)
    }
    return {
        key: _from_row(rows[key]) if key in rows else built_in_content(key=key, language=language)
        for key in keys
    }


def page_text(*, key: str, language: str) -> PageText | None:
    """The stored text of a page in a language, if staff have saved one."""
    return PageText.objects.filter(page_key=key, language=language).first()


def source_version(*, key: str) -> int:
    """The current version of the Bokmål text of a page (0 while it is the built-in text)."""
    version = (
        PageText.objects.filter(page_key=key, language=SOURCE_LANGUAGE)
        .values_list("version", flat=True)
        .first()
    )
    return version if version is not None else BUILT_IN_VERSION


@dataclass(frozen=True)
class LanguageState:
    """One language's text of a page, as the staff overview shows it."""

    language: str
    name: str
    text: PageText | None
    status: str
    version: int
    based_on: int | None

    @property
    def status_label(self) -> str:
        return str(TranslationStatus(self.status).label)

    @property
    def is_behind(self) -> bool:
        return self.status == TranslationStatus.BEHIND


@dataclass(frozen=True)
class PageOverview:
    key: str
    label: str
    is_block: bool
    source_version: int
    languages: list[LanguageState]

    @property
    def behind(self) -> list[LanguageState]:
        return [state for state in self.languages if state.is_behind]


def language_state(
    *, language: str, name: str, text: PageText | None, current_source: int
) -> LanguageState:
    """Where one language's text stands against the current Bokmål version."""
    if language == SOURCE_LANGUAGE:
        status = TranslationStatus.SOURCE if text else TranslationStatus.BUILT_IN
        return LanguageState(language, name, text, status, current_source, None)
    # A built-in translation was made from the built-in Bokmål text.
    based_on = BUILT_IN_VERSION
    if text is not None and text.source_version is not None:
        based_on = text.source_version
    if based_on < current_source:
        status = TranslationStatus.BEHIND
    elif text is None:
        status = TranslationStatus.BUILT_IN
    else:
        status = TranslationStatus.CURRENT
    version = text.version if text else BUILT_IN_VERSION
    return LanguageState(language, name, text, status, version, based_on)


def page_overview() -> list[PageOverview]:
    """Every page and block with the state of each language. One query."""
    rows: dict[tuple[str, str], PageText] = {
        (row.page_key, row.language): row for row in PageText.objects.select_related("updated_by")
    }
    overview = []
    for key, label in PageKey.choices:
        source = rows.get((key, SOURCE_LANGUAGE))
        current_source = source.version if source else BUILT_IN_VERSION
        states = [
            language_state(
                language=code,
                name=name,
                text=rows.get((key, code)),
                current_source=current_source,
            )
            for code, name in settings.LANGUAGES
        ]
        overview.append(
            PageOverview(
                key=key,
                label=str(label),
                is_block=key in BLOCK_KEYS,
                source_version=current_source,
                languages=states,
            )
        )
    return overview
