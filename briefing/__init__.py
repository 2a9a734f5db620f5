"""briefing: source-traced briefing reports as a static site and a PDF handout.

The public API (docs/api.md)::

    from briefing import build, check, Settings, BuildResult, Diagnostic
"""

__version__ = "0.1.0"

from briefing.build import BuildResult, Checked, Summary, build, check
from briefing.core.diagnostics import BriefingError, Diagnostic, Location, Severity
from briefing.core.settings import Settings

__all__ = [
    "BriefingError",
    "BuildResult",
    "Checked",
    "Diagnostic",
    "Location",
    "Settings",
    "Severity",
    "Summary",
    "__version__",
    "build",
    "check",
]
