"""BCP 47 language tags: the primary subtag, and which way a language's script runs."""

from __future__ import annotations

# Languages written right to left by default (Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish,
# Dhivehi, Sindhi, Uyghur, Central Kurdish, Syriac); a script subtag overrides the default.
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb", "syr"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


def primary(tag: str) -> str:
    """The primary subtag, lower-cased: ``pt-BR`` -> ``pt``; no tag -> ``en``."""
    return (tag.replace("_", "-").split("-", 1)[0] or "en").lower()


def direction(tag: str) -> str:
    """``rtl`` or ``ltr`` for text in ``tag``: ``ar`` and ``ku-Arab`` are rtl, ``az-Latn`` ltr."""
    subtags = tag.replace("_", "-").lower().split("-")
    scripts = [s for s in subtags[1:] if len(s) == 4 and s.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in RTL_SCRIPTS else "ltr"
    return "rtl" if primary(tag) in RTL_LANGUAGES else "ltr"
