"""Scan -> row painted on the real till window: 200 lines already on the ticket, 200k products.

Each sample runs what a scan runs: the sale screen hands the code to the serial worker, the
checkout looks the product up and saves the 200+ line ticket (fsync), the snapshot comes back by
signal, the cart model inserts the row and the view paints it. The sample ends when the cart's
paintEvent that follows the snapshot has returned (the row is in the window's backing store).
The keyboard-wedge filter in front of it is not included (it only buffers keys). Printed too, to
show where the time goes: the checkout call, snapshot-shown to row-painted, the cart's paintEvent
alone, and the longest garbage collection while scanning. Offscreen Qt platform.

Run: .venv/bin/python bench/ui_scan.py [--products N] [--lines N] [--scans N]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import time

from benchdata import catalog_dir, emit, machine, percentiles
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.services.demo_catalog import gtin13
from pos_app.ui.app import create_main_window


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=200_000)
    ap.add_argument("--lines", type=int, default=200)
    ap.add_argument("--scans", type=int, default=150)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the QApplication is made
    app = QApplication.instance() or QApplication([])
    ctx = build_app(Config(language="zh_CN"), catalog_dir(args.products))
    rnd = random.Random(3)
    codes = [gtin13(f"693{rnd.randrange(args.products):09d}") for _ in range(args.lines + args.scans)]
    session = ctx.auth.login_badge("STAFF-0001")
    ctx.checkout.set_user(session)
    if ctx.shifts.current() is None:
        ctx.shifts.open_shift(session, {"note_100": 2})
    for code in codes[: args.lines]:
        ctx.checkout.scan(code)
    window = create_main_window(ctx, app)
    window.resize(1280, 800)
    window.show()
    window._logged_in(session)
    sale = window.sale
    window.runner.wait()  # the login's own ticket refresh must not be taken for the first scan's paint
    app.processEvents()

    marks: dict[str, float] = {}
    loop = QEventLoop()
    scan = ctx.checkout.scan
    show = sale.show_snapshot
    paints: list[float] = []
    collections: list[float] = []

    def timed_collection(phase: str, info: dict) -> None:
        if phase == "start":
            marks["gc_start"] = time.perf_counter()
        elif "gc_start" in marks:
            collections.append((time.perf_counter() - marks.pop("gc_start")) * 1000)

    def timed_scan(code: str):
        marks["service_start"] = time.perf_counter()
        try:
            return scan(code)
        finally:
            marks["service_end"] = time.perf_counter()

    def timed_show(snap) -> None:
        marks["shown"] = time.perf_counter()
        show(snap)
        marks["lines"] = len(snap.lines)

    def timed_paint(event) -> None:
        started = time.perf_counter()
        QTableView.paintEvent(sale.cart, event)
        paints.append((time.perf_counter() - started) * 1000)
        if "lines" in marks and "painted" not in marks:
            marks["painted"] = time.perf_counter()
            loop.quit()

    ctx.checkout.scan = timed_scan  # the sale screen looks the method up on each call
    sale.show_snapshot = timed_show
    sale.cart.paintEvent = timed_paint
    gc.callbacks.append(timed_collection)
    timeout = QTimer(singleShot=True, interval=10_000)
    timeout.timeout.connect(loop.quit)
    total, service, ui = [], [], []
    paints.clear()
    for n, code in enumerate(codes[args.lines:], start=args.lines + 1):
        for key in ("service_start", "service_end", "shown", "lines", "painted"):
            marks.pop(key, None)
        started = time.perf_counter()
        sale.scan(code)
        timeout.start()
        while "painted" not in marks and timeout.isActive():
            loop.exec()  # waits in Qt, as the till's event loop does, without holding the GIL
        if "painted" not in marks or marks["lines"] != n:
            raise SystemExit(f"scan of {code} was not painted within 10 s")
        total.append((marks["painted"] - started) * 1000)
        service.append((marks["service_end"] - marks["service_start"]) * 1000)
        ui.append((marks["painted"] - marks["shown"]) * 1000)
    gc.callbacks.remove(timed_collection)
    rows = sale.model.rowCount()
    window.close()
    ctx.close()
    p, s, u, c = percentiles(total), percentiles(service), percentiles(ui), percentiles(paints)
    longest_gc = round(max(collections, default=0.0), 3)
    print(f"scan -> row painted, {args.lines}..{rows} lines on the ticket, {args.products} products: "
          f"p50 {p['p50']:.2f}  p95 {p['p95']:.2f}  p99 {p['p99']:.2f} ms   ({machine()})")
    print(f"  of which checkout.scan p50 {s['p50']:.2f} p99 {s['p99']:.2f}; "
          f"snapshot shown -> row painted p50 {u['p50']:.2f} p99 {u['p99']:.2f}; "
          f"cart paintEvent p50 {c['p50']:.2f} p99 {c['p99']:.2f}; "
          f"longest collection {longest_gc:.2f} ms ({len(collections)} collections)")
    emit({"products": args.products, "lines_before": args.lines, "lines_after": rows, "scans": len(total),
          **{f"scan_to_paint_{k}_ms": v for k, v in p.items()},
          **{f"checkout_scan_{k}_ms": v for k, v in s.items()},
          **{f"show_to_paint_{k}_ms": v for k, v in u.items()},
          **{f"cart_paint_{k}_ms": v for k, v in c.items()},
          "gc_collections": len(collections), "gc_longest_ms": longest_gc})


if __name__ == "__main__":
    main()
