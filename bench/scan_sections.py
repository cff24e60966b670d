"""Where a scan's checkout time goes: CPU per section of `CheckoutService.scan`, no profiler.

The ticket and promotions are bench/ui_scan.py's (the same seed: ``--lines`` scanned first, then
``--scans`` sampled), without the window: the real `CheckoutService` on the till's database of
200,000 products. Each named function is wrapped with a thread-CPU accumulator, so the figures
are what the sections cost on the checkout worker, and a profiler's overhead does not stretch
them. Used for the A/B tables of issue 15 in docs/BENCHMARKS.md ("outside evaluate" = `_change_in`
less `evaluate`). A bound method a service captured before the wrap (a pricer) is not seen:
name the module function it calls instead.

Run: .venv/bin/python bench/scan_sections.py [--lines N] [--scans N] [--promotions N] [SECTION ...]
where SECTION is ``module:function`` or ``module:Class.method`` (default: the scan's main parts).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import random
import time
from typing import Any

from benchdata import catalog_dir, emit, machine, percentiles
from ui_scan import promotions

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage

DEFAULT_SECTIONS = (
    "pos_app.services.checkout:CheckoutService._change_in",
    "pos_app.services.promotions:evaluate",  # the pricers call it by this name
    "pos_app.domain.ticket_running:RunningTotals.update",
    "pos_app.services.checkout:CheckoutService._save_open",
    "pos_app.store.uow:UnitOfWork.commit",
)


def wrap(section: str, spent: dict[str, float]) -> None:
    """Replace the named function by one adding its thread CPU time to ``spent[section]``."""
    module_name, qualified = section.split(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = qualified.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[section] = spent.get(section, 0.0) + time.thread_time() - started

    setattr(owner, name, timed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=200_000)
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--scans", type=int, default=150)
    ap.add_argument("--promotions", type=int, default=20)
    ap.add_argument("sections", nargs="*", default=list(DEFAULT_SECTIONS))
    args = ap.parse_args()
    ctx = build_app(Config(language="zh_CN"), catalog_dir(args.products))
    rnd = random.Random(3)  # ui_scan's seed and draws: the same ticket and promotions
    picks = rnd.sample(range(args.products), args.lines + args.scans)
    codes = [gtin13(f"693{i:09d}") for i in picks]
    if args.promotions:
        TillSyncStorage(ctx.db).apply_page("promotions", promotions(args.promotions, picks, rnd), "bench")
    session = ctx.auth.login_badge("STAFF-0001")
    ctx.checkout.set_user(session)
    if ctx.shifts.current() is None:
        ctx.shifts.open_shift(session, {"note_100": 2})
    for code in codes[: args.lines]:
        ctx.checkout.scan(code)
    spent: dict[str, float] = {}
    for section in args.sections:
        wrap(section, spent)
    taken = []
    for code in codes[args.lines:]:
        started = time.thread_time()
        ctx.checkout.scan(code)
        taken.append((time.thread_time() - started) * 1000)
    ctx.close()
    total = percentiles(taken)
    means = {section: round(spent.get(section, 0.0) * 1000 / len(taken), 3) for section in args.sections}
    print(f"checkout.scan CPU, {args.lines}..{args.lines + args.scans} lines, {args.promotions} promotions: "
          f"mean {sum(taken) / len(taken):.2f} p50 {total['p50']:.2f} p95 {total['p95']:.2f} "
          f"p99 {total['p99']:.2f} ms   ({machine()})")
    for section, mean in means.items():
        print(f"  {section}: mean {mean:.3f} ms per scan")
    emit({"lines_before": args.lines, "scans": len(taken), "promotions": args.promotions,
          "scan_cpu_mean_ms": round(sum(taken) / len(taken), 3),
          **{f"scan_cpu_{k}_ms": v for k, v in total.items()},
          "section_cpu_mean_ms": means})


if __name__ == "__main__":
    main()
