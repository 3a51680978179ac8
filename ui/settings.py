"""What the app remembers between runs: window geometry, the tab, the last event and folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

ORGANISATION = "Trackside"
APPLICATION = "Trackside"


def _settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def save_window(window: QMainWindow) -> None:
    settings = _settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())


def restore_window(window: QMainWindow) -> bool:
    """Put the window back where it was; False when there is nothing remembered."""
    settings = _settings()
    geometry = settings.value("window/geometry")
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    return isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)


def _event_setting(location: str) -> str:
    # QSettings reads "/" as a group separator; a file path must stay one key.
    return "last_event/" + location.replace("/", "|").replace("\\", "|")


def last_event_key(location: str) -> str | None:
    """The event last shown for this database (each file remembers its own)."""
    value = _settings().value(_event_setting(location))
    return str(value) if value else None


def remember_event_key(location: str, key: str) -> None:
    _settings().setValue(_event_setting(location), key)


def last_export_folder() -> str:
    """Where the last weekend summary went ("" the first time): the next one starts there."""
    value = _settings().value("export/folder")
    return str(value) if value else ""


def remember_export_folder(folder: str) -> None:
    _settings().setValue("export/folder", folder)


def last_tab() -> str:
    """The tab shown when the app was last used ("" the first time): a spotter goes back to it."""
    value = _settings().value("window/tab")
    return str(value) if value else ""


def remember_tab(title: str) -> None:
    _settings().setValue("window/tab", title)


def server_key(location: str) -> str:
    """A team server's address without its password (given as typed, or as shown with ***)."""
    scheme, sep, rest = location.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return location.split("?", 1)[0]
    user_info, _, address = rest.partition("@")
    return f"{scheme}://{user_info.split(':', 1)[0]}@{address.split('?', 1)[0]}"


def _copy_setting(server: str) -> str:
    return "synced_copy/" + server_key(server).replace("/", "|").replace("\\", "|")


def last_synced_copy(server: str) -> str | None:
    """The weekend file last synced with this server on this laptop: what to open instead
    when the server is out of reach at start."""
    value = _settings().value(_copy_setting(server))
    return str(value) if value else None


def remember_synced_copy(server: str, path: str) -> None:
    _settings().setValue(_copy_setting(server), path)
