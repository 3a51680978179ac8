"""The layering of DESIGN §4, checked by reading every module's imports, plus ruff on the repo."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "domain": {
        "PySide6",
        "pyqtgraph",
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "psycopg",
        "persistence",
        "ui",
        "cli",
    },
    "persistence": {"ui", "PySide6", "pyqtgraph"},
    "ui": {"persistence", "sqlalchemy", "sqlmodel", "alembic"},
}


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in a file, relative imports resolved."""
    package = path.relative_to(root).parent.parts
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [*base, *(node.module or "").split(".")] if node.module else list(base)
                top = names[0] if names else ""
            else:
                top = (node.module or "").split(".")[0]
            found.append((node.lineno, top))
    return found


def layer_violations(layer: str, root: Path = ROOT) -> list[str]:
    """file:line entries where a layer imports what DESIGN §4 keeps out of it."""
    violations = []
    for path in sorted((root / layer).rglob("*.py")):
        for line, module in imported_modules(path, root):
            if module in FORBIDDEN[layer]:
                where = path.relative_to(root).as_posix()
                violations.append(f"{where}:{line} imports {module}")
    return violations


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_each_layer_imports_only_what_the_architecture_allows(layer):
    violations = layer_violations(layer)
    forbidden = ", ".join(sorted(FORBIDDEN[layer]))
    assert not violations, f"{layer}/ must not import {forbidden}:\n" + "\n".join(violations)


def test_the_import_check_catches_a_relative_import_across_layers(tmp_path):
    (tmp_path / "domain" / "rules").mkdir(parents=True)
    (tmp_path / "domain" / "rules" / "bad.py").write_text(
        "import os\nfrom ...persistence import tables\nfrom PySide6.QtCore import QObject\n"
    )
    assert layer_violations("domain", tmp_path) == [
        "domain/rules/bad.py:2 imports persistence",
        "domain/rules/bad.py:3 imports PySide6",
    ]


def test_the_repository_passes_ruff():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"ruff check . failed:\n{result.stdout}{result.stderr}"


def test_the_import_contracts_in_pyproject_hold():
    """import-linter's contracts (pyproject.toml): the layers, as the tools see every import."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}{result.stderr}"
    assert "0 broken" in result.stdout


REPOSITORIES = {
    "tracks",
    "events",
    "sessions",
    "drivers",
    "entries",
    "substitutions",
    "laps",
    "results",
    "penalties",
    "waivers",
    "history",
}


def unit_of_work_uses(path: Path) -> list[str]:
    """Lines of a ui/ module that open a unit of work or reach a repository through one."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and "uow" in ast.unparse(call.func):
                    found.append(f"{path.name}:{node.lineno} opens a unit of work")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in REPOSITORIES
            and "uow" in ast.unparse(node.value)
        ):
            found.append(f"{path.name}:{node.lineno} uses the {node.attr} repository")
    return found


def test_ui_reads_and_writes_only_through_use_cases_and_queries():
    uses = [use for path in sorted((ROOT / "ui").rglob("*.py")) for use in unit_of_work_uses(path)]
    assert not uses, "ui/ must call domain.services instead:\n" + "\n".join(uses)


def test_the_unit_of_work_check_catches_a_tab_reading_a_repository(tmp_path):
    tab = tmp_path / "tab.py"
    tab.write_text(
        "def load(context):\n"
        "    with context.uow() as uow:\n"
        "        return uow.laps.list_for_session(1)\n"
    )
    assert unit_of_work_uses(tab) == [
        "tab.py:2 opens a unit of work",
        "tab.py:3 uses the laps repository",
    ]
