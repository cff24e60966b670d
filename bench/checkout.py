"""Checkout latency on a 200k-product catalog: scan -> ticket snapshot, complete (with fsync),
and the same barcode lookup as a raw sqlite3 query, to show what the layers cost.

Run: .venv/bin/python bench/checkout.py [--products N] [--sales N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time

from benchdata import catalog_dir, emit, machine, percentiles

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.services.demo_catalog import gtin13


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=200_000)
    ap.add_argument("--sales", type=int, default=200)
    ap.add_argument("--lines", type=int, default=15)
    args = ap.parse_args()
    data_dir = catalog_dir(args.products)
    ctx = build_app(Config(language="en"), data_dir)
    co = ctx.checkout
    co.set_user(ctx.auth.login_badge("STAFF-0001"))
    if ctx.shifts.current() is None:
        ctx.shifts.open_shift(co.user, {"note_100": 2})
    rnd = random.Random(2)
    codes = [gtin13(f"693{rnd.randrange(args.products):09d}") for _ in range(args.sales * args.lines)]
    scan_ms, complete_ms = [], []
    it = iter(codes)
    for _ in range(args.sales):
        for _ in range(args.lines):
            code = next(it)
            t = time.perf_counter()
            co.scan(code)
            scan_ms.append((time.perf_counter() - t) * 1000)
        co.add_tender("cash", str(co.current().cash_due))
        t = time.perf_counter()
        co.complete()
        complete_ms.append((time.perf_counter() - t) * 1000)
    ctx.close()

    raw = sqlite3.connect(data_dir / "till.db")
    raw_ms = []
    for code in codes:
        t = time.perf_counter()
        raw.execute("SELECT p.id, p.sku, p.name, p.price_fen, p.tax_class FROM product_codes c "
                    "JOIN products p ON p.id = c.product_id WHERE c.code = ?", (code,)).fetchone()
        raw_ms.append((time.perf_counter() - t) * 1000)
    s, c, r = percentiles(scan_ms), percentiles(complete_ms), percentiles(raw_ms)
    print(f"scan -> snapshot : p50 {s['p50']:.3f}  p95 {s['p95']:.3f}  p99 {s['p99']:.3f} ms")
    print(f"complete (fsync) : p50 {c['p50']:.3f}  p95 {c['p95']:.3f}  p99 {c['p99']:.3f} ms")
    print(f"raw lookup       : p50 {r['p50']:.3f}  p95 {r['p95']:.3f}  p99 {r['p99']:.3f} ms")
    ratio = round(s["p50"] / r["p50"], 1) if r["p50"] else None
    print(f"scan / raw lookup (p50): {ratio}x   ({machine()})")
    emit({"products": args.products, "scans": len(scan_ms), "sales": len(complete_ms),
          **{f"scan_{k}_ms": v for k, v in s.items()}, **{f"complete_{k}_ms": v for k, v in c.items()},
          **{f"raw_lookup_{k}_ms": v for k, v in r.items()}, "scan_to_raw_ratio_p50": ratio})


if __name__ == "__main__":
    main()
