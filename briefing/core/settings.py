"""What a build is asked to do (kept apart from build.py so the skip check imports nothing heavy)."""

from __future__ import annotations

import argparse
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
    jobs: int = 0
    """Processes making the site's files (publish/workers.py); 0: one per CPU (at most 4) for a large
    briefing, one for a small one. The files are the same whatever the number."""

    @property
    def out_dir(self) -> Path:
        return self.out if self.out is not None else self.root / "site"


SUGGESTED_DIR = "suggested"
"""content/suggested/: what `briefing suggest --write` proposes. Never loaded, published or counted,
and no input of a build: a curator moves the items they accept into the real content files."""


def jobs_option(text: str) -> int:
    """``--jobs N``: a whole number of processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, not {text!r}")
    return int(text)
