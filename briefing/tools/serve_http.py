"""The HTTP side of ``briefing serve``: site/ as static files, the version endpoint, the reload script.

HTML *responses* (never the built files) get a tiny inline script that polls
``/__briefing/version``; the server answers 127.0.0.1 and localhost only (DNS
rebinding), with a bounded number of threads.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION_PATH = "/__briefing/version"

# Polls the version; reloads on a new good build, shows an overlay while the last build failed.
RELOAD_SCRIPT = """<script>/* injected by briefing serve; not in the built files */
(function () {
  var seen = %d, box = null;
  function overlay(text) {
    if (!text) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "briefing-serve-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;" +
        "background:#fff0f0;color:#600;border-top:3px solid #c00;font:13px/1.4 monospace;z-index:2147483647;" +
        "white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Rebuild failed; showing the last good build.\\n\\n" + text;
  }
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== seen && !s.errors) { location.reload(); return; }
      overlay(s.errors);
      setTimeout(poll, 500);
    }).catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
</script>
"""


PLACEHOLDER = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No build yet</title></head>
<body><h1>No good build yet</h1><p>Fix the problems shown below; this page reloads by itself.</p></body></html>
"""


@dataclass(frozen=True)
class Status:
    version: int
    """Bumped after every rebuild, good or failed."""
    errors: str
    """The failed build's diagnostics as text; empty when the last build succeeded."""
    handout: int = 0
    """Handouts published so far (a new one does not reload the page: only its link changes)."""


_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class BuildState:
    """The latest build's outcome, shared by the watcher thread and the request handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = Status(0, "")

    @property
    def status(self) -> Status:
        with self._lock:
            return self._status

    def record(self, errors: str) -> Status:
        with self._lock:
            self._status = Status(self._status.version + 1, errors, self._status.handout)
            return self._status

    def handout_published(self) -> Status:
        with self._lock:
            self._status = replace(self._status, handout=self._status.handout + 1)
            return self._status


def inject(html: bytes, version: int) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    script = (RELOAD_SCRIPT % (version, VERSION_PATH)).encode("utf-8")
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


MAX_THREADS = 32
"""Connections handled at once; more get 503 at once (a thread each stalled serve for minutes at 3,000)."""
IDLE_SECONDS = 10
"""A connection that sends nothing for this long is closed, freeing its thread."""


def allowed_host(value: str | None) -> bool:
    """A Host header naming this machine by address or as localhost, never by another name.

    DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 could read
    the preview and a failed build's diagnostics (source lines included); its requests carry its name.
    """
    host = (value or "").strip()
    if host.startswith("["):
        name, _, port = host[1:].partition("]")
        port = port.removeprefix(":")
    else:
        name, _, port = host.partition(":")
    if not name or (port and not port.isdigit()):
        return False
    if name.lower() == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _Refused(Exception):
    """A path that resolves outside site/ (a symlink out of it): answered 404."""


class Handler(SimpleHTTPRequestHandler):
    """Static files from site/, the version endpoint, and the script injected into HTML responses."""

    state: BuildState
    timeout = IDLE_SECONDS

    def __init__(self, *args: Any, state: BuildState, directory: str, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=directory, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build results, not one line per request

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_HEAD(self) -> None:
        self._answer(super().do_HEAD)

    def _answer(self, respond: Callable[[], None]) -> None:
        if not allowed_host(self.headers.get("Host")):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "serve answers to 127.0.0.1 or localhost only")
            return
        try:
            respond()
        except (OSError, ValueError, _Refused):  # a NUL or an over-long name in the path, a link out
            self.send_error(HTTPStatus.NOT_FOUND)

    def translate_path(self, path: str) -> str:
        """The file a path names, refused (404) when it resolves outside site/: a symlink out of it."""
        target = super().translate_path(path)
        root = os.path.realpath(self.directory)
        real = os.path.realpath(target)
        if real != root and not real.startswith(root + os.sep):
            raise _Refused(path)
        return target

    def _get(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == VERSION_PATH:
            status = self.state.status
            body = {"version": status.version, "errors": status.errors, "handout": status.handout}
            self._send(json.dumps(body).encode(), "application/json")
            return
        page = self._html_page(path)
        if page is None and path in ("/", "/index.html"):
            page = PLACEHOLDER  # no good build yet: a page to carry the overlay and the reload
        if page is None:
            super().do_GET()
            return
        self._send(inject(page, self.state.status.version), "text/html; charset=utf-8")

    def _html_page(self, path: str) -> bytes | None:
        """The bytes of the HTML file a path names, or None for anything else (served as is)."""
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                return None  # let the base class redirect to the slash form
            target = target / "index.html"
        if target.suffix != ".html":
            return None
        try:
            return target.read_bytes()
        except OSError:
            return None  # missing, or gone in a rebuild's swap: the base class answers 404

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(MAX_THREADS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):  # a fresh socket's buffer takes this without blocking
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response (a reload): nothing to report
        super().handle_error(request, client_address)
