"""Sync at chain scale on the till's real storage and database, against the reference platform.

The reference platform runs as a separate process on 127.0.0.1 (demo store S001 plus N generated
products in the demo's categories, names from the demo generator); the till is the real app
(`build_app` on a demo-seeded data dir, paired like `pos-app pair`), and every run is
`SyncService.run_once()` — what `pos-app sync --once` and the till's sync worker call — into the
till's SQLite (products, codes, FTS, search characters, pinyin pairs, prices, stock).

Figures:
* pull: N products pulled into the till's database; search afterwards finds a product of the last page;
* scans during the pull: the sync runs in a worker thread (as in the till) while the main thread
  scans a product through the real CheckoutService every 100 ms on the same database file;
  latency is scan call → ticket snapshot returned;
* snapshot: the platform forgets the catalog feed's tombstones (410 for the till's cursor) after
  changing 1% of the prices; the next run takes the snapshot (scans go on meanwhile);
* push: N sales in the till's outbox (clones of one real sale) pushed in batches (one request per
  batch of events, each with its own idempotency key);
* price change: with the sync worker on a 5 s interval, a price changed on the platform while the
  till is idle, until the till's database has it (several trials).

Each phase also prints the CPU seconds of the till and of the platform process (the machine is
shared: load stretches wall time, not CPU time) and the 1-minute load average at its end.
The last line is one JSON object of figures (times in ms).
Each phase prints the till process's peak resident memory so far (``ru_maxrss``): the snapshot's
figure above the pull's is what the snapshot itself held.
Usage: ``python bench/sync.py [--products N] [--sales N] [--page-limit N] [--fetch-limit N] [--snapshot-page-limit N] [--no-yield] [--price-trials N]
[--phases pull,snapshot,push,price]``; without ``pull`` the till keeps the demo catalog and starts at
the platform's head (``--phases push``: the push against a platform holding N products).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT / "tests" / "sync")]

import keyring  # noqa: E402
from benchdata import emit, machine, percentiles  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sync_platform_proc import PlatformProcess  # noqa: E402

from pos_app.bootstrap import build_app, open_database  # noqa: E402
from pos_app.commands.sync_cmds import demo_catalog_payload  # noqa: E402
from pos_app.config import Config, PlatformConfig  # noqa: E402
from pos_app.services import demo_catalog  # noqa: E402
from pos_app.services.demo import seed_demo  # noqa: E402
from pos_app.store.models import OutboxEvent, utcnow  # noqa: E402
from sync.client import PlatformClient  # noqa: E402
from sync.credentials import Credentials  # noqa: E402
from sync.pairing import pair  # noqa: E402
from sync.protocol import RESOURCES  # noqa: E402
from tests_support import MemoryKeyring, open_shift  # noqa: E402

SCAN_EVERY_S = 0.1


def platform_cpu_s(platform: PlatformProcess) -> float:
    """CPU seconds the platform process has used (user + system), from /proc: load cannot stretch it."""
    fields = Path(f"/proc/{platform.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """CPU seconds of the till process (every thread: sync worker, fetch thread, scans) and of the
    platform process over a phase, beside its wall time, which a shared machine's load stretches."""

    def __init__(self, platform: PlatformProcess) -> None:
        self.platform = platform
        self.till0, self.platform0 = time.process_time(), platform_cpu_s(platform)

    def figures(self) -> dict[str, float]:
        return {"till_cpu_s": round(time.process_time() - self.till0, 1),
                "platform_cpu_s": round(platform_cpu_s(self.platform) - self.platform0, 1),
                "load_average_1m": os.getloadavg()[0], "till_peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """The till process's peak resident memory so far (Linux reports ``ru_maxrss`` in kB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def platform_products(n: int) -> list[dict]:
    """N products in the demo's categories, with the demo generator's names (brands x items x sizes)."""
    names = {code: (name, name_en) for code, name, name_en in demo_catalog.CATEGORIES}
    out = []
    for i, p in enumerate(demo_catalog.bulk(n, seed=11)):
        out.append({"sku": f"C{i:07d}", "gtins": [demo_catalog.gtin13(f"695{i:09d}")], "name": p.name,
                    "name_en": p.name_en, "category_code": p.category_code,
                    "category_name": names[p.category_code][0], "category_name_en": names[p.category_code][1],
                    "unit": "pcs", "sold_by_weight": False, "tax_class": p.tax_class, "price_fen": p.price_fen,
                    "member_price_fen": None, "active": True})
    return out


class Scanner:
    """Scans one product every 100 ms through the real CheckoutService until stopped."""

    def __init__(self, ctx, code: str) -> None:
        self.ctx, self.code = ctx, code
        self.samples: list[float] = []

    def run_while(self, worker: threading.Thread) -> None:
        next_at = time.perf_counter()
        while worker.is_alive():
            t0 = time.perf_counter()
            self.ctx.checkout.scan(self.code)
            self.samples.append((time.perf_counter() - t0) * 1000)
            next_at += SCAN_EVERY_S
            time.sleep(max(0.0, next_at - time.perf_counter()))


def run_in_worker(fn) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def target() -> None:
        t0 = time.perf_counter()
        out["report"] = fn()
        out["ms"] = (time.perf_counter() - t0) * 1000

    worker = threading.Thread(target=target, name="sync-worker")
    worker.start()
    return worker, out


def queue_sales(ctx, n: int) -> None:
    """One real sale through checkout, then n clones of its outbox event (new ids, receipt numbers)."""
    ctx.checkout.scan(demo_catalog.gtin13("690000000001"))
    ctx.checkout.add_tender("cash", str(ctx.checkout.current().cash_due))
    ctx.checkout.complete()
    with ctx.db.uow() as uow:
        [event] = uow.outbox.pending(10)
        template = json.loads(event.payload)
        rows = []
        for i in range(n):
            body = copy.deepcopy(template)
            body["sale_id"] = uuid.uuid4().hex
            body["receipt_no"] = f"S001-T01-{900000 + i:06d}"
            for mv in body.get("stock_movements", []):
                mv["movement_id"] = uuid.uuid4().hex
            rows.append(dict(id=uuid.uuid4().hex, kind="sale", aggregate_id=body["sale_id"],
                             payload=json.dumps(body, ensure_ascii=False, sort_keys=True), created_at=utcnow(),
                             status="pending", attempts=0))
        uow.session.connection().execute(insert(OutboxEvent), rows)
        uow.commit()


def price_delay_trials(ctx, platform, sku: str, trials: int) -> list[float]:
    """The sync worker on a 5 s interval; a price changed on the platform at a random moment."""
    delays = []
    ctx.sync.start()
    try:
        for k in range(trials):
            time.sleep(1.3 + k * 1.7 % 5)  # spread the change over the interval
            price = 5000 + k
            t0 = time.perf_counter()
            platform.admin("PUT", f"/admin/prices/{sku}", {"price_fen": price, "member_price_fen": None})
            while True:
                with ctx.db.uow(read_only=True) as uow:
                    if uow.catalog.by_sku(sku).price_fen == price:
                        break
                time.sleep(0.02)
            delays.append((time.perf_counter() - t0) * 1000)
    finally:
        ctx.sync.stop()
    return delays


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--sales", type=int, default=10_000)
    parser.add_argument("--page-limit", type=int, default=100, help="items per write transaction")
    parser.add_argument("--fetch-limit", type=int, default=PlatformConfig().fetch_limit, help="items per feed request")
    parser.add_argument("--snapshot-page-limit", type=int, default=PlatformConfig().snapshot_page_limit,
                        help="items per 410-snapshot page")
    parser.add_argument("--no-yield", action="store_true",
                        help="the sync does not hold back its CPU work while a scan runs (A/B of write_gate.yield_to_foreground)")
    parser.add_argument("--price-trials", type=int, default=4)
    parser.add_argument("--phases", default="pull,snapshot,push,price",
                        help="phases to run, comma-separated (snapshot needs pull)")
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    keyring.set_keyring(MemoryKeyring())  # the bench machine has no OS keyring
    figures: dict = {"machine": machine(), "date": dt.datetime.now(dt.UTC).date().isoformat(), "products": args.products,
                     "page_limit": args.page_limit, "fetch_limit": args.fetch_limit, "sales": args.sales,
                     "snapshot_page_limit": args.snapshot_page_limit, "yield_to_scan": not args.no_yield}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        catalog = tmp_path / "demo-catalog.json"
        catalog.write_text(json.dumps(demo_catalog_payload(), ensure_ascii=False), encoding="utf-8")
        platform = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log",
                                   ["--demo", "--demo-catalog", str(catalog)]).start()
        try:
            products = platform_products(args.products)
            t0 = time.perf_counter()
            for start in range(0, len(products), 20_000):
                platform.admin("PUT", "/admin/products", products[start:start + 20_000])
            figures["seed_platform_ms"] = round((time.perf_counter() - t0) * 1000)
            print(f"platform seeded with {args.products} products in {figures['seed_platform_ms'] / 1000:.1f} s",
                  flush=True)

            data_dir = tmp_path / "till"
            db = open_database(data_dir)
            seed_demo(db, Config(language="en"))
            db.dispose()
            pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
            config = Config(language="en", platform=PlatformConfig(
                url=platform.url, sync_interval_s=5, page_limit=args.page_limit, fetch_limit=args.fetch_limit,
                snapshot_page_limit=args.snapshot_page_limit, read_timeout_s=120, request_deadline_s=600))  # the default 32 MB response cap: snapshots come in pages
            ctx = build_app(config, data_dir)
            if args.no_yield:  # before the first run builds the engine
                ctx.db.write_gate.yield_to_foreground = lambda: None  # type: ignore[method-assign]
            try:
                ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
                open_shift(ctx)
                scan_code = demo_catalog.gtin13("690000000011")
                ctx.checkout.scan(scan_code)  # warm: the first scan loads the ticket and pricing

                if "pull" in phases:
                    pull_phase(ctx, platform, products, args, scan_code, figures)
                else:
                    skip_to_head(ctx, platform)
                if "snapshot" in phases:
                    snapshot_phase(ctx, platform, products, scan_code, figures)
                if "push" in phases:
                    push_phase(ctx, platform, args.sales, figures)
                if "price" in phases:
                    # -- price change end to end, interval 5 s --
                    delays = price_delay_trials(ctx, platform, products[0]["sku"], args.price_trials)
                    figures["price_change_delay_ms"] = [round(d) for d in delays]
                    figures["price_change_delay_max_ms"] = round(max(delays))
                    print(f"price change on the platform -> till database (interval 5 s): "
                          f"{', '.join(f'{d / 1000:.1f}' for d in delays)} s", flush=True)
            finally:
                ctx.close()
        finally:
            platform.stop()
    emit(figures)
    return 0


def skip_to_head(ctx, platform) -> None:
    """Without the pull phase: the till's cursors go to the platform's head (each feed's snapshot
    cursor), so later runs pull only what changes meanwhile; the till keeps the demo catalog."""
    with PlatformClient(platform.url, Credentials(platform.url).require_token()) as client, \
            ctx.db.uow() as uow:
        for resource in RESOURCES:
            uow.cursors.set(resource, client.snapshot(resource, limit=1).cursor)
        uow.commit()


def pull_phase(ctx, platform, products: list[dict], args, scan_code: str, figures: dict) -> None:
    """The whole catalog pulled by one run while the cashier scans every 100 ms."""
    scanner = Scanner(ctx, scan_code)
    cpu = CpuClock(platform)
    worker, out = run_in_worker(ctx.sync.run_once)
    scanner.run_while(worker)
    worker.join()
    figures["pull_cpu"] = cpu.figures()
    report = out["report"]
    assert report is not None and report.ok, report
    assert report.pulled["catalog"] >= args.products, report.pulled
    last = products[-1]
    found = [h.sku for h in ctx.catalog.search(last["name"])]
    assert last["sku"] in found, (last["name"], found)
    figures["pull_ms"] = round(out["ms"])
    figures["pull_products_per_s"] = round(args.products / (out["ms"] / 1000))
    figures["scans_during_pull"] = len(scanner.samples)
    figures["scan_during_pull_ms"] = percentiles(scanner.samples)
    figures["scan_during_pull_max_ms"] = round(max(scanner.samples), 1)
    print(f"pull {args.products} products (requests of {args.fetch_limit}, transactions of {args.page_limit}): {out['ms'] / 1000:.1f} s "
          f"({figures['pull_products_per_s']}/s); {len(scanner.samples)} scans meanwhile: "
          f"{figures['scan_during_pull_ms']} ms, max {figures['scan_during_pull_max_ms']} ms; "
          f"CPU {figures['pull_cpu']}", flush=True)


def snapshot_phase(ctx, platform, products: list[dict], scan_code: str, figures: dict) -> None:
    """The platform forgets the catalog's tombstones after 1% of the prices changed: the next run
    gets 410 and takes the snapshot, while the cashier scans every 100 ms."""
    changed = [{**p, "price_fen": p["price_fen"] + 1} for p in products[:: 100]]
    platform.admin("PUT", "/admin/products", changed)
    platform.admin("POST", "/admin/feeds/catalog/compact")
    scanner = Scanner(ctx, scan_code)
    cpu = CpuClock(platform)
    worker, out = run_in_worker(ctx.sync.run_once)
    scanner.run_while(worker)
    worker.join()
    figures["snapshot_cpu"] = cpu.figures()
    report = out["report"]
    assert report is not None and "catalog" in report.snapshots, report
    with ctx.db.uow(read_only=True) as uow:
        assert uow.catalog.by_sku(changed[-1]["sku"]).price_fen == changed[-1]["price_fen"]
    figures["snapshot_ms"] = round(out["ms"])
    figures["scan_during_snapshot_ms"] = percentiles(scanner.samples)
    print(f"410 -> snapshot of {len(products)} products ({len(changed)} changed): "
          f"{out['ms'] / 1000:.1f} s; scans meanwhile: {figures['scan_during_snapshot_ms']} ms; "
          f"CPU {figures['snapshot_cpu']}", flush=True)


def push_phase(ctx, platform, sales: int, figures: dict) -> None:
    """N sales in the outbox, pushed by one run (which then pulls, as every run does)."""
    queue_sales(ctx, sales)
    t0, cpu = time.perf_counter(), CpuClock(platform)
    report = ctx.sync.run_once()
    push_ms = (time.perf_counter() - t0) * 1000
    figures["push_cpu"] = cpu.figures()
    assert report is not None and report.pushed >= sales and ctx.sync.state().pending == 0, report
    figures["push_ms"] = round(push_ms)
    figures["push_ms_per_sale"] = round(push_ms / sales, 2)
    print(f"push {sales} sales: {push_ms / 1000:.1f} s ({figures['push_ms_per_sale']} ms each); "
          f"CPU {figures['push_cpu']}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
