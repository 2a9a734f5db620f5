"""What a page tells machines about itself: link-preview cards, canonical address, schema.org data.

The templates' ``web`` variable (``_head.html``, ``_downloads.html``). Absolute
addresses exist only with ``base_url``: without one, pages carry the preview
tags that need none (title, description) and no canonical link or feed link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from briefing.model.facts import Model
from briefing.outputs.address import absolute, site_base
from briefing.outputs.card import CARD_FILE, HEIGHT, WIDTH, card_alt
from briefing.outputs.tables import TABLES, Table


@dataclass(frozen=True)
class Web:
    base: str
    """``base_url`` ending in "/", or "" when unset."""
    feed: bool
    """Whether feed.xml is written (it needs ``base_url``)."""
    tables: tuple[Table, ...]
    card: str
    card_alt: str
    card_width: int
    card_height: int
    jsonld: Markup
    """schema.org JSON-LD of the report, safe inside ``<script>``."""


def web_meta(model: Model) -> Web:
    base = site_base(model.content.briefing)
    b = model.content.briefing
    alt = card_alt(b.title, b.as_of, len(model.content.events))
    return Web(base, bool(base), TABLES, CARD_FILE, alt, WIDTH, HEIGHT, _script_json(report_jsonld(model, base)))


JSONLD_SOURCES = 100
"""Sources the page's schema.org Report cites (as many as a briefing of one page lists)."""


def report_jsonld(model: Model, base: str) -> dict[str, Any]:
    """The briefing as a schema.org Report citing its sources."""
    b = model.content.briefing
    report: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": b.title,
        "headline": b.title,
        "inLanguage": b.language,
        "dateModified": b.as_of.end.isoformat(),
    }
    if b.description:
        report["description"] = b.description
    if b.author:
        report["author"] = {"@type": "Organization", "name": b.author}
    if b.keywords:
        report["keywords"] = list(b.keywords)
    if base:
        report["url"] = f"{base}index.html"
        report["image"] = absolute(base, CARD_FILE)
    # The first sources only: all 5,000 of a large briefing made this script 1.1 MB of a 1.2 MB page.
    # Every source is in data.json and on sources.html.
    report["citation"] = [
        _source(s.title, s.outlet, s.url, s.published.value if s.published else "")
        for s in model.content.sources[:JSONLD_SOURCES]
    ]
    return report


def _source(title: str, outlet: str, url: str, published: str) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "CreativeWork", "name": title}
    if outlet and outlet != "unknown":
        found["publisher"] = {"@type": "Organization", "name": outlet}
    if url:
        found["url"] = url
    if published:
        found["datePublished"] = published
    return found


def _script_json(data: dict[str, Any]) -> Markup:
    """JSON that cannot end its ``<script>`` element early (``<`` escaped) nor break out of it."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
