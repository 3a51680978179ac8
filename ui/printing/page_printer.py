"""Report sections laid out on pages: black on white, the event and the time on every page.

A QTextDocument flows the tables across pages (a long table repeats its header row on each
page); each page is then painted with a header line (event, what it is, when printed) and a
footer ("Page 2 of 3"), which Qt's own `QTextDocument.print_` cannot add.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
)

from domain.errors import ValidationError
from ui.printing.report_sections import Section

_MARGIN_MM = 15
_BAND_PT = 9  # header and footer text
_BODY_PT = 9


def page_layout() -> QPageLayout:
    """A4 portrait with 15 mm margins: fits US Letter too, the width is the tighter of both."""
    margins = QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def report_html(sections: Sequence[Section]) -> str:
    """Plain tables with ruled cells: no colour, so it reads the same on a black-and-white laser."""
    parts = []
    for index, section in enumerate(sections):
        page_break = ' style="page-break-before: always"' if index else ""
        parts.append(f"<h2{page_break}>{escape(section.title)}</h2>")
        if section.summary:
            parts.append(f"<p>{escape(section.summary)}</p>")
        if section.rows:
            parts.append(_table_html(section))
        parts.extend(f"<p>{escape(note)}</p>" for note in section.notes)
    return "".join(parts)


def _table_html(section: Section) -> str:
    def cell(tag: str, column: int, text: str) -> str:
        align = "right" if column in section.right else "left"
        return f'<{tag} align="{align}">{escape(text)}</{tag}>'

    head = "".join(cell("th", i, text) for i, text in enumerate(section.header))
    body = "".join(
        "<tr>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>"
        for row in section.rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="2" width="100%" '
        'style="border-collapse: collapse; border-color: black">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def print_report(
    device: QPagedPaintDevice,
    sections: Sequence[Section],
    *,
    event_name: str,
    printed_at: datetime,
) -> int:
    """Paint the sections on `device` (a QPrinter or QPdfWriter); returns the page count."""
    device.setPageLayout(page_layout())
    painter = QPainter()
    if not painter.begin(device):
        raise ValidationError(
            "The printer or the PDF file could not be opened for writing: check the printer, "
            "or choose a folder you can write to."
        )
    try:
        return _paint_pages(painter, device, sections, event_name, printed_at)
    finally:
        painter.end()


def _paint_pages(
    painter: QPainter,
    device: QPagedPaintDevice,
    sections: Sequence[Section],
    event_name: str,
    printed_at: datetime,
) -> int:
    page = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    page.moveTo(0, 0)
    band_font = QFont("Sans Serif", _BAND_PT)
    band = _band_height(painter, band_font)
    body = QRectF(0, 2 * band, page.width(), page.height() - 4 * band)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(QFont("Sans Serif", _BODY_PT))
    document.setDocumentMargin(0)
    document.setHtml(report_html(sections))
    document.setPageSize(QSizeF(body.width(), body.height()))
    pages = max(1, document.pageCount())
    stamp = f"Printed {printed_at:%Y-%m-%d %H:%M}"
    for number in range(pages):
        if number:
            device.newPage()
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(band_font)
        top = QRectF(0, 0, page.width(), band)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, event_name)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight, stamp)
        painter.drawLine(0, int(band * 1.4), int(page.width()), int(band * 1.4))
        bottom = QRectF(0, page.height() - band, page.width(), band)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignRight, f"Page {number + 1} of {pages}")
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft, "Trackside")
        painter.save()
        painter.translate(body.left(), body.top() - number * body.height())
        clip = QRectF(0, number * body.height(), body.width(), body.height())
        document.drawContents(painter, clip)
        painter.restore()
    return pages


def _band_height(painter: QPainter, font: QFont) -> float:
    painter.save()
    painter.setFont(font)
    height = float(painter.fontMetrics().height())
    painter.restore()
    return height
