"""Product search latency on a 200k-product catalog, per kind of query a cashier types.

Run: .venv/bin/python bench/search.py [--products N]
"""

from __future__ import annotations

import argparse
import random
import time

from benchdata import catalog_dir, emit, machine, percentiles

from pos_app.services.demo_catalog import gtin13
from pos_app.store.uow import Database

QUERIES = {
    "barcode": lambda r, n: gtin13(f"693{r.randrange(n):09d}"),
    "sku": lambda r, n: f"9{r.randrange(n):08d}",
    "chinese_1": lambda r, n: r.choice("茶汁水奶酪干片果面油醋米纸刷鱼"),
    "chinese_2": lambda r, n: r.choice(["绿茶", "橙汁", "酸奶", "饼干", "薯片", "坚果", "大米", "纸巾", "可乐"]),
    "chinese_3plus": lambda r, n: r.choice(["苏打水", "洗洁精", "鲜丰绿茶", "每日酸奶", "可口可乐", "特仑苏"]),
    "latin": lambda r, n: r.choice(["Green Tea", "Soda", "Noodles", "cola", "Daily Nuts", "Tissues"]),
    "pinyin": lambda r, n: r.choice(["kkkl", "lc", "xflc", "sdsh", "mrsn", "hf", "nfsq"]),
    # two initials from the middle of a name (sp → 乐事薯片, nn → 伊利牛奶), after any prefix matches
    "pinyin_mid": lambda r, n: r.choice(["sp", "nn", "cn", "gz", "sn", "qx", "zq"]),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    db = Database(catalog_dir(args.products) / "till.db")
    rnd = random.Random(1)
    figures: dict[str, float] = {"products": args.products}
    everything: list[float] = []
    cpu: list[float] = []  # the searching thread's CPU time: what a loaded machine does not add
    with db.uow(read_only=True) as uow:
        for kind, make in QUERIES.items():
            samples = []
            for _ in range(args.rounds):
                q = make(rnd, args.products)
                t, c = time.perf_counter(), time.thread_time()
                uow.catalog.search(q, 50)
                samples.append((time.perf_counter() - t) * 1000)
                cpu.append((time.thread_time() - c) * 1000)
            everything += samples
            p = percentiles(samples)
            figures[f"{kind}_p50_ms"], figures[f"{kind}_p95_ms"] = p["p50"], p["p95"]
            print(f"{kind:>14}: p50 {p['p50']:7.3f} ms  p95 {p['p95']:7.3f} ms")
    p = percentiles(everything)
    figures["all_p50_ms"], figures["all_p95_ms"] = p["p50"], p["p95"]
    print(f"{'all':>14}: p50 {p['p50']:7.3f} ms  p95 {p['p95']:7.3f} ms   ({machine()})")
    c = percentiles(cpu)
    figures["all_cpu_p50_ms"], figures["all_cpu_p95_ms"] = c["p50"], c["p95"]
    print(f"{'all, CPU time':>14}: p50 {c['p50']:7.3f} ms  p95 {c['p95']:7.3f} ms")
    emit(figures)


if __name__ == "__main__":
    main()
