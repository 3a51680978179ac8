"""The strip under the toolbar saying the team server is away, or the account may only read."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from domain.team import TeamStatus

_WARNING = "QLabel { background: #fff3cd; color: #5c4400; padding: 4px 8px; }"
_NOTE = "QLabel { background: #e7f1ff; color: #123a6b; padding: 4px 8px; }"


class TeamBanner(QToolBar):
    """Hidden while all is well; one line of plain words otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Team server", parent)
        self.setObjectName("team_banner")
        self.setMovable(False)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.addWidget(self.label)
        self._read_only = ""
        self.setVisible(False)

    def clear(self) -> None:
        """Nothing to say (a weekend file, or before a server's first status)."""
        self._read_only = ""
        self.setVisible(False)

    def show_read_only(self, location: str) -> None:
        self._read_only = (
            f"Read-only: your account on {location} may look but not change anything (a viewer "
            "role). Laps and edits you try are refused; ask for a writer account to log laps."
        )
        self._show(self._read_only, _NOTE)

    def show_offline_copy(self, server: str, path: str) -> None:
        """The app opened a weekend file because the server was out of reach at start."""
        self._show(
            f"Working offline on {path}: the team server {server} could not be reached at start. "
            "Everything is saved in this file; when the server is back, File ▸ Sync with team "
            "server… merges it both ways.",
            _WARNING,
        )

    def show_status(self, status: TeamStatus) -> None:
        if status.banner:
            self._show(status.banner, _WARNING)
        elif self._read_only:
            self._show(self._read_only, _NOTE)
        else:
            self.setVisible(False)

    def _show(self, text: str, style: str) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(style)
        self.setVisible(True)
