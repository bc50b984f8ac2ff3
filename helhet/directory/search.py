"""Free-text search over the directory.

On PostgreSQL: full-text search with the 'norwegian' configuration (stemming, prefix
match so that "sinne" finds "sinnemestring"). On SQLite: every word, with common
Norwegian endings stripped, must occur in the service's lower-cased search text.
Both search `Service.search_text`, which the services keep up to date.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

from helhet.directory.models import Service

# Longest first, so that "-ene" goes before "-e".
_SUFFIXES = ("hetene", "heten", "ende", "ene", "ane", "het", "ens", "ets", "er", "en", "et", "ar")
_SHORT_SUFFIXES = ("a", "e", "s")
_MIN_STEM = 4
_MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    """The words of a query, lower-cased; punctuation and underscores dropped."""
    return re.findall(r"[^\W_]+", text.lower())[:_MAX_WORDS]


def norwegian_stem(word: str) -> str:
    """Strip one common inflection ending, keeping at least four letters."""
    for suffix in _SUFFIXES + _SHORT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def filter_by_text(queryset: QuerySet[Service], text: str) -> QuerySet[Service]:
    """Services of `queryset` that match every word of `text`."""
    words = search_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Words are letters and digits only, so the raw tsquery cannot be malformed.
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in words), config="norwegian", search_type="raw"
        )
        return queryset.annotate(
            search_document=SearchVector("search_text", config="norwegian")
        ).filter(search_document=query)
    for word in words:
        queryset = queryset.filter(search_text__contains=norwegian_stem(word))
    return queryset
