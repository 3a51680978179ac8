"""Colours and sizes readable in light and dark themes: tints over the palette, never fixed text.

There is no application-wide style sheet. With one, Qt paints every table cell through its
style-sheet style, which doubles the cost of repainting the lap list and the board on each
lap (DESIGN §6). The few widgets that need more room get a style sheet of their own here.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

# Translucent tints keep the palette's own text colour readable on light and dark bases.
IN_TINT = QColor(46, 160, 67, 70)
OUT_TINT = QColor(218, 54, 51, 90)
GUARANTEED_TINT = QColor(56, 139, 253, 45)
FLAGGED_TINT = QColor(210, 153, 34, 70)
# Timing screens' convention (HH Timing, MYLAPS Orbits): purple the session's best, green a
# driver's personal best; always shown with a word too (SB, PB), never by colour alone.
SESSION_BEST_TINT = QColor(137, 87, 229, 90)
PERSONAL_BEST_TINT = QColor(46, 160, 67, 70)

# Solid colours for chart bars and the bubble line, chosen to stand out on both bases.
IN_COLOUR = QColor(46, 160, 67)
OUT_COLOUR = QColor(218, 54, 51)
BUBBLE_LINE_COLOUR = QColor(230, 120, 20)
BUBBLE_LINE_WIDTH = 4

BASE_POINT_SIZE = 11  # a spotter reads the board at arm's length, sometimes in gloves

# Style sheets of single widgets, never of the application (see above).
TAB_BAR_STYLE = "QTabBar::tab { padding: 6px 16px; }"  # tabs big enough for a gloved click
ERROR_STYLE = (
    "color: palette(highlighted-text); background: #b3261e; padding: 4px 8px; border-radius: 3px;"
)


def apply_theme(app: QApplication) -> None:
    """A larger base font for every widget; colours stay the system palette's."""
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), BASE_POINT_SIZE))
    app.setFont(font)


def headline_font(base: QFont, scale: float = 1.4) -> QFont:
    """A bold, larger font for the few figures that decide things (the field count, the cutoff)."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(True)
    return font
