"""Where a cold build's CPU goes: imports, the check, what every page shares, and each kind of file.

Run: python benchmarks/corpus.py 1000 /tmp/n1000
     TMPDIR=$(mktemp -d) python benchmarks/bench_files.py /tmp/n1000

One process, CPU seconds (``time.process_time``: steadier than wall time on a shared machine).
The files are made one after another, as ``briefing build --jobs 1`` makes them (a parallel build
shares the same calls among processes); an empty ``TMPDIR`` makes it cold. Figures only.
"""

from __future__ import annotations

import time

started = time.process_time()

import argparse  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.build import _collector_tuned, check  # noqa: E402
from briefing.outputs.export import data_json_chunks  # noqa: E402
from briefing.outputs.files import Task, whole  # noqa: E402
from briefing.outputs.site_pages import page_tasks  # noqa: E402
from briefing.outputs.web import web_file_tasks  # noqa: E402

BUILT = datetime(2024, 1, 1, tzinfo=UTC)


def kind(rel: str) -> str:
    """actors/x.html -> actors; statements-3.html -> statements; data.json -> data.json."""
    if "/" in rel:
        return rel.split("/")[0] + "/"
    return rel.split("-")[0].split(".")[0] if rel.endswith(".html") else rel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    print(f"imports              {time.process_time() - started:6.2f} s")
    with _collector_tuned():
        clock = time.process_time()
        checked = check(args.project)
        assert checked.model is not None, "the project does not check"
        print(f"check                {time.process_time() - clock:6.2f} s")
        clock = time.process_time()
        model, links = checked.model, checked.links
        tasks: list[Task] = [("data.json", partial(data_json_chunks, model, links, checked.coverage))]
        tasks += page_tasks(model, links, args.project, BUILT)
        tasks += web_file_tasks(model, links, BUILT, [rel for rel, _ in tasks])
        print(f"shared by the pages  {time.process_time() - clock:6.2f} s")
        spent: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        for rel, make in tasks:
            clock = time.process_time()
            whole(make())
            spent[kind(rel)] += time.process_time() - clock
            count[kind(rel)] += 1
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:18} {seconds:6.2f} s  {count[name]:5} files")
    print(f"files                {sum(spent.values()):6.2f} s  {len(tasks):5} files")


if __name__ == "__main__":
    main()
