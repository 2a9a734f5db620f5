"""``sitemap.xml`` (sitemaps.org 0.9): every HTML page of the site, by absolute address."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree

SITEMAP_FILE = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(base: str, pages: Iterable[str], lastmod: str) -> bytes:
    """One ``<url>`` per page (site-relative paths, sorted), each with ``lastmod`` (an ISO date)."""
    root = ElementTree.Element("urlset", {"xmlns": NAMESPACE})
    for page in sorted(pages):
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = base + page
        ElementTree.SubElement(url, "lastmod").text = lastmod
    ElementTree.indent(root)
    text: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
