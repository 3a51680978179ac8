"""The use cases' one import surface loads each module on first use and offers the same names
type checkers see (domain/services/__init__.py keeps both lists)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import domain.services as services

INIT = Path(services.__file__)


def _type_checked_names() -> dict[str, str]:
    """name -> module, read from the `if TYPE_CHECKING:` imports in the package's source."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )  # fmt: skip
    names: dict[str, str] = {}
    for statement in guarded.body:
        assert isinstance(statement, ast.ImportFrom) and statement.module
        for alias in statement.names:
            names[alias.asname or alias.name] = statement.module
    return names


def test_every_type_checked_name_loads_from_the_module_it_is_imported_from() -> None:
    names = _type_checked_names()
    assert sorted(names) == services.__all__
    for name, module in names.items():
        assert getattr(services, name) is getattr(importlib.import_module(module), name), name


def test_a_name_the_package_does_not_offer_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="log_lapp"):
        services.log_lapp  # noqa: B018


def test_importing_the_package_loads_no_use_case_module() -> None:
    """What makes it cheap at start-up: the feed, sync and import modules wait for first use."""
    probe = (
        "import sys, domain.services as s; "
        "print(sorted(m for m in sys.modules if m.startswith('domain.services.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=INIT.parent.parent.parent,
    ).stdout.strip()  # fmt: skip
    assert loaded == "[]"
    assert "import_feeds" in dir(services)


def test_no_use_case_shares_its_name_with_a_module_of_the_package() -> None:
    """Importing `domain.services.x` sets the package's `x` to the module, which would hide a
    use case named `x` that loads on use (so `race_sheet` lives in race_sheet_query.py)."""
    modules = {path.stem for path in INIT.parent.glob("*.py")}
    assert modules.isdisjoint(services.__all__)
