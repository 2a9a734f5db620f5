"""The handout's HTML to PDF bytes with WeasyPrint, confined to the build folder.

WeasyPrint is imported inside :func:`render_pdf` only, so ``briefing check``
and ``briefing build --no-pdf`` never pay for it. Every URL the handout asks
for goes through a fetcher that serves files of the build (``files``, or
``base_dir`` on disk) and small inline images, and refuses everything else:
no network, no ``file://`` outside the build, no attachments. A refusal is an
error diagnostic and no PDF is produced.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefing.core.diagnostics import Diagnostic, Location, error, warning
from briefing.core.epoch import build_time
from briefing.core.version import __version__
from briefing.outputs.weasyprint_import import import_weasyprint

"""Paper names accepted by ``--paper`` / ``paper:`` and their CSS ``@page`` size."""
PDF_VARIANT = "pdf/ua-1"
DATA_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp")
DATA_URL_LIMIT = 2 * 1024 * 1024
"""Largest ``data:`` image accepted, in characters of the URL."""
HINT_MISSING = "the handout can use the files the build writes (e.g. style.css): check the path in your template"
HINT_CONFINED = "the PDF may only use files of the build (site/) and inline images; nothing leaves the machine"


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written to the PDF's Info dictionary and XMP stream."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en"
    created: datetime | None = None
    """Creation and modification date; default the build time (SOURCE_DATE_EPOCH when set)."""


class _Confinement:
    """Decides what the fetcher may serve; records every refusal as a diagnostic."""

    def __init__(self, base_dir: Path, files: Mapping[str, bytes] | None) -> None:
        self.base = base_dir.resolve()
        self.files = files
        self.diagnostics: list[Diagnostic] = []
        self.refused: set[str] = set()

    def refuse(self, url: str, code: str, why: str, hint: str = HINT_CONFINED) -> None:
        if url not in self.refused:
            self.refused.add(url)
            # Shown relative to the build folder: the machine's own path means nothing to the reader.
            shown = _shown(url.removeprefix(self.base.as_uri() + "/"))
            # Only a project's own template or stylesheet can ask for something: point there.
            self.diagnostics.append(error(code, f"the handout asks for {shown}: {why}", Location("templates"), hint))

    def local_file(self, url: str) -> bytes | None:
        """The bytes of a ``file:`` URL inside the build, or None (refusal recorded)."""
        path = Path(unquote(urlsplit(url).path))
        resolved = path.resolve()
        if not resolved.is_relative_to(self.base):
            self.refuse(url, "pdf.fetch-refused", "a file outside the build folder")
            return None
        relative = resolved.relative_to(self.base).as_posix()
        if self.files is not None:
            if relative in self.files:
                return self.files[relative]
            self.refuse(url, "pdf.fetch-missing", f"'{relative}' is not a file of this build", HINT_MISSING)
            return None
        try:
            return resolved.read_bytes()
        except OSError as exc:
            self.refuse(url, "pdf.fetch-missing", f"cannot read '{relative}' ({exc.strerror})", HINT_MISSING)
            return None

    def data_url_allowed(self, url: str) -> bool:
        media = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
        if media not in DATA_IMAGE_TYPES:
            self.refuse(url, "pdf.fetch-refused", f"inline data of type '{media or 'text/plain'}' (only images)")
            return False
        if len(url) > DATA_URL_LIMIT:
            self.refuse(url, "pdf.fetch-refused", f"an inline image over {DATA_URL_LIMIT // 1024} KiB")
            return False
        return True


def _shown(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")


def _make_fetcher(confinement: _Confinement) -> Any:
    """A WeasyPrint URLFetcher subclass that only serves what the confinement allows."""
    import_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file":
                body = confinement.local_file(url)
                if body is not None:
                    kind = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": kind})
            elif scheme == "data":
                if confinement.data_url_allowed(url):
                    return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
            elif scheme in ("http", "https"):
                confinement.refuse(url, "pdf.fetch-refused", "the network is never used when building")
            else:
                confinement.refuse(url, "pdf.fetch-refused", f"the URL scheme '{scheme}' is not allowed")
            raise ValueError(f"refused by briefing: {url}")

    return ConfinedFetcher(timeout=1, allow_redirects=False)


class _LogCollector(logging.Handler):
    """WeasyPrint reports CSS and layout problems through logging; keep them as warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_logs() -> Iterator[_LogCollector]:
    logger = logging.getLogger("weasyprint")
    collector = _LogCollector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def _attachment_refusals(document: Any, confinement: _Confinement) -> None:
    for attachment in document.metadata.attachments:
        label = attachment.name or attachment.description or "a <link rel=attachment> file"
        confinement.refuse(str(label), *_ATTACHMENT)
    for page in document.pages:
        for link_type, target, *_ in page.links:
            if link_type == "attachment":
                confinement.refuse(str(target), *_ATTACHMENT)


_ATTACHMENT = (
    "pdf.attachment-refused",
    "files embedded in the PDF are not allowed",
    "remove rel=attachment from the template",
)


def _drop_local_links(document: Any) -> None:
    """Keep the text of a link to a file: URL but not the link.

    A relative link resolves against the build folder, so the PDF would carry
    the build machine's path (a leak, and different bytes in another folder)
    and a link that is dead on every reader's machine.
    """
    for page in document.pages:
        page.links[:] = [link for link in page.links if not _is_local(link)]


def _is_local(link: Any) -> bool:
    return bool(link[0] == "external" and str(link[1]).startswith("file:"))


def _set_metadata(document: Any, meta: PdfMetadata) -> None:
    info = document.metadata
    info.title = meta.title
    info.authors = [meta.author] if meta.author else []
    info.description = meta.subject or None
    info.keywords = list(meta.keywords)
    info.lang = meta.language
    info.generator = f"briefing {__version__}"
    stamp = (meta.created or build_time()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    info.created = info.modified = stamp


def render_pdf(
    html: str,
    base_dir: Path,
    *,
    metadata: PdfMetadata,
    page_size: str = "A4",
    files: Mapping[str, bytes] | None = None,
) -> tuple[bytes | None, list[Diagnostic]]:
    """Render ``html`` to PDF/UA-1 bytes; relative URLs resolve inside ``base_dir`` (see render_pdf_pages)."""
    data, _, found = render_pdf_pages(html, base_dir, metadata=metadata, page_size=page_size, files=files)
    return data, found


def render_pdf_pages(
    html: str,
    base_dir: Path,
    *,
    metadata: PdfMetadata,
    page_size: str = "A4",
    files: Mapping[str, bytes] | None = None,
) -> tuple[bytes | None, int, list[Diagnostic]]:
    """Render ``html`` to PDF/UA-1 bytes and its page count; relative URLs resolve inside ``base_dir``.

    ``files`` ({relative path: bytes}) stands in for ``base_dir``'s content when
    the build has not written it yet. Returns (None, 0, diagnostics) when any
    resource was refused or missing; WeasyPrint's own complaints are warnings.
    """
    weasyprint = import_weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML

    confinement = _Confinement(base_dir, files)
    fetcher = _make_fetcher(confinement)
    base_url = base_dir.resolve().as_uri() + "/"
    options: dict[str, Any] = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    # A user stylesheet would lose to the template's @page size; !important wins over any author rule.
    paper = CSS(string=f"@page {{ size: {page_size} !important }}", url_fetcher=fetcher)
    with _collect_logs() as logs:
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=[paper], **options)
        _attachment_refusals(document, confinement)
        if confinement.diagnostics:
            return None, 0, confinement.diagnostics
        _drop_local_links(document)
        _set_metadata(document, metadata)
        # pdf_identifier=True: an MD5 of the PDF's own objects, so the same input gives the same ID.
        data: bytes = document.write_pdf(pdf_identifier=True, **options)
    if confinement.diagnostics:  # something fetched only while writing
        return None, 0, confinement.diagnostics
    return (
        data,
        len(document.pages),
        [
            warning(
                "pdf.renderer",
                f"WeasyPrint: {_shortened(m)}",
                Location("templates"),
                "fix the handout template or stylesheet",
            )
            for m in sorted(set(logs.messages))
        ],
    )


def _shortened(message: str, limit: int = 300) -> str:
    """WeasyPrint may quote a whole element (20 kB for an SVG with a NUL): the start says what went wrong."""
    return message if len(message) <= limit else message[:limit] + f"... ({len(message)} characters)"


_RENDERER_HINT = "fix the handout template or stylesheet"
