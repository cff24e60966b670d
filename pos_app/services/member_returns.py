"""A return settles the member's balances with the sale (issues 16 and 17).

The refund planner sends the stored-value part of a refund back to stored value (its documented
place: after wallets, before card and cash). Points move both ways: those the sale earned are taken
back in proportion to what has been refunded of the sale, and those redeemed in it (the `points`
tender, a pro-rata route: each refund gives back its own share of it, see `plan_refund`) are given
back in proportion to what has been refunded of that share. Both are counted on the running totals
of the sale's returns, so partial returns never take back more than was earned nor give back more
than was redeemed; they are one net `points_reverse` entry per return. Every entry is written in the
return's own transaction, once per return (the entry id is till + return + kind): the platform
applies an entry id once, so a retried push never moves the points twice.

A sale another till (or store) made is settled the same way with the member the platform names
for it: its lookup carries the member id, the points the sale earned and redeemed and what earlier
returns gave back (`RemoteMember`), so a return on any till credits that member, never cash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from pos_app.domain.errors import MemberNotFound
from pos_app.domain.members import EntryKind
from pos_app.domain.returns import STORED_VALUE_RANK, LineRefund, RefundRoute
from pos_app.services.member_tenders import POINTS, STORED_VALUE
from pos_app.services.members import MemberService
from pos_app.services.returns import OriginalSale, RemoteMember, ReturnService
from pos_app.store.member_models import MemberEntry
from pos_app.store.models import Sale, SaleTender
from pos_app.store.return_models import ReturnDoc, ReturnTender
from pos_app.store.sync_models import Member
from pos_app.store.uow import UnitOfWork

METHOD = "stored_value"
POINTS_METHOD = "points"


def attach(returns: ReturnService, members: MemberService) -> None:
    """Register the stored-value and points refund routes and the hook that settles the member."""
    returns.routes.register(STORED_VALUE.code, RefundRoute(STORED_VALUE_RANK, METHOD))
    returns.routes.register(POINTS.code, RefundRoute(STORED_VALUE_RANK, POINTS_METHOD, pro_rata=True))

    def credit(uow: UnitOfWork, doc: ReturnDoc, _lines: Sequence[LineRefund], original: OriginalSale | None) -> None:
        if doc.original_sale_id is None:
            _credit_no_receipt(uow, doc)
            return
        sale = uow.session.get(Sale, doc.original_sale_id)
        remote = original.member if original is not None and original.remote else None
        member_id = sale.member_id if sale is not None else remote.member_id if remote else None
        if not member_id:  # a member's balances only
            return
        day = date.fromisoformat(doc.business_date)
        fen = _sum_tenders(uow, doc, METHOD)
        if fen:
            members.refund_to_stored_value(uow, member_id, doc.id, fen, business_date=day)
        points = (_points_given_back(uow, sale, doc) - _points_to_take_back(uow, sale, doc) if sale is not None
                  else _remote_points(remote, doc.refund_fen, _sum_tenders(uow, doc, POINTS_METHOD)) if remote
                  else 0)
        if points:
            members.reverse_points(uow, member_id, doc.id, points, business_date=day)

    def _credit_no_receipt(uow: UnitOfWork, doc: ReturnDoc) -> None:
        """A return without a receipt paid to a member's stored value (the tender names the member)."""
        for tender in uow.session.scalars(select(ReturnTender).where(ReturnTender.return_id == doc.id,
                                                                     ReturnTender.method == METHOD)):
            if uow.session.get(Member, tender.reference or "") is None:
                raise MemberNotFound(query=tender.reference or "")
            members.refund_to_stored_value(uow, tender.reference or "", doc.id, tender.amount_fen,
                                           business_date=date.fromisoformat(doc.business_date))

    returns.on_complete.append(credit)


def _sum_tenders(uow: UnitOfWork, doc: ReturnDoc, method: str) -> int:
    return int(uow.session.scalar(select(func.coalesce(func.sum(ReturnTender.amount_fen), 0)).where(
        ReturnTender.return_id == doc.id, ReturnTender.method == method)) or 0)


def _remote_points(member: RemoteMember, refund_fen: int, points_fen: int) -> int:
    """The same two parts for a sale the platform holds, on its running totals: the redeemed points
    of this return's points share given back, less the earned points of its refund taken back."""
    given = _part(member.points_redeemed, member.points_refunded_fen, member.points_refunded_fen + points_fen,
                  member.points_paid_fen)
    taken = _part(member.points_earned, member.refunded_fen, member.refunded_fen + refund_fen, member.sale_total_fen)
    return given - taken


def _part(points: int, before: int, after: int, whole: int) -> int:
    """``points`` x after / whole - ``points`` x before / whole, each rounded down, capped at whole."""
    if points <= 0 or whole <= 0:
        return 0
    return points * min(after, whole) // whole - points * min(before, whole) // whole


def _refunded(uow: UnitOfWork, sale: Sale, doc: ReturnDoc) -> tuple[int, int]:
    """What the sale's returns refunded before ``doc``, and with it (fen)."""
    return _running(uow, sale, doc, lambda ids: select(func.coalesce(func.sum(ReturnDoc.refund_fen), 0)).where(
        ReturnDoc.id.in_(ids)))


def _points_refunded(uow: UnitOfWork, sale: Sale, doc: ReturnDoc) -> tuple[int, int]:
    """The points share the sale's returns gave back before ``doc``, and with it (fen)."""
    return _running(uow, sale, doc, lambda ids: select(func.coalesce(func.sum(ReturnTender.amount_fen), 0)).where(
        ReturnTender.return_id.in_(ids), ReturnTender.method == POINTS_METHOD))


def _running(uow: UnitOfWork, sale: Sale, doc: ReturnDoc,
             total: Callable[[Select[Any]], Select[Any]]) -> tuple[int, int]:
    earlier = select(ReturnDoc.id).where(ReturnDoc.original_sale_id == sale.id, ReturnDoc.id != doc.id)
    before = int(uow.session.scalar(total(earlier)) or 0)
    return before, before + int(uow.session.scalar(total(select(ReturnDoc.id).where(ReturnDoc.id == doc.id))) or 0)


def _sum_points(uow: UnitOfWork, sale: Sale, kind: EntryKind) -> int:
    return int(uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.points), 0)).where(
        MemberEntry.ref_id == sale.id, MemberEntry.kind == kind.value)) or 0)


def _points_to_take_back(uow: UnitOfWork, sale: Sale, doc: ReturnDoc) -> int:
    """This return's part of the earned points: earned x refunded / sale total, on the running total."""
    earned = _sum_points(uow, sale, EntryKind.POINTS_EARN)
    if earned <= 0 or sale.total_fen <= 0:
        return 0
    before, after = _refunded(uow, sale, doc)
    return (earned * min(after, sale.total_fen) // sale.total_fen
            - earned * min(before, sale.total_fen) // sale.total_fen)


def _points_given_back(uow: UnitOfWork, sale: Sale, doc: ReturnDoc) -> int:
    """This return's part of the redeemed points: redeemed x (points share refunded) / (points
    share paid), on the running total of the `points` refund tenders."""
    redeemed = -_sum_points(uow, sale, EntryKind.POINTS_REDEEM)
    paid = int(uow.session.scalar(select(func.coalesce(func.sum(SaleTender.amount_fen), 0)).where(
        SaleTender.sale_id == sale.id, SaleTender.kind == POINTS.code)) or 0)
    if redeemed <= 0 or paid <= 0:
        return 0
    before, after = _points_refunded(uow, sale, doc)
    return redeemed * min(after, paid) // paid - redeemed * min(before, paid) // paid
