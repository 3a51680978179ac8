"""File ▸ Print… and File ▸ Export PDF…: the chosen weekend on paper or in a PDF file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from ui import settings
from ui.dialogs import export_dialogs
from ui.errors import run_guarded

if TYPE_CHECKING:
    from domain.services.weekend import Weekend
    from ui.context import AppContext
    from ui.printing.report_dialog import ReportChoice

# The report's modules (the weekend's rules, the page printer) load on first use: the window
# paints before they are needed (DESIGN §6).


class ReportActions(QObject):
    """Adds Print… (Ctrl+P) and Export PDF… to a menu; enabled while a weekend is chosen.

    `context_of` and `tab_title_of` read the window's current state, so these actions never
    reach into the window's widgets.
    """

    def __init__(
        self,
        parent: QWidget,
        menu: QMenu,
        context_of: Callable[[], AppContext | None],
        tab_title_of: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._context_of = context_of
        self._tab_title_of = tab_title_of
        self.print_action = QAction("&Print…", parent)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip("Print the lineup, a session board or the standings")
        self.print_action.triggered.connect(self.print_weekend)
        self.pdf_action = QAction("Export P&DF…", parent)
        self.pdf_action.setToolTip("Save the lineup, a session board or the standings as a PDF")
        self.pdf_action.triggered.connect(self.export_pdf)
        menu.addActions([self.print_action, self.pdf_action])
        self.set_enabled(False)

    def set_enabled(self, enabled: bool) -> None:
        self.print_action.setEnabled(enabled)
        self.pdf_action.setEnabled(enabled)

    def _weekend(self, title: str) -> Weekend | None:
        context = self._context_of()
        if context is None or context.event is None:
            return None
        from domain.services.weekend import load_weekend

        storage, key, loaded = context.storage, context.event.key, []
        if not run_guarded(
            self._parent,
            title,
            lambda: loaded.append(load_weekend(storage.uow_factory, key, storage.rulesets)),
        ):
            return None
        return loaded[0]

    def _choice(self, weekend: Weekend) -> ReportChoice | None:
        from ui.printing import report_dialog

        suggested = report_dialog.default_choice(weekend, self._tab_title_of())
        return report_dialog.ask_report_choice(self._parent, weekend, suggested)

    def export_pdf(self) -> Path | None:
        """Ask what and where, write the PDF, offer its folder; the path written, or None."""
        weekend = self._weekend("Export PDF")
        choice = self._choice(weekend) if weekend is not None else None
        if weekend is None or choice is None:
            return None
        start = Path(settings.last_export_folder() or export_dialogs.documents_folder())
        name = export_dialogs.file_name_for(weekend.event, choice.file_word) + ".pdf"
        answer = export_dialogs.ask_pdf_path(self._parent, start / name)
        if not answer:
            return None
        from ui.printing.pdf_report import write_report_pdf

        path = Path(answer)
        settings.remember_export_folder(str(path.parent))
        pages: list[int] = []

        def write() -> None:
            pages.append(write_report_pdf(weekend, path, choice.parts, sessions=choice.sessions))

        if not run_guarded(self._parent, "Export PDF", write):
            return None
        text = f"Wrote {path.name} ({pages[0]} page{'s' if pages[0] != 1 else ''})."
        export_dialogs.offer_open_folder(self._parent, "Export PDF", text, path.parent)
        return path

    def print_weekend(self) -> None:
        weekend = self._weekend("Print")
        choice = self._choice(weekend) if weekend is not None else None
        if weekend is None or choice is None:
            return
        # QtPrintSupport costs ~40 ms to load: only when someone prints.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ui.printing.page_printer import print_report
        from ui.printing.report_sections import report_sections

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(export_dialogs.file_name_for(weekend.event, choice.file_word))
        if QPrintDialog(printer, self._parent).exec() != QDialog.DialogCode.Accepted:
            return
        sections = report_sections(weekend, choice.parts, choice.sessions)
        event_name, now = weekend.event.name, datetime.now().astimezone()

        def paint() -> None:
            print_report(printer, sections, event_name=event_name, printed_at=now)

        run_guarded(self._parent, "Print", paint)
