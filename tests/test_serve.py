"""`briefing serve` against a real server on 127.0.0.1 with real file changes (bounded time, stops itself)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM_ARGS, require_tool

from briefing.build import Settings
from briefing.cli import main
from briefing.tools.scaffold import create
from briefing.tools.serve import VERSION_PATH, Server, inject, serve_until_interrupted, snapshot

TIMEOUT = 15.0


def wait_for(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def get(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read(), dict(response.headers)


def version(base: str) -> dict[str, Any]:
    body, _ = get(base + VERSION_PATH.lstrip("/"))
    result: dict[str, Any] = json.loads(body)
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "p"
    create(target)
    return target


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    running = Server(Settings(project, pdf=False), "127.0.0.1", 0, log=lambda m: None, poll=0.05)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def test_inject_before_body_end() -> None:
    page = inject(b"<html><body><p>x</p></BODY></html>", 7)
    assert page.startswith(b"<html><body><p>x</p><script>")
    assert page.endswith(b"</script>\n</BODY></html>")
    assert b"var seen = 7" in page and VERSION_PATH.encode() in page
    assert inject(b"<p>fragment</p>", 1).startswith(b"<p>fragment</p><script>")


def test_snapshot_sees_changes_but_not_editor_files(project: Path) -> None:
    before = snapshot(project)
    assert str(project / "content" / "events.yaml") in before
    assert not any("site" in Path(p).relative_to(project).parts[:1] for p in before)
    (project / "content" / ".events.yaml.swp").write_text("x", encoding="utf-8")
    (project / "content" / "events.yaml~").write_text("x", encoding="utf-8")
    assert snapshot(project) == before
    (project / "templates" / "index.html").write_text("x", encoding="utf-8")
    assert snapshot(project) != before


def test_serves_rebuilds_and_keeps_the_last_good_site(server: Server, project: Path) -> None:
    base = server.url
    assert base.startswith("http://127.0.0.1:")
    assert version(base) == {"version": 1, "errors": "", "handout": 0}

    page, headers = get(base)
    assert b"Riverside library closure" in page
    assert b"/__briefing/version" in page and headers["Cache-Control"] == "no-store"
    built = project / "site" / "index.html"
    assert b"__briefing" not in built.read_bytes(), "the script must never reach the built files"
    data, _ = get(base + "data.json")
    assert b"<script" not in data and json.loads(data)

    # A real edit: the server notices, rebuilds, bumps the version, serves the new page.
    edit(project / "content" / "briefing.yaml", "title: Riverside library closure", "title: Riverside library news")
    status = wait_for(lambda: (v := version(base))["version"] >= 2 and v, "a rebuild after an edit")
    assert status["errors"] == ""
    assert b"Riverside library news" in get(base)[0]

    # A broken edit: diagnostics in the status, the last good site still served and untouched on disk.
    good = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    edit(project / "content" / "events.yaml", "status: scheduled", "status: sheduled")
    status = wait_for(lambda: (v := version(base))["errors"] and v, "a failed rebuild")
    assert "content/events.yaml:" in status["errors"] and "[schema.bad-choice]" in status["errors"]
    assert "did you mean 'scheduled'?" in status["errors"]
    assert b"Riverside library news" in get(base)[0]
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == good

    # Fixed: a new version without errors, so open pages reload.
    failed_version = status["version"]
    edit(project / "content" / "events.yaml", "status: sheduled", "status: scheduled")
    status = wait_for(lambda: (v := version(base))["version"] > failed_version and v, "a rebuild after the fix")
    assert status["errors"] == ""


def test_a_source_page_is_injected_too(server: Server) -> None:
    page, headers = get(server.url + "sources/library-report.html")
    assert b"__briefing/version" in page and headers["Content-Type"].startswith("text/html")
    css, _ = get(server.url + "style.css")
    assert b"__briefing" not in css


def test_a_good_rebuild_logs_its_warnings(project: Path) -> None:
    logged: list[str] = []
    with (project / "content" / "actors.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: nobody\n  name: Nobody\n  kind: person\n  cite:\n")
        f.write("    - source: library-report\n      quote: Mayor Lena Okafor\n")
    running = Server(Settings(project, pdf=False), "127.0.0.1", 0, log=logged.append, poll=0.05)
    running.start()
    running.stop()
    assert any("[actor.unused]" in line and "'nobody'" in line for line in logged), logged
    assert logged[-1].startswith("rebuilt in ") and logged[-1].endswith(", 1 warning")


def test_placeholder_when_there_is_no_good_build(tmp_path: Path) -> None:
    create(tmp_path)
    edit(tmp_path / "content" / "events.yaml", "status: scheduled", "status: soon")
    running = Server(Settings(tmp_path, pdf=False), "127.0.0.1", 0, log=lambda m: None, poll=0.05)
    running.start()
    try:
        assert "[schema.bad-choice]" in version(running.url)["errors"]
        page, _ = get(running.url)
        assert b"No good build yet" in page and b"__briefing/version" in page
        assert not (tmp_path / "site").exists()
    finally:
        running.stop()


def test_port_in_use_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["-C", str(project), "serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "--port 0" in err


def test_ctrl_c_as_the_address_is_printed_stops_cleanly(project: Path) -> None:
    """SIGINT may land right after 'serving ... at URL' is printed: the server still stops and closes its port.

    (The address used to be printed before the ``try`` that catches Ctrl-C: a flaky traceback.)
    """
    running = Server(Settings(project, pdf=False), "127.0.0.1", 0, log=lambda m: None, poll=0.05)
    address = running.httpd.server_address[:2]

    def interrupted(url: str) -> None:
        raise KeyboardInterrupt

    serve_until_interrupted(running, started=interrupted)
    assert running.stopped.is_set()
    with pytest.raises(OSError):
        socket.create_connection(address, timeout=1).close()


def test_cli_serve_process(project: Path) -> None:
    """The real command: prints its URL, serves, and stops cleanly on Ctrl-C (SIGINT)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "-C", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(process.stdout.readline() if process.stdout else ""))
        reader.start()
        reader.join(TIMEOUT)
        assert line and "serving" in line[0], line
        url = line[0].split(" at ", 1)[1].split()[0]
        assert b"Riverside library closure" in get(url)[0]
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
        assert "stopped" in out and "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_browser_reloads_and_shows_the_overlay(server: Server, project: Path) -> None:
    """In Chromium: an edit reloads the open page; a broken edit shows the diagnostics over it."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            outside: list[str] = []
            page.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
            page.goto(server.url)
            edit(project / "content" / "briefing.yaml", "title: Riverside library closure", "title: Reloaded title")
            page.wait_for_function("document.title.includes('Reloaded title')", timeout=TIMEOUT * 1000)
            edit(project / "content" / "events.yaml", "status: scheduled", "status: sheduled")
            overlay = page.wait_for_selector("#briefing-serve-errors", timeout=TIMEOUT * 1000)
            assert overlay is not None
            text = overlay.text_content() or ""
            assert "Rebuild failed" in text and "[schema.bad-choice]" in text
            assert "Reloaded title" in page.title()
            assert outside == []
        finally:
            browser.close()


# -- hardening (issue 22): odd paths, symlinks out of site/, held connections, DNS rebinding -----------


def _raw(server: Server, request: bytes) -> bytes:
    """Send one raw HTTP request; the whole answer (the server closes after one response)."""
    host, port = server.httpd.server_address[:2]
    with socket.create_connection((str(host), port), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "path",
    ["/%00", "/a%00b.html", "/" + "x" * 300, "/" + "x" * 300 + ".html", "/sources/" + "y" * 300 + "/"],
    ids=["nul", "nul-html", "long-segment", "long-html", "long-dir"],
)
def test_odd_paths_get_an_answer_not_a_traceback(server: Server, path: str, capfd: pytest.CaptureFixture[str]) -> None:
    answer = _raw(server, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    assert _status(answer) in (400, 404)
    assert "Traceback" not in capfd.readouterr().err


def test_symlinks_out_of_the_site_are_not_followed(server: Server, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("the build machine's secret\n", encoding="utf-8")
    site = server.settings.out_dir
    (site / "leak.txt").symlink_to(outside)
    (site / "leak.html").symlink_to(outside)
    (site / "rootdir").symlink_to("/")
    for path in ("/leak.txt", "/leak.html", "/rootdir/", "/rootdir/etc/hostname"):
        answer = _raw(server, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        assert _status(answer) == 404, path
        assert b"secret" not in answer and b"etc/" not in answer


def test_a_link_inside_the_site_is_still_served(server: Server) -> None:
    site = server.settings.out_dir
    (site / "alias.css").symlink_to(site / "style.css")
    answer = _raw(server, b"GET /alias.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert _status(answer) == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", ""])
def test_requests_for_another_host_name_are_refused(server: Server, host: str) -> None:
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends its own name."""
    header = f"Host: {host}\r\n" if host else ""
    for path in ("/", VERSION_PATH):
        answer = _raw(server, f"GET {path} HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode())
        assert _status(answer) in (400, 421), (host, path)
        assert b"version" not in answer.split(b"\r\n\r\n", 1)[-1]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.0.0.1:{port}", "localhost:{port}"])
def test_requests_for_a_loopback_name_are_served(server: Server, host: str) -> None:
    port = server.httpd.server_address[1]
    header = host.format(port=port)
    answer = _raw(server, f"GET / HTTP/1.1\r\nHost: {header}\r\nConnection: close\r\n\r\n".encode())
    assert _status(answer) == 200


def test_held_connections_use_a_bounded_number_of_threads(server: Server) -> None:
    """Counted, not timed: connections that send nothing never take more than MAX_THREADS threads."""
    from briefing.tools.serve import MAX_THREADS

    host, port = server.httpd.server_address[:2]
    before = threading.active_count()
    held = [socket.create_connection((str(host), port), timeout=5) for _ in range(4 * MAX_THREADS)]
    try:
        time.sleep(0.5)  # let the server accept them all
        assert threading.active_count() - before <= MAX_THREADS
    finally:
        for sock in held:
            sock.close()
    answer = wait_for(
        lambda: _try_get(server), "a normal request after the held connections are released", timeout=TIMEOUT
    )
    assert _status(answer) == 200


def _try_get(server: Server) -> bytes | None:
    try:
        answer = _raw(server, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    except OSError:
        return None
    return answer if answer and _status(answer) == 200 else None
