"""Contract of cross-channel returns: a sale of another till or store, or an online order, looked up
on the platform with its refundable-quantity ledger; units reserved before the till refunds and
confirmed after (the platform's ledger is the only one for sales that are not local).
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from sync.protocol.events import SalePromotion, Tender, UnitDiscount
from sync.protocol.payments import OutTradeNo
from sync.protocol.types import ClientId, Code, Fen, Name, Quantity, Rate, WireModel


class RefundableLine(WireModel):
    """A line as sold, and its ledger: what was refunded (confirmed) and what is reserved now."""

    line_id: Code
    sku: Code
    name: Name
    quantity: Quantity
    unit: Literal["pcs", "kg"] = "pcs"
    unit_price_fen: Fen
    discount_fen: Fen
    line_total_fen: Fen
    tax_rate: Rate
    tax_fen: Fen
    promotions: list[SalePromotion] = Field(default_factory=list, max_length=50)
    unit_discounts: list[UnitDiscount] = Field(default_factory=list, max_length=100)
    refunded_quantity: Quantity = "0"
    refunded_fen: Fen = 0
    reserved_quantity: Quantity = "0"


class RefundableTender(Tender):
    """A tender of the sale. For a wallet payment the platform knows (any till of the store), the
    payment's ``out_trade_no`` and what was already refunded of it: the returning till refunds it to
    the wallet through its payment service, not in cash."""

    out_trade_no: OutTradeNo | None = None
    refunded_fen: Fen = 0


class RefundableSale(WireModel):
    """``GET /stores/{store}/refundable-sales/{number}``: a sale by receipt number (any till or store
    of the chain) or an online order by order number."""

    sale_id: Code
    number: Code
    kind: Literal["sale", "online_order"]
    store_id: Code
    completed_at: AwareDatetime
    lines: list[RefundableLine] = Field(min_length=1, max_length=1000)
    tenders: list[RefundableTender] = Field(max_length=20)


class ReservedLine(WireModel):
    line_id: Code
    quantity: Quantity
    amount_fen: Fen


class RefundReservation(WireModel):
    """``PUT /stores/{store}/refund-reservations/{reservation_id}``: hold these units for a return
    (the id is the till's return id). The same id and body always get the same answer; a unit
    already refunded or reserved by another return is refused (``exceeds_refundable``)."""

    number: Code
    lines: list[ReservedLine] = Field(min_length=1, max_length=1000)

    @model_validator(mode="after")
    def _lines_once(self) -> RefundReservation:
        ids = [line.line_id for line in self.lines]
        if len(ids) != len(set(ids)):
            raise ValueError("a line appears twice in one reservation")
        return self


class RefundReservationResult(WireModel):
    reservation_id: ClientId
    status: Literal["reserved", "confirmed", "released"]
