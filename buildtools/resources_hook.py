"""setuptools `build_py` that puts what the till needs at run time into the built package.

`resources/` (translation sources, style sheet, icons) stays where translators and developers
edit it. A wheel build copies the style sheet and icons into `pos_app/_resources/` inside the
build dir and compiles `resources/translations/*.ts` there to `.qm` with Qt's lrelease, so an
installed till (or a frozen bundle made from the wheel) is complete without `make`. Editable
installs skip this: `pos_app.resources` falls back to the checkout's `resources/`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources"
PACKAGE_DIR = Path("pos_app") / "_resources"
#: Copied as they are: (folder under resources/, file patterns).
COPIED = (("styles", ("*.qss",)), ("icons", ("*.png", "*.ico", "*.svg")))
_LRELEASE = "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"


def compile_translation(ts: Path, qm: Path) -> None:
    """`lrelease ts -qm qm` through PySide6's own wrapper (the same call on Linux and Windows)."""
    try:
        done = subprocess.run([sys.executable, "-c", _LRELEASE, "-silent", str(ts), "-qm", str(qm)],
                              capture_output=True, text=True)
    except OSError as exc:
        raise SystemExit(f"cannot run lrelease for {ts.name}: {exc}") from None
    if done.returncode != 0 or not qm.is_file():
        raise SystemExit(f"lrelease failed on {ts} (install PySide6-Essentials in the build "
                         f"environment):\n{done.stdout}{done.stderr}")


def build_resources(target: Path) -> list[Path]:
    """Fill `target` (the package's `_resources` folder) from `resources/`; returns the files."""
    written: list[Path] = []
    for folder, patterns in COPIED:
        for pattern in patterns:
            for src in sorted((SOURCE / folder).glob(pattern)):
                dest = target / folder / src.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
                written.append(dest)
    sources = sorted((SOURCE / "translations").glob("*.ts"))
    if not sources:
        raise SystemExit(f"no translation sources in {SOURCE / 'translations'}")
    (target / "translations").mkdir(parents=True, exist_ok=True)
    for ts in sources:
        qm = target / "translations" / (ts.stem + ".qm")
        compile_translation(ts, qm)
        written.append(qm)
    return written


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            self._resources = build_resources(Path(self.build_lib) / PACKAGE_DIR)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return super().get_outputs(include_bytecode) + [str(p) for p in getattr(self, "_resources", [])]
