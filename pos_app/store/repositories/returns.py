"""Returns: the return number series, the ledger of each sale line, return documents, the returns'
share of the shift figures. Services get plain rows and tuples; the rules live in `domain/returns.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.orm import Session

from pos_app.store.models import OutboxEvent, Sale, SaleLine, SaleLineRefund, SaleTender, UTCDateTime
from pos_app.store.payment_models import PaymentIntentRow
from pos_app.store.repositories.shifts import Scope
from pos_app.store.return_models import ReturnDoc, ReturnLine, ReturnTender, StagedExchange
from pos_app.store.sync_models import SyncConflict


@dataclass(frozen=True)
class PendingRefund:
    tender_id: str
    kind: str
    amount_fen: int
    out_trade_no: str
    refund_no: str
    return_no: str
    return_id: str = ""
    #: the return is of a sale the platform holds (its number is the sale's or online order's)
    original_number: str | None = None
    remote: bool = False


class ReturnRepository:
    def __init__(self, session: Session):
        self.s = session

    def next_return_seq(self, till_key: str) -> int:
        """Taken inside the return's transaction, like a receipt number: no gaps."""
        return cast(int, self.s.execute(  # a textual query's column is untyped; last_return_seq is an INTEGER
            text("UPDATE tills SET last_return_seq = last_return_seq + 1 WHERE id = :id RETURNING last_return_seq"),
            {"id": till_key},
        ).scalar_one())

    # -- the original sale ---------------------------------------------------------------------------
    def sale(self, receipt_no: str) -> Sale | None:
        return self.s.scalars(select(Sale).where(Sale.receipt_no == receipt_no)).first()

    def sale_by_id(self, sale_id: str) -> Sale | None:
        return self.s.get(Sale, sale_id)

    def lines_with_ledger(self, sale_id: str) -> list[tuple[SaleLine, Decimal, int]]:
        """The sale's live lines, each with the quantity and fen already refunded (the ledger)."""
        lines = list(self.s.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id, SaleLine.voided.is_(False))
                                    .order_by(SaleLine.line_no)))
        refunded: dict[str, tuple[Decimal, int]] = {}
        rows = self.s.execute(select(SaleLineRefund.sale_line_id, SaleLineRefund.quantity, SaleLineRefund.amount_fen)
                              .join(SaleLine, SaleLine.id == SaleLineRefund.sale_line_id)
                              .where(SaleLine.sale_id == sale_id))
        for line_id, quantity, fen in rows:
            qty, amount = refunded.get(line_id, (Decimal(0), 0))
            refunded[line_id] = (qty + Decimal(quantity), amount + fen)
        return [(ln, *refunded.get(ln.id, (Decimal(0), 0))) for ln in lines]

    def tenders(self, sale_id: str) -> list[SaleTender]:
        return list(self.s.scalars(select(SaleTender).where(SaleTender.sale_id == sale_id).order_by(SaleTender.id)))

    def wallet_payments(self, sale_id: str) -> list[tuple[str, str, str]]:
        """(wallet, out_trade_no, transaction_id) of the wallet payments the sale carried."""
        # tuple() of a typed row loses its per-column types
        return [cast("tuple[str, str, str]", tuple(r)) for r in self.s.execute(
            select(PaymentIntentRow.wallet, PaymentIntentRow.out_trade_no, PaymentIntentRow.transaction_id)
            .where(PaymentIntentRow.sale_id == sale_id))]

    def refunded_tenders(self, original_sale_id: str) -> list[tuple[str, str, int]]:
        """(kind, reference, fen) given back to the sale's tenders by earlier returns."""
        # tuple() of a typed row loses its per-column types
        return [cast("tuple[str, str, int]", tuple(r)) for r in self.s.execute(
            select(ReturnTender.kind, ReturnTender.reference, ReturnTender.amount_fen)
            .join(ReturnDoc, ReturnDoc.id == ReturnTender.return_id)
            .where(ReturnDoc.original_sale_id == original_sale_id))]

    def lowest_sold_price(self, sku: str, since: datetime) -> int | None:
        """The lowest unit price the till sold ``sku`` at since ``since`` (the no-receipt rule; prices
        a cashier overrode by hand do not count)."""
        stmt = text("SELECT min(l.unit_price_fen) FROM sale_lines l JOIN sales s ON s.id = l.sale_id "
                    "WHERE l.sku = :sku AND l.voided = 0 AND l.override_reason IS NULL "
                    "AND s.completed_at >= :since").bindparams(bindparam("since", type_=UTCDateTime()))
        return self.s.execute(stmt, {"sku": sku, "since": since}).scalar()

    # -- the return -------------------------------------------------------------------------------------
    def add(self, doc: ReturnDoc, lines: list[ReturnLine], tenders: list[ReturnTender],
            ledger: list[SaleLineRefund]) -> None:
        self.s.add(doc)
        self.s.flush()
        self.s.add_all(lines)
        self.s.add_all(tenders)
        self.s.add_all(ledger)
        self.s.flush()

    def by_no(self, return_no: str) -> ReturnDoc | None:
        return self.s.scalars(select(ReturnDoc).where(ReturnDoc.return_no == return_no)).first()

    def get(self, return_id: str) -> ReturnDoc | None:
        return self.s.get(ReturnDoc, return_id)

    def lines(self, return_id: str) -> list[ReturnLine]:
        return list(self.s.scalars(select(ReturnLine).where(ReturnLine.return_id == return_id)
                                   .order_by(ReturnLine.line_no)))

    def return_tenders(self, return_id: str) -> list[ReturnTender]:
        return list(self.s.scalars(select(ReturnTender).where(ReturnTender.return_id == return_id)
                                   .order_by(ReturnTender.id)))

    def pending_refunds(self, return_id: str | None = None) -> list[PendingRefund]:
        """Wallet refunds committed with their return but not yet confirmed by the wallet."""
        stmt = (select(ReturnTender.id, ReturnTender.kind, ReturnTender.amount_fen, ReturnTender.reference,
                       ReturnTender.refund_no, ReturnDoc.return_no, ReturnDoc.id, ReturnDoc.original_receipt_no,
                       ReturnDoc.remote)
                .join(ReturnDoc, ReturnDoc.id == ReturnTender.return_id)
                .where(ReturnTender.state == "pending").order_by(ReturnDoc.seq, ReturnTender.id))
        if return_id is not None:
            stmt = stmt.where(ReturnDoc.id == return_id)
        # a pending tender is a wallet one, and a wallet tender always carries its refund_no
        return [PendingRefund(*cast("tuple[str, str, int, str, str, str, str, str | None, bool]", r))
                for r in self.s.execute(stmt)]

    def mark_done(self, tender_id: str) -> None:
        self.s.execute(update(ReturnTender).where(ReturnTender.id == tender_id).values(state="done"))

    def conflicts(self) -> list[tuple[int, str, str, str, datetime]]:
        """(conflict id, return number, code, message, when) of the returns the platform answered
        with a conflict (e.g. an offline over-refund), not yet resolved."""
        rows = self.s.execute(
            select(SyncConflict.id, ReturnDoc.return_no, SyncConflict.code, SyncConflict.message,
                   SyncConflict.created_at)
            .join(OutboxEvent, OutboxEvent.id == SyncConflict.event_id)
            .join(ReturnDoc, ReturnDoc.id == OutboxEvent.aggregate_id)
            .where(SyncConflict.kind == "return", SyncConflict.resolved_at.is_(None)).order_by(SyncConflict.id))
        # tuple() of a typed row loses its per-column types
        return [cast("tuple[int, str, str, str, datetime]", tuple(r)) for r in rows]

    # -- exchanges -----------------------------------------------------------------------------------------
    def stage(self, staged: StagedExchange) -> None:
        self.s.merge(staged)
        self.s.flush()

    def staged(self, ticket_id: str) -> StagedExchange | None:
        return self.s.get(StagedExchange, ticket_id)

    def unstage(self, ticket_id: str) -> None:
        self.s.execute(delete(StagedExchange).where(StagedExchange.ticket_id == ticket_id))

    # -- figures ------------------------------------------------------------------------------------------
    def summary(self, scope: Scope) -> dict[str, Any]:
        where, p = scope.sales_where()
        row = self.s.execute(text(
            "SELECT count(*), coalesce(sum(total_fen), 0), coalesce(sum(tax_fen), 0), "
            f"coalesce(sum(rounding_fen), 0) FROM returns s WHERE {where}"), p).one()
        return {"return_count": row[0], "total_fen": row[1], "tax_fen": row[2], "rounding_fen": row[3]}

    def in_range(self, start: str, end: str) -> list[tuple[str, str, str | None, str, int, str]]:
        """(return no, kind, original receipt, business date, refund fen, reasons) of a date range."""
        return [tuple(r) for r in self.s.execute(text(
            "SELECT r.return_no, r.kind, r.original_receipt_no, r.business_date, r.total_fen, "
            "(SELECT group_concat(DISTINCT l.reason) FROM return_lines l WHERE l.return_id = r.id) "
            "FROM returns r WHERE r.business_date BETWEEN :start AND :end ORDER BY r.completed_at"),
            {"start": start, "end": end})]

    def tender_totals(self, scope: Scope) -> dict[str, tuple[int, int]]:
        """{kind: (number of refunds, fen)} paid back by the scope's returns."""
        where, p = scope.sales_where()
        return {k: (n, a) for k, n, a in self.s.execute(text(
            "SELECT t.kind, count(*), sum(t.amount_fen) FROM returns s JOIN return_tenders t ON t.return_id = s.id "
            f"WHERE {where} GROUP BY t.kind"), p)}
