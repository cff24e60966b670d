"""End of day at scale: Z report over a day of 20,000 sales, manager reports over a year of ~2 million
sale lines (targets: < 1 s and < 5 s).

The data is bulk-inserted with plain SQL into a temporary database migrated to the real schema
(going through the checkout would take hours and measure the checkout, not the reports). Prints
figures, and as the last line one JSON object (times in ms).

    .venv/bin/python bench/eod.py [--year-lines 2000000] [--day-sales 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pos_app.config import Config
from pos_app.services.auth import AuthService
from pos_app.services.reports import ReportService
from pos_app.store.uow import Database

LINES_PER_SALE = 3
TILL = "S001-T01"
CASHIERS = [f"user{i}" for i in range(6)]
SKUS = [(f"{100000 + i}", f"商品 {i}", "0.13" if i % 4 else "0.09", "VAT13" if i % 4 else "VAT9")
        for i in range(2000)]
QUANTITIES = ["1", "1", "1", "2", "3", "0.355", "1.250"]
QTY = {q: Decimal(q) for q in QUANTITIES}


def _ts(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def populate(path: Path, z_day: date, day_sales: int, year_lines: int, rng: random.Random) -> dict[str, int]:
    db = Database(path)
    db.migrate()
    db.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    con.execute("INSERT INTO tills VALUES (?, 'S001', 'T01', 0)", (TILL,))
    con.executemany("INSERT INTO users (id, name, role, pin_hash, active, failed_attempts) "
                    "VALUES (?, ?, 'cashier', 'x', 1, 0)", [(u, f"Cashier {u}") for u in CASHIERS])
    other_days = 364
    other_sales = max(0, (year_lines - day_sales * LINES_PER_SALE) // LINES_PER_SALE // other_days)
    seq = 0
    n_sales = n_lines = 0
    shift_id = "f" * 32
    for d in range(other_days, -1, -1):
        bdate = z_day - timedelta(days=d)
        count = day_sales if d == 0 else other_sales
        start = datetime(bdate.year, bdate.month, bdate.day, 0, 30, tzinfo=UTC)  # 08:30 Beijing
        sales, lines, tenders, discounts = [], [], [], []
        for _ in range(count):
            seq += 1
            sid = f"{seq:032x}"
            at = start + timedelta(seconds=rng.randrange(13 * 3600))
            total = 0
            for n in range(1, LINES_PER_SALE + 1):
                sku, name, rate, code = SKUS[rng.randrange(len(SKUS))]
                qty = rng.choice(QUANTITIES)
                price = rng.randrange(100, 5000)
                voided = 1 if rng.random() < 0.01 else 0
                line_total = 0 if voided else int((QTY[qty] * price).to_integral_value(ROUND_HALF_UP))
                total += line_total
                lines.append((f"{seq:028x}{n:04x}", sid, n, sku, name, qty, "pcs", price, line_total, code, rate,
                              line_total * 13 // 113, voided))
            discount = 100 if rng.random() < 0.1 else 0
            total -= discount
            if discount:
                discounts.append((sid, "ticket", discount))
            sales.append((sid, f"S001-T01-{seq:06d}", TILL, seq, sid, shift_id if d == 0 else None, bdate.isoformat(),
                          rng.choice(CASHIERS), _ts(at), total + discount, discount, total * 13 // 113, total))
            if rng.random() < 0.1:
                tenders += [(f"{seq:030x}01", sid, "card", total // 2), (f"{seq:030x}02", sid, "cash", total - total // 2)]
            else:
                tenders.append((f"{seq:030x}01", sid, rng.choice(["cash", "card", "wechat_pay", "alipay"]), total))
        con.executemany("INSERT INTO sales (id, receipt_no, till_id, seq, ticket_id, shift_id, business_date, "
                        "cashier_id, completed_at, subtotal_fen, discount_fen, tax_fen, total_fen, rounding_fen, "
                        "change_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)", sales)
        con.executemany("INSERT INTO sale_lines (id, sale_id, line_no, sku, name, quantity, unit, unit_price_fen, "
                        "total_fen, tax_code, tax_rate, tax_fen, voided, discount_fen) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", lines)
        con.executemany("INSERT INTO sale_tenders (id, sale_id, kind, amount_fen) VALUES (?, ?, ?, ?)", tenders)
        con.executemany("INSERT INTO sale_discounts VALUES (?, ?, ?)", discounts)
        if d == 0:
            con.executemany(
                "INSERT INTO outbox (id, kind, aggregate_id, payload, created_at, status, attempts) "
                "VALUES (?, 'sale', ?, '{}', ?, ?, 0)",
                [(s[0], s[0], s[8], "pending" if i % 200 == 0 else "sent") for i, s in enumerate(sales)])
            cash_fen = sum(t[3] for t in tenders if t[2] == "cash")
            opened, closed = _ts(start - timedelta(minutes=10)), _ts(start + timedelta(hours=14))
            con.execute("INSERT INTO shifts VALUES (?, ?, ?, 'open', ?, ?, 50000, '{}', NULL, NULL, NULL, NULL, NULL)",
                        (shift_id, TILL, bdate.isoformat(), opened, CASHIERS[0]))
            con.executemany("INSERT INTO cash_events VALUES (?, ?, ?, ?, ?, 'other', '', ?, NULL, ?)",
                            [(f"{i:032x}", shift_id, TILL, kind, fen, CASHIERS[0], opened)
                             for i, (kind, fen) in enumerate([("paid_in", 5000), ("paid_out", 1250),
                                                              ("drop", 20000), ("no_sale", 0)])])
            expected = {"cash": 50000 + cash_fen + 5000 - 1250 - 20000}
            con.execute("INSERT INTO shift_counts VALUES (?, ?, 1, ?, ?, '{}', ?, ?)",
                        ("c" * 32, shift_id, CASHIERS[0], closed, json.dumps(expected), json.dumps(expected)))
            con.execute("UPDATE shifts SET status = 'closed', closed_at = ?, closed_by = ?, close_count_id = ? "
                        "WHERE id = ?", (closed, CASHIERS[0], "c" * 32, shift_id))
        n_sales += len(sales)
        n_lines += len(lines)
    con.execute("UPDATE tills SET last_receipt_seq = ?", (seq,))
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return {"sales": n_sales, "lines": n_lines, "day_sales": day_sales}


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year-lines", type=int, default=2_000_000)
    parser.add_argument("--day-sales", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(7)
    z_day = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "till.db"
        t0 = time.perf_counter()
        sizes = populate(path, z_day, args.day_sales, args.year_lines, rng)
        populate_s = time.perf_counter() - t0
        print(f"data: {sizes['sales']:,} sales, {sizes['lines']:,} lines in {populate_s:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        db = Database(path)
        reports = ReportService(db, Config(language="en"), TILL)
        manager = AuthService(db, TILL).system_session("bench")
        shift_id = "f" * 32
        figures: dict[str, float] = {}
        figures["x_report_day_ms"], _ = timed(lambda: reports.x_report(manager, shift_id))
        t0 = time.perf_counter()
        z = reports.close_day(manager, z_day)
        figures["z_report_day_ms"] = (time.perf_counter() - t0) * 1000
        figures["z_reread_ms"], _ = timed(lambda: reports.z_report(manager, z_day))
        year = (z_day - timedelta(days=364), z_day)
        figures["year_top_products_ms"], _ = timed(lambda: reports.top_products(manager, *year), 2)
        figures["year_tender_mix_ms"], _ = timed(lambda: reports.tender_mix(manager, *year), 2)
        figures["year_cashier_totals_ms"], _ = timed(lambda: reports.cashier_totals(manager, *year), 2)
        figures["day_sales_by_hour_ms"], _ = timed(lambda: reports.sales_by_hour(manager, z_day))
        figures["year_over_short_ms"], _ = timed(lambda: reports.over_short_history(manager, *year))
        db.dispose()
    assert z.figures.sale_count == args.day_sales
    print(f"Z No.{z.z_no} over {z.figures.sale_count:,} sales: net {z.figures.net_sales_fen / 100:,.2f}, "
          f"{z.figures.unacknowledged_sales} not yet acknowledged")
    for key, ms in figures.items():
        print(f"  {key:<26} {ms:10.1f} ms")
    out = {"day_sales": sizes["day_sales"], "year_sales": sizes["sales"], "year_lines": sizes["lines"],
           "populate_ms": round(populate_s * 1000), **{k: round(v, 1) for k, v in figures.items()}}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
