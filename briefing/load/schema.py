"""The content schema: one table of fields that validates YAML, documents it and
generates JSON Schema for editors.

Hand-written rather than pydantic or jsonschema: we need each problem at the
line and column of the offending key or value, with a did-you-mean, in our own
diagnostic format, and the same table must emit JSON Schema and the docs. The
converters (convert.py) are small; this table is the single source of truth.
"""

from __future__ import annotations

from briefing.load.fields import CITATION as CITATION
from briefing.load.fields import CITE as CITE
from briefing.load.fields import FORMERLY, NOTES_DOC
from briefing.load.fields import LABEL as LABEL
from briefing.load.fields import LABEL_LENGTH as LABEL_LENGTH
from briefing.load.fields import SENTENCE_ID as SENTENCE_ID
from briefing.load.fields import SHA256 as SHA256
from briefing.load.fields import SLUG as SLUG
from briefing.load.fields import Field as Field
from briefing.load.fields import Schema as Schema
from briefing.load.source_schema import SOURCE as SOURCE
from briefing.load.source_schema import TITLE_ORIGINS as TITLE_ORIGINS
from briefing.model.facts import PAGE_SIZES

ACTOR_KINDS = ("person", "state", "institution", "organisation", "group", "media", "place")
IDENTITIES = ("probable", "confirmed")
EVENT_STATUSES = ("occurred", "ongoing", "alleged", "scheduled", "proposed", "conditional", "cancelled")
STATEMENT_MODES = ("direct", "paraphrase", "reported")
DISPUTE_KINDS = ("contested-claim", "source-discrepancy", "single-source")
DISPUTE_STATUSES = ("open", "resolved", "noted")
PAPERS = tuple(PAGE_SIZES)


BRIEFING = Schema(
    "briefing",
    "Briefing metadata (content/briefing.yaml, a mapping).",
    (
        Field("title", "text", "Title of the briefing.", True, example="Biden-Putin summit proposal"),
        Field(
            "as_of",
            "date",
            "Date of the latest information used; nothing after it. May be approximate ('2018-11~') when the "
            "sources give no date: say how it was chosen in 'as_of_text'.",
            True,
            example="2022-02-21",
        ),
        Field(
            "as_of_text",
            "text",
            "How the as-of date was chosen, shown to the reader beside it.",
            example="the latest report's publication date",
        ),
        Field("subtitle", "text", "A line under the title.", example="What was agreed, and by whom"),
        Field("author", "text", "Who curated the briefing.", example="Briefing desk"),
        Field(
            "description",
            "text",
            "One-paragraph description (PDF subject, page description).",
            example="Sourced briefing on the proposed summit.",
        ),
        Field("keywords", "texts", "Keywords for the PDF metadata.", example=["Ukraine", "Russia"]),
        Field("language", "language", "Language of the content (BCP 47).", example="en"),
        Field(
            "base_url",
            "url",
            "Where the site is hosted; the PDF links citations there.",
            example="https://example.org/briefing/",
        ),
        Field(
            "coverage_target",
            "number",
            "Warn when fewer than this share (0-1) of source sentences are cited.",
            example="0.9",
        ),
        Field(
            "paper",
            "choice",
            "Paper size of the PDF handout (default a4); 'briefing build --paper' overrides it.",
            choices=PAPERS,
            example="letter",
        ),
        Field(
            "curation_page",
            "flag",
            "Also write site/curation.html, the curation report (not linked from the briefing).",
            choices=("true", "false"),
            example="true",
        ),
        Field(
            "csv_bom",
            "flag",
            "Start the CSV tables with a byte-order mark, so that spreadsheet programs read them as UTF-8.",
            choices=("true", "false"),
            example="true",
        ),
    ),
)

ACTOR = Schema(
    "actor",
    "A person, state, institution, organisation, group, news outlet, or a place or territory (content/actors.yaml).",
    (
        Field("id", "slug", "Unique id.", True, example="emmanuel-macron"),
        Field("name", "text", "Canonical name.", True, example="Emmanuel Macron"),
        Field("kind", "choice", "What sort of actor.", True, choices=ACTOR_KINDS, example="person"),
        Field("role", "text", "Role as the sources state it.", example="President of France"),
        Field(
            "affiliation", "ref", "Id of the actor this one belongs to or speaks for.", target="actor", example="france"
        ),
        Field("aliases", "texts", "Every other spelling the sources use.", example=["Macron"]),
        Field(
            "same_as",
            "ref",
            "Id of an actor another source names otherwise that this one is identified with ('the state "
            "prosecutor' of one report, the named prosecutor of another); give 'identity' and say why in 'notes'.",
            target="actor",
            example="elysee-palace",
        ),
        Field(
            "identity",
            "choice",
            "With 'same_as': how sure the identification is, shown to readers.",
            choices=IDENTITIES,
            example="probable",
        ),
        Field("notes", "text", NOTES_DOC, example="Named in both sources."),
        CITE,
        FORMERLY,
    ),
)

EVENT = Schema(
    "event",
    "Something that happened, is scheduled, proposed or conditional (content/events.yaml).",
    (
        Field("id", "slug", "Unique id.", True, example="macron-putin-call"),
        Field("title", "text", "What happens, in a short line.", True, example="Macron and Putin speak by phone"),
        Field(
            "date",
            "date",
            "ISO 8601 date or interval START/END; omit when the source gives none.",
            example="2022-02-20",
        ),
        Field(
            "date_text",
            "wordings",
            "The date as the source words it; when reports word it differently, a list of {source, text}.",
            True,
            example="on Sunday",
        ),
        Field(
            "status",
            "choice",
            "Where the event stands as of the briefing date ('alleged': only claimed, with 'alleged_by'; "
            "'ongoing': still holds, dated by its start).",
            True,
            choices=EVENT_STATUSES,
            example="occurred",
        ),
        Field(
            "alleged_by",
            "refs",
            "With status 'alleged': ids of the actors, or of the statements, that allege it.",
            target="actor|statement",
            example=["emmanuel-macron"],
        ),
        Field(
            "after",
            "refs",
            "Ids of events this one came after: orders events the sources give no date for.",
            target="event",
            example=["macron-putin-call"],
        ),
        Field("actors", "refs", "Ids of the actors involved.", target="actor", example=["emmanuel-macron"]),
        Field("notes", "text", NOTES_DOC + " Say here how a date was inferred.", example="Sunday before 21 Feb."),
        CITE,
        FORMERLY,
    ),
)

STATEMENT = Schema(
    "statement",
    "Something an actor said, as a source reports it (content/statements.yaml).",
    (
        Field("id", "slug", "Unique id.", True, example="psaki-committed-to-diplomacy"),
        Field(
            "speaker",
            "refs",
            "Id of the actor who said it, or a list of ids for a joint statement; leave it out when the source "
            "names no one and give 'attributed_as'.",
            target="actor",
            example="jen-psaki",
        ),
        Field(
            "attributed_as",
            "text",
            "Instead of 'speaker': the source's own words for an unnamed speaker ('critics', 'one US official').",
            example="US officials",
        ),
        Field(
            "mode",
            "choice",
            "direct (verbatim quote), paraphrase, or reported (the source says 'reportedly').",
            True,
            choices=STATEMENT_MODES,
            example="direct",
        ),
        Field(
            "text",
            "parts",
            "The words: verbatim for direct quotes; a direct quote interrupted by its attribution is a list of "
            "its verbatim parts (shown joined with an ellipsis). May be left out for a direct statement with one "
            "citation whose quote is exactly the words spoken: the quote is then the text.",
            example="committed to pursuing diplomacy until the moment an invasion begins",
        ),
        Field(
            "reported_by",
            "refs",
            "Ids of those who relay it (a newspaper, an agency, an official).",
            target="actor",
            example=["kommersant"],
        ),
        Field("date", "date", "When it was said (ISO 8601), if known.", example="2022-02-20"),
        Field(
            "date_text",
            "wordings",
            "The date as the source words it; when reports word it differently, a list of {source, text}.",
            example="overnight",
        ),
        Field("about", "refs", "Ids of the events it concerns.", target="event", example=["summit-proposal"]),
        Field(
            "translation",
            "text",
            "Curator's translation of the words: shown beside them, never checked.",
            example="We are ready.",
        ),
        Field("notes", "text", NOTES_DOC, example="Typo kept verbatim."),
        CITE,
        FORMERLY,
    ),
    requires=(("speaker",), ("attributed_as",)),
    requires_hint="give 'speaker: ACTOR-ID' (or a list of ids), or, when the source names no one, "
    "'attributed_as: \"...\"' with its words for the speaker",
)

WORDING = Schema(
    "wording",
    "How one source words a date (an item of a 'date_text' list).",
    (
        Field("source", "ref", "Id of the source that words it so.", True, target="source", example="report-a"),
        Field("text", "text", "The source's words, verbatim.", True, example="on Nov. 15"),
    ),
)

POSITION = Schema(
    "position",
    "One side of a dispute.",
    (
        Field("summary", "text", "The position in one neutral sentence.", True, example="A summit was agreed."),
        Field("held_by", "refs", "Ids of the actors that hold it.", target="actor", example=["emmanuel-macron"]),
        Field(
            "statements",
            "refs",
            "Ids of statements that back it.",
            target="statement",
            example=["psaki-committed-to-diplomacy"],
        ),
        Field(
            "cite",
            "citations",
            "Citations that back it directly.",
            example=[{"source": "macron-announcement", "quote": "will hold a summit in Moscow"}],
        ),
    ),
)

DISPUTE = Schema(
    "dispute",
    "A point where actors or sources disagree (content/disputes.yaml).",
    (
        Field("id", "slug", "Unique id.", True, example="summit-agreed"),
        Field("question", "text", "The question in dispute.", True, example="Was a summit agreed?"),
        Field(
            "kind",
            "choice",
            "contested-claim, source-discrepancy or single-source.",
            True,
            choices=DISPUTE_KINDS,
            example="contested-claim",
        ),
        Field(
            "status",
            "choice",
            "open, resolved or noted, as of the briefing date.",
            True,
            choices=DISPUTE_STATUSES,
            example="open",
        ),
        Field("assessment", "text", "A short, neutral assessment.", True, example="Only France says so."),
        Field("positions", "positions", "Two or more positions.", True),
        Field(
            "cite",
            "citations",
            "Citations about the dispute as a whole.",
            example=[{"source": "macron-announcement", "quote": "will hold a summit in Moscow"}],
        ),
        FORMERLY,
    ),
)

CORRECTION = Schema(
    "correction",
    "A correction of an earlier edition, published as newsrooms publish them (content/corrections.yaml).",
    (
        Field("date", "date", "The day the correction was made (YYYY-MM-DD).", True, example="2022-02-23"),
        Field(
            "said",
            "text",
            "What the earlier edition said, completing 'An earlier version of this briefing said ...'.",
            True,
            example="that the call took place on Saturday",
        ),
        Field(
            "now",
            "text",
            "What it says now, completing 'It now says ...'.",
            True,
            example="that it took place on Sunday, as both reports give it",
        ),
        Field(
            "facts",
            "refs",
            "Ids of the facts the correction changed: each is marked 'corrected', linking here.",
            target="actor|event|statement|dispute",
            example=["macron-putin-call"],
        ),
    ),
)

ITEM_SCHEMAS = {"source": SOURCE, "actor": ACTOR, "event": EVENT, "statement": STATEMENT, "dispute": DISPUTE}
"""The schema of each kind (model/kinds.py), by kind name."""
PART_SCHEMAS = {"positions": POSITION}
"""The schema of the parts a field of this type holds (each part checked like an item)."""
ALL_SCHEMAS = (BRIEFING, SOURCE, ACTOR, EVENT, STATEMENT, DISPUTE, POSITION, CITATION, WORDING, CORRECTION)
