"""Sync throughput on loopback: pull 200,000 products, push 10,000 sales.

The reference platform runs as a separate process; the till side is the real engine over the
SQLite storage of the sync tests. Prints figures, then one JSON object (times in ms) as the
last line. Usage: ``python bench/sync.py [--products N] [--sales N] [--page-limit N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync")]

from sync_platform_proc import PlatformProcess, product, sale  # noqa: E402
from sync_sqlite_storage import SqliteSyncStorage  # noqa: E402

from sync.client import PlatformClient  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.protocol import PairingRequest  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--page-limit", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        platform = PlatformProcess(Path(tmp) / "platform.sqlite3", Path(tmp) / "platform.log").start()
        try:
            t0 = time.perf_counter()
            for start in range(0, args.products, 20_000):
                batch = [product(i) for i in range(start + 1, min(start + 20_000, args.products) + 1)]
                platform.admin("PUT", "/admin/products", batch)
            seed_ms = (time.perf_counter() - t0) * 1000
            with PlatformClient(platform.url) as anonymous:
                token = anonymous.pair(PairingRequest(code=platform.pairing_code())).token
            storage = SqliteSyncStorage(str(Path(tmp) / "till.sqlite3"))
            with PlatformClient(platform.url, token, read_timeout_s=60) as client:
                pull = SyncEngine(client, storage, ["catalog"], page_limit=args.page_limit)
                t0 = time.perf_counter()
                pulled = pull.run_once()
                pull_ms = (time.perf_counter() - t0) * 1000
                assert pulled.ok and storage.item_count("catalog") == args.products, pulled

                payloads = [sale(i) for i in range(1, args.sales + 1)]
                storage.add_events([("sale", p["sale_id"], p) for p in payloads])
                push = SyncEngine(client, storage, [], max_events_per_run=args.sales)
                t0 = time.perf_counter()
                pushed = push.run_once()
                push_ms = (time.perf_counter() - t0) * 1000
                assert pushed.pushed == args.sales and storage.count("pending") == 0, pushed
            storage.close()
            received = len(platform.sale_ids())
            assert received == args.sales, received
        finally:
            platform.stop()
    figures = {
        "products": args.products,
        "page_limit": args.page_limit,
        "seed_platform_ms": round(seed_ms),
        "pull_products_ms": round(pull_ms),
        "pull_products_per_s": round(args.products / (pull_ms / 1000)),
        "sales": args.sales,
        "push_sales_ms": round(push_ms),
        "push_sales_per_s": round(args.sales / (push_ms / 1000)),
        "push_ms_per_sale": round(push_ms / args.sales, 2),
    }
    print(f"seed platform with {args.products} products: {seed_ms / 1000:.1f} s")
    print(f"pull {args.products} products (pages of {args.page_limit}): {pull_ms / 1000:.1f} s "
          f"({figures['pull_products_per_s']}/s)")
    print(f"push {args.sales} sales: {push_ms / 1000:.1f} s ({figures['push_ms_per_sale']} ms each)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
