"""A weekend's report as a PDF file: what File ▸ Export PDF… and `main.py report` write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QPdfWriter

from domain.errors import ValidationError
from domain.services.weekend import Weekend
from ui.printing.page_printer import print_report
from ui.printing.report_sections import Part, report_sections

PDF_DPI = 300  # enough for crisp text; the file stays small (text is vector anyway)


def write_report_pdf(
    weekend: Weekend,
    path: Path,
    parts: Sequence[Part] = tuple(Part),
    *,
    sessions: Sequence[str] = (),
    printed_at: datetime | None = None,
) -> int:
    """Write the chosen parts of the weekend to `path`; returns the number of pages.

    Needs a QGuiApplication (fonts). A folder that cannot be written gets a ValidationError
    that says so, and no half-written file is left behind.
    """
    sections = report_sections(weekend, parts, sessions)
    if not sections:
        raise ValidationError(
            f"{weekend.event.name} has nothing of that to print yet (no qualifying, boards or "
            "standings): choose another part."
        )
    if not path.parent.is_dir():
        raise ValidationError(f"The folder {path.parent} does not exist: choose another.")
    partial = path.with_name(f".{path.name}.part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"{weekend.event.name} — Trackside")
    writer.setCreator("Trackside")
    try:
        pages = print_report(
            writer,
            sections,
            event_name=weekend.event.name,
            printed_at=printed_at or datetime.now().astimezone(),
        )
    except ValidationError:
        partial.unlink(missing_ok=True)
        raise
    finally:
        del writer  # closes the file
    try:
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ValidationError(
            f"The PDF could not be saved as {path} ({exc.strerror}): choose another name or folder."
        ) from exc
    return pages
