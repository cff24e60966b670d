"""Pushed events: what the till sends up (sales, returns, stock movements, pickups, Z reports)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)

from sync.protocol.members import MemberLedgerEntry, MemberSignup
from sync.protocol.resources import Argon2idHash
from sync.protocol.types import (
    ClientId,
    Code,
    EventKind,
    Fen,
    IdempotencyKey,
    Name,
    PickupStatus,
    Quantity,
    Rate,
    SignedFen,
    SignedQuantity,
    TenderKind,
    Text,
    WireModel,
)

# ---------------------------------------------------------------------------------------------
# Pushed events
# ---------------------------------------------------------------------------------------------


class SalePromotion(WireModel):
    """One promotion's share of a sale line (its part of ``discount_fen``)."""

    promotion_id: Annotated[str, StringConstraints(strict=True, pattern=r"^(coupon:)?[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    name: Name
    discount_fen: Fen


class UnitDiscount(WireModel):
    """``units`` units of the line each carry ``fen`` of promotions: a return refunds per unit."""

    units: Annotated[StrictInt, Field(ge=1, le=10**6)]
    fen: Fen


class SaleLine(WireModel):
    """``discount_fen`` holds everything taken off the line (manual, ticket share, promotions);
    ``promotions`` and ``unit_discounts`` split the promotions' part per promotion and per unit."""

    sku: Code
    name: Name
    quantity: Quantity
    unit_price_fen: Fen
    discount_fen: Fen
    line_total_fen: Fen
    tax_rate: Rate
    tax_fen: Fen
    promotions: list[SalePromotion] = Field(default_factory=list, max_length=50)
    unit_discounts: list[UnitDiscount] = Field(default_factory=list, max_length=100)


class Tender(WireModel):
    """A payment applied to the sale (net of change given back)."""

    kind: TenderKind
    amount_fen: Fen
    reference: Text


class StockDelta(WireModel):
    """A signed stock movement caused by a sale or a return (the till never sends levels)."""

    movement_id: ClientId
    sku: Code
    delta: SignedQuantity


def _check_totals(lines: list[SaleLine], tenders: list[Tender], rounding_fen: int, total_fen: int) -> None:
    lines_total = sum(line.line_total_fen for line in lines)
    if lines_total + rounding_fen != total_fen:
        raise ValueError(
            f"total_fen {total_fen} != sum of line_total_fen {lines_total} + rounding_fen {rounding_fen}"
        )
    tendered = sum(t.amount_fen for t in tenders)
    if tendered != total_fen:
        raise ValueError(f"tenders add up to {tendered} fen, total_fen is {total_fen}")


class _Settlement(WireModel):
    """What a sale and a return share: who, when, the lines and tenders, and totals that add up:
    ``total_fen`` = sum of line totals + ``rounding_fen`` (抹零, <= 0) = sum of tenders."""

    receipt_no: Code
    store_id: Code
    till_id: Code
    business_date: dt.date
    completed_at: AwareDatetime
    cashier_id: Code
    lines: list[SaleLine] = Field(min_length=1, max_length=1000)
    tenders: list[Tender] = Field(min_length=1, max_length=20)
    rounding_fen: Annotated[StrictInt, Field(ge=-99, le=0)] = 0
    total_fen: Fen
    stock_movements: list[StockDelta] = Field(max_length=1000)

    @model_validator(mode="after")
    def _totals(self) -> _Settlement:
        _check_totals(self.lines, self.tenders, self.rounding_fen, self.total_fen)
        return self


class Sale(_Settlement):
    """A completed sale."""

    sale_id: ClientId
    member_id: Code | None = None


class Return(_Settlement):
    """Goods taken back against an earlier sale; amounts are positive refunds. ``original_sale_id``
    is a sale's id or an online order's id (another till's or store's: the platform reserved the
    units under ``return_id``), None for a return without a receipt; ``reason`` lists the lines'
    reason codes. An exchange's credit is a tender of kind ``exchange`` (the new sale's receipt)."""

    return_id: ClientId
    original_sale_id: Code | None
    reason: Text


class StockMovement(WireModel):
    """A stock change outside a sale: delivery received, waste, count correction."""

    movement_id: ClientId
    store_id: Code
    till_id: Code
    sku: Code
    delta: SignedQuantity
    reason: Literal["received", "waste", "count_correction", "transfer_in", "transfer_out", "other"]
    at: AwareDatetime
    user_id: Code
    note: Text = ""


class HandedOverLine(WireModel):
    line_id: Code
    quantity: Quantity


class PickupEvent(WireModel):
    """A status change of a pickup order made at the till (picking, ready, handed over, ...)."""

    event_id: ClientId
    order_id: Code
    store_id: Code
    #: "new": the till stopped picking (goods back on the shelf); the platform releases its claim.
    status: Literal["picking", "ready", "collected", "partially_collected", "cancelled", "expired", "new"]
    lines: list[HandedOverLine] = Field(max_length=500)
    at: AwareDatetime
    till_id: Code
    user_id: Code
    reason: Text = ""

    @model_validator(mode="after")
    def _lines_only_when_handed_over(self) -> PickupEvent:
        handed = self.status in ("collected", "partially_collected")
        if handed and not self.lines:
            raise ValueError(f"status {self.status!r} needs the handed-over lines")
        if not handed and self.lines:
            raise ValueError(f"status {self.status!r} takes no lines")
        return self


class Loyalty(WireModel):
    """Points earned or redeemed by a member."""

    loyalty_id: ClientId
    store_id: Code
    member_id: Code
    points_delta: Annotated[StrictInt, Field(ge=-(10**9), le=10**9)]
    ref: Code
    at: AwareDatetime


class CouponRedemption(WireModel):
    """A single-use coupon used in a sale. The platform answers a second use of the code with a
    ``conflict`` (``coupon_already_used``) that the till lists for the manager."""

    redemption_id: ClientId
    store_id: Code
    code: Code
    sale_id: ClientId
    receipt_no: Code
    discount_fen: Fen
    at: AwareDatetime


class StaffPinChange(WireModel):
    """A person replaced their one-time PIN at a till: the platform keeps the new Argon2id hash so
    every till of the store signs them in with it. ``replaced_pin_hash`` is the one-time PIN's hash:
    when head office has reset the PIN again since, the platform answers ``pin_reset_since`` and
    its newer PIN stays."""

    change_id: ClientId
    store_id: Code
    till_id: Code
    staff_id: Code
    pin_hash: Argon2idHash
    replaced_pin_hash: Argon2idHash
    at: AwareDatetime


class TenderTotal(WireModel):
    kind: TenderKind
    amount_fen: SignedFen


class TaxTotal(WireModel):
    tax_rate: Rate
    tax_fen: SignedFen


class ZReport(WireModel):
    """End-of-day report of one till, sent by idempotent PUT per (store, till, business date)."""

    store_id: Code
    till_id: Code
    business_date: dt.date
    z_no: Annotated[StrictInt, Field(ge=1)]
    generated_at: AwareDatetime
    opened_at: AwareDatetime
    closed_at: AwareDatetime
    sale_count: Annotated[StrictInt, Field(ge=0)]
    return_count: Annotated[StrictInt, Field(ge=0)]
    gross_sales_fen: Fen
    returns_fen: Fen
    net_sales_fen: SignedFen
    tax: list[TaxTotal] = Field(max_length=20)
    tenders: list[TenderTotal] = Field(max_length=50)
    cash_expected_fen: SignedFen
    cash_counted_fen: SignedFen
    first_receipt_no: Code | None
    last_receipt_no: Code | None

    @model_validator(mode="after")
    def _consistent(self) -> ZReport:
        if self.closed_at < self.opened_at:
            raise ValueError("closed_at is before opened_at")
        if self.net_sales_fen != self.gross_sales_fen - self.returns_fen:
            raise ValueError("net_sales_fen must equal gross_sales_fen - returns_fen")
        return self


EVENT_MODELS: dict[str, type[WireModel]] = {
    "sale": Sale,
    "return": Return,
    "stock_movement": StockMovement,
    "pickup_event": PickupEvent,
    "loyalty": Loyalty,
    "coupon_redemption": CouponRedemption,
    "z_report": ZReport,
    "staff_pin": StaffPinChange,
    "member_ledger": MemberLedgerEntry,
    "member_signup": MemberSignup,
}


class PushResult(WireModel):
    """The platform's answer to a push. ``conflict`` is a final answer, not an error to retry.

    ``conflict_code`` says why (e.g. ``order_cancelled``, ``unknown_member``,
    ``z_report_differs``); ``order_status`` is the order's status on the platform for
    pickup conflicts.
    """

    status: Literal["accepted", "conflict"]
    kind: EventKind
    idempotency_key: IdempotencyKey | None
    received_at: AwareDatetime
    conflict_code: Code | None = None
    message: Text = ""
    order_status: PickupStatus | None = None
