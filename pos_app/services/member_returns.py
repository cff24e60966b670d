"""A return gives the member back what the sale took from their balance (issues 16 and 17).

The refund planner sends the stored-value part of a refund back to stored value (its documented
place: after wallets, before card and cash); this hook writes the member's ledger entry in the
return's own transaction, once per return (the entry id is till + return + kind).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select

from pos_app.domain.returns import STORED_VALUE_RANK, LineRefund, RefundRoute
from pos_app.services.member_tenders import STORED_VALUE
from pos_app.services.members import MemberService
from pos_app.services.returns import ReturnService
from pos_app.store.models import Sale
from pos_app.store.return_models import ReturnDoc, ReturnTender
from pos_app.store.uow import UnitOfWork

METHOD = "stored_value"


def attach(returns: ReturnService, members: MemberService) -> None:
    """Register the stored-value refund route and the hook that credits the member."""
    returns.routes.register(STORED_VALUE.code, RefundRoute(STORED_VALUE_RANK, METHOD))

    def credit(uow: UnitOfWork, doc: ReturnDoc, _lines: Sequence[LineRefund]) -> None:
        fen = uow.session.scalar(select(func.coalesce(func.sum(ReturnTender.amount_fen), 0)).where(
            ReturnTender.return_id == doc.id, ReturnTender.method == METHOD)) or 0
        if not fen or doc.original_sale_id is None:
            return
        sale = uow.session.get(Sale, doc.original_sale_id)
        if sale is None or not sale.member_id:  # stored value is only ever paid by a member
            return
        members.refund_to_stored_value(uow, sale.member_id, doc.id, int(fen),
                                       business_date=date.fromisoformat(doc.business_date))

    returns.on_complete.append(credit)
