"""View ▸ board size: compact boards, zoom, charts shown or hidden, and the F11 board."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from ui.widgets.board_options import board_scale
from ui.widgets.full_screen_board import FullScreenBoard


def add_board_actions(
    menu: QMenu, current_tab: Callable[[], QWidget | None], title_of: Callable[[], str]
) -> dict[str, QAction]:
    """The actions, added to `menu`; `current_tab` gives the tab whose board F11 shows."""
    scale = board_scale()
    menu.addSeparator()
    actions: dict[str, QAction] = {}

    def add(name: str, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        actions[name] = action
        return action

    compact = add("compact", "&Compact boards", [QKeySequence("Ctrl+Shift+C")], lambda: None)
    compact.setCheckable(True)
    compact.setChecked(scale.compact)
    compact.toggled.connect(scale.set_compact)
    charts = add("charts", "Show c&harts", [QKeySequence("Ctrl+Shift+H")], lambda: None)
    charts.setCheckable(True)
    charts.setChecked(scale.charts)
    charts.toggled.connect(scale.set_charts)
    add(
        "zoom_in",
        "Zoom &in",
        [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")],
        lambda: scale.zoom_by(1),
    )
    add("zoom_out", "Zoom &out", [QKeySequence("Ctrl+-")], lambda: scale.zoom_by(-1))
    add("zoom_reset", "&Actual size", [QKeySequence("Ctrl+0")], lambda: scale.zoom_by(0))

    def full_screen() -> None:
        tab = current_tab()
        view = getattr(tab, "board_view", None)
        if isinstance(view, QTableView):
            board = FullScreenBoard(view.model(), title_of(), tab)
            board.showFullScreen()

    add("full_screen", "&Full-screen board", [QKeySequence("F11")], full_screen)
    return actions
