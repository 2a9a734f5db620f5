"""What a build is asked to do (kept apart from build.py so the skip check imports nothing heavy)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    root: Path
    """The project folder (holding content/ and seeds/)."""
    out: Path | None = None
    """Output folder; default ``root/site``."""
    strict: bool = False
    """Fail on warnings too."""
    pdf: bool = True
    """Also write the PDF handout (site/briefing.pdf)."""
    paper: str | None = None
    """The handout's paper, a key of pdf.PAGE_SIZES; None: briefing.yaml's ``paper``, else a4."""

    @property
    def out_dir(self) -> Path:
        return self.out if self.out is not None else self.root / "site"


SUGGESTED_DIR = "suggested"
"""content/suggested/: what `briefing suggest --write` proposes. Never loaded, published or counted,
and no input of a build: a curator moves the items they accept into the real content files."""
