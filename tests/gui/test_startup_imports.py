"""The login screen's cold start stays light: modules that only printing, payments, receipt
previews, migrations or the manager's screens need are not imported before the window shows.

Runs the real `pos-app run` as a process (offscreen, with the start-up probe) on a seeded data
dir whose schema is current, and reads the modules the probe saw when the window was shown.
A heavy import creeping back onto the login path fails here, naming the module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Each costs start-up time the login screen does not need (bench/startup.py, docs/BENCHMARKS.md).
NOT_AT_LOGIN = (
    "PIL",  # receipt pictures: the first print or preview loads it
    "qrcode",
    "barcode",
    "hardware.receipt.preview",
    "hardware.receipt.escpos_render",
    "pypinyin",  # its dictionaries: the first pinyin search
    "alembic",  # only when the schema is not current
    "mako",
    "pos_app.payments.alipay",  # the direct wallet clients: the first payment
    "pos_app.payments.wechatpay_v2",
    "pos_app.ui.first_run",  # a paired till never shows the wizard
)


def test_login_window_shows_without_heavy_imports(demo_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    probe = tmp_path / "probe.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_STARTUP_PROBE": str(probe)}
    done = subprocess.run([sys.executable, "-m", "pos_app.cli", "--config", str(config), "--data-dir",
                           str(demo_dir), "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    modules = set(json.loads(probe.read_text(encoding="utf-8"))["modules_at_shown"])

    assert "pos_app.ui.login" in modules  # the probe saw the login path itself
    loaded = sorted(name for name in modules for heavy in NOT_AT_LOGIN
                    if name == heavy or name.startswith(heavy + "."))
    assert loaded == []
