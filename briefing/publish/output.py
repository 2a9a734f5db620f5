"""The only writer: build the site in a temporary folder beside it, then swap it in.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call, so at every
instant ``site/`` is either the whole old site or the whole new one, even if
the process is killed. Elsewhere two renames are used. A lock file keeps two
builds from interleaving.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from pathlib import Path

from briefing.core.diagnostics import BriefingError, Location, error
from briefing.outputs.files import FileData, whole

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(BriefingError):
    """The site could not be written (a lock, a permission, a folder that is not a site)."""


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


@contextmanager
def build_lock(out_dir: Path, root: Path) -> Iterator[None]:
    """Hold an exclusive lock for the output folder, or fail at once with a clear message."""
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    _check_target(out_dir, root)  # before the lock file: a refused --out site/sources left one in site/
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)  # --out may name a folder that does not exist yet
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(
            error(
                "output.not-writable",
                f"cannot write beside {_display(out_dir, root)}: {_reason(exc, out_dir, root)}",
                Location(_display(out_dir, root)),
                "choose an output folder you can write to (--out)",
            )
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                error(
                    "output.locked",
                    f"another build is writing {_display(out_dir, root)}",
                    Location(_display(out_dir, root)),
                    "wait for it to finish; the lock is released when it exits",
                )
            ) from None
        yield
    finally:
        os.close(fd)


def _reason(exc: OSError, out_dir: Path, root: Path) -> str:
    """The system's reason, naming the file that stands where a folder is needed if that is the cause."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        blocking = next((p for p in out_dir.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return f"{_display(blocking, root)} is a file, not a folder"
    return exc.strerror or type(exc).__name__


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _remove_stale(out_dir: Path) -> None:
    """Temporary folders left by a killed build (we hold the lock, so none is live)."""
    for stale in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        remove_tree(stale)


def remove_tree(path: Path) -> None:
    """Remove a folder of ours even where its folders are read-only (a site made read-only, swapped out:
    rmtree alone left it behind as .site.tmp-* for ever)."""
    with contextlib.suppress(OSError):
        for folder, _, _ in os.walk(path):
            os.chmod(folder, stat.S_IRWXU)
    shutil.rmtree(path, ignore_errors=True)


def _replaceable(out_dir: Path) -> bool:
    """A build replaces the whole folder: only a new or empty one, or a site we built (its data.json)."""
    try:
        if not out_dir.is_dir() or not any(out_dir.iterdir()):
            return True
        data = json.loads((out_dir / "data.json").read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "schema_version" in data


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    for rel in sorted(files):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])


def _check_target(out_dir: Path, root: Path) -> None:
    """Refuse an output path that is a file, or a folder that is not a site briefing wrote."""
    shown = _display(out_dir, root)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            error(
                "output.not-a-directory",
                f"output path {shown} is a file, not a folder",
                Location(shown),
                "remove the file or choose another --out",
            )
        )
    if not _replaceable(out_dir):
        raise OutputError(
            error(
                "output.not-a-site",
                f"output folder '{shown}' holds files briefing did not write; refusing to replace them",
                Location(shown),
                "a build replaces the whole folder: choose a new or empty one with --out, or delete this one",
            )
        )


def publish(out_dir: Path, files: Mapping[str, bytes], root: Path) -> None:
    """Replace ``out_dir`` with exactly ``files``. Raises OutputError with a diagnostic."""
    with staged(out_dir, root) as out:
        for rel in sorted(files):
            out[rel] = files[rel]


class Staging(MutableMapping[str, bytes]):
    """The new site as it is made: each file written to the staging folder when it is set, not held.

    Reads come back from the disk, so a later stage (the PDF's fetcher) sees exactly the files so far.
    """

    def __init__(self, folder: Path, shown: str) -> None:
        self.folder = folder
        self.shown = shown
        self.digests: dict[str, str] = {}
        """Relative path -> SHA-256 of what was written (the build manifest's)."""

    def __setitem__(self, rel: str, data: bytes) -> None:
        try:
            write_files(self.folder, {rel: data})
        except OSError as exc:
            raise _not_writable(self.shown, exc) from None
        self.digests[rel] = hashlib.sha256(data).hexdigest()

    def write_text(self, rel: str, chunks: Iterable[str]) -> None:
        """A file written as its text is made (data.json), never held whole."""
        digest = hashlib.sha256()
        target = self.folder / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as file:
                for part in _batches(chunks):
                    file.write(part)
                    digest.update(part)
        except OSError as exc:
            raise _not_writable(self.shown, exc) from None
        self.digests[rel] = digest.hexdigest()

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self.digests:
            raise KeyError(rel)
        return (self.folder / rel).read_bytes()

    def __delitem__(self, rel: str) -> None:
        (self.folder / rel).unlink()
        del self.digests[rel]

    def __iter__(self) -> Iterator[str]:
        return iter(self.digests)

    def __len__(self) -> int:
        return len(self.digests)


def put(files: MutableMapping[str, bytes], rel: str, made: FileData) -> None:
    """One file into ``files``: bytes set, text made piece by piece written as it comes where ``files`` can
    (the staging folder: data.json is never held whole), else joined."""
    if isinstance(files, Staging) and not isinstance(made, bytes):
        files.write_text(rel, made)
    else:
        files[rel] = whole(made)


def _batches(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Small strings (a JSON encoder yields one per token) joined into writes of about ``size`` characters."""
    batch: list[str] = []
    held = 0
    for chunk in chunks:
        batch.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(batch).encode("utf-8")
            batch, held = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def _not_writable(shown: str, exc: OSError) -> OutputError:
    return OutputError(
        error(
            "output.not-writable",
            f"cannot write {shown}: {exc.strerror}",
            Location(shown),
            "check free space and permissions, or choose another --out",
        )
    )


@contextmanager
def staged(out_dir: Path, root: Path) -> Iterator[Staging]:
    """A staging folder beside ``out_dir`` to write the new site into; swapped in when the block ends
    without an exception, else removed (``out_dir`` untouched). Raises OutputError with a diagnostic."""
    shown = _display(out_dir, root)
    _check_target(out_dir, root)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputError(
            error(
                "output.not-writable",
                f"cannot write {shown}: {exc.strerror}",
                Location(shown),
                "choose an output folder you can write to (--out)",
            )
        ) from None
    try:
        yield Staging(staging, shown)
        staging = _swap(staging, out_dir, shown)
    finally:
        if staging.exists():
            remove_tree(staging)


def _swap(staging: Path, out_dir: Path, shown: str) -> Path:
    """Put the staged site in place of ``out_dir``; return what is left to remove (the old site)."""
    try:
        staging.chmod(0o755)
        if not out_dir.exists():
            staging.rename(out_dir)
            return staging  # no longer exists
        if _exchange(staging, out_dir):
            return staging  # now the old site
        old = out_dir.with_name(f".{out_dir.name}.tmp-old")
        out_dir.rename(old)
        staging.rename(out_dir)
        return old
    except OSError as exc:
        raise _not_writable(shown, exc) from None
