"""NASCAR's files in the app: File ▸ Import NASCAR file… (or files dropped on the window),
View ▸ Follow live timing… and View ▸ Points against NASCAR….

ui/ cannot read the files itself: main.py hands in a `FeedReader` (persistence/feeds). An
import's change notice goes down the bus (AppContext.announce) like any edit's: the picker
offers the events it created, the tabs update what it touched; the window then shows the
weekend the files went to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from domain.errors import DomainError
from domain.progress import ImportCancelledError
from ui import errors

if TYPE_CHECKING:  # the use cases load on first use: this module is imported at start-up
    from domain.changes import Changes
    from domain.feeds import FeedFile, FeedReader, FeedReport
    from ui.context import AppContext
    from ui.dialogs.follow_feed import LiveFollower

TITLE = "Import NASCAR files"
PROGRESS_AFTER_MS = 400  # "more than a moment": quicker imports show no dialog


class FeedActions(QObject):
    """The menu actions and the window's drop target for NASCAR's files."""

    def __init__(self, window: QMainWindow, reader: FeedReader) -> None:
        super().__init__(window)
        self._window = window
        self._reader = reader
        self.follower: LiveFollower | None = None  # while following live timing
        self.import_action = QAction("Import &NASCAR file…", window)
        self.import_action.setToolTip(
            "Import NASCAR's own saved files: weekend feed, lap times, live feed, schedules, "
            "standings (you can also drop them on the window)"
        )
        self.import_action.triggered.connect(self._choose_files)
        self.follow_action = QAction("&Follow live timing…", window)
        self.follow_action.triggered.connect(self._toggle_follow)
        self.check_action = QAction("&Points against NASCAR…", window)
        self.check_action.setToolTip("Compare Trackside's points with NASCAR's for this weekend")
        self.check_action.triggered.connect(self.show_cross_check)
        _menu(window, "&File").insertAction(
            _menu(window, "&File").actions()[-2], self.import_action
        )
        _menu(window, "&View").addSeparator()
        _menu(window, "&View").addActions([self.follow_action, self.check_action])
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @property
    def context(self) -> AppContext | None:
        return getattr(self._window, "context", None)

    # Import --------------------------------------------------------------------------------
    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self._window, TITLE, "", "NASCAR files (*.json);;All files (*)"
        )
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> list[FeedReport] | None:
        """Read and store the files as one import; a message says what each brought in."""
        from domain.feeds import ScheduleFeed, WeekendFeed
        from domain.services import import_feeds

        context = self.context
        if context is None:
            return None
        feeds: list[FeedFile] = []
        if not errors.run_guarded(
            self._window, TITLE, lambda: feeds.extend(map(self._reader.read, paths))
        ):
            return None
        # Files that name their race find it; the rest land in the weekend shown.
        names_race = any(
            isinstance(f, ScheduleFeed) or (isinstance(f, WeekendFeed) and f.event is not None)
            for f in feeds
        )
        key = None if names_race or context.event is None else context.event.key
        done: list[tuple[list[FeedReport], Changes]] = []
        progress = _Progress(self._window, len(feeds))

        def work() -> None:
            done.append(
                import_feeds(
                    context.uow(), context.storage.rulesets, feeds, event_key=key,
                    progress=progress.update,
                )
            )  # fmt: skip

        ok = errors.run_guarded(self._window, TITLE, work)
        progress.close()
        if not ok:
            return None
        reports, changes = done[0]
        context.announce(changes, _status_line(reports))
        self._show_imported(context, reports)
        text = "\n\n".join(report.summary for report in reports)
        check = self._cross_check_text(context, reports)
        errors.show_message(
            self._window,
            QMessageBox.Icon.Information,
            TITLE,
            text + (f"\n\n{check}" if check else ""),
        )
        return reports

    def _show_imported(self, context: AppContext, reports: list[FeedReport]) -> None:
        """Show the weekend the files went to (the bus has already offered new events)."""
        keys = [r.event_key for r in reports if r.event_key]
        if not keys or (context.event is not None and context.event.key == keys[-1]):
            return
        select_event = getattr(self._window, "select_event", None)
        if select_event is not None:
            select_event(keys[-1])

    def _cross_check_text(self, context: AppContext, reports: list[FeedReport]) -> str:
        """The cross-check of the weekend a file with NASCAR's points went to."""
        from domain.services import verify_points

        keys = [r.event_key for r in reports if r.event_key and "NASCAR's points kept" in r.summary]
        if not keys:
            return ""
        try:
            return verify_points(context.uow, keys[-1], context.storage.rulesets).summary
        except DomainError as exc:
            return f"Points against NASCAR: {exc}"

    def show_cross_check(self) -> str:
        """View ▸ Points against NASCAR…: the chosen weekend's comparison, one car a line."""
        from domain.services import verify_points

        context = self.context
        if context is None or context.event is None:
            return ""
        event_key = context.event.key
        shown: list[str] = []

        def check() -> None:
            summary = verify_points(context.uow, event_key, context.storage.rulesets).summary
            shown.append(summary.replace("; No. ", "\nNo. "))

        if errors.run_guarded(self._window, "Points against NASCAR", check):
            errors.show_message(
                self._window, QMessageBox.Icon.Information, "Points against NASCAR", shown[0]
            )
        return shown[0] if shown else ""

    # Drop target ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.DragEnter:
            assert isinstance(event, QDragEnterEvent)
            if _dropped_files(event):
                event.acceptProposedAction()
                return True
        if watched is self._window and event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = _dropped_files(event)
            if paths:
                event.acceptProposedAction()
                self.import_files(paths)
                return True
        return False

    # Following -----------------------------------------------------------------------------
    def _toggle_follow(self) -> None:
        from ui.dialogs.follow_feed import start_following

        if self.follower is not None:
            self.stop_following()
            return
        context = self.context
        if context is None or context.event is None:
            errors.show_message(
                self._window,
                QMessageBox.Icon.Warning,
                "Follow live timing",
                "Choose a weekend first.",
            )
            return
        self.follower = start_following(self._window, context, self._reader, self._on_status)
        if self.follower is not None:
            self.follow_action.setText("Stop &following live timing")

    def stop_following(self) -> None:
        follower, self.follower = self.follower, None
        if follower is not None:
            follower.stop()
        self.follow_action.setText("&Follow live timing…")
        self._window.statusBar().showMessage("Stopped following live timing.")

    def _on_status(self, text: str) -> None:
        follower = self.follower
        if follower is not None and follower.context is not self.context:
            self.stop_following()  # another database was opened: follow into it anew
            return
        self._window.statusBar().showMessage(f"Live timing: {text}")


class _Progress:
    """A progress bar with Cancel for imports that take more than a moment; Cancel rolls back."""

    def __init__(self, window: QMainWindow, total: int) -> None:
        self._dialog = QProgressDialog(
            "Importing NASCAR files…", "Cancel", 0, max(total, 1), window
        )
        self._dialog.setWindowTitle(TITLE)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(PROGRESS_AFTER_MS)

    def update(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(done)
        QApplication.processEvents()  # paint the bar and hear Cancel; the import is on this thread
        if self._dialog.wasCanceled():
            raise ImportCancelledError("Import cancelled: nothing was imported.")

    def close(self) -> None:
        self._dialog.reset()
        self._dialog.deleteLater()


def _status_line(reports: list[FeedReport]) -> str:
    """One line for the status bar; the message box beside it gives each file's details."""
    added = sum(r.added for r in reports)
    updated = sum(r.updated for r in reports)
    files = f"{len(reports)} NASCAR file" + ("" if len(reports) == 1 else "s")
    return f"Imported {files}: {added} added, {updated} updated"


def _menu(window: QMainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text() == title and action.menu() is not None:
            return action.menu()  # type: ignore[return-value]
    return window.menuBar().addMenu(title)


def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


def install_feed_actions(window: QMainWindow, reader: FeedReader | None) -> FeedActions | None:
    """Called once by MainWindow; without a reader (tests of other things) nothing is added."""
    return FeedActions(window, reader) if reader is not None else None
