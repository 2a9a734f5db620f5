"""The content's own words that the page shows as they are: translated through ``_()`` in the templates.

A status, a mode or a kind is a value of the field table (load/schema.py) and the page shows it to
readers (``{{ _(e.status) }}``); the catalog needs each one as a msgid, and Babel's extractor finds
only literal strings, so they are listed here. tests/test_catalogs.py checks the list against the
schema's choices, so a new choice cannot reach the page untranslated.
"""

from __future__ import annotations

N_ = str
"""Marks a string for the catalog (Babel's extractor finds ``N_("...")``) and returns it unchanged."""

WORDS = (
    # actors' kinds
    *(N_("person"), N_("state"), N_("institution"), N_("organisation"), N_("group"), N_("media"), N_("place")),
    # events' statuses
    *(N_("occurred"), N_("ongoing"), N_("alleged"), N_("scheduled"), N_("proposed"), N_("conditional")),
    N_("cancelled"),
    # statements' modes
    *(N_("direct"), N_("paraphrase"), N_("reported")),
    # disputes' statuses, and how each kind is named (views.DISPUTE_KINDS)
    *(N_("open"), N_("resolved"), N_("noted")),
    *(N_("contested claim"), N_("unconfirmed: one source"), N_("the sources differ")),
    # sentences that are not the running text (load/evidence.py)
    *(N_("heading"), N_("caption")),
    # the CSV tables' titles (tables.TABLES: the kinds' plurals)
    *(N_("sources"), N_("actors"), N_("events"), N_("statements"), N_("disputes")),
)
