"""Seeding the demo store with a large generated catalog (`pos-app seed-demo --products N`).

Times `seed_demo` into a fresh data dir: products, their codes, the search indexes (FTS5 trigram,
single-character index, pinyin initials) and stock, as the CLI does.

Run: .venv/bin/python bench/seed.py [--products N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchdata import emit, machine

from pos_app.bootstrap import open_database
from pos_app.config import Config
from pos_app.services.demo import seed_demo


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=200_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        db = open_database(Path(tmp))
        seed_demo(db, Config(language="en"), products=args.products)
        db.dispose()
        seed_ms = (time.perf_counter() - started) * 1000
        size_mb = (Path(tmp) / "till.db").stat().st_size / 1e6
    print(f"seed-demo with {args.products} products: {seed_ms / 1000:.1f} s, {size_mb:.0f} MB  ({machine()})")
    emit({"products": args.products, "seed_ms": round(seed_ms), "db_mb": round(size_mb)})


if __name__ == "__main__":
    main()
