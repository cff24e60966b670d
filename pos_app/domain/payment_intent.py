"""A wallet payment as a state machine that never loses or double-takes money.

An intent is saved (state CREATED) before anything is sent, and every answer moves it along::

    CREATED -> SUBMITTED -> PAYING -> PAID | FAILED | REVERSING -> REVERSED
                      \\_________________/^        ^
    (PAID -> REVERSING: a paid payment whose sale is voided is reversed, the same day)

* SUBMITTED: the request is about to leave (or has left): the outcome is unknown until answered.
* PAYING: the wallet said "the customer is confirming" or gave no usable answer: query it.
* REVERSING: we gave up (time ran out, the cashier cancelled, the sale was voided): the charge,
  if any, is being reversed; a reverse is repeated until the wallet confirms it.

PAID, FAILED and REVERSED are final for the sale: nothing is waiting for an answer.
What to do after each answer is :mod:`pos_app.domain.payment_policy`; this module only keeps the
transitions honest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .errors import InvalidPaymentTransition
from .payment_codes import Wallet


class IntentState(StrEnum):
    CREATED = "created"
    SUBMITTED = "submitted"
    PAYING = "paying"
    PAID = "paid"
    FAILED = "failed"
    REVERSING = "reversing"
    REVERSED = "reversed"


class PaymentMethod(StrEnum):
    CODE = "code"  # the till scans the customer's payment code (付款码)
    QR = "qr"  # the customer scans the QR the till shows (WeChat Native, Alipay precreate)


FINAL_STATES = frozenset({IntentState.PAID, IntentState.FAILED, IntentState.REVERSED})

_NEXT: dict[IntentState, frozenset[IntentState]] = {
    # FAILED straight from CREATED: the request never left (cancelled, or the till died first).
    IntentState.CREATED: frozenset({IntentState.SUBMITTED, IntentState.FAILED}),
    IntentState.SUBMITTED: frozenset({IntentState.PAYING, IntentState.PAID, IntentState.FAILED,
                                      IntentState.REVERSING}),
    IntentState.PAYING: frozenset({IntentState.PAYING, IntentState.PAID, IntentState.FAILED,
                                   IntentState.REVERSING}),
    IntentState.REVERSING: frozenset({IntentState.REVERSING, IntentState.REVERSED}),
    IntentState.PAID: frozenset({IntentState.REVERSING}),
    IntentState.FAILED: frozenset(),
    IntentState.REVERSED: frozenset(),
}


def can_move(current: IntentState, target: IntentState) -> bool:
    return target in _NEXT[current]


@dataclass(frozen=True)
class PaymentIntent:
    """One attempt to take ``amount_fen`` from a customer's wallet for a ticket.

    ``out_trade_no`` is the merchant's order number: unique per till and the same on every retry,
    query and reverse of this intent, which is what makes retries safe. ``code_masked`` is the
    payment code with all but its last four digits hidden (the code itself is never kept); a QR
    payment has no code (``method`` QR, ``code_masked`` empty) but the URL the customer scans.
    """

    intent_id: str
    out_trade_no: str
    ticket_id: str
    wallet: Wallet
    amount_fen: int
    code_masked: str
    state: IntentState = IntentState.CREATED
    created_at: datetime | None = None
    submitted_at: datetime | None = None
    transaction_id: str = ""
    payer: str = ""
    last_code: str = ""
    last_message: str = ""
    reverse_attempts: int = 0
    sale_id: str = ""
    resolution: str = ""
    method: PaymentMethod = PaymentMethod.CODE
    #: A QR order's URL for the customer to scan, once the wallet has answered it.
    qr_url: str = ""

    def __post_init__(self) -> None:
        if self.amount_fen <= 0:
            raise ValueError("a payment intent needs a positive amount")

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def pending(self) -> bool:
        """Waiting for a wallet's answer: the ticket may not be completed or voided."""
        return not self.final

    def move(self, target: IntentState, **changes: object) -> PaymentIntent:
        """The intent in ``target`` (with ``changes``), or a refusal naming both states."""
        if not can_move(self.state, target):
            raise InvalidPaymentTransition(current=self.state.value, target=target.value)
        return replace(self, state=target, **changes)  # type: ignore[arg-type]

    def elapsed_s(self, now: datetime) -> float:
        """Seconds since the request left (0 before it did): the providers' deadlines count from there."""
        if self.submitted_at is None:
            return 0.0
        return max(0.0, (now - self.submitted_at).total_seconds())
