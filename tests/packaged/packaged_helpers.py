"""Helpers for the packaging tests (`make package-check`): run an installed or frozen `pos-app`."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def translated(source: str, language: str = "zh_CN") -> str:
    """The translation of `source` in the shipped .ts file (the test does not hard-code Chinese)."""
    tree = ET.parse(ROOT / "resources" / "translations" / f"o2o_till_{language}.ts")
    for message in tree.getroot().iter("message"):
        if message.findtext("source") == source and message.findtext("translation"):
            return message.findtext("translation")
    raise LookupError(source)


def clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH or venv leaking in: what runs is the installed package or the bundle."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "POS_RESOURCES_DIR")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def run_window(command: list[str], work: Path, language: str = "zh_CN", linger_ms: int = 3000) -> dict:
    """`run` offscreen for `linger_ms` after the window is idle; the start-up probe's report."""
    config = work / f"config-{language}.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    probe = work / "probe.json"
    done = subprocess.run([*command, "--config", str(config), "--data-dir", str(work / "data"), "run"],
                          cwd=work, capture_output=True, text=True, timeout=180,
                          env=clean_env(POS_STARTUP_PROBE=str(probe), POS_STARTUP_PROBE_LINGER_MS=str(linger_ms)))
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(probe.read_text(encoding="utf-8"))
