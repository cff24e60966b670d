"""Turn a completed ticket snapshot into the rows of the sale and the platform's sale event.

Kept apart from the checkout flow so the amounts are derived in one place: the line totals
stored and sent are net of the ticket discount share (plus tax in exclusive mode), so that lines +
cash rounding = total = tenders, the invariant the platform checks.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pos_app.domain.money import to_minor
from pos_app.domain.tax import TaxMode
from pos_app.domain.ticket import LineSnapshot, TicketSnapshot
from pos_app.store.models import Sale, SaleLine, SaleTender


@dataclass(frozen=True)
class SaleContext:
    sale_id: str
    receipt_no: str
    store_id: str
    till_id: str
    till_key: str
    seq: int
    business_date: date
    completed_at: datetime
    cashier_id: str
    shift_id: str | None = None
    member_id: str | None = None
    pickup_order_id: str | None = None
    #: For the receipt: the member masked ("王* 138****5678") and their balances after this sale.
    member_label: str | None = None
    points_after: int | None = None
    stored_value_after_fen: int | None = None


def line_total(line: LineSnapshot, snap: TicketSnapshot) -> int:
    amount = line.net_total + (line.tax if snap.tax_mode is TaxMode.EXCLUSIVE else 0)
    return to_minor(amount, snap.currency)


def line_discount(line: LineSnapshot, currency: str) -> int:
    """Everything taken off the line: its own discount, its ticket-discount share, promotions."""
    return to_minor(line.discount + line.ticket_discount_share + line.promotion_discount, currency)


def build_rows(ctx: SaleContext, snap: TicketSnapshot, product_ids: dict[str, int]
               ) -> tuple[Sale, list[SaleLine], list[SaleTender]]:
    cur = snap.currency
    sale = Sale(
        id=ctx.sale_id, receipt_no=ctx.receipt_no, till_id=ctx.till_key, seq=ctx.seq,
        ticket_id=snap.ticket_id, shift_id=ctx.shift_id, business_date=ctx.business_date.isoformat(),
        cashier_id=ctx.cashier_id, completed_at=ctx.completed_at,
        subtotal_fen=to_minor(snap.subtotal, cur), discount_fen=to_minor(snap.discount_total, cur),
        tax_fen=to_minor(snap.tax_total, cur), total_fen=to_minor(snap.total + snap.rounding, cur),
        rounding_fen=to_minor(snap.rounding, cur), change_fen=to_minor(snap.change, cur),
        member_id=ctx.member_id, pickup_order_id=ctx.pickup_order_id,
    )
    lines = [
        SaleLine(
            id=uuid.uuid4().hex, sale_id=ctx.sale_id, line_no=n, product_id=product_ids.get(ln.sku),
            sku=ln.sku, name=ln.name, quantity=str(ln.quantity), unit=ln.unit,
            unit_price_fen=to_minor(ln.unit_price, cur),
            original_price_fen=to_minor(ln.original_price, cur) if ln.override_reason else None,
            override_reason=ln.override_reason,
            discount_fen=0 if ln.voided else line_discount(ln, cur),
            total_fen=0 if ln.voided else line_total(ln, snap), tax_code=ln.tax_code,
            tax_rate=str(ln.tax_rate), tax_fen=0 if ln.voided else to_minor(ln.tax, cur), voided=ln.voided,
            promotion_discount_fen=0 if ln.voided else to_minor(ln.promotion_discount, cur),
            promotions=json.dumps([] if ln.voided else [
                {"promotion_id": p.promotion_id, "name": p.name, "name_en": p.name_en,
                 "fen": to_minor(p.amount, cur)} for p in ln.promotions], ensure_ascii=False),
            unit_discounts=json.dumps([] if ln.voided else [list(run) for run in ln.unit_discounts]),
        )
        for n, ln in enumerate(snap.lines, start=1)
    ]
    tenders = [
        SaleTender(id=uuid.uuid4().hex, sale_id=ctx.sale_id, kind=t.kind, amount_fen=to_minor(t.amount, cur),
                   reference=t.reference)
        for t in snap.tenders
    ]
    return sale, lines, tenders


def sale_event(ctx: SaleContext, snap: TicketSnapshot, movements: list[tuple[str, str, str]]
               ) -> dict[str, Any]:
    """The `sale` payload of `sync.protocol.Sale`; `movements` are (movement_id, sku, delta)."""
    cur = snap.currency
    live = [ln for ln in snap.lines if not ln.voided]
    return {
        "sale_id": ctx.sale_id,
        "receipt_no": ctx.receipt_no,
        "store_id": ctx.store_id,
        "till_id": ctx.till_id,
        "business_date": ctx.business_date.isoformat(),
        "completed_at": ctx.completed_at.isoformat(),
        "cashier_id": ctx.cashier_id,
        "member_id": ctx.member_id,
        "lines": [
            {
                "sku": ln.sku, "name": ln.name, "quantity": str(ln.quantity),
                "unit_price_fen": to_minor(ln.unit_price, cur),
                "discount_fen": line_discount(ln, cur),
                "line_total_fen": line_total(ln, snap), "tax_rate": str(ln.tax_rate),
                "tax_fen": to_minor(ln.tax, cur),
                "promotions": [{"promotion_id": p.promotion_id, "name": p.name, "discount_fen": to_minor(p.amount, cur)}
                               for p in ln.promotions],
                "unit_discounts": [{"units": units, "fen": fen} for units, fen in ln.unit_discounts if units],
            }
            for ln in live
        ],
        "tenders": [
            {"kind": t.kind, "amount_fen": to_minor(t.amount, cur), "reference": t.reference or ""}
            for t in snap.tenders
        ],
        "rounding_fen": to_minor(snap.rounding, cur),
        "total_fen": to_minor(snap.total + snap.rounding, cur),
        "stock_movements": [{"movement_id": m, "sku": s, "delta": d} for m, s, d in movements],
    }
