"""The field table of a source (content/sources.yaml): the document, its pins and how it was captured.

Kept apart from schema.py, which re-exports it, because sources carry many more fields than facts.
"""

from __future__ import annotations

from briefing.load.fields import Field, Schema

TITLE_ORIGINS = ("document", "curator")

SOURCE = Schema(
    "source",
    "One source document in seeds/ (content/sources.yaml, a list).",
    (
        Field("id", "slug", "Short id used in sentence ids and URLs.", True, example="macron-announcement"),
        Field(
            "label",
            "label",
            "What citation markers call the source on the page, in the PDF and in data.json"
            " (default S1, S2, ... in file order).",
            example="AP",
        ),
        Field("file", "text", "File name inside seeds/.", True, example="000_b3924798c0157f52.txt"),
        Field(
            "sha256",
            "sha256",
            "SHA-256 of the file's bytes: pins the evidence.",
            True,
            target="file",
            example="e2a16b572df103c561db4930147977586e54ec31655b78256855a41afeeca57e",
        ),
        Field(
            "title",
            "text",
            "The source's headline, or a descriptive title of ours.",
            True,
            example="Macron announces Biden-Putin summit proposal",
        ),
        Field(
            "title_origin",
            "choice",
            "'document' if the title is the source's own, 'curator' if we wrote it.",
            choices=TITLE_ORIGINS,
            example="curator",
        ),
        Field("title_translation", "text", "The curator's translation of the title.", example="Summit in Moscow"),
        Field("outlet", "text", "Publisher, or 'unknown' where the file does not say.", example="unknown"),
        Field("author", "text", "Author, or 'unknown'.", example="unknown"),
        Field("published", "date", "Publication date (ISO 8601).", example="2022-02-21"),
        Field(
            "published_text",
            "text",
            "How the curator established the publication date when the source does not print it; readers see"
            " the date marked as the curator's inference, with this text.",
            example="inferred: reports Sunday's call as just happened",
        ),
        Field("url", "url", "Where the source was published, if known.", example="https://example.org/story"),
        Field("language", "language", "BCP 47 (default: the briefing's); sets the sentence splitter.", example="fr"),
        Field(
            "notes",
            "texts",
            "Known quirks (typos, repeated paragraphs, odd characters), shown to readers as the curator's"
            " notes; Markdown and [@id] citations work.",
            example=["'gold a meeting' is a typo for 'hold'"],
        ),
        Field(
            "not_content",
            "sentences",
            "Ids of the source's sentences that are headings or captions, not its text: shown as such and not "
            "counted for coverage (a short line without final punctuation is taken as a heading already).",
            example=["macron-announcement.12"],
        ),
        Field(
            "supersedes",
            "ref",
            "Id of the source this one is a later version of (an article its outlet revised): 'briefing check'"
            " lists the old version's citations that the new one no longer bears out; the old stays as evidence.",
            target="source",
            example="macron-announcement-v1",
        ),
        Field("title_text", "text", "Where the title was found.", example="the page's JSON-LD (NewsArticle.headline)"),
        Field(
            "outlet_text", "text", "Where the outlet was found.", example='the page\'s <meta property="og:site_name">'
        ),
        Field("author_text", "text", "Where the author was found.", example='the page\'s <meta name="author">'),
        Field("url_text", "text", "Where the url was found.", example='the page\'s <link rel="canonical">'),
        Field(
            "original_file",
            "text",
            "The original the text file was derived from (saved web page, PDF, text in another encoding), in seeds/.",
            example="ferry-strike.html",
        ),
        Field(
            "original_sha256",
            "sha256",
            "SHA-256 of the original's bytes: pins it too.",
            target="original_file",
            example="9c1185a5c5e9fc54612808977ee8f548b2258d31eeef4f6a1a0e0b2a3c9a3d61",
        ),
        Field(
            "extractor",
            "text",
            "How the text was derived from the original: NAME VERSION, as 'briefing add' records it.",
            example="trafilatura 2.3.1",
        ),
        Field(
            "captured_url",
            "url",
            "The address the original was fetched from (after redirects), when known.",
            example="https://example.org/story?ref=feed",
        ),
        Field(
            "captured_at",
            "text",
            "When the original was fetched or saved (UTC, ISO 8601), when known.",
            example="2025-03-10T09:15:02Z",
        ),
    ),
)
