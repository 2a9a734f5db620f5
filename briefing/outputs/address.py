"""Where the site lives: ``base_url`` made usable for absolute links (feeds, cards, sitemaps).

Pages link relatively, so the site works from file:// and any subfolder; only the
formats read outside the site (a feed reader, a social card, a search engine's
sitemap) need absolute addresses, and so ``base_url``.
"""

from __future__ import annotations

from briefing.model.facts import Briefing


def site_base(briefing: Briefing) -> str:
    """``base_url`` ending in exactly one "/", or "" when the briefing sets none."""
    base = briefing.base_url.strip()
    return base.rstrip("/") + "/" if base else ""


def absolute(base: str, rel: str) -> str:
    """A site-relative path (``sources/a.html``) as an address under ``base``; ``rel`` itself without one."""
    return base + rel if base else rel


def left_out(briefing: Briefing) -> str:
    """What a build cannot write without ``base_url`` (for the summary line), or "" when it is set."""
    if site_base(briefing):
        return ""
    return "no feed.xml or sitemap.xml: set base_url in content/briefing.yaml"
