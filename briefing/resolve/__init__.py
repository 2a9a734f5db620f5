"""Provenance (quotes -> sentence spans), references, validation, coverage, curation analysis."""
