"""`pos-app selfcheck` names a missing or damaged translation instead of reporting OK."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from pos_app.resources import QM_MAGIC, SUPPORTED_LANGUAGES, translation_file


def selfcheck(tmp_path, resources):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_RESOURCES_DIR": str(resources)}
    base = [sys.executable, "-m", "pos_app.cli", "--config", str(tmp_path / "config.toml"),
            "--data-dir", str(tmp_path / "data")]
    subprocess.run([*base, "init"], capture_output=True, env=env, timeout=120, check=True)
    return subprocess.run([*base, "selfcheck"], capture_output=True, text=True, env=env, timeout=120)


def copy_translations(target):
    (target / "translations").mkdir(parents=True)
    for lang in SUPPORTED_LANGUAGES:
        shutil.copy(translation_file(lang), target / "translations")


def test_the_built_translations_pass(tmp_path):
    copy_translations(tmp_path / "res")
    out = selfcheck(tmp_path, tmp_path / "res")
    assert out.returncode == 0, out.stdout
    assert "translations" in out.stdout


def test_a_missing_translation_fails_and_is_named(tmp_path):
    copy_translations(tmp_path / "res")
    (tmp_path / "res" / "translations" / "o2o_till_zh_CN.qm").unlink()
    out = selfcheck(tmp_path, tmp_path / "res")
    assert out.returncode == 1
    fails = [line for line in out.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 1 and "translation zh_CN" in fails[0] and "o2o_till_zh_CN.qm" in fails[0]


def test_a_damaged_translation_fails(tmp_path):
    copy_translations(tmp_path / "res")
    (tmp_path / "res" / "translations" / "o2o_till_en.qm").write_bytes(QM_MAGIC)
    out = selfcheck(tmp_path, tmp_path / "res")
    assert out.returncode == 1 and "translation en" in out.stdout and "damaged" in out.stdout
