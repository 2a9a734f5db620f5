"""``briefing add PATH|URL``: a source as people have it, copied into seeds/ and declared in sources.yaml.

A UTF-8 text file is copied byte for byte. Anything else (a saved web page, a PDF, a text
in another encoding) is kept byte for byte as the original, and the text the pipeline
reads is derived from it by the reader for its format (load/readers), recorded with
the extractor and its version, so that ``briefing check`` can re-derive it. Nothing in
seeds/ or sources.yaml is ever overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from briefing.load.ids import slugify
from briefing.load.readers import Extracted, Meta, Reader, ReaderError, derivation, reader_for, sniff
from briefing.load.schema import SLUG, SOURCE
from briefing.load.sources import SEEDS_DIR, build_document, decode
from briefing.load.yamlfile import load_yaml
from briefing.model.documents import Document
from briefing.tools.detect_language import Detected, detect
from briefing.tools.entry import Entry
from briefing.tools.fetch import Fetched, FetchError, fetch, is_url

SOURCES = "content/sources.yaml"
_BY_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf", "text/plain": ".txt"}
_TITLE_WORDS = 10
_SMALL_WORDS = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "as", "at", "by", "with", "from"}
_HEADER = "# yaml-language-server: $schema=../schemas/sources.schema.json\n"


class AddError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Added:
    id: str
    given: str
    """The path or URL as the user gave it."""
    files: tuple[tuple[str, str], ...] = ()
    """(path relative to the project, what it is) for each file written."""
    line: int = 0
    """Line of content/sources.yaml where the entry starts."""
    sentences: int = 0
    checks: tuple[str, ...] = ()
    """What the curator should check by eye."""
    already: bool = False
    """The same bytes were added before, as ``id``: nothing was written."""
    skipped: str = ""
    """Why nothing was done, when the target is not a source (a saved page's folder of assets)."""
    language: str = ""
    """What was done about the source's ``language``: 'fr (detected; check it)', or why none was written."""


@dataclass
class _Known:
    ids: set[str] = field(default_factory=set)
    by_digest: dict[str, str] = field(default_factory=dict)


def add(root: Path, target: str, id: str = "", title: str = "", label: str = "", encoding: str = "") -> Added:
    if not (root / "content").is_dir():
        raise AddError(f"no content/ folder in {root}", "run inside a briefing project, or 'briefing new DIR' first")
    if saved_page_assets(target):
        return Added("", target, skipped="the images and scripts of a saved page: the page itself is the original")
    fetched = _fetch(target) if is_url(target) else None
    raw = fetched.body if fetched else _read(target)
    digest = hashlib.sha256(raw).hexdigest()
    known = _known(root)
    if digest in known.by_digest:
        return Added(known.by_digest[digest], target, already=True)
    name = _name(target, fetched)
    reader = reader_for(name) or sniff(raw)
    try:
        extracted = reader.extract(raw, encoding)
    except ReaderError as exc:
        raise AddError(f"{target}: {exc.message}", exc.hint) from exc
    return _write(root, target, raw, name, reader, extracted, fetched, known, id, title, label)


def saved_page_assets(target: str) -> bool:
    """The folder a browser's "Save page as (complete)" writes beside the page: 'Story_files' for 'Story.html'."""
    path = Path(target)
    if is_url(target) or not path.is_dir() or not path.name.endswith("_files"):
        return False
    stem = path.name.removesuffix("_files")
    return any((path.parent / f"{stem}{suffix}").is_file() for suffix in (".html", ".htm", ".xhtml"))


def _fetch(url: str) -> Fetched:
    try:
        return fetch(url)
    except FetchError as exc:
        raise AddError(exc.message, exc.hint) from exc


def _read(target: str) -> bytes:
    if not target.strip():
        raise AddError("an empty path was given", "give the path of a file, or an http(s) URL")
    try:
        return Path(target).read_bytes()
    except IsADirectoryError as exc:
        raise AddError(f"{target} is a folder", "give the files inside it: briefing add FOLDER/*") from exc
    except OSError as exc:
        raise AddError(f"cannot read {target}: {exc.strerror}", "check the path") from exc


def _name(target: str, fetched: Fetched | None) -> str:
    if fetched is None:
        return PurePath(target).name
    suffix = _BY_TYPE.get(fetched.content_type, "")
    stem = PurePath(fetched.name).stem or "page"
    return stem + (suffix or PurePath(fetched.name).suffix)


def _known(root: Path) -> _Known:
    """Ids used anywhere in content/, and the pinned digests of the declared sources."""
    known = _Known()
    for path in sorted((root / "content").glob("*.yaml")):
        doc, _ = load_yaml(path.read_text(encoding="utf-8", errors="replace"), path.name)
        items = doc.data if doc is not None and isinstance(doc.data, list) else []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            known.ids.add(item["id"].strip())
            for pin in ("sha256", "original_sha256"):
                if isinstance(item.get(pin), str):
                    known.by_digest.setdefault(item[pin].strip().lower(), item["id"].strip())
    return known


def _free(seeds: Path, stem: str, suffixes: tuple[str, ...]) -> str:
    """A stem under which no file with any of ``suffixes`` exists yet in seeds/."""
    candidate, n = stem, 1
    while any((seeds / f"{candidate}{s}").exists() for s in suffixes):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _source_id(wanted: str, title: str, stem: str, known: _Known) -> str:
    if wanted:
        if not SLUG.match(wanted):
            raise AddError(
                f"'{wanted}' is not a valid id", f"lowercase letters, digits and hyphens, e.g. '{slugify(wanted)}'"
            )
        if wanted in known.ids:
            raise AddError(f"the id '{wanted}' is already used in content/", "give another --id")
        return wanted
    words = [w for w in slugify(title).split("-") if w]
    base = "-".join(([w for w in words if w not in _SMALL_WORDS] or words)[:4]) or stem
    candidate, n = base, 1
    while candidate in known.ids:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _write(
    root: Path,
    target: str,
    raw: bytes,
    name: str,
    reader: Reader,
    extracted: Extracted,
    fetched: Fetched | None,
    known: _Known,
    wanted_id: str,
    title: str,
    label: str,
) -> Added:
    seeds = root / SEEDS_DIR
    seeds.mkdir(exist_ok=True)
    in_place = fetched is None and _inside(seeds, target)
    original, text_file, base = _file_names(seeds, name, reader, bool(extracted.text), in_place)
    text_bytes = extracted.text.encode("utf-8") if extracted.text else raw
    text, problems = decode(text_bytes, text_file)
    if text is None:
        raise AddError(f"{target}: {problems[0].message}", problems[0].hint or "")
    meta = {m.field: m for m in extracted.metadata}
    found = detect(text)
    language = found.tag if found.sure else ""
    document = build_document("x", text_file, text, "", language or "en")
    headline = document.sentences[0].text if document.sentences and document.sentences[0].headline else ""
    opening = document.sentences[0].text if document.sentences else ""
    chosen = _title(title, meta, headline or "", base, opening)
    source_id = _source_id(wanted_id, chosen[0], base, known)
    if not in_place and not _meaningful(base):  # '001.txt' is stored under its id: seeds/attack-on-mosque.txt
        original, text_file, _ = _file_names(
            seeds, source_id + PurePath(name).suffix, reader, bool(extracted.text), False
        )
    document = build_document(source_id, text_file, text, "", language or "en")
    entry, checks = _entry(source_id, text_file, text_bytes, chosen, meta, extracted, label)
    entry.add("language", language, "detected by briefing add: check it")
    if extracted.text:
        entry.add("original_file", original, f"the {extracted.kind} as {_how(target, fetched)}, byte for byte")
        entry.add("original_sha256", hashlib.sha256(raw).hexdigest())
        entry.add("extractor", extracted.extractor, "'briefing check' re-runs it on the original")
    _capture(entry, fetched, meta)
    _not_content(entry, document, extracted)
    written = [
        (
            f"{SEEDS_DIR}/{original}",
            f"the {extracted.kind}, {'declared where it is' if in_place else 'kept byte for byte'}",
        )
    ]
    if not in_place:
        _create(seeds / original, raw)
    if extracted.text:
        _create(seeds / text_file, text_bytes)
        written.append((f"{SEEDS_DIR}/{text_file}", f"its text, {derivation(extracted.extractor)}"))
    line = _append(root / SOURCES, entry.yaml())
    written.append((f"{SOURCES}:{line}", "its entry"))
    notes = tuple(checks) + extracted.notes
    return Added(source_id, target, tuple(written), line, len(document.sentences), notes, language=_said(found))


def _said(found: Detected) -> str:
    """What ``add`` prints about the language it wrote (or did not)."""
    if found.sure:
        return f"{found.tag} (detected; check it)"
    if found.tag:
        return (
            f"not written: perhaps '{found.tag}' ({found.probability:.0%} sure); give 'language:' yourself "
            "if the source is not in the briefing's language"
        )
    return "not written: too few letters to tell; the source is taken to be in the briefing's language"


def _meaningful(stem: str) -> bool:
    """A file name that says something ('wire-0311'), unlike '001' or 'a1'."""
    return sum(c.isalpha() for c in stem) >= 3


def _inside(seeds: Path, target: str) -> bool:
    """True for a file already in seeds/ (put there by hand): it is declared where it is, not copied."""
    path = Path(target)
    return path.is_file() and path.resolve().parent == seeds.resolve()


def _file_names(seeds: Path, name: str, reader: Reader, derived: bool, in_place: bool) -> tuple[str, str, str]:
    """(original's name, text file's name, their common stem before any -2) inside seeds/."""
    suffix = PurePath(name).suffix.lower() or reader.extensions[0]
    base = slugify(PurePath(name).stem)[:60].strip("-") or "source"
    text_suffix = ".utf-8.txt" if suffix == ".txt" else ".txt"
    if in_place:
        stem = _free(seeds, PurePath(name).stem, (text_suffix,)) if derived else PurePath(name).stem
        return name, f"{stem}{text_suffix}" if derived else name, base
    stem = _free(seeds, base, (suffix, text_suffix) if derived else (suffix,))
    return f"{stem}{suffix}", f"{stem}{text_suffix}" if derived else f"{stem}{suffix}", base


def _how(target: str, fetched: Fetched | None) -> str:
    return f"fetched from {fetched.final_url}" if fetched else "saved"


def _title(given: str, meta: dict[str, Meta], headline: str, base: str, opening: str) -> tuple[str, str, str]:
    """(title, title_origin, title_text)."""
    if given:
        return given, "curator", ""
    if "title" in meta:
        return meta["title"].value, "document", meta["title"].found
    if headline:
        return headline, "document", "the first line of the text"
    if not _meaningful(base) and opening:  # '001.txt': the text's first words say more
        words = opening.lstrip("\ufeff").split()
        shown = " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + ("…" if len(words) > _TITLE_WORDS else "")
        return shown, "curator", "the first words of the text, by briefing add: the document has no headline"
    return base.replace("-", " ").capitalize(), "curator", "made from the file name by briefing add"


def _entry(
    source_id: str,
    text_file: str,
    text_bytes: bytes,
    title: tuple[str, str, str],
    meta: dict[str, Meta],
    extracted: Extracted,
    label: str,
) -> tuple[Entry, list[str]]:
    entry = Entry()
    checks: list[str] = []
    entry.add("id", source_id, "used in sentence ids and URLs")
    entry.add("file", text_file, "the text briefing reads" if extracted.text else "copied byte for byte")
    entry.add("sha256", hashlib.sha256(text_bytes).hexdigest())
    if label and SOURCE.field("label") is not None:
        entry.add("label", label)
    elif label:
        checks.append("--label is not supported by this version of briefing: it was left out")
    entry.add("title", title[0])
    entry.add("title_origin", title[1], "'document': the source's own; 'curator': ours")
    entry.add("title_text", title[2])
    if title[2].startswith(("made from", "the first words")):
        checks.append(f"the title '{title[0]}' is {title[2].split(',')[0]}: give a descriptive one")
    for name in ("outlet", "author"):
        entry.add(name, meta[name].value if name in meta else "unknown", "" if name in meta else "not in the file")
        entry.add(f"{name}_text", meta[name].found if name in meta else "")
    if "published" in meta:
        entry.add("published", meta["published"].value)
        entry.add("published_text", meta["published"].found)
        if "guess" in meta["published"].found or "creation date" in meta["published"].found:
            checks.append(f"the publication date {meta['published'].value} is {meta['published'].found}: confirm it")
    else:
        checks.append("no publication date found: add 'published:' and say how you know in 'published_text:'")
    if "url" in meta:
        entry.add("url", meta["url"].value)
        entry.add("url_text", meta["url"].found)
    if extracted.text:
        checks.append(f"read {SEEDS_DIR}/{text_file} against the original: the extraction may keep or drop too much")
    return entry, checks


def _capture(entry: Entry, fetched: Fetched | None, meta: dict[str, Meta]) -> None:
    if fetched is not None:
        entry.add("captured_url", fetched.final_url, "the final address, after redirects")
        entry.add("captured_at", fetched.captured_at)
        return
    if "captured_url" in meta and meta["captured_url"].value.startswith(("http://", "https://")):
        entry.add("captured_url", meta["captured_url"].value, meta["captured_url"].found)
    if "captured_at" in meta:
        entry.add("captured_at", meta["captured_at"].value, meta["captured_at"].found)


def _not_content(entry: Entry, document: Document, extracted: Extracted) -> None:
    """Headings and captions the reader found, by sentence id (model issue's ``not_content``)."""
    paragraphs = {index for index, _ in extracted.not_content}
    ids = [s.id for s in document.sentences if s.paragraph in paragraphs and not s.headline]
    if not ids:
        return
    if SOURCE.field("not_content") is not None:
        entry.add("not_content", ids, "headings and captions found in the page: not the source's prose")
    else:
        entry.heading.append(f"headings and captions, not the source's prose: {', '.join(ids)}")


def _create(path: Path, data: bytes) -> None:
    with path.open("xb") as f:  # never overwrite: _free chose a name nothing has
        f.write(data)


def _append(path: Path, yaml_text: str) -> int:
    """Append the entry; the line it starts on."""
    existing = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if existing.strip() in ("[]", ""):
        existing = _HEADER
    if not existing.endswith("\n"):
        existing += "\n"
    existing += "\n"
    path.write_text(existing + yaml_text, encoding="utf-8")
    first_field = yaml_text.count("\n", 0, yaml_text.index("- id:"))
    return existing.count("\n") + first_field + 1
