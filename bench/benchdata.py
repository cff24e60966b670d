"""Shared by the bench scripts: a cached demo database with a large generated catalog."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pos_app.bootstrap import open_database  # noqa: E402
from pos_app.config import Config  # noqa: E402
from pos_app.services.demo import seed_demo  # noqa: E402

OUT = ROOT / "bench" / "out"


def catalog_dir(products: int) -> Path:
    """A data dir seeded with `products` generated products, built once and copied per run."""
    cached = OUT / f"catalog-{products}"
    if not (cached / "till.db").exists():
        shutil.rmtree(cached, ignore_errors=True)
        started = time.perf_counter()
        db = open_database(cached)
        seed_demo(db, Config(language="en"), products=products)
        db.dispose()
        print(f"built {products}-product catalog in {time.perf_counter() - started:.1f} s", flush=True)
    work = OUT / f"work-{products}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(cached / "till.db", work / "till.db")
    os.sync()  # the copy's writeback must not land in the samples (it stalls the till's fsyncs)
    return work


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {"p50": round(qs[49], 3), "p95": round(qs[94], 3), "p99": round(qs[98], 3)}


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def machine_noise(seconds: float = 3.0) -> dict[str, float]:
    """How much this machine stretches a fixed piece of pure-Python work right now (about 1 ms on a
    quiet run): a virtual machine's neighbours and frequency changes show up here, and they stretch
    a scan's tail the same way. Printed beside a bench's p99 so a figure carries its machine's
    state; the load average does not show a neighbour's use of the host."""

    def work() -> int:
        total = 0
        for i in range(12_000):
            total += i * i
        return total

    taken: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        started = time.perf_counter()
        work()
        taken.append((time.perf_counter() - started) * 1000)
    qs = statistics.quantiles(taken, n=1000, method="inclusive")
    return {"noise_p50_ms": round(qs[499], 3), "noise_p99_ms": round(qs[989], 3), "noise_p999_ms": round(qs[998], 3)}


def emit(figures: dict) -> None:
    """The last line of every bench script: one JSON object of its figures (times in ms)."""
    print(json.dumps(figures, ensure_ascii=False))
