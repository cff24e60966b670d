"""Refresh the translation sources and compile them: `python -m pos_app.ui.i18n_build`.

Runs pyside6-lupdate over pos_app/ui/*.py (existing translations are kept, strings no
longer in the code are dropped), then pyside6-lrelease to build the .qm files the app loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pos_app.ui.i18n import SUPPORTED_LANGUAGES, TRANSLATION_BASENAME, translations_dir

UI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    """The tool next to this interpreter (the venv) first, then on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6-Essentials in this environment")
    return found


def ts_files() -> list[Path]:
    return [translations_dir() / f"{TRANSLATION_BASENAME}_{lang}.ts" for lang in SUPPORTED_LANGUAGES]


def main() -> int:
    sources = sorted(str(p) for p in UI_DIR.glob("*.py"))
    targets = [str(p) for p in ts_files()]
    translations_dir().mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", *targets],
        check=True,
    )
    for ts in targets:
        subprocess.run([_tool("pyside6-lrelease"), ts, "-qm", ts[:-3] + ".qm"], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
