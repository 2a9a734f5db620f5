"""The package's version, where every layer may read it (the PDF's producer, the CLI, fetch's user agent)."""

__version__ = "0.1.0"
