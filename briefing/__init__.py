"""briefing: source-traced briefing reports as a static site and a PDF handout."""

__version__ = "0.1.0"
