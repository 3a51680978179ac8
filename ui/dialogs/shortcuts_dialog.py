"""F1 and Help ▸ Keyboard shortcuts: every shortcut of the window's menus, and the keys of
the lap entry that no menu shows."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)

# Keys that work inside the tabs rather than through a menu.
FIELD_KEYS = (
    ("Car, Tab, time, Enter", "Log a lap (Practice and Qualifying)"),
    ("Enter (on a question)", "Log a lap that looks wrong anyway"),
    ("Esc", "Fix a lap that looks wrong; otherwise back to the Car field"),
    ("Digits in the lap list", "Start a new car number"),
    ("Tab / Shift+Tab", "Next / previous field, in and out of tables"),
    ("Delete (lap list)", "Delete the chosen lap"),
    ("Ctrl+Z in a field being typed in", "Undo the typing; in an empty field, the last action"),
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what) for every action of every menu that has a shortcut, in menu order."""
    found: list[tuple[str, str]] = []

    def walk(actions: list[QAction], path: str) -> None:
        for action in actions:
            name = action.text().replace("&", "").rstrip("…").strip()
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions(), f"{path}{name} ▸ ")
            elif action.shortcuts():
                keys = " or ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                )
                found.append((keys, f"{path}{name}"))

    walk(menu_bar.actions(), "")
    return found


class ShortcutsDialog(QDialog):
    """A plain two-column sheet; it reads the menus when opened, so it never goes stale."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = [*menu_shortcuts(menu_bar), *FIELD_KEYS]
        cells = "".join(
            f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
            for keys, what in self.rows
        )
        sheet = QLabel(f'<table cellpadding="3">{cells}</table>', self)
        layout = QVBoxLayout(self)
        layout.addWidget(sheet)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
