"""NASCAR's saved files (FEEDS.md) read into domain/feeds.py values: `read_feed(path)`."""

from __future__ import annotations

from pathlib import Path

from domain.feeds import FeedFile
from persistence.feeds.detect import parse_feed
from persistence.feeds.reading import parse_json_bytes, read_json_file
from persistence.feeds.source import FileSource, UrlSource, open_source

__all__ = ["FileFeedReader", "parse_feed_bytes", "read_feed"]


def read_feed(path: Path) -> FeedFile:
    """The file's kind and values; a ValidationError that says what is wrong otherwise."""
    return parse_feed(read_json_file(path), path.name)


def parse_feed_bytes(data: bytes, source: str) -> FeedFile:
    """The same for bytes fetched from NASCAR (a followed feed)."""
    return parse_feed(parse_json_bytes(data, source=source), source)


class FileFeedReader:
    """domain.feeds.FeedReader over this package, for the app (main.py builds one)."""

    def read(self, path: Path) -> FeedFile:
        return read_feed(path)

    def parse(self, data: bytes, source: str) -> FeedFile:
        return parse_feed_bytes(data, source)

    def source(self, text: str) -> UrlSource | FileSource:
        return open_source(text)
