"""Where a followed live feed comes from: NASCAR's URL, or a file another program rewrites.

`fetch()` returns the new snapshot's bytes, or None when nothing changed since the last call:
the URL is asked with ETag/Last-Modified (NASCAR republishes every ~45 s after the flag), the
file by its modification time and size. Failures are `FeedSourceError`s with a reason to show.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from domain.feeds import FeedSourceError

# NASCAR's CDN answers 403 without a browser's User-Agent (FEEDS.md, access behaviour).
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
TIMEOUT_S = 10
MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024


class UrlSource:
    def __init__(self, url: str) -> None:
        self.url = url
        self._etag: str | None = None
        self._last_modified: str | None = None

    @property
    def label(self) -> str:
        return self.url

    def fetch(self) -> bytes | None:
        request = urllib.request.Request(self.url, headers={"User-Agent": BROWSER_USER_AGENT})
        if self._etag:
            request.add_header("If-None-Match", self._etag)
        if self._last_modified:
            request.add_header("If-Modified-Since", self._last_modified)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                data = response.read(MAX_SNAPSHOT_BYTES + 1)
                self._etag = response.headers.get("ETag") or self._etag
                self._last_modified = response.headers.get("Last-Modified") or self._last_modified
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return None
            raise FeedSourceError(f"{self.url} answered {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FeedSourceError(f"cannot reach {self.url} ({reason}); offline?") from exc
        if len(data) > MAX_SNAPSHOT_BYTES:
            raise FeedSourceError(f"{self.url} sent more than 16 MB: not a live feed")
        return data


class FileSource:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        return str(self.path)

    def fetch(self) -> bytes | None:
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp == self._seen:
                return None
            data = self.path.read_bytes()
        except OSError as exc:
            raise FeedSourceError(f"cannot read {self.path} ({exc.strerror or exc})") from exc
        self._seen = stamp
        return data


def open_source(text: str) -> UrlSource | FileSource:
    """A URL (http or https) or a file path."""
    if text.startswith(("http://", "https://")):
        return UrlSource(text)
    path = Path(text).expanduser()
    if not path.exists():
        raise FeedSourceError(f"{path} does not exist; give the live feed's URL or a file path")
    return FileSource(path)
