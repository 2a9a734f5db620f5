"""The content model: facts, documents and dates (frozen dataclasses, no I/O)."""
