"""Payment intents and refunds: rows in, domain `PaymentIntent` objects out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import FINAL_STATES, IntentState, PaymentIntent, PaymentMethod
from pos_app.store.models import utcnow
from pos_app.store.payment_models import PaymentIntentRow, PaymentRefundRow


@dataclass(frozen=True)
class StoredRefund:
    refund_no: str
    intent_id: str
    amount_fen: int
    state: str  # requested | refunded


_NOT_FINAL = [s.value for s in IntentState if s not in FINAL_STATES]


def _to_domain(row: PaymentIntentRow) -> PaymentIntent:
    return PaymentIntent(
        intent_id=row.id, out_trade_no=row.out_trade_no, ticket_id=row.ticket_id, wallet=Wallet(row.wallet),
        amount_fen=row.amount_fen, code_masked=row.code_masked, state=IntentState(row.state),
        created_at=row.created_at, submitted_at=row.submitted_at, transaction_id=row.transaction_id,
        payer=row.payer, last_code=row.last_code, last_message=row.last_message,
        reverse_attempts=row.reverse_attempts, sale_id=row.sale_id, resolution=row.resolution,
        method=PaymentMethod(row.method), qr_url=row.qr_url,
    )


class PaymentRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, intent: PaymentIntent, till_key: str, user_id: str | None) -> None:
        now = utcnow()
        self.s.add(PaymentIntentRow(
            id=intent.intent_id, till_id=till_key, out_trade_no=intent.out_trade_no, ticket_id=intent.ticket_id,
            wallet=intent.wallet.value, amount_fen=intent.amount_fen, code_masked=intent.code_masked,
            state=intent.state.value, created_at=intent.created_at or now, updated_at=now,
            submitted_at=intent.submitted_at, user_id=user_id, transaction_id="", payer="", last_code="",
            last_message="", reverse_attempts=0, sale_id="", resolution="", method=intent.method.value,
            qr_url=intent.qr_url))
        self.s.flush()

    def save(self, intent: PaymentIntent) -> None:
        """Write the intent's changing fields (state, answer, links)."""
        self.s.execute(update(PaymentIntentRow).where(PaymentIntentRow.id == intent.intent_id).values(
            state=intent.state.value, updated_at=utcnow(), submitted_at=intent.submitted_at,
            transaction_id=intent.transaction_id, payer=intent.payer, last_code=intent.last_code[:64],
            last_message=intent.last_message, reverse_attempts=intent.reverse_attempts, sale_id=intent.sale_id,
            resolution=intent.resolution, qr_url=intent.qr_url))

    def get(self, intent_id: str) -> PaymentIntent | None:
        row = self.s.get(PaymentIntentRow, intent_id)
        return None if row is None else _to_domain(row)

    def by_out_trade_no(self, out_trade_no: str) -> PaymentIntent | None:
        row = self.s.scalars(select(PaymentIntentRow).where(PaymentIntentRow.out_trade_no == out_trade_no)).first()
        return None if row is None else _to_domain(row)

    def for_ticket(self, ticket_id: str) -> list[PaymentIntent]:
        stmt = select(PaymentIntentRow).where(PaymentIntentRow.ticket_id == ticket_id).order_by(
            PaymentIntentRow.created_at)
        return [_to_domain(r) for r in self.s.scalars(stmt)]

    def not_final(self, till_key: str) -> list[PaymentIntent]:
        stmt = select(PaymentIntentRow).where(PaymentIntentRow.till_id == till_key,
                                              PaymentIntentRow.state.in_(_NOT_FINAL),
                                              PaymentIntentRow.resolution == "").order_by(
            PaymentIntentRow.created_at)
        return [_to_domain(r) for r in self.s.scalars(stmt)]

    def paid_unsold(self, till_key: str) -> list[PaymentIntent]:
        """Paid, in no sale and not settled otherwise: the sale still has to be completed (or voided)."""
        stmt = select(PaymentIntentRow).where(PaymentIntentRow.till_id == till_key,
                                              PaymentIntentRow.state == IntentState.PAID.value,
                                              PaymentIntentRow.sale_id == "",
                                              PaymentIntentRow.resolution == "").order_by(
            PaymentIntentRow.created_at)
        return [_to_domain(r) for r in self.s.scalars(stmt)]

    def accepted_between(self, till_key: str, start: datetime, end: datetime) -> list[PaymentIntent]:
        """Intents a manager accepted with their outcome unknown, created in [start, end] (a shift or
        a day): the X and Z reports list them."""
        stmt = select(PaymentIntentRow).where(PaymentIntentRow.till_id == till_key,
                                              PaymentIntentRow.resolution.like("accepted:%"),
                                              PaymentIntentRow.created_at >= start,
                                              PaymentIntentRow.created_at <= end).order_by(
            PaymentIntentRow.created_at)
        return [_to_domain(r) for r in self.s.scalars(stmt)]

    def recent(self, till_key: str, limit: int = 200) -> list[PaymentIntent]:
        stmt = select(PaymentIntentRow).where(PaymentIntentRow.till_id == till_key).order_by(
            PaymentIntentRow.created_at.desc()).limit(limit)
        return [_to_domain(r) for r in self.s.scalars(stmt)]

    # -- refunds ----------------------------------------------------------------------------------
    def add_refund(self, refund_no: str, intent_id: str, amount_fen: int, reason: str) -> None:
        now = utcnow()
        self.s.add(PaymentRefundRow(refund_no=refund_no, intent_id=intent_id, amount_fen=amount_fen,
                                    state="requested", created_at=now, updated_at=now, reason=reason))
        self.s.flush()

    def refund(self, refund_no: str) -> StoredRefund | None:
        row = self.s.get(PaymentRefundRow, refund_no)
        return None if row is None else StoredRefund(row.refund_no, row.intent_id, row.amount_fen, row.state)

    def mark_refunded(self, refund_no: str) -> None:
        self.s.execute(update(PaymentRefundRow).where(PaymentRefundRow.refund_no == refund_no)
                       .values(state="refunded", updated_at=utcnow()))

    def refunded_fen(self, intent_id: str) -> int:
        """Requested or done: money promised back counts against what is left to refund."""
        return int(self.s.scalar(select(func.coalesce(func.sum(PaymentRefundRow.amount_fen), 0))
                                 .where(PaymentRefundRow.intent_id == intent_id)) or 0)
