"""The wheel, installed in a clean venv, is a complete till: `make package-check` runs this with
POS_PACKAGE_TESTS=1 (it builds a wheel and installs every dependency: minutes, not for `make test`).

The wheel build compiles the translations itself (no `make translations`), so the installed
`pos-app run` shows Chinese without the checkout's resources/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaged_helpers import ROOT, clean_env, run_window, translated

pytestmark = [
    pytest.mark.skipif(os.environ.get("POS_PACKAGE_TESTS") != "1", reason="set POS_PACKAGE_TESTS=1 (make package-check)"),
    pytest.mark.timeout(1800),  # building the wheel and installing PySide6 & co. into a new venv
]


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a clean clone does not have: builds, caches, venvs, compiled translations, bench data."""
    here = Path(folder)
    skip = {n for n in names if n in _BUILT or n.endswith((".egg-info", ".qm")) or n == "__pycache__"}
    return skip | ({"out"} & set(names) if here == ROOT / "bench" else set())


_BUILT = {".git", ".venv", "build", "dist", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
          ".import_linter_cache"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the sources: `make package-check` builds the bundle in the checkout
    meanwhile (both write build/ and the egg-info), and the hook must compile every .qm itself."""
    source = tmp_path_factory.mktemp("source") / "o2o-till"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, timeout=600, env=clean_env())
    return next(out.glob("o2o_till-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, timeout=300)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900, env=clean_env())
    return target


def test_the_wheel_carries_what_the_till_needs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("pos_app/_resources/translations/o2o_till_zh_CN.qm",
                   "pos_app/_resources/translations/o2o_till_en.qm",
                   "pos_app/_resources/styles/till.qss",
                   "pos_app/_resources/icons/o2o-till.png",
                   "pos_app/store/migrations/env.py",
                   "pos_app/store/migrations/script.py.mako",
                   "pos_app/store/migrations/versions/0001_initial_schema.py"):
        assert needed in names, needed


def test_installed_till_runs_in_chinese_from_a_clean_venv(venv, tmp_path):
    pos_app = venv / ("Scripts/pos-app.exe" if os.name == "nt" else "bin/pos-app")
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import pos_app; print(pos_app.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, env=clean_env(), check=True)
    assert where.stdout.startswith(str(venv)), where.stdout  # the installed copy, not the checkout
    base = [str(pos_app), "--config", str(tmp_path / "config.toml"), "--data-dir", str(tmp_path / "data")]
    assert subprocess.run([*base, "init"], cwd=tmp_path, env=clean_env(), timeout=180).returncode == 0
    check = subprocess.run([*base, "selfcheck"], cwd=tmp_path, env=clean_env(), timeout=180,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    # A till that was never paired nor demo-seeded opens the first-run wizard, in Chinese.
    report = run_window([str(pos_app)], tmp_path, "zh_CN", linger_ms=500)
    assert translated("Welcome to O2O Till") in report["texts"]
    assert report["title"] == translated("O2O Till · first start")
    # Seeded with the demo store, it opens the till's sign-in.
    assert subprocess.run([*base, "seed-demo"], cwd=tmp_path, env=clean_env(), timeout=180).returncode == 0
    report = run_window([str(pos_app)], tmp_path, "zh_CN", linger_ms=500)
    assert translated("Sign in to the till") in report["texts"]
    assert report["title"] == translated("O2O Till")
