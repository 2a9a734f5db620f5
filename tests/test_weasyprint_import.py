"""outputs/weasyprint_import.py: one `ldconfig -p` instead of a subprocess per library name."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.outputs import weasyprint_import

REPO = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not Path(weasyprint_import.LDCONFIG).exists(), reason="needs ldconfig (Linux)")

COUNT_SPAWNS = """
import subprocess, sys
spawned = []
original = subprocess.Popen.__init__
def counting(self, *args, **kwargs):
    spawned.append(args[0] if args else kwargs.get("args"))
    return original(self, *args, **kwargs)
subprocess.Popen.__init__ = counting
{body}
print(len(spawned), "weasyprint" in sys.modules)
"""


def spawns(body: str) -> tuple[int, bool]:
    code = COUNT_SPAWNS.format(body=body)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    count, imported = done.stdout.split()
    return int(count), imported == "True"


@linux_only
def test_the_import_runs_one_subprocess_where_the_standard_one_runs_many() -> None:
    fast = spawns("from briefing.outputs.weasyprint_import import import_weasyprint; import_weasyprint()")
    standard = spawns("import weasyprint")
    assert fast == (1, True)
    assert standard[0] > 10 and standard[1]


@linux_only
@pytest.mark.parametrize(
    "name", ["pango-1.0", "gobject-2.0", "harfbuzz", "fontconfig", "pangoft2-1.0", "no-such-lib-x"]
)
def test_names_resolve_as_find_library_resolves_them(name: str) -> None:
    find = weasyprint_import._finder(weasyprint_import._ldconfig_listing())
    assert find(name) == ctypes.util.find_library(name)


@linux_only
def test_a_library_ldconfig_misses_is_found_by_the_standard_look_up() -> None:
    body = (
        "import sys, ctypes.util\n"
        "from briefing.outputs import weasyprint_import as w\n"
        "class FailOnce:\n"  # the first import fails as a missing library makes it fail
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'weasyprint':\n"
        "            sys.meta_path.remove(self)\n"
        "            assert ctypes.util.find_library.__module__ == w.__name__\n"
        "            raise OSError('cannot load library')\n"
        "sys.meta_path.insert(0, FailOnce())\n"
        "module = w.import_weasyprint()\n"
        "assert ctypes.util.find_library.__module__ == 'ctypes.util' and module.HTML is not None"
    )
    count, imported = spawns(body)
    assert imported and count > 10  # the second, standard import did its own look-ups
