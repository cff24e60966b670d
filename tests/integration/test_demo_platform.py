"""`make run`'s demo platform: started, paired, and gone when the till dies, even by SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests


def test_demo_platform_starts_pairs_and_dies_with_the_till(tmp_path, memory_keyring):
    script = (
        "import sys, time; from pathlib import Path\n"
        "from pos_app.config import Config\n"
        "from pos_app.demo_platform import DemoPlatform\n"
        "import keyring; from tests_support import MemoryKeyring; keyring.set_keyring(MemoryKeyring())\n"
        "d = Path(sys.argv[1]); (d / 'logs').mkdir(parents=True, exist_ok=True)\n"
        "p = DemoPlatform(d, port=0); url = p.start()\n"
        "cfg = p.pair(Config(language='en'), d / 'config.toml')\n"
        "print(url, cfg.platform.url, flush=True); time.sleep(120)\n"
    )
    env = {**os.environ, "PYTHONPATH": "tests"}  # for tests_support.MemoryKeyring
    till = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                            env=env)
    try:
        url, configured = till.stdout.readline().split()
        assert configured == url
        health = requests.get(url + "/health", timeout=5)
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
    finally:
        till.send_signal(signal.SIGKILL)
        till.wait(10)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/health", timeout=1)
        except requests.ConnectionError:
            return
        time.sleep(0.2)
    raise AssertionError("the demo platform outlived the till")
