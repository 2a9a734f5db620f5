"""Shared ground: diagnostics, the build clock, settings and disk caches."""
