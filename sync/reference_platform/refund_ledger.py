"""The chain's refundable-quantity ledger for sales a till does not hold: another till's or store's
sales (kept with their lines when pushed) and online orders (paid online, collected). The routes
are in `refunds.py`; the push appliers call `record_sale` and `settle` in their transactions.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from typing import Any, cast

from sync.protocol import PickupOrder, RefundableLine, RefundableSale, Return, Sale
from sync.reference_platform import member_ledger
from sync.reference_platform.state import ApiError

SCHEMA = """
CREATE TABLE IF NOT EXISTS sale_docs (
    sale_id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, store_id TEXT NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refund_reservations (
    reservation_id TEXT PRIMARY KEY, sale_id TEXT NOT NULL, store_id TEXT NOT NULL, till_id TEXT NOT NULL,
    body_hash TEXT NOT NULL, status TEXT NOT NULL,
    number TEXT, expires_at TEXT  -- a 'reserved' row past expires_at holds nothing (the till never confirmed)
);
CREATE TABLE IF NOT EXISTS elsewhere_wallet_refunds (  -- refunds the platform made for another store's payment
    refund_no TEXT PRIMARY KEY, reservation_id TEXT NOT NULL, paying_store TEXT NOT NULL,
    out_trade_no TEXT NOT NULL, amount_fen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS refund_reserved_tenders (  -- where each return's money goes (not wallets)
    reservation_id TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT NOT NULL, reference TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, PRIMARY KEY (reservation_id, n)
);
CREATE TABLE IF NOT EXISTS refund_reserved_lines (
    reservation_id TEXT NOT NULL, line_id TEXT NOT NULL, quantity TEXT NOT NULL, amount_fen INTEGER NOT NULL,
    PRIMARY KEY (reservation_id, line_id)
);
"""

#: Columns added after the first release (a platform database made before them gets them at start).
ADDED_COLUMNS = (("refund_reservations", "number", "TEXT"), ("refund_reservations", "expires_at", "TEXT"))


def upgrade(conn: sqlite3.Connection) -> None:
    for table, column, kind in ADDED_COLUMNS:
        if column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def now_text(now: dt.datetime | None = None) -> str:
    """UTC ISO text of a fixed shape, so timestamps compare as text in SQL."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record_sale(conn: sqlite3.Connection, sale: Sale) -> None:
    """Keep a pushed sale with its lines (in the push's transaction): any till can return it later."""
    lines = [{"line_id": f"{sale.sale_id[:24]}.{n}", **line.model_dump(mode="json")}
             for n, line in enumerate(sale.lines, start=1)]
    body = {"sale_id": sale.sale_id, "number": sale.receipt_no, "kind": "sale", "store_id": sale.store_id,
            "completed_at": sale.completed_at.isoformat(), "lines": lines,
            "tenders": [t.model_dump(mode="json") for t in sale.tenders], "member_id": sale.member_id}
    conn.execute("INSERT OR IGNORE INTO sale_docs (sale_id, number, store_id, body) VALUES (?, ?, ?, ?)",
                 (sale.sale_id, sale.receipt_no, sale.store_id, json.dumps(body, ensure_ascii=False)))


def record_local_return(conn: sqlite3.Connection, ev: Return) -> str | None:
    """A till's return of its own sale made without a reservation (offline: the till's ledger is
    local) counts in the chain's ledger too (in the push's transaction, once per return id), so
    another till or store cannot refund those units again. Each return line is matched to a line of
    the sale with the same sku and unit price and room left (else the first such line: the ledger
    then shows it over-refunded). Returns why the return over-refunds (units another till returned
    while this one was offline; the push answers it as a conflict for the manager), else None."""
    row = conn.execute("SELECT number FROM sale_docs WHERE sale_id = ?", (ev.original_sale_id,)).fetchone()
    if row is None or conn.execute("SELECT 1 FROM refund_reservations WHERE reservation_id = ?",
                                   (ev.return_id,)).fetchone():
        return None
    sale = refundable(conn, row[0])
    over: list[str] = []
    left = {ln.line_id: Decimal(ln.quantity) - Decimal(ln.refunded_quantity) - Decimal(ln.reserved_quantity)
            for ln in sale.lines}
    taken: dict[str, list[Decimal | int]] = {}
    for line in ev.lines:
        qty = Decimal(line.quantity)
        same = [ln.line_id for ln in sale.lines if ln.sku == line.sku and ln.unit_price_fen == line.unit_price_fen]
        target = next((i for i in same if left[i] >= qty), same[0] if same else None)
        if target is None or left[target] < qty:
            over.append(f"{qty} x {line.name} ({line.sku}): {max(left[target], Decimal(0)) if target else 0} "
                        "were still refundable")
        if target is None:
            continue
        left[target] -= qty
        entry = taken.setdefault(target, [Decimal(0), 0])
        entry[0] += qty
        entry[1] += line.line_total_fen
    conn.execute("INSERT INTO refund_reservations (reservation_id, sale_id, store_id, till_id, body_hash, status, "
                 "number) VALUES (?, ?, ?, ?, 'local', 'confirmed', ?)",
                 (ev.return_id, sale.sale_id, ev.store_id, ev.till_id, sale.number))
    conn.executemany("INSERT INTO refund_reserved_lines VALUES (?, ?, ?, ?)",
                     [(ev.return_id, line_id, format(qty, "f"), fen) for line_id, (qty, fen) in taken.items()])
    conn.executemany("INSERT INTO refund_reserved_tenders VALUES (?, ?, ?, ?, ?)",
                     [(ev.return_id, n, t.kind, t.reference, t.amount_fen) for n, t in enumerate(ev.tenders)
                      if t.amount_fen])
    if not over:
        return None
    return (f"return {ev.receipt_no} of {sale.number} refunds more than is left: " + "; ".join(over))[:200]


def _online_order(conn: sqlite3.Connection, number: str) -> dict[str, Any] | None:
    """A collected online-paid pickup order by its order number, as a refundable sale."""
    for store_id, data in conn.execute("SELECT scope, data FROM entities WHERE resource = 'pickup_orders' "
                                       "AND deleted = 0"):
        order = PickupOrder.model_validate_json(data)
        if order.order_no != number or order.payment != "paid_online" or order.status != "collected":
            continue
        lines: list[dict[str, Any]] = []
        for line in order.lines:
            total = int((Decimal(line.quantity) * line.price_fen).to_integral_value())
            lines.append({"line_id": line.line_id, "sku": line.sku, "name": line.name, "quantity": line.quantity,
                          "unit": line.unit, "unit_price_fen": line.price_fen, "discount_fen": 0,
                          "line_total_fen": total, "tax_rate": "0", "tax_fen": 0})
        total = sum(ln["line_total_fen"] for ln in lines)
        paid = order.wallet_payment  # paid by a wallet in the app: refunded to it by its out_trade_no
        wallet_fen = min(paid.amount_fen, total) if paid is not None else 0
        tenders: list[dict[str, Any]] = []
        if paid is not None:
            tenders.append({"kind": paid.wallet, "amount_fen": wallet_fen, "reference": paid.out_trade_no})
        if total > wallet_fen:
            tenders.append({"kind": "online", "amount_fen": total - wallet_fen, "reference": order.order_no})
        return {"sale_id": order.order_id, "number": order.order_no, "kind": "online_order",
                "store_id": store_id, "completed_at": order.pickup_deadline.isoformat(),
                "lines": lines, "tenders": tenders}
    return None


def document(conn: sqlite3.Connection, number: str) -> dict[str, Any]:
    row = conn.execute("SELECT body FROM sale_docs WHERE number = ?", (number,)).fetchone()
    doc = json.loads(row[0]) if row else _online_order(conn, number)
    if doc is None:
        raise ApiError(404, "sale_unknown", f"no sale or online order {number}")
    return doc


def _ledger(conn: sqlite3.Connection, sale_id: str, now: str,
            till: tuple[str, str] | None = None) -> dict[str, dict[str, Decimal | int]]:
    """Per line: refunded (confirmed) quantity and fen, reserved quantity (live reservations only:
    one the till never confirmed lapses at its expiry and its units are refundable again), and of
    those what the returns of ``till`` ((store, till): the asking till) hold."""
    out: dict[str, dict[str, Decimal | int]] = {}
    for line_id, quantity, fen, status, store_id, till_id in conn.execute(
            "SELECT l.line_id, l.quantity, l.amount_fen, r.status, r.store_id, r.till_id FROM refund_reserved_lines l "
            "JOIN refund_reservations r ON r.reservation_id = l.reservation_id "
            "WHERE r.sale_id = ? AND (r.status = 'confirmed' OR r.status = 'reserved' "
            "AND (r.expires_at IS NULL OR r.expires_at > ?))", (sale_id, now)):
        entry = out.setdefault(line_id, {"refunded": Decimal(0), "fen": 0, "reserved": Decimal(0), "till": Decimal(0)})
        if (store_id, till_id) == till:
            entry["till"] += Decimal(quantity)
        if status == "confirmed":
            entry["refunded"] += Decimal(quantity)
            entry["fen"] += fen
        else:
            entry["reserved"] += Decimal(quantity)
    return out


def refundable(conn: sqlite3.Connection, number: str, now: str | None = None,
               till: tuple[str, str] | None = None) -> RefundableSale:
    """The sale's refundable view; ``till`` ((store, till)): the asking till, whose own part of the
    ledger each line names (`RefundableLine.till_quantity`)."""
    doc = document(conn, number)
    ledger = _ledger(conn, doc["sale_id"], now or now_text(), till)
    lines = []
    for line in doc["lines"]:
        entry = ledger.get(line["line_id"], {})
        lines.append(RefundableLine.model_validate({
            "line_id": line["line_id"], "sku": line["sku"], "name": line["name"], "quantity": line["quantity"],
            "unit": line.get("unit", "pcs"), "unit_price_fen": line["unit_price_fen"],
            "discount_fen": line["discount_fen"], "line_total_fen": line["line_total_fen"],
            "tax_rate": line["tax_rate"], "tax_fen": line["tax_fen"], "promotions": line.get("promotions", []),
            "unit_discounts": line.get("unit_discounts", []),
            "refunded_quantity": format(entry.get("refunded", Decimal(0)), "f"),
            "refunded_fen": entry.get("fen", 0), "reserved_quantity": format(entry.get("reserved", Decimal(0)), "f"),
            "till_quantity": format(entry.get("till", Decimal(0)), "f"),
        }))
    given = _tenders_refunded(conn, doc["sale_id"], now or now_text())
    tenders = [{**t, "refunded_fen": given.get((t["kind"], t.get("reference") or ""), 0),
                **_wallet_payment(conn, doc["store_id"], t.get("reference") or "")} for t in doc["tenders"]]
    earned, redeemed = member_ledger.sale_points(conn, doc["sale_id"]) if doc.get("member_id") else (0, 0)
    return RefundableSale.model_validate({**doc, "lines": [ln.model_dump(mode="json") for ln in lines],
                                         "tenders": tenders, "points_earned": earned, "points_redeemed": redeemed})


def _tenders_refunded(conn: sqlite3.Connection, sale_id: str, now: str) -> dict[tuple[str, str], int]:
    """(kind, reference) -> fen the sale's returns (confirmed, or live reservations) gave back to
    that tender; a wallet tender's own refunds are the wallet's (`_wallet_payment`)."""
    rows = conn.execute(
        "SELECT t.kind, t.reference, sum(t.amount_fen) FROM refund_reserved_tenders t "
        "JOIN refund_reservations r ON r.reservation_id = t.reservation_id "
        "WHERE r.sale_id = ? AND (r.status = 'confirmed' OR r.status = 'reserved' "
        "AND (r.expires_at IS NULL OR r.expires_at > ?)) GROUP BY t.kind, t.reference", (sale_id, now))
    return {(kind, reference): int(fen) for kind, reference, fen in rows}


def _wallet_payment(conn: sqlite3.Connection, store_id: str, reference: str) -> dict[str, Any]:
    """The wallet payment a tender refers to (its reference is the wallet's transaction id or the
    payment's out_trade_no), with what was already refunded of it; {} for any other tender."""
    if not reference:
        return {}
    try:
        row = conn.execute("SELECT out_trade_no, refunded_fen FROM wallet_trades WHERE store_id = ? AND state = 'paid' "
                           "AND (transaction_id = ? OR out_trade_no = ?)", (store_id, reference, reference)).fetchone()
    except sqlite3.OperationalError:  # a platform without the wallet simulator
        return {}
    return {} if row is None else {"out_trade_no": row[0], "refunded_fen": row[1]}


def shortfall(sale: RefundableSale, wanted: list[tuple[str, str]]) -> str | None:
    """Why ``wanted`` ((line id, quantity)) cannot be held now, or None when every unit is free."""
    lines = {ln.line_id: ln for ln in sale.lines}
    for line_id, quantity in wanted:
        line = lines.get(line_id)
        if line is None:
            return f"line {line_id} is not on {sale.number}"
        left = Decimal(line.quantity) - Decimal(line.refunded_quantity) - Decimal(line.reserved_quantity)
        if Decimal(quantity) > left:
            return f"only {left} of {line.name} on {sale.number} can still be returned"
    return None


def settle(conn: sqlite3.Connection, reservation_id: str, status: str, now: str | None = None) -> str | None:
    """Confirm or release a reservation (call in a transaction); a final one stays as it is. A
    reservation past its expiry is confirmed only if its units are still free (the till was slow,
    nobody took them): then it is as if the till had reserved again; otherwise it has ``lapsed``."""
    now = now or now_text()
    row = conn.execute("SELECT status, number, expires_at FROM refund_reservations WHERE reservation_id = ?",
                       (reservation_id,)).fetchone()
    if row is None:
        return None
    if row[0] == "reserved" and status == "confirmed" and row[2] is not None and row[2] <= now and row[1]:
        wanted = [(r[0], r[1]) for r in conn.execute(
            "SELECT line_id, quantity FROM refund_reserved_lines WHERE reservation_id = ?", (reservation_id,))]
        if shortfall(refundable(conn, row[1], now), wanted) is not None:
            status = "lapsed"
    if row[0] == "reserved":
        conn.execute("UPDATE refund_reservations SET status = ? WHERE reservation_id = ?", (status, reservation_id))
        return status
    return cast(str, row[0])  # sqlite3 rows are untyped; status is a TEXT column
