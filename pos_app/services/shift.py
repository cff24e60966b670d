"""Shifts and the cash drawer: open with a counted float, paid-in/out, drops, no-sales, blind close.

The till sells only inside an open shift: `attach(checkout)` makes the checkout take its business
date and shift id from here (both raise `NoOpenShift` when none is open), so a sale rung up before
midnight and paid after it still lands on the shift's business day.

The closing count is blind: `count_form()` tells the cashier what to count but never what the till
expects; expected amounts are computed and stored only when `submit_count()` records an attempt,
and only then returned. A recount is a new attempt (every attempt is kept, immutably); the shift
closes on `confirm_close()` of the latest attempt, which needs a reason and a manager when any
tender is off by more than the tolerance.

Over 500 lines because the drawer events, the blind count and the close share the open shift,
its settings and one audit trail; the figures are computed in `shift_figures`.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from hardware.receipt.document import Block, Columns, Cut, Document, Feed, Rule, Text
from pos_app.config import Config
from pos_app.domain.errors import InvalidCount, PosError, ReasonRequired, UnknownTenderKind
from pos_app.domain.money import from_minor, parse_amount, to_minor
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.shift import CNY_DENOMINATIONS, Denomination, business_date_at, count_total
from pos_app.domain.tenders import TenderKindRegistry
from pos_app.domain.text import clean_line
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.auth import StaffSession, authorize, require_session
from pos_app.services.checkout import ApprovalRequired, CheckoutService
from pos_app.services.sale_records import SaleContext
from pos_app.services.shift_figures import CASH, Figures, TenderVariance, compute, count_kinds, variances
from pos_app.store.repositories.shifts import CashEventRecord, CountRecord, Scope, ShiftRecord
from pos_app.store.uow import Database, UnitOfWork

log = logging.getLogger(__name__)

#: Called with a slip or report to print and its kind ("slip", "report"); the print queue's submit.
PrintDocument = Callable[[Document, str], object]  # what it returns (a job id) is not used


class NoOpenShift(PosError):
    code = "shift.none_open"
    template = "No shift is open on this till; open a shift (count the float) first."


class ShiftAlreadyOpen(PosError):
    code = "shift.already_open"
    template = "A shift is already open on this till (opened {opened_at})."


class BusinessDayClosed(PosError):
    code = "shift.day_closed"
    template = "Business day {business_date} already has a Z report; open the shift on a later day."


class ShiftNotOpen(PosError):
    code = "shift.not_open"
    template = "This shift is already closed."


class UnknownReason(PosError):
    code = "shift.unknown_reason"
    template = "'{reason}' is not a {kind} reason; use one of: {allowed}."


class NotEnoughCash(PosError):
    code = "shift.not_enough_cash"
    template = "{kind} of {amount} is more than the cash in the drawer."


class PositiveAmountRequired(PosError):
    code = "shift.amount_not_positive"
    template = "The {kind} amount must be more than zero."


class TicketsOpenAtClose(PosError):
    code = "shift.tickets_open"
    template = ("The shift cannot close: {open_count} open and {held_count} held tickets ({tickets}). "
                "Finish or void them, or keep the held ones for the next shift.")


class TicketHasPayments(PosError):
    code = "shift.ticket_has_payments"
    template = "Ticket {label} has payments; complete it or remove the payments first."


class TicketNotFound(PosError):
    code = "shift.ticket_not_found"
    template = "That ticket is no longer there."


class CountNotFound(PosError):
    code = "shift.count_not_found"
    template = "That count attempt does not belong to the open shift."


class CountSuperseded(PosError):
    code = "shift.count_superseded"
    template = "Attempt {attempt_no} was replaced by a recount (attempt {latest}); confirm the latest."


class VarianceNeedsApproval(PosError):
    code = "shift.variance_needs_approval"
    template = "The count is off by more than {tolerance}; a reason and a manager's approval are needed."


@dataclass(frozen=True)
class ShiftSettings:
    """Store settings of cash management (see the report: proposed `[shift]` config section)."""

    denominations: tuple[Denomination, ...] = CNY_DENOMINATIONS
    tolerance: Decimal = Decimal("2.00")
    paid_in_reasons: tuple[str, ...] = ("float_top_up", "found_cash", "other")
    paid_out_reasons: tuple[str, ...] = ("supplies", "delivery_fee", "cleaning", "petty_cash", "other")


@dataclass(frozen=True)
class ShiftInfo:
    shift_id: str
    business_date: date
    status: str
    opened_at: datetime
    opened_by: str
    float_amount: Decimal
    closed_at: datetime | None


@dataclass(frozen=True)
class DrawerEvent:
    event_id: str
    kind: str
    amount: Decimal
    reason_code: str
    note: str
    at: datetime


@dataclass(frozen=True)
class TicketAtClose:
    ticket_id: str
    status: str  # open | held
    label: str
    item_count: int
    total: Decimal
    has_payments: bool


@dataclass(frozen=True)
class CountForm:
    """What the blind count asks for; deliberately nothing of what the till expects."""

    shift_id: str
    attempt_no: int
    denominations: tuple[Denomination, ...]
    tender_kinds: tuple[str, ...]  # cash first; the others are entered as totals


@dataclass(frozen=True)
class CountResult:
    count_id: str
    shift_id: str
    attempt_no: int
    at: datetime
    cash_counts: Mapping[str, int]
    variances: tuple[TenderVariance, ...]
    needs_approval: bool

    @property
    def over_short_fen(self) -> int:
        return sum(v.difference_fen for v in self.variances)


def _info(r: ShiftRecord) -> ShiftInfo:
    return ShiftInfo(r.id, date.fromisoformat(r.business_date), r.status, r.opened_at, r.opened_by,
                     from_minor(r.float_fen), r.closed_at)


def _event(r: CashEventRecord) -> DrawerEvent:
    return DrawerEvent(r.id, r.kind, from_minor(r.amount_fen), r.reason_code, r.note, r.at)


def parse_counts(counts: Mapping[str, int | str], denominations: tuple[Denomination, ...]) -> dict[str, int]:
    """Pieces per denomination as typed (full-width digits accepted); anything else is refused."""
    parsed: dict[str, int] = {}
    for code, value in counts.items():
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            if not (text.isascii() and text.isdigit()):
                raise InvalidCount(value=value, denomination=code)
            value = int(text)
        parsed[code] = value  # type and sign are checked by count_total
    count_total(parsed, denominations)
    return {code: n for code, n in parsed.items() if n}


class ShiftService:
    def __init__(self, db: Database, config: Config, till_key: str, *,
                 settings: ShiftSettings | None = None,
                 tender_kinds: TenderKindRegistry | None = None,
                 clock: Callable[[], datetime] | None = None,
                 print_document: PrintDocument | None = None,
                 open_drawer: Callable[[StaffSession, str], None] | None = None):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.settings = settings or ShiftSettings()
        self.tender_kinds = tender_kinds or TenderKindRegistry()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.print_document = print_document
        self.open_drawer = open_drawer
        self.tolerance_fen = to_minor(self.settings.tolerance)
        #: Raise to refuse closing the shift now (e.g. wallet payments not yet final); wired in bootstrap.
        self.close_guards: list[Callable[[], None]] = []

    # -- wiring into the checkout ------------------------------------------------------------------
    def attach(self, checkout: CheckoutService) -> None:
        """Selling needs an open shift; sales take its id and business date; discounts by kind."""
        if self.record_sale in checkout.on_complete:
            return
        checkout.sale_guard = self.require_open
        checkout.business_date = self.business_date
        checkout.shift_id = self.current_shift_id
        checkout.on_complete.append(self.record_sale)

    def require_open(self, uow: UnitOfWork) -> None:
        """The checkout's sale guard, inside the transaction that looks the scanned item up."""
        if not uow.shifts.has_open(self.till_key):
            raise NoOpenShift()

    def business_date(self) -> date:
        return date.fromisoformat(self._open_shift().business_date)

    def current_shift_id(self) -> str:
        return self._open_shift().id

    def record_sale(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """Inside the sale's transaction: re-check the shift, keep the discounts apart by kind."""
        if ctx.shift_id is not None:
            shift = uow.shifts.open_for(self.till_key)
            if shift is None or shift.id != ctx.shift_id:
                raise NoOpenShift()
        live = [ln for ln in snap.lines if not ln.voided]
        uow.shifts.add_sale_discounts(ctx.sale_id, {
            "line": to_minor(sum((ln.discount for ln in live), Decimal(0)), snap.currency),
            "ticket": to_minor(snap.ticket_discount, snap.currency),
        })

    def _open_shift(self) -> ShiftRecord:
        with self.db.uow(read_only=True) as uow:
            shift = uow.shifts.open_for(self.till_key)
        if shift is None:
            raise NoOpenShift()
        return shift

    # -- opening -------------------------------------------------------------------------------------
    def current(self) -> ShiftInfo | None:
        with self.db.uow(read_only=True) as uow:
            shift = uow.shifts.open_for(self.till_key)
        return _info(shift) if shift else None

    def business_day_cutoff_hour(self) -> int:
        """The local hour until which the previous business day goes on (the one place that knows)."""
        return self.config.shift.business_day_cutoff_hour

    def next_business_date(self) -> date:
        """The business day a shift opened now would belong to (after the last Z, past the cut-off)."""
        with self.db.uow(read_only=True) as uow:
            return self._next_business_date(uow, self.clock())

    def _next_business_date(self, uow: UnitOfWork, now: datetime) -> date:
        last_z = uow.shifts.z_list(self.till_key, 1)
        closed = date.fromisoformat(last_z[0].business_date) if last_z else None
        return business_date_at(now.astimezone(), self.business_day_cutoff_hour(), closed)

    def open_shift(self, session: StaffSession, float_counts: Mapping[str, int | str],
                   business_date: date | None = None) -> ShiftInfo:
        """Open with the starting float counted by denomination; the day defaults to the next
        business day (`next_business_date`)."""
        require_session(session)
        counts = parse_counts(float_counts, self.settings.denominations)
        amount = count_total(counts, self.settings.denominations)
        now = self.clock()
        with self.db.uow() as uow:
            current = uow.shifts.open_for(self.till_key)
            if current is not None:
                raise ShiftAlreadyOpen(opened_at=current.opened_at.astimezone().strftime("%Y-%m-%d %H:%M"))
            day = (business_date or self._next_business_date(uow, now)).isoformat()
            if uow.shifts.z_for_date(self.till_key, day) is not None:
                raise BusinessDayClosed(business_date=day)
            sid = uow.shifts.add(self.till_key, day, session.user_id, to_minor(amount), counts, now)
            uow.audit.add(self.till_key, "shift.opened", session.user_id, ref_id=sid,
                          details={"business_date": day, "float_fen": to_minor(amount), "counts": counts})
            shift = uow.shifts.get(sid)
            uow.commit()
        assert shift is not None
        return _info(shift)

    def denominations(self) -> tuple[Denomination, ...]:
        return self.settings.denominations

    # -- during the shift ---------------------------------------------------------------------------
    def paid_in(self, session: StaffSession, amount: str, reason_code: str, note: str = "",
                approval: ManagerApproval | None = None) -> DrawerEvent:
        return self._money_event(session, "paid_in", amount, reason_code, self.settings.paid_in_reasons,
                                 note, approval, Permission.PAID_IN_OUT)

    def paid_out(self, session: StaffSession, amount: str, reason_code: str, note: str = "",
                 approval: ManagerApproval | None = None) -> DrawerEvent:
        """Refused when larger than the cash the drawer should hold."""
        return self._money_event(session, "paid_out", amount, reason_code, self.settings.paid_out_reasons,
                                 note, approval, Permission.PAID_IN_OUT)

    def drop(self, session: StaffSession, amount: str, note: str = "") -> DrawerEvent:
        """Cashier's drop of surplus notes into the safe."""
        return self._money_event(session, "drop", amount, "safe", ("safe",), note, None, None)

    def pickup(self, session: StaffSession, amount: str, note: str = "",
               approval: ManagerApproval | None = None) -> DrawerEvent:
        """A manager takes cash from the drawer to the safe."""
        return self._money_event(session, "pickup", amount, "safe", ("safe",), note, approval,
                                 Permission.PAID_IN_OUT)

    def no_sale(self, session: StaffSession, reason: str, approval: ManagerApproval | None = None) -> DrawerEvent:
        """Open the drawer without a sale: a drawer event, an audit entry and a slip."""
        reason = clean_line(reason, "reason")
        if not reason:
            raise ReasonRequired()
        approval = self._check(session, Permission.NO_SALE, approval)
        return self._record(session, "no_sale", 0, "no_sale", reason, approval)

    def events(self) -> list[DrawerEvent]:
        shift = self._open_shift()
        with self.db.uow(read_only=True) as uow:
            return [_event(e) for e in uow.shifts.events(shift.id)]

    def _check(self, session: StaffSession, permission: Permission,
               approval: ManagerApproval | None) -> ManagerApproval | None:
        """The verified approval to record, or None when the session's role may (see `authorize`)."""
        return authorize(session, permission, approval)

    def _money_event(self, session: StaffSession, kind: str, amount: str, reason_code: str,
                     allowed: tuple[str, ...], note: str, approval: ManagerApproval | None,
                     permission: Permission | None) -> DrawerEvent:
        value = parse_amount(amount, self.config.currency, maximum=from_minor(self.config.max_amount_fen))
        if value == 0:
            raise PositiveAmountRequired(kind=kind)
        if reason_code not in allowed:
            raise UnknownReason(reason=reason_code, kind=kind, allowed=", ".join(allowed))
        approval = self._check(session, permission, approval) if permission is not None else None
        require_session(session)
        return self._record(session, kind, to_minor(value), reason_code, clean_line(note, "note"), approval)

    def _record(self, session: StaffSession, kind: str, amount_fen: int, reason_code: str, note: str,
                approval: ManagerApproval | None) -> DrawerEvent:
        now = self.clock()
        with self.db.uow() as uow:
            shift = uow.shifts.open_for(self.till_key)
            if shift is None:
                raise NoOpenShift()
            if kind in ("paid_out", "drop", "pickup"):
                drawer = self._figures(uow, shift, now).cash_expected_fen
                if amount_fen > drawer:
                    raise NotEnoughCash(kind=kind.replace("_", "-"), amount=from_minor(amount_fen))
            approver = approval.approver_id if approval else None
            event = uow.shifts.add_event(shift.id, self.till_key, kind, amount_fen, reason_code, note,
                                         session.user_id, approver, now)
            uow.audit.add(self.till_key, f"drawer.{kind}", session.user_id, approver_id=approver, ref_id=event.id,
                          details={"amount_fen": amount_fen, "reason": reason_code, "note": note,
                                   **({"approval": approval.reason} if approval else {})})
            approver_user = uow.users.get(approver) if approver else None
            approver_name = approver_user.name if approver_user else None
            uow.commit()
        self._print(self._slip(event, session.name, approver_name), "slip")
        if self.open_drawer is not None:
            try:
                self.open_drawer(session, kind)
            except Exception:  # recorded and slipped already; the cashier can open it by key
                log.exception("drawer did not open for %s %s", kind, event.id)
        return _event(event)

    def _slip(self, event: CashEventRecord, cashier: str, approver: str | None) -> Document:
        titles = {"paid_in": "收入 PAID IN", "paid_out": "支出 PAID OUT", "drop": "存入保险箱 CASH DROP",
                  "pickup": "提取现金 PICK-UP", "no_sale": "开钱箱 NO SALE"}
        blocks: list[Block] = [Text(self.config.receipt.header[0], align="center") if self.config.receipt.header
                        else Feed(1), Text(titles[event.kind], align="center", bold=True, double_height=True),
                        Rule()]
        if event.kind != "no_sale":
            blocks.append(Columns("金额 Amount", f"¥{from_minor(event.amount_fen)}", bold=True))
        blocks += [Columns("原因 Reason", event.reason_code), Columns("时间 Time",
                   event.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")), Columns("收银员 Cashier", cashier)]
        if event.note:
            blocks.append(Text(event.note))
        if approver:
            blocks.append(Columns("授权 Approved by", approver))
        blocks += [Text("签字 Signature: ________________"), Feed(2), Cut(partial=True)]
        return Document(tuple(blocks))

    def _print(self, document: Document, kind: str) -> None:
        if self.print_document is not None:
            self.print_document(document, kind)

    def _figures(self, uow: UnitOfWork, shift: ShiftRecord, now: datetime) -> Figures:
        return compute(uow, Scope(self.till_key, (shift.id,)), [shift], self.tender_kinds, now, self.config.currency)

    # -- tickets that block the close ---------------------------------------------------------------
    def tickets_at_close(self) -> list[TicketAtClose]:
        """Open tickets with live lines and held tickets: the close refuses while any is left."""
        with self.db.uow(read_only=True) as uow:
            rows = [uow.tickets.open_for(self.till_key)] + uow.tickets.held(self.till_key)
            out = []
            for row in rows:
                if row is None:
                    continue
                snap = Ticket.from_dict(json.loads(uow.tickets.data(row)), self.tender_kinds).snapshot()
                if row.status == "open" and snap.item_count == 0 and not snap.tenders:
                    continue
                out.append(TicketAtClose(row.id, row.status, row.label or row.id[:8], snap.item_count,
                                         snap.total, bool(snap.tenders)))
            return out

    def void_held_ticket(self, session: StaffSession, ticket_id: str) -> None:
        """Discard a held ticket (kept whole in the audit log) so the shift can close."""
        ticket = next((t for t in self.tickets_at_close() if t.ticket_id == ticket_id and t.status == "held"),
                      None)
        if ticket is None:
            raise TicketNotFound()
        if ticket.has_payments:
            raise TicketHasPayments(label=ticket.label)
        with self.db.uow() as uow:
            row = uow.tickets.get(ticket_id)
            if row is None or row.status != "held":
                raise TicketNotFound()
            uow.audit.add(self.till_key, "ticket.voided_at_close", session.user_id, ref_id=ticket_id,
                          details={"data": json.loads(uow.tickets.data(row))})
            uow.tickets.delete(ticket_id)
            uow.commit()

    # -- blind close -------------------------------------------------------------------------------
    def count_form(self) -> CountForm:
        shift = self._open_shift()
        with self.db.uow(read_only=True) as uow:
            used = {t[0] for t in uow.reports.tenders(Scope(self.till_key, (shift.id,)))}
            attempt = uow.shifts.next_attempt_no(shift.id)
        return CountForm(shift.id, attempt, self.settings.denominations, count_kinds(self.tender_kinds, used))

    def submit_count(self, session: StaffSession, cash_counts: Mapping[str, int | str],
                     tender_totals: Mapping[str, str] | None = None, *, keep_held: bool = False) -> CountResult:
        """Record a count attempt and only now return expected vs counted per tender."""
        counts = parse_counts(cash_counts, self.settings.denominations)
        counted = {CASH: to_minor(count_total(counts, self.settings.denominations))}
        for kind, text in (tender_totals or {}).items():
            if kind == CASH:  # cash is counted by denomination, never keyed in as a total
                raise UnknownTenderKind(kind=kind)
            counted[kind] = to_minor(parse_amount(text, self.config.currency, maximum=None))
        self._check_tickets(keep_held)
        now = self.clock()
        with self.db.uow() as uow:
            shift = uow.shifts.open_for(self.till_key)
            if shift is None:
                raise NoOpenShift()
            expected = dict(self._figures(uow, shift, now).expected)
            unknown = set(counted) - set(expected)
            if unknown:
                raise UnknownTenderKind(kind=sorted(unknown)[0])
            counted = {kind: counted.get(kind, 0) for kind in expected}
            record = uow.shifts.add_count(shift.id, session.user_id, counts, counted, expected, now)
            result = self._result(record)
            uow.audit.add(self.till_key, "shift.counted", session.user_id, ref_id=record.id,
                          details={"attempt": record.attempt_no, "over_short_fen": result.over_short_fen})
            uow.commit()
        return result

    def count_attempts(self, shift_id: str | None = None) -> list[CountResult]:
        """Every attempt of a shift (the open one by default), oldest first."""
        sid = shift_id or self._open_shift().id
        with self.db.uow(read_only=True) as uow:
            return [self._result(c) for c in uow.shifts.counts(sid)]

    def confirm_close(self, session: StaffSession, count_id: str, reason: str = "",
                      approval: ManagerApproval | None = None, *, keep_held: bool = False) -> ShiftInfo:
        """Close the shift on its latest count; beyond tolerance needs a reason and a manager."""
        self._check_tickets(keep_held)
        for guard in self.close_guards:
            guard()
        reason = clean_line(reason, "reason")
        now = self.clock()
        with self.db.uow() as uow:
            record = uow.shifts.count(count_id)
            shift = uow.shifts.get(record.shift_id) if record else None
            if record is None or shift is None:
                raise CountNotFound()
            if shift.status != "open":
                raise ShiftNotOpen()
            latest = uow.shifts.next_attempt_no(shift.id) - 1
            if record.attempt_no != latest:
                raise CountSuperseded(attempt_no=record.attempt_no, latest=latest)
            result = self._result(record)
            approver = None
            if result.needs_approval:
                if not reason.strip():
                    raise VarianceNeedsApproval(tolerance=self.settings.tolerance)
                try:
                    verified = authorize(session, Permission.CLOSE_SHIFT, approval)
                except ApprovalRequired:
                    raise VarianceNeedsApproval(tolerance=self.settings.tolerance) from None
                approver = verified.approver_id if verified else session.user_id
            if not uow.shifts.close(shift.id, session.user_id, record.id, now, reason.strip() or None, approver):
                raise ShiftNotOpen()
            uow.audit.add(self.till_key, "shift.closed", session.user_id, approver_id=approver, ref_id=shift.id,
                          details={"count_id": record.id, "attempt": record.attempt_no,
                                   "over_short_fen": result.over_short_fen, "reason": reason.strip(),
                                   "kept_held": keep_held})
            closed = uow.shifts.get(shift.id)
            uow.commit()
        assert closed is not None
        return _info(closed)

    def _check_tickets(self, keep_held: bool) -> None:
        blocking = [t for t in self.tickets_at_close() if t.status == "open" or not keep_held]
        if blocking:
            raise TicketsOpenAtClose(
                open_count=sum(t.status == "open" for t in blocking),
                held_count=sum(t.status == "held" for t in blocking),
                tickets=", ".join(f"{t.label} ¥{t.total}" for t in blocking),
                ticket_ids=[t.ticket_id for t in blocking])

    def _result(self, record: CountRecord) -> CountResult:
        lines = variances(record.expected, record.counted, self.tolerance_fen, self.config.currency)
        return CountResult(record.id, record.shift_id, record.attempt_no, record.at, record.cash_counts, lines,
                           any(not v.within_tolerance for v in lines))
