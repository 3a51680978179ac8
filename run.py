"""Two-command entry point: `python3 run.py` opens the app, `python3 run.py test` runs every test.

Each creates (or refreshes) the project's own virtual environment in `.venv` first, so a fresh
machine with Python 3.11+ needs nothing installed by hand.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
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


# The system libraries Qt's X11 platform plugin needs that a minimal Linux often lacks, with
# the Debian/Ubuntu package of each (Qt 6.5+ needs xcb-cursor; README "On Linux").
QT_SYSTEM_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_qt_libraries(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as "not found", each once, in the order it lists them."""
    missing = []
    for line in ldd_output.splitlines():
        name, _, found = line.strip().partition(" => ")
        if found.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def missing_libraries_message(missing: list[str]) -> str:
    """What to install, by Debian package where the library is known."""
    packages = [QT_SYSTEM_PACKAGES[name] for name in missing if name in QT_SYSTEM_PACKAGES]
    unknown = [name for name in missing if name not in QT_SYSTEM_PACKAGES]
    lines = [f"Trackside cannot open its window: Qt needs {', '.join(missing)}, not installed."]
    if packages:
        lines.append(f"On Debian or Ubuntu: sudo apt-get install {' '.join(packages)}")
    if unknown:
        lines.append(f"Find the package of {', '.join(unknown)} with: apt-file search NAME")
    lines.append("(Or run without a screen: QT_QPA_PLATFORM=offscreen python3 run.py ...)")
    return "\n".join(lines)


def check_qt_system_libraries() -> str | None:
    """On Linux with X11, the message naming missing system libraries; None when all is well.

    Asked after the app aborted: Qt's own plugin error does not say which package to install.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    if not sys.platform.startswith("linux") or not platform.startswith("xcb"):
        return None
    plugins = sorted(VENV.glob("lib/python3*/site-packages/PySide6/Qt/plugins/platforms"))
    plugin = plugins[-1] / "libqxcb.so" if plugins else None
    if plugin is None or not plugin.exists() or shutil.which("ldd") is None:
        return None
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
    missing = missing_qt_libraries(listed.stdout)
    return missing_libraries_message(missing) if missing else None


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
    code = subprocess.call(command, cwd=ROOT)
    if code == -signal.SIGABRT:  # how Qt ends when its platform plugin cannot load
        problem = check_qt_system_libraries()
        if problem:
            print(problem, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
