"""Paying with points and stored value (储值), and topping stored value up.

Online, the amount is held on the platform first (the hold row is written *before* asking, so a
till killed at any instant finds and releases what it may have held); the sale's ledger entry
captures the hold in the sale's transaction. Offline, points are limited to the allowance the
platform granted this member on this till, and stored value to the per-member and per-till-day
caps; a manager may override the caps (audited). The platform may still refuse an offline
spend when it arrives: that conflict is listed for the manager (``MemberService.conflicts``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from pos_app.domain.errors import (
    MemberHoldExpired,
    MemberHoldRefused,
    MemberNotFound,
    MemberRefusedByPlatform,
    MemberTenderTwice,
    NonCashOverpay,
    PointsAmountUneven,
    StoredValueOfflineCap,
    StoredValueTillCap,
    TopUpInvalid,
    TopUpNotPaid,
    TopUpPending,
)
from pos_app.domain.members import (
    Balances,
    EntryKind,
    check_offline_points,
    check_offline_spend,
    mask_name,
    points_for,
)
from pos_app.domain.money import from_minor, parse_amount, to_minor
from pos_app.domain.payment_codes import recognise_wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.phone import mask_phone
from pos_app.domain.tenders import TenderKind, TenderKindRegistry
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.auth import ApprovalRequired, authorize
from pos_app.services.member_platform import PlatformRefused
from pos_app.services.members import MemberService, MemberView, terms_rules
from pos_app.services.sale_records import SaleContext
from pos_app.services.shift import NoOpenShift
from pos_app.store.member_models import MemberEntry, MemberHoldRow, MemberTopUpRow, TicketMember
from pos_app.store.sync_models import Member
from pos_app.store.uow import UnitOfWork
from sync.protocol.members import MemberHold, MemberTerms

if TYPE_CHECKING:
    from pos_app.services.payments import PaymentService

log = logging.getLogger(__name__)

#: Money the till never holds: not counted at close, listed in reports.
POINTS = TenderKind("points", "Points", counted_at_close=False)
STORED_VALUE = TenderKind("stored_value", "Stored value", counted_at_close=False)
MEMBER_TENDERS = (POINTS.code, STORED_VALUE.code)
OFFLINE_REF = "offline"
TOP_UP_REASON = "stored_value_top_up"
TOP_UP_MIN_FEN, TOP_UP_MAX_FEN = 100, 500_000
#: The shift's record of a top-up a wallet paid: money the wallet took, not in the drawer.
WALLET_IN = "wallet_in"


@dataclass(frozen=True)
class TopUp:
    entry_id: str
    amount: Decimal
    member: MemberView


class MemberTenders:
    def __init__(self, members: MemberService) -> None:
        self.members = members
        self.db = members.db
        self.config = members.config
        self.payments: PaymentService | None = None

    def register_tender_kinds(self, registry: TenderKindRegistry) -> None:
        for kind in (POINTS, STORED_VALUE):
            if kind.code not in registry:
                registry.register(kind)

    def attach(self, checkout: Any) -> None:
        checkout.ticket_guards.append(self._guard)
        checkout.after_complete.append(lambda _sale: self.sweep(quick=True))

    def attach_payments(self, payments: PaymentService) -> None:
        """Top-ups by payment code: credited by the payment service in the transaction of PAID."""
        self.payments = payments
        payments.settlers.append(self._credit_top_up)
        payments.listeners.append(self._top_up_failed)

    def after_sync(self, state: Any) -> None:
        """A sync listener (runs on the sync thread): once online, fresh terms, sign-ups whose member
        arrived, holds nobody uses released."""
        if getattr(state, "code", "") != "online":
            return
        self.members.refresh_terms()
        self.members.resolve_signups()
        self.sweep()

    # -- paying -----------------------------------------------------------------------------------
    def pay_with_points(self, points: int) -> TicketSnapshot:
        checkout = self.members.checkout
        snap = checkout.current()
        with self.db.uow(read_only=True) as uow:
            member = self.members.require_member(uow, snap.ticket_id)
            rules = terms_rules(self.members.terms(uow))
            if any(t.kind == POINTS.code for t in snap.tenders):
                raise MemberTenderTwice(kind=POINTS.name)
            amount_fen = points * rules.fen_per_point
            points_for(rules, amount_fen)
            available, _ = self.members.balances(uow, member)
            offline_left = self.members.offline_points_left(uow, member.member_id)
            member_id = member.member_id
        self._fits(snap, POINTS, amount_fen)
        hold_id = self._hold(member_id, snap.ticket_id, "points", points)
        if hold_id is None:  # online, the platform's hold is the check; offline, what this till knows
            Balances(available, 0).after(-points, 0)
            check_offline_points(points, offline_left)
        return self._add(POINTS, amount_fen, hold_id, None, {"points": points})

    def pay_points_amount(self, amount: str) -> TicketSnapshot:
        """Points worth ``amount`` (yuan, as the cashier keys it) at the platform's rate."""
        currency = self.config.currency
        fen = to_minor(parse_amount(amount, currency, maximum=from_minor(self.config.max_amount_fen, currency)), currency)
        with self.db.uow(read_only=True) as uow:
            rules = terms_rules(self.members.terms(uow))
        if fen <= 0 or fen % rules.fen_per_point:
            raise PointsAmountUneven(amount=from_minor(fen, currency), fen=rules.fen_per_point)
        return self.pay_with_points(fen // rules.fen_per_point)

    def pay_with_stored_value(self, amount: str, approval: ManagerApproval | None = None) -> TicketSnapshot:
        """Stored value as a tender; offline above the caps only with a manager's approval."""
        checkout = self.members.checkout
        currency = self.config.currency
        fen = to_minor(parse_amount(amount, currency, maximum=from_minor(self.config.max_amount_fen, currency)), currency)
        snap = checkout.current()
        with self.db.uow(read_only=True) as uow:
            member = self.members.require_member(uow, snap.ticket_id)
            if any(t.kind == STORED_VALUE.code for t in snap.tenders):
                raise MemberTenderTwice(kind=STORED_VALUE.name)
            _, available = self.members.balances(uow, member)
            caps = self.members.caps(uow, member.member_id)
            member_offline, till_today = self._offline_spent(uow, member.member_id, checkout.business_date())
            member_id = member.member_id
        self._fits(snap, STORED_VALUE, fen)
        hold_id = self._hold(member_id, snap.ticket_id, "stored_value", fen)
        override = None
        if hold_id is None:
            Balances(0, available).after(0, -fen)
            try:
                check_offline_spend(caps, fen, member_offline, till_today)
            except (StoredValueOfflineCap, StoredValueTillCap) as cap:
                user = checkout._require_user()
                try:  # a manager may let it pass (their own session, or their approval): audited
                    approved = authorize(user, Permission.STORED_VALUE_OVERRIDE, approval)
                except ApprovalRequired as needed:
                    raise needed from cap
                override = approved.approver_id if approved else user.user_id
        return self._add(STORED_VALUE, fen, hold_id, override, {"fen": fen})

    def _fits(self, snap: TicketSnapshot, kind: TenderKind, fen: int) -> None:
        """Refused before anything is held: a member tender never gives change."""
        if fen > to_minor(snap.remaining, snap.currency):
            raise NonCashOverpay(kind=kind.name, value=from_minor(fen, snap.currency), remaining=snap.remaining)

    def _add(self, kind: TenderKind, fen: int, hold_id: str | None, override: str | None,
             details: dict[str, Any]) -> TicketSnapshot:
        checkout = self.members.checkout
        user = checkout._require_user()
        ref = hold_id or (OFFLINE_REF if override is None else f"{OFFLINE_REF}:{override}")

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            ticket.add_tender(kind.code, from_minor(fen, self.config.currency), ref)
            if hold_id is not None:
                row = uow.session.get(MemberHoldRow, hold_id)
                assert row is not None  # _hold wrote the row (committed) before it asked the platform
                row.status, row.updated_at = "held", self.members.clock()
            if override is not None:
                uow.audit.add(self.members.till_key, "member.stored_value_override", user.user_id,
                              approver_id=override, ref_id=ticket.ticket_id, details={"amount_fen": fen})

        try:
            return checkout.change_with(step, ("tender.added", {"kind": kind.code, "online": hold_id is not None,
                                                                **details}))
        except BaseException:
            if hold_id is not None:
                self._mark(hold_id, "release_pending")
                self.sweep(quick=True)
            raise

    def _offline_spent(self, uow: UnitOfWork, member_id: str, business_date: Any) -> tuple[int, int]:
        """(this member's offline stored value spends the platform has not taken in yet, this till's
        offline stored value spends of the business day), fen."""
        from pos_app.services.members import _pending_ids

        spend = (MemberEntry.kind == EntryKind.SPEND.value) & MemberEntry.offline.is_(True)
        member = uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.stored_value_fen), 0)).where(
            spend, MemberEntry.member_id == member_id, MemberEntry.entry_id.in_(_pending_ids())))
        till = uow.session.scalar(select(func.coalesce(func.sum(MemberEntry.stored_value_fen), 0)).where(
            spend, MemberEntry.business_date == business_date))
        return -int(member or 0), -int(till or 0)

    # -- holds ------------------------------------------------------------------------------------
    def _hold(self, member_id: str, ticket_id: str, kind: str, amount: int) -> str | None:
        """The hold id when the platform held ``amount``; None when it can't be asked now."""
        platform = self.members.platform
        if platform is None or not self.members.online():
            return None
        hold_id = uuid.uuid4().hex
        now = self.members.clock()
        with self.db.uow() as uow:  # first: a till killed while asking finds it and releases it
            uow.session.add(MemberHoldRow(hold_id=hold_id, ticket_id=ticket_id, member_id=member_id, kind=kind,
                                          amount=amount, status="requested", created_at=now, updated_at=now))
            uow.commit()
        try:
            answer = platform.hold(member_id, MemberHold(hold_id=hold_id, till_id=self.config.till_id,
                                                         kind=kind, amount=amount))
        except PlatformRefused as exc:
            self._mark(hold_id, "released")
            if exc.code == "unknown_member":
                raise MemberNotFound(query=member_id) from None
            if exc.code.startswith("insufficient"):
                wanted = amount if kind == "points" else from_minor(amount, self.config.currency)
                raise MemberHoldRefused(wanted=wanted) from None
            raise MemberRefusedByPlatform(reason=exc.code) from None
        if answer is None:  # the request may have landed: released when the platform answers again
            self._mark(hold_id, "release_pending")
            return None
        if answer.status != "held":
            self._mark(hold_id, "released")
            raise MemberRefusedByPlatform(reason=answer.status)
        return hold_id

    def _mark(self, hold_id: str, status: str) -> None:
        with self.db.uow() as uow:
            row = uow.session.get(MemberHoldRow, hold_id)
            if row is not None and row.status != "captured":
                row.status, row.updated_at = status, self.members.clock()
            uow.commit()

    def _guard(self, action: str, snap: TicketSnapshot, target: Any) -> None:
        """A member tender taken off the ticket: its hold is to be released. A ticket completing:
        its holds are confirmed (renewed) on the platform first."""
        if action == "complete":
            for t in snap.tenders:
                if t.kind in MEMBER_TENDERS and t.reference and not t.reference.startswith(OFFLINE_REF):
                    self._confirm(snap, t.tender_id, t.reference)
        if action != "remove_tender":
            return
        tender = next((t for t in snap.tenders if t.tender_id == target), None)
        if tender is not None and tender.kind in MEMBER_TENDERS and tender.reference and \
                not tender.reference.startswith(OFFLINE_REF):
            self._mark(tender.reference, "release_pending")

    def _confirm(self, snap: TicketSnapshot, tender_id: int, hold_id: str) -> None:
        """Before the sale completes (online), ask for the hold again: the platform starts its time
        again, or says it expired (the till was away too long). Then the amount is held anew and the
        tender carries the new hold; if the member no longer has it free, a clear refusal. Offline
        the sale completes and its entry captures the hold when pushed (the platform refuses it,
        ``hold_expired``, only if the balance no longer covers it: a conflict for the manager)."""
        platform = self.members.platform
        with self.db.uow(read_only=True) as uow:
            row = uow.session.get(MemberHoldRow, hold_id)
            hold = (row.member_id, row.kind, row.amount) if row is not None else None
        if hold is None or platform is None or not self.members.online():
            return
        member_id, kind, amount = hold
        try:
            answer = platform.hold(member_id, MemberHold(hold_id=hold_id, till_id=self.config.till_id,
                                                         kind=kind, amount=amount))
        except PlatformRefused as exc:
            raise MemberRefusedByPlatform(reason=exc.code) from None
        if answer is None or answer.status in ("held", "captured"):
            return
        self._mark(hold_id, "released")
        tender_kind = POINTS if kind == "points" else STORED_VALUE
        wanted = amount if kind == "points" else from_minor(amount, self.config.currency)
        try:
            new_id = self._hold(member_id, snap.ticket_id, kind, amount)
        except MemberHoldRefused:
            raise MemberHoldExpired(kind=tender_kind.name, wanted=wanted) from None
        if new_id is None:  # the platform went away between the two calls
            raise MemberHoldExpired(kind=tender_kind.name, wanted=wanted)
        tender = next(t for t in snap.tenders if t.tender_id == tender_id)

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            ticket.remove_tender(tender_id)
            ticket.add_tender(tender.kind, tender.amount, new_id)
            row = uow.session.get(MemberHoldRow, new_id)
            assert row is not None  # _hold wrote it (committed) before it asked the platform
            row.status, row.updated_at = "held", self.members.clock()

        try:
            self.members.checkout.change_with(step, ("member.hold_renewed", {"old": hold_id, "new": new_id}))
        except BaseException:
            self._mark(new_id, "release_pending")
            raise

    def sweep(self, quick: bool = False) -> int:
        """Release every hold no open ticket uses any more (asked but never answered, taken off,
        left by a till that was killed mid-sale). Idempotent; returns how many were settled."""
        platform = self.members.platform
        with self.db.uow(read_only=True) as uow:
            live = {t.id for t in (uow.tickets.open_for(self.members.till_key),) if t is not None}
            live |= {h.id for h in uow.tickets.held(self.members.till_key)}
            rows = [(h.hold_id, h.member_id, h.status, h.ticket_id) for h in uow.session.scalars(
                select(MemberHoldRow).where(MemberHoldRow.status.in_(("requested", "held", "release_pending"))))]
        todo = [(hid, mid) for hid, mid, status, tid in rows if status != "held" or tid not in live]
        if not todo or platform is None or (quick and not self.members.online()):
            return 0
        settled = 0
        for hold_id, member_id in todo:
            try:
                answer = platform.release(member_id, hold_id)
            except PlatformRefused as exc:
                log.warning("hold %s not released: %s", hold_id, exc)
                continue
            if answer is None:
                break  # offline again: the next sweep goes on
            self._mark(hold_id, "captured" if answer.status == "captured" else "released")
            settled += 1
        return settled

    # -- top-up -----------------------------------------------------------------------------------
    def top_up(self, amount: str) -> TopUp:
        """Cash paid into the member's stored value: a paid-in of the shift (in the drawer's cash
        and the Z report, not revenue) and a ledger entry, in one transaction."""
        checkout = self.members.checkout
        user = checkout._require_user()
        fen = self._top_up_fen(amount)
        value = from_minor(fen, self.config.currency)
        ticket_id = checkout.current().ticket_id
        now = self.members.clock()
        with self.db.uow() as uow:
            member = self.members.require_member(uow, ticket_id)
            shift = uow.shifts.open_for(self.members.till_key)
            if shift is None:
                raise NoOpenShift()
            who = f"{mask_name(member.name)} {mask_phone(member.phone)}"
            event = uow.shifts.add_event(shift.id, self.members.till_key, "paid_in", fen, TOP_UP_REASON, who,
                                         user.user_id, None, now)
            entry = self.members.new_entry(event.id, EntryKind.TOP_UP, member.member_id, fen=fen,
                                           business_date=checkout.business_date())
            uow.session.add(entry)
            self.members._queue(uow, entry)
            uow.audit.add(self.members.till_key, "member.top_up", user.user_id, ref_id=entry.entry_id,
                          details={"amount_fen": fen, "member": who})
            uow.commit()
        view = self.members.current()
        assert view is not None
        return TopUp(entry.entry_id, value, view)


    def top_up_by_code(self, code: str, amount: str) -> TopUp:
        """The customer's payment code (WeChat, Alipay, UnionPay) pays ``amount`` into the member's
        stored value. The top-up row is written first; the wallet charge runs through the payment
        service (query, reverse: never lost, never twice) and the balance is credited only in the
        transaction that records the charge as paid. Blocks until the charge is final."""
        if self.payments is None:
            raise TopUpNotPaid(state="no wallet payments at this till")
        checkout = self.members.checkout
        user = checkout._require_user()
        recognise_wallet(code)  # a code no wallet issues is refused before anything is written
        currency = self.config.currency
        fen = self._top_up_fen(amount)
        top_up_id = uuid.uuid4().hex
        now = self.members.clock()
        with self.db.uow() as uow:
            member = self.members.require_member(uow, checkout.current().ticket_id)
            if uow.shifts.open_for(self.members.till_key) is None:
                raise NoOpenShift()
            uow.session.add(MemberTopUpRow(top_up_id=top_up_id, member_id=member.member_id, amount_fen=fen,
                                           status="pending", user_id=user.user_id, created_at=now, updated_at=now))
            uow.commit()
        intent = self.payments.charge(code, fen, top_up_id)
        if intent.state is not IntentState.PAID:
            if intent.final:
                raise TopUpNotPaid(state=intent.state.value)
            raise TopUpPending(amount=from_minor(fen, currency))
        with self.db.uow(read_only=True) as uow:
            row = uow.session.get(MemberTopUpRow, top_up_id)
            entry_id = row.entry_id if row is not None and row.entry_id else ""
        if not entry_id:  # paid, but its settler refused (the shift closed meanwhile): it is being given back
            raise TopUpNotPaid(state=IntentState.REVERSING.value)
        view = self.members.current()
        assert view is not None
        return TopUp(entry_id, from_minor(fen, currency), view)

    def _top_up_fen(self, amount: str) -> int:
        currency = self.config.currency
        fen = to_minor(parse_amount(amount, currency, maximum=from_minor(self.config.max_amount_fen, currency)),
                       currency)
        if not TOP_UP_MIN_FEN <= fen <= TOP_UP_MAX_FEN:
            raise TopUpInvalid(minimum=from_minor(TOP_UP_MIN_FEN, currency), maximum=from_minor(TOP_UP_MAX_FEN, currency))
        return fen

    def _credit_top_up(self, uow: UnitOfWork, intent: PaymentIntent) -> bool:
        """The payment service's settler (in the transaction that records PAID): the wallet's money
        goes into the member's stored value and the shift. Only once: the row says credited."""
        row = uow.session.get(MemberTopUpRow, intent.ticket_id)
        if row is None:
            return False
        if row.status == "credited":
            return True
        shift = uow.shifts.open_for(self.members.till_key)
        if shift is None:
            raise NoOpenShift()
        member = uow.session.get(Member, row.member_id)
        who = f"{mask_name(member.name)} {mask_phone(member.phone)}" if member is not None else row.member_id
        now = self.members.clock()
        uow.shifts.add_event(shift.id, self.members.till_key, WALLET_IN, row.amount_fen, intent.wallet.value,
                             f"{TOP_UP_REASON} {who}", row.user_id, None, now)
        entry = self.members.new_entry(row.top_up_id, EntryKind.TOP_UP, row.member_id, fen=row.amount_fen,
                                       business_date=date.fromisoformat(shift.business_date))
        uow.session.add(entry)
        self.members._queue(uow, entry)
        row.status, row.entry_id, row.updated_at = "credited", entry.entry_id, now
        uow.audit.add(self.members.till_key, "member.top_up", row.user_id, ref_id=entry.entry_id,
                      details={"amount_fen": row.amount_fen, "member": who, "wallet": intent.wallet.value,
                               "out_trade_no": intent.out_trade_no})
        return True

    def _top_up_failed(self, intent: PaymentIntent) -> None:
        """A payment listener: a top-up whose charge ended without money is marked failed."""
        if not intent.final or intent.state is IntentState.PAID:
            return
        with self.db.uow() as uow:
            row = uow.session.get(MemberTopUpRow, intent.ticket_id)
            if row is not None and row.status == "pending":
                row.status, row.updated_at = "failed", self.members.clock()
                uow.commit()

def tender_entries(uow: UnitOfWork, members: MemberService, ctx: SaleContext, snap: TicketSnapshot,
                   row: TicketMember, terms: MemberTerms) -> list[MemberEntry]:
    """The ledger entries of the sale's points and stored-value tenders (holds captured)."""
    out = []
    for t in snap.tenders:
        if t.kind not in MEMBER_TENDERS:
            continue
        fen = to_minor(t.amount, snap.currency)
        ref = t.reference or OFFLINE_REF
        offline = ref.startswith(OFFLINE_REF)
        hold_id = None if offline else ref
        override = ref.split(":", 1)[1] if offline and ":" in ref else None
        if hold_id is not None:
            hold = uow.session.get(MemberHoldRow, hold_id)
            if hold is not None:
                hold.status, hold.updated_at = "captured", ctx.completed_at
        if t.kind == POINTS.code:
            out.append(members.new_entry(ctx.sale_id, EntryKind.POINTS_REDEEM, row.member_id,
                                         points=-(fen // terms.fen_per_point), hold_id=hold_id, offline=offline,
                                         business_date=ctx.business_date))
        else:
            out.append(members.new_entry(ctx.sale_id, EntryKind.SPEND, row.member_id, fen=-fen, hold_id=hold_id,
                                         offline=offline, override_by=override, business_date=ctx.business_date))
    return out
