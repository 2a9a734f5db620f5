"""``briefing add URL``: the one place briefing goes on the network, and only when asked to.

The raw response body is kept byte for byte as the original; the final address (after
redirects) and the time of capture are recorded with it. Builds and checks never fetch.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from briefing.core.version import __version__

MAX_BYTES = 100 * 1024 * 1024
TIMEOUT = 30


class FetchError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Fetched:
    body: bytes
    final_url: str
    captured_at: str
    """UTC, ISO 8601 to the second."""
    content_type: str
    name: str
    """A file name the address suggests (its last path segment), possibly empty."""


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def fetch(url: str) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": f"briefing/{__version__} (briefing add)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            final, headers = response.geturl(), response.headers
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered {exc.code} {exc.reason}", "check the address in a browser") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot fetch {url}: {reason}", "check the address and your connection") from exc
    if len(body) > MAX_BYTES:
        raise FetchError(f"{url} is larger than {MAX_BYTES // 2**20} MB", "save the file yourself and add the file")
    captured = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Fetched(body, final, captured, _content_type(headers), final.split("?")[0].rstrip("/").rsplit("/", 1)[-1])


def _content_type(headers: Message) -> str:
    return (headers.get_content_type() or "").lower()
