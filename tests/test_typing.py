"""mypy over the code (pyproject.toml [tool.mypy]): strict on domain/, checked on the rest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_mypy_finds_no_errors_strict_on_domain_and_checked_elsewhere():
    result = _mypy()
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"


def test_the_domain_also_passes_mypys_own_strict_mode():
    """The per-module flags in pyproject.toml are --strict; this catches one left out."""
    result = _mypy("--strict", "domain")
    assert result.returncode == 0, f"mypy --strict domain failed:\n{result.stdout}{result.stderr}"


def test_mypy_catches_a_domain_function_without_annotations(tmp_path):
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "__init__.py").write_text("")
    (tmp_path / "domain" / "loose.py").write_text("def laps(count):\n    return count * 2\n")
    config = ROOT / "pyproject.toml"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--config-file", str(config), "domain"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "loose.py:1: error: Function is missing a type annotation" in result.stdout
