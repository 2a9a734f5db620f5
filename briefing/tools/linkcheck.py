"""Check a built site: every internal link and ``#anchor`` resolves, nothing is fetched from outside.

Used by the tests and usable on any folder of HTML (``python -m briefing.tools.linkcheck site``).
A link is internal when it is relative; ``https:`` and ``mailto:`` links are
navigations the reader chooses and are not followed, but a *resource* (stylesheet,
image, script, frame) must always be internal so a page makes no outside request.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that make the browser fetch something.
_FETCHING = "link href, img src, script src, iframe src, source src, object data, embed src, video src, audio src"
_FETCHING += ", track src, input src, image href, use href, image xlink:href, use xlink:href"
RESOURCE_ATTRS = {(pair.split()[0], pair.split()[1]) for pair in _FETCHING.split(", ")}
NAVIGATION_ATTRS = {("a", "href"), ("area", "href"), ("a", "xlink:href")}
EXTERNAL_SCHEMES = ("https:", "mailto:")


@dataclass(frozen=True)
class Problem:
    page: str
    """Path of the page relative to the site root."""
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url}: {self.reason}"


@dataclass(frozen=True)
class _Link:
    line: int
    url: str
    resource: bool


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.duplicate_ids: list[tuple[int, str]] = []
        self.links: list[_Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "link" and _names_a_page(attrs):  # rel=canonical, alternate: an address, not a fetch
            self.links += [_Link(line, v, False) for n, v in attrs if n == "href" and v is not None]
            return
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                if value in self.ids:
                    self.duplicate_ids.append((line, value))
                self.ids.add(value)
            elif (tag, name) in RESOURCE_ATTRS or (tag, name) in NAVIGATION_ATTRS:
                self.links.append(_Link(line, value, (tag, name) in RESOURCE_ATTRS))

    handle_startendtag = handle_starttag


NAMING_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "bookmark"}
"""``<link rel>`` values that name a page (the browser fetches nothing); ``alternate stylesheet`` fetches."""


def _names_a_page(attrs: list[tuple[str, str | None]]) -> bool:
    rel = " ".join(v or "" for n, v in attrs if n == "rel").lower().split()
    return bool(rel) and set(rel) <= NAMING_RELS


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def check_site(site: Path) -> list[Problem]:
    """Every problem found in ``site``'s HTML pages, sorted by page and line."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    for page, parsed in pages.items():
        problems += [Problem(page, line, f"#{i}", "duplicate id") for line, i in parsed.duplicate_ids]
        for link in parsed.links:
            reason = _check(site, pages, page, link)
            if reason:
                problems.append(Problem(page, link.line, link.url, reason))
    return sorted(problems, key=lambda p: (p.page, p.line))


def _check(site: Path, pages: dict[str, _PageParser], page: str, link: _Link) -> str | None:
    url = link.url.strip()
    if url.startswith(EXTERNAL_SCHEMES):
        return "resource outside the site" if link.resource else None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return "not a relative link"
    if parts.path.startswith("/"):
        return "absolute path (breaks under a subpath and from file://)"
    if not parts.path and not parts.fragment:
        return "empty link"
    target = _resolve(page, unquote(parts.path)) if parts.path else page
    if target is None:
        return "leaves the site folder"
    if not (site / target).is_file():
        return f"no file {target}"
    if parts.fragment:
        fragment = unquote(parts.fragment)
        if target not in pages:
            return f"fragment #{fragment} on a non-HTML file"
        if fragment not in pages[target].ids:
            return f"no element with id '{fragment}' in {target}"
    return None


def _resolve(page: str, path: str) -> str | None:
    """``path`` relative to ``page``'s folder, normalised; None if it climbs out of the site."""
    parts: list[str] = list(PurePosixPath(page).parent.parts)
    for part in PurePosixPath(path).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    result = "/".join(parts)
    return result + "/index.html" if path.endswith("/") else result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    problems = check_site(site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {site}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
