"""PDF documents rendered from our own templates with WeasyPrint."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    """Render HTML to PDF without fetching anything: only data: URLs are allowed, so a
    document can never make a request to another host or read a local file."""
    # Imported here: WeasyPrint is slow to import, and only the export pages need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
