"""Contract of cross-channel returns: a sale of another till or store, or an online order, looked up
on the platform with its refundable-quantity ledger; units reserved before the till refunds and
confirmed after (the platform's ledger is the only one for sales that are not local).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StrictInt, model_validator

from sync.protocol.events import SalePromotion, Tender, UnitDiscount
from sync.protocol.payments import OutTradeNo, PositiveFen, WalletKind
from sync.protocol.types import ClientId, Code, Fen, Name, Quantity, Rate, TenderKind, Text, WireModel

#: A number of points, never negative.
Count = Annotated[StrictInt, Field(ge=0, le=10**12)]


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
    #: Of ``refunded_quantity`` + ``reserved_quantity``, what the asking till's own returns hold: a
    #: till returning its own sale counts those in its local ledger already, the rest was returned
    #: (or is being returned) at another till or store.
    till_quantity: Quantity = "0"


class RefundableTender(Tender):
    """A tender of the sale and what earlier returns gave back to it (``refunded_fen``: for a wallet
    payment the wallet's own refunds, otherwise the tenders of the sale's reservations). For a
    wallet payment the platform knows (any till or store), the payment's ``out_trade_no``: the
    returning till refunds it to the wallet (its own store's through its payment service, another
    store's through ``wallet-refunds``), not in cash."""

    out_trade_no: OutTradeNo | None = None
    refunded_fen: Fen = 0


class ElsewhereWalletRefund(WireModel):
    """``POST /stores/{store}/refund-reservations/{reservation_id}/wallet-refunds``: the platform
    refunds a wallet payment another store took (wallets are per store: the merchant is the paying
    store, whose keys only the platform holds) for the till's return ``reservation_id``. At most the
    reservation's amount goes back; the same ``refund_no`` always gets the same answer."""

    out_trade_no: OutTradeNo
    wallet: WalletKind
    refund_no: OutTradeNo
    amount_fen: PositiveFen


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
    #: The member the sale was made for (None: no member): a return gives back the member's stored
    #: value and points through the member ledger, not in cash.
    member_id: Code | None = None
    #: The points the sale earned and redeemed (the platform's member ledger): a return takes back
    #: and gives back its part of them, on the running total of the sale's refunds.
    points_earned: Count = 0
    points_redeemed: Count = 0


class ReservedLine(WireModel):
    line_id: Code
    quantity: Quantity
    amount_fen: Fen


class ReservedTender(WireModel):
    """The part of a return that goes back to one tender of the sale (not a wallet's: the wallet
    knows its own refunds), so the next return of the same sale, on any till, sees what is left."""

    kind: TenderKind
    reference: Text = ""
    amount_fen: Fen


class RefundReservation(WireModel):
    """``PUT /stores/{store}/refund-reservations/{reservation_id}``: hold these units for a return
    (the id is the till's return id). The same id and body always get the same answer; a unit
    already refunded or reserved by another return is refused (``exceeds_refundable``)."""

    number: Code
    lines: list[ReservedLine] = Field(min_length=1, max_length=1000)
    tenders: list[ReservedTender] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _lines_once(self) -> RefundReservation:
        ids = [line.line_id for line in self.lines]
        if len(ids) != len(set(ids)):
            raise ValueError("a line appears twice in one reservation")
        return self


class RefundReservationResult(WireModel):
    reservation_id: ClientId
    status: Literal["reserved", "confirmed", "released"]
