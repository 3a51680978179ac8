"""Two-command entry point: `python3 run.py` opens the app, `python3 run.py test` runs every test.

Each creates (or refreshes) the project's own virtual environment in `.venv` first, so a fresh
machine with Python 3.11+ needs nothing installed by hand.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "trackside-installed.sha256"
USAGE = """usage: python3 run.py [APP ARGS...]     open Trackside (see: python3 run.py --help)
       python3 run.py test [PYTEST ARGS] run every test
       python3 run.py bench              run the benchmarks and print the table"""


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_environment() -> Path:
    """Create .venv and install the project with its test extras when pyproject.toml changed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("Creating the Trackside environment in .venv (first run only)…", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    # The dependencies only: the app runs from this folder, so no import finder is installed.
    subprocess.run([*pip, f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)
    return python


def compile_sources(python: str) -> None:
    """Write the project's bytecode, as an installed package has, so start-up skips compiling.

    Some environments set PYTHONDONTWRITEBYTECODE, which would make every start compile
    domain/, persistence/ and ui/ from source again.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    sources = ["domain", "persistence", "ui", "cli.py", "main.py"]
    subprocess.run([python, "-m", "compileall", "-q", *sources], cwd=ROOT, env=env, check=False)


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["help"]):
        print(USAGE)
        return 0
    python = str(ensure_environment())
    if argv[:1] == ["test"]:
        command = [python, "-m", "pytest", *argv[1:]]
    elif argv[:1] == ["bench"]:
        compile_sources(python)
        command = [python, str(ROOT / "bench" / "run_all.py"), *argv[1:]]
    else:
        compile_sources(python)
        command = [python, str(ROOT / "main.py"), *argv]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
