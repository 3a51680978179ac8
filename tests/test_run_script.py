"""run.py names the Debian packages of Qt's missing system libraries instead of Qt's abort."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

import run

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => not found
\tlibmystery.so.9 => not found
"""


def test_missing_libraries_are_read_from_ldd_once_each_in_order():
    assert run.missing_qt_libraries(LDD_OUTPUT) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libmystery.so.9",
    ]


def test_the_message_names_the_packages_to_install_and_how_to_find_unknown_ones():
    message = run.missing_libraries_message(run.missing_qt_libraries(LDD_OUTPUT))
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4\n" in message
    assert "apt-file search NAME" in message and "libmystery.so.9" in message


@pytest.fixture
def fake_venv(tmp_path, monkeypatch) -> Path:
    """A .venv with the X11 plugin where run.py looks, and an `ldd` that prints LDD_OUTPUT."""
    plugin = tmp_path / "venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms"
    plugin.mkdir(parents=True)
    (plugin / "libqxcb.so").write_bytes(b"")
    ldd = tmp_path / "bin" / "ldd"
    ldd.parent.mkdir()
    ldd.write_text(f"#!{sys.executable}\nprint({LDD_OUTPUT!r}, end='')\n")
    ldd.chmod(ldd.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(run, "VENV", tmp_path / "venv")
    monkeypatch.setenv("PATH", f"{ldd.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    return tmp_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries are Linux's")
def test_the_check_reads_the_x11_plugin_of_the_projects_environment(fake_venv, monkeypatch):
    assert "libxcb-cursor0 libxcb-icccm4" in run.check_qt_system_libraries()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no window: nothing to check
    assert run.check_qt_system_libraries() is None
