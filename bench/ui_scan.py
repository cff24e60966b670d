"""Scan -> row painted on the real till window: 200 lines already on the ticket, 200k products.

Each sample runs what a scan runs: the sale screen hands the code to the serial worker, the
checkout looks the product up and saves the 200+ line ticket (fsync), the snapshot comes back by
signal, the cart model is reset and the table is rendered (forced synchronously here with grab(), so the paint
is inside the figure). The keyboard-wedge filter in front of it is not included (it only buffers
keys). Offscreen Qt platform.

Run: .venv/bin/python bench/ui_scan.py [--products N] [--scans N]
"""

from __future__ import annotations

import argparse
import os
import random
import time

from benchdata import catalog_dir, emit, machine, percentiles
from PySide6.QtWidgets import QApplication

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
    painted: list[float] = []
    original = sale.show_snapshot

    def show_and_paint(snap):
        original(snap)
        sale.cart.grab()  # renders the table now, as the next paint would
        painted.append(time.perf_counter())

    sale.show_snapshot = show_and_paint
    samples = []
    for code in codes[args.lines:]:
        before = len(painted)
        started = time.perf_counter()
        sale.scan(code)
        deadline = started + 10
        while len(painted) == before and time.perf_counter() < deadline:
            app.processEvents()
        if len(painted) == before:
            raise SystemExit(f"scan of {code} was not painted within 10 s")
        samples.append((painted[-1] - started) * 1000)
    rows = sale.model.rowCount()
    window.close()
    ctx.close()
    p = percentiles(samples)
    print(f"scan -> row painted, {args.lines}..{rows} lines on the ticket, {args.products} products: "
          f"p50 {p['p50']:.2f}  p95 {p['p95']:.2f}  p99 {p['p99']:.2f} ms   ({machine()})")
    emit({"products": args.products, "lines_before": args.lines, "lines_after": rows, "scans": len(samples),
          **{f"scan_to_paint_{k}_ms": v for k, v in p.items()}})


if __name__ == "__main__":
    main()
