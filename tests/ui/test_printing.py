"""Print and PDF: the lineup with DNQ reasons, session boards and standings on clean pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

import main
from domain.services.weekend import load_weekend
from tests.ui.app_window import OFFSCREEN_TOOLBAR, open_app_window
from ui.dialogs import export_dialogs
from ui.printing import report_dialog
from ui.printing.page_printer import report_html
from ui.printing.pdf_report import write_report_pdf
from ui.printing.report_dialog import ReportChoice, ReportDialog, default_choice
from ui.printing.report_sections import Part, report_sections

pytestmark = OFFSCREEN_TOOLBAR
PRINTED_AT = datetime(2025, 7, 5, 14, 30, tzinfo=UTC)


@pytest.fixture
def chicago(demo_copy, qapp):
    storage = main.open_storage(demo_copy)
    yield load_weekend(storage.uow_factory, "cup-2025-chicago", storage.rulesets)
    storage.close()


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it: what a reader of the paper would see."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_lineup_section_lists_the_starters_then_the_dnq_with_its_reason(chicago):
    (lineup,) = report_sections(chicago, [Part.LINEUP])
    assert lineup.summary == "41 entered for 40 spots: 1 will go home"
    assert [row[0] for row in lineup.rows] == [*map(str, range(1, 41)), "DNQ"]
    legge = next(row for row in lineup.rows if row[1] == "78")
    assert legge[-1] == "0.138 clear"  # the last car in: its margin over the first car out
    assert lineup.notes == [
        "Did not qualify: No. 67 (Corey Heim) is the 5th-fastest of 5 open cars for 4 open "
        "spots: 0.138 s slower than No. 78 (Katherine Legge); needed 0.139 s to beat it."
    ]


def test_the_printed_html_has_no_colour_and_escapes_names(chicago):
    sections = report_sections(chicago, list(Part))
    html = report_html(sections)
    assert "color:" not in html.replace("border-color: black", "")
    assert "bgcolor" not in html
    assert [s.title for s in sections] == [
        "Starting lineup", "Practice", "Qualifying Group A", "Qualifying Group B",
        "Driver standings after Grant Park 165", "Owner standings after Grant Park 165",
    ]  # fmt: skip


def test_a_pdf_of_the_lineup_has_the_event_the_time_and_page_numbers_on_every_page(
    chicago, tmp_path
):
    path = tmp_path / "lineup.pdf"
    pages = write_report_pdf(chicago, path, [Part.LINEUP, Part.STANDINGS], printed_at=PRINTED_AT)
    text = pdf_text(path)
    assert path.read_bytes().startswith(b"%PDF")
    headers = [line for line in text.splitlines() if "Printed 2025-07-05 14:30" in line]
    assert pages == len(headers) >= 2
    assert all(line.startswith("Grant Park 165 ") for line in headers)
    assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))
    assert "Katherine Legge" in text and "0.138 clear" in text
    assert "needed 0.139 s to beat it" in text
    assert not list(tmp_path.glob(".*part"))


def test_a_pdf_into_a_missing_folder_is_refused_with_what_to_do(chicago, tmp_path):
    with pytest.raises(Exception, match="does not exist: choose another"):
        write_report_pdf(chicago, tmp_path / "nowhere" / "x.pdf", [Part.LINEUP])


def test_main_report_writes_the_pdf_from_the_command_line(demo_copy, tmp_path, capsys, qapp):
    path = tmp_path / "chicago.pdf"
    code = main.main(
        ["--db", demo_copy, "report", "cup-2025-chicago", "--pdf", str(path), "--only", "lineup"]
    )
    assert code == 0
    assert re.fullmatch(
        rf"Wrote {re.escape(str(path))} \(\d+ pages?\)\.\n", capsys.readouterr().out
    )
    assert "Corey Heim" in pdf_text(path)


def test_main_report_on_an_unknown_event_says_how_to_find_the_keys(demo_copy, tmp_path, capsys):
    code = main.main(["--db", demo_copy, "report", "nope", "--pdf", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "run `python main.py list`" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_tab_on_screen_suggests_what_to_print(chicago):
    assert default_choice(chicago, "Qualifying") == ReportChoice((Part.LINEUP,), ())
    assert default_choice(chicago, "Practice") == ReportChoice((Part.BOARDS,), ("Practice",))
    assert default_choice(chicago, "Standings").parts == (Part.STANDINGS,)
    assert default_choice(chicago, "Entry list").parts == tuple(Part)


def test_the_dialog_reads_back_the_boxes_and_needs_one_ticked(qtbot, chicago):
    dialog = ReportDialog(chicago, ReportChoice((Part.LINEUP,), ()), None)
    qtbot.addWidget(dialog)
    assert dialog.choice() == ReportChoice((Part.LINEUP,), ())
    dialog.boards["Qualifying Group B"].setChecked(True)
    assert dialog.choice() == ReportChoice((Part.LINEUP, Part.BOARDS), ("Qualifying Group B",))
    dialog.lineup.setChecked(False)
    dialog.boards["Qualifying Group B"].setChecked(False)
    assert not dialog._ok.isEnabled()


def test_export_pdf_from_the_qualifying_tab_writes_the_lineup_where_asked(
    qtbot, monkeypatch, demo_copy, tmp_path, export_prompts
):
    window = open_app_window(qtbot, demo_copy)
    window.select_event("cup-2025-chicago")
    window.show_tab("Qualifying")
    suggested: list[ReportChoice] = []

    def choose(_parent, _weekend, choice):
        suggested.append(choice)
        return choice

    starts: list[Path] = []

    def save_as(_parent, start: Path) -> str:
        starts.append(start)
        return str(tmp_path / start.name)

    monkeypatch.setattr(report_dialog, "ask_report_choice", choose)
    monkeypatch.setattr(export_dialogs, "ask_pdf_path", save_as)
    assert window.report_actions.pdf_action.isEnabled()

    written = window.report_actions.export_pdf()

    assert suggested == [ReportChoice((Part.LINEUP,), ())]
    assert starts[0].name == "Grant Park 165 (cup-2025-chicago) lineup.pdf"
    assert Path(export_dialogs.documents_folder()) == starts[0].parent
    assert written == tmp_path / starts[0].name and written.is_file()
    ((text, folder),) = export_prompts.offered
    assert folder == tmp_path and re.fullmatch(
        rf"Wrote {re.escape(written.name)} \(1 page\)\.", text
    )
    window.close_storage()
    assert not window.report_actions.pdf_action.isEnabled()


def test_print_sends_the_chosen_parts_to_the_printer_the_dialog_chose(
    qtbot, monkeypatch, demo_copy, tmp_path
):
    import PySide6.QtPrintSupport as print_support
    from PySide6.QtWidgets import QDialog

    printed = tmp_path / "printer.pdf"

    class PrintToFile:
        """The print dialog as a user who picks "Print to file" and presses Print."""

        def __init__(self, printer, _parent) -> None:
            printer.setOutputFormat(print_support.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_support, "QPrintDialog", PrintToFile)
    monkeypatch.setattr(report_dialog, "ask_report_choice", lambda _p, _w, choice: choice)
    window = open_app_window(qtbot, demo_copy)
    window.select_event("cup-2025-chicago")
    window.show_tab("Standings")
    window.report_actions.print_action.trigger()
    text = pdf_text(printed)
    assert "Driver standings after Grant Park 165" in text and "Page 1 of" in text
    window.close_storage()
