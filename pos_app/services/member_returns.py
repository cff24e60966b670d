"""A return settles the member's balances with the sale (issues 16 and 17).

The refund planner sends the stored-value part of a refund back to stored value (its documented
place: after wallets, before card and cash), and the points the sale earned are taken back in
proportion to what has been refunded of it. Both are ledger entries written in the return's own
transaction, once per return (the entry id is till + return + kind). The points are counted on
the running total of the sale's returns, so partial returns never take back more than was earned.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select

from pos_app.domain.members import EntryKind
from pos_app.domain.returns import STORED_VALUE_RANK, LineRefund, RefundRoute
from pos_app.services.member_tenders import STORED_VALUE
from pos_app.services.members import MemberService
from pos_app.services.returns import ReturnService
from pos_app.store.member_models import MemberEntry
from pos_app.store.models import Sale
from pos_app.store.return_models import ReturnDoc, ReturnTender
from pos_app.store.uow import UnitOfWork

METHOD = "stored_value"


def attach(returns: ReturnService, members: MemberService) -> None:
    """Register the stored-value refund route and the hook that credits the member."""
    returns.routes.register(STORED_VALUE.code, RefundRoute(STORED_VALUE_RANK, METHOD))

    def credit(uow: UnitOfWork, doc: ReturnDoc, _lines: Sequence[LineRefund]) -> None:
        if doc.original_sale_id is None:
            return
        sale = uow.session.get(Sale, doc.original_sale_id)
        if sale is None or not sale.member_id:  # a member's balances only
            return
        day = date.fromisoformat(doc.business_date)
        fen = uow.session.scalar(select(func.coalesce(func.sum(ReturnTender.amount_fen), 0)).where(
            ReturnTender.return_id == doc.id, ReturnTender.method == METHOD)) or 0
        if fen:
            members.refund_to_stored_value(uow, sale.member_id, doc.id, int(fen), business_date=day)
        points = _points_to_take_back(uow, sale, doc)
        if points:
            members.reverse_points(uow, sale.member_id, doc.id, -points, business_date=day)

    returns.on_complete.append(credit)


def _points_to_take_back(uow: UnitOfWork, sale: Sale, doc: ReturnDoc) -> int:
    """Earned points x refunded so far / sale total, less what earlier returns took back."""
    earned = uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.points), 0)).where(
        MemberEntry.ref_id == sale.id, MemberEntry.kind == EntryKind.POINTS_EARN.value)) or 0
    if earned <= 0 or sale.total_fen <= 0:
        return 0
    returns = select(ReturnDoc.id).where(ReturnDoc.original_sale_id == sale.id)
    refunded = uow.session.scalar(select(func.coalesce(func.sum(ReturnDoc.refund_fen), 0)).where(
        ReturnDoc.id.in_(returns))) or 0
    taken = -(uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.points), 0)).where(
        MemberEntry.ref_id.in_(returns), MemberEntry.ref_id != doc.id,
        MemberEntry.kind == EntryKind.POINTS_REVERSE.value)) or 0)
    due = int(earned) * min(int(refunded), sale.total_fen) // sale.total_fen
    return max(due - taken, 0)
