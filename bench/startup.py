"""Cold start of the till: process start -> login window shown -> event loop idle.

Each run starts `pos-app run` as a new process on a copy of a data dir with a large generated
catalog, offscreen, with `POS_STARTUP_PROBE` set (see `pos_app/ui/startup_probe.py`): the till
writes the wall-clock times at which its window was shown and its event loop went idle, then
quits. The process's CPU time (user + system, start to exit) is printed too: it is what the
machine's other work cannot stretch, where wall time can. Times are measured from just before the process is started, so they include the
interpreter, every import, opening the database and building the window. Runs the source tree
(this Python, `-m pos_app.cli`) and, with `--frozen DIR`, the one-folder bundle of `make dist`.
The OS file cache is warm after the first run, which is the one reported separately as "first".

Run: .venv/bin/python bench/startup.py [--products N] [--runs N] [--frozen dist/o2o-till]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdata import catalog_dir, emit, machine


def measure(command: list[str], data_dir: Path, language: str, runs: int) -> dict:
    shown, idle, cpu = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(f'language = "{language}"\n', encoding="utf-8")
        for _ in range(runs):
            probe = Path(tmp) / "probe.json"
            probe.unlink(missing_ok=True)
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_STARTUP_PROBE": str(probe)}
            with open(Path(tmp) / "stderr.txt", "w+") as err:
                started = time.time()
                proc = subprocess.Popen([*command, "--config", str(config), "--data-dir", str(data_dir), "run"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=err)
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                err.seek(0)
                if proc.returncode != 0 or not probe.exists():
                    raise SystemExit(f"{command} failed ({proc.returncode}):\n{err.read()[-2000:]}")
            report = json.loads(probe.read_text(encoding="utf-8"))
            shown.append((report["shown_at"] - started) * 1000)
            idle.append((report["idle_at"] - started) * 1000)
            cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
    return {"first_idle_ms": round(idle[0], 1),
            "shown_ms_median": round(statistics.median(shown[1:] or shown), 1),
            "idle_ms_median": round(statistics.median(idle[1:] or idle), 1),
            "idle_ms_min": round(min(idle), 1), "idle_ms_max": round(max(idle), 1),
            "cpu_ms_median": round(statistics.median(cpu[1:] or cpu), 1), "runs": runs}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=500_000)
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--language", default="zh_CN")
    ap.add_argument("--frozen", metavar="DIR", help="also time the one-folder bundle in DIR")
    args = ap.parse_args()
    data_dir = catalog_dir(args.products)
    figures: dict = {"bench": "startup", "products": args.products, "machine": machine(),
                     "load_avg_1m": round(os.getloadavg()[0], 2)}
    targets = {"source": [sys.executable, "-m", "pos_app.cli"]}
    if args.frozen:
        exe = Path(args.frozen) / ("o2o-till.exe" if os.name == "nt" else "o2o-till")
        targets["frozen"] = [str(exe.resolve())]
    for name, command in targets.items():
        figures[name] = measure(command, data_dir, args.language, args.runs)
        print(f"{name:>7}: window shown {figures[name]['shown_ms_median']} ms, idle "
              f"{figures[name]['idle_ms_median']} ms (median of warm runs; min {figures[name]['idle_ms_min']}, "
              f"max {figures[name]['idle_ms_max']}; first run {figures[name]['first_idle_ms']} ms); "
              f"CPU {figures[name]['cpu_ms_median']} ms per run", flush=True)
    emit(figures)


if __name__ == "__main__":
    main()
