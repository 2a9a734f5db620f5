"""Import WeasyPrint without a subprocess per shared-library look-up.

WeasyPrint finds pango, harfbuzz and friends with ``ctypes.util.find_library``,
which on Linux runs ``ldconfig -p`` (and, for a name it misses, ``gcc`` and
``ld``) for each of its 22 candidate names: 0.2-0.3 s of subprocesses per
import. Here one ``ldconfig -p`` answers every name, the way ``find_library``
reads it. Should a library then fail to load (a system where only gcc or ld
finds it), the import is simply done again with the standard look-up.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import cast

LDCONFIG = "/sbin/ldconfig"
# ctypes.util's names for the ABI column of `ldconfig -p`, by machine and word size.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit", "s390x-64": "libc6,64bit"}


def import_weasyprint() -> ModuleType:
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux") or not os.access(LDCONFIG, os.X_OK):
        import weasyprint

        return cast(ModuleType, weasyprint)
    listing = _ldconfig_listing()
    standard = ctypes.util.find_library
    ctypes.util.find_library = _finder(listing)  # type: ignore[assignment]
    try:
        import weasyprint
    except OSError:  # a library only gcc or ld would have found: the standard look-up, from scratch
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = standard
        import weasyprint
    finally:
        ctypes.util.find_library = standard
    return cast(ModuleType, weasyprint)


def _ldconfig_listing() -> bytes:
    try:
        done = subprocess.run(
            [LDCONFIG, "-p"], stdin=subprocess.DEVNULL, capture_output=True, env={"LC_ALL": "C", "LANG": "C"}
        )
    except OSError:
        return b""
    return done.stdout


def _finder(listing: bytes) -> Callable[[str], str | None]:
    word = "-64" if struct.calcsize("l") == 8 else "-32"
    abi = _ABI.get(os.uname().machine + word, "libc6")

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing)
        return os.fsdecode(found.group(1)) if found else None

    return find_library
