"""Returns: find the sale, refund picked lines from its ledger, give the money back, one transaction.

`complete` writes, in ONE transaction: the return document (its own gapless number), its lines, the
ledger rows of the original sale lines (`sale_line_refunds`), the refund tenders, the stock coming
back (not for damaged goods), the audit entry, the outbox event and the return slip's print job. The ledger
is read again inside that write transaction (BEGIN IMMEDIATE), so two returns of the same unit can
never both pass: the second sees the first and is refused. A wallet refund is committed as
"pending" with its refund number first and sent through the payment service after the commit;
`resume` sends any pending one again under the same refund number (the wallet refunds it once).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pos_app.config import Config
from pos_app.domain.barcode import BarcodeClassifier, GtinCode
from pos_app.domain.errors import (
    InvalidReceiptNumber,
    PosError,
    ReturnExchangeChanged,
    ReturnExchangeNotStaged,
    ReturnNeedsNetwork,
    ReturnRefundPending,
    ReturnSaleNotFound,
    ReturnTakenElsewhere,
)
from pos_app.domain.money import from_minor, to_minor
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.receipt_numbers import parse_receipt_number
from pos_app.domain.returns import (
    WALLET_RANK,
    LineRefund,
    PaidTender,
    RefundRoute,
    RefundRoutes,
    RefundTender,
    ReturnReason,
    SoldLine,
    build_refunds,
    format_return_number,
    lowest_price_fen,
    plan_refund,
    remaining_tenders,
)
from pos_app.domain.tenders import TenderKind
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.services.auth import StaffSession, authorize, require_session
from pos_app.services.checkout import CheckoutService, ProductNotFound, config_classifier
from pos_app.services.receipts import document_to_json
from pos_app.services.return_receipts import build_return_receipt
from pos_app.services.sale_records import SaleContext
from pos_app.store.models import SaleLineRefund
from pos_app.store.records import ProductRecord
from pos_app.store.repositories.returns import PendingRefund
from pos_app.store.return_models import ReturnDoc, ReturnLine, ReturnTender, StagedExchange
from pos_app.store.uow import Database, UnitOfWork
from sync.errors import Rejected, SyncError
from sync.protocol import (
    PICKUP_QR_PREFIX,
    ElsewhereWalletRefund,
    RefundReservation,
    ReservedLine,
    ReservedTender,
)

log = logging.getLogger(__name__)

#: The credit of goods returned in an exchange, as a tender of the new sale; more credit than the new
#: goods cost is given back as change (cash), like any tender that allows change.
#: An online order's number, as the platform's `Code`.
_ORDER_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
#: Refund methods a return of a sale the platform holds can use (no local sale needed).
_REMOTE_METHODS = frozenset({"cash", "instruction", "wallet", "platform"})
#: Refund methods of a member's tenders (`member_returns`): for a remote sale only with its member id.
_MEMBER_METHODS = frozenset({"stored_value", "points"})
#: The member's stored value (issue 16's tender kind; its refund route is registered by `member_returns`).
STORED_VALUE_KIND = "stored_value"
EXCHANGE = TenderKind("exchange", "Exchange credit", allows_change=True, opens_drawer=True, counted_at_close=False)


@dataclass(frozen=True)
class RemotePayment:
    """A wallet payment of a sale this till does not hold (another till of the store took it)."""

    out_trade_no: str
    wallet: str
    amount_fen: int


@dataclass(frozen=True)
class RemoteMember:
    """The member of a sale this till does not hold, and the running totals a return settles the
    member's points on (the platform's ledger: what the sale earned and redeemed, what its returns
    refunded so far)."""

    member_id: str
    points_earned: int
    points_redeemed: int
    sale_total_fen: int
    refunded_fen: int
    points_paid_fen: int
    points_refunded_fen: int


@dataclass(frozen=True)
class OriginalSale:
    """A sale as a return sees it: its lines with their ledgers, and what is left of each tender."""

    sale_id: str
    receipt_no: str
    completed_at: datetime
    lines: tuple[SoldLine, ...]
    tenders: tuple[PaidTender, ...]
    remote: bool = False
    #: promotion id -> its name (the return event names the shares it gives back)
    promotion_names: tuple[tuple[str, str], ...] = ()
    #: wallet payments another till took for this sale, which this till refunds to the wallet
    payments: tuple[RemotePayment, ...] = ()
    #: the member of a remote sale: its stored value and points go back through the member ledger
    member: RemoteMember | None = None

    @property
    def refundable_fen(self) -> int:
        return sum(line.refundable_fen for line in self.lines)


@dataclass(frozen=True)
class CompletedReturn:
    return_id: str
    return_no: str
    refund_fen: int
    rounding_fen: int
    tenders: tuple[RefundTender, ...]
    pending: tuple[str, ...] = ()  # kinds whose wallet refund is not confirmed yet

    @property
    def cash_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders if t.method == "cash")


@dataclass(frozen=True)
class ChainLedger:
    """This till's pushed sale as the platform's ledger has it: per local line id, the line's id
    there and the units other tills or stores returned or hold; per tender (kind, reference), what
    is left of it there (other tills' refunds to it taken off)."""

    lines: dict[str, tuple[str, Decimal]]
    tenders_left: dict[tuple[str, str], int]


@dataclass(frozen=True)
class ReturnConflict:
    """A return the platform answered with a conflict after the fact (``over_refunded``: an offline
    return of this till's sale refunded units another till had returned meanwhile): the manager's case."""

    conflict_id: int
    return_no: str
    code: str
    message: str
    created_at: datetime


#: Called inside the return's transaction (e.g. a feature's ledger entries: points, stored value),
#: with the sale returned against (None: no receipt).
ReturnHook = Callable[[UnitOfWork, ReturnDoc, Sequence[LineRefund], "OriginalSale | None"], None]


class ReturnService:
    def __init__(self, db: Database, config: Config, till_key: str, *,
                 classifier: BarcodeClassifier | None = None,
                 clock: Callable[[], datetime] | None = None,
                 business_date: Callable[[], date] | None = None,
                 shift_id: Callable[[], str | None] | None = None):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.classifier = classifier or config_classifier(config)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.business_date = business_date or (lambda: datetime.now().astimezone().date())
        self.shift_id = shift_id or (lambda: None)
        self.reasons = tuple(ReturnReason(r.code, r.damaged) for r in config.returns.reasons)
        self.routes = RefundRoutes()
        #: An online order's payment is refunded by the platform when it confirms the return.
        self.routes.register("online", RefundRoute(WALLET_RANK, "platform"))
        #: The payment service's `refund(out_trade_no, amount, refund_no=..., reason=...)`; wired in bootstrap.
        self.wallet_refund: Callable[..., Any] | None = None
        #: The payment service's `adopt(uow, out_trade_no, wallet, amount_fen, sale_id)`: a wallet payment
        #: another till took becomes one this till can refund (in the return's transaction).
        self.wallet_adopt: Callable[[UnitOfWork, str, str, int, str], None] | None = None
        #: Raises when the till may not take money back now (the shift service: no open shift).
        self.guard: Callable[[UnitOfWork], None] = lambda uow: None
        self.on_complete: list[ReturnHook] = []
        self.checkout: CheckoutService | None = None
        #: A platform client factory (the sync service's `client`); None: no platform, local sales only.
        self.platform: Callable[[], Any] | None = None
        self.after_complete: list[Callable[[CompletedReturn], None]] = []

    def register_wallets(self, kinds: Sequence[str]) -> None:
        """Wallet tenders are refunded first, through the payment service."""
        for kind in kinds:
            self.routes.register(kind, RefundRoute(WALLET_RANK, "wallet"))

    def attach(self, checkout: CheckoutService) -> None:
        """Exchanges: the credit is a tender of the open ticket; the sale that completes it writes
        the return in its own transaction."""
        self.checkout = checkout
        if EXCHANGE.code not in checkout.tender_kinds:
            checkout.tender_kinds.register(EXCHANGE)
        checkout.on_complete.append(self._complete_exchange)
        checkout.ticket_guards.append(self._exchange_guard)

    def _exchange_guard(self, action: str, snap: TicketSnapshot, target: Any) -> None:
        """Exchange credit comes only from `exchange` (returned goods); never typed in as a payment."""
        if action != "complete" or not any(t.kind == EXCHANGE.code for t in snap.tenders):
            return
        with self.db.uow(read_only=True) as uow:
            staged = uow.returns.staged(snap.ticket_id)
        if staged is None:
            raise ReturnExchangeNotStaged()

    # -- finding the sale ---------------------------------------------------------------------------
    def receipt_number(self, scanned: str) -> str:
        """The number in what was scanned or typed: a receipt number (typed, the receipt's barcode, or
        its e-receipt QR, whose URL ends with the number) or an online order's number (typed, or the
        order's QR ``O2OPU:{order_no}:...``)."""
        text = (scanned or "").strip()
        prefix = self.config.receipt.ereceipt_url
        if text.upper().startswith(f"{PICKUP_QR_PREFIX}:"):
            order_no = text.split(":")[1] if text.count(":") >= 1 else ""
            if _ORDER_NO.fullmatch(order_no):
                return order_no
            raise InvalidReceiptNumber(value=scanned)
        if prefix and text.startswith(prefix):
            text = text[len(prefix):]
        elif "/" in text:
            text = text.rstrip("/").rsplit("/", 1)[-1]
        try:
            return str(parse_receipt_number(text))
        except InvalidReceiptNumber:
            if _ORDER_NO.fullmatch(text):
                return text  # an online order number: only the platform knows it
            raise

    def find(self, scanned: str) -> OriginalSale:
        """The sale of a receipt (this till's first, then the platform's: another till or store, an
        online order), with what is still refundable of each line and tender."""
        number = self.receipt_number(scanned)
        with self.db.uow(read_only=True) as uow:
            original = self._load(uow, number)
            shared = original is not None and _pushed(uow, original.sale_id)
        if original is None:
            return self._remote(number)
        chain = self._chain(original) if shared else None
        return _merged(original, chain) if chain else original

    def _chain(self, original: OriginalSale) -> ChainLedger | None:
        """This till's own sale as the platform's ledger has it (the sale was pushed): per local
        line, its line id there and what other tills or stores returned or hold of it (the
        platform's refunded + reserved less this till's own returns, which the local ledger counts).
        None when the platform cannot say now (offline, not paired, sale not known there): the
        local ledger alone decides (offline returns of local sales work; see `record_local_return`)."""
        client = self.platform() if self.platform is not None else None
        if client is None:
            return None
        try:
            with client:
                sale = client.refundable_sale(self.config.store_id, original.receipt_no)
        except SyncError as exc:
            log.info("ledger of %s not on the platform now (%s): local ledger only", original.receipt_no,
                     getattr(exc, "error_code", type(exc).__name__))
            return None
        if sale.sale_id != original.sale_id or [ln.sku for ln in sale.lines] != [ln.sku for ln in original.lines]:
            log.warning("platform copy of %s does not match the local sale: local ledger only", original.receipt_no)
            return None
        lines = {local.line_id: (line.line_id, max(Decimal(line.refunded_quantity) + Decimal(line.reserved_quantity)
                                                   - Decimal(line.till_quantity), Decimal(0)))
                 for local, line in zip(original.lines, sale.lines, strict=True)}
        left: dict[tuple[str, str], int] = {}
        for t in sale.tenders:
            for reference in {t.reference or "", t.out_trade_no or ""} - {""} or {""}:
                left[(t.kind, reference)] = left.get((t.kind, reference), 0) + t.amount_fen - t.refunded_fen
        return ChainLedger(lines, left)

    def _remote(self, number: str) -> OriginalSale:
        """The platform's copy of a sale that is not local, with the chain's ledger (reserved units
        count as gone). Offline, a clear refusal: the ledger of such a sale lives on the platform.
        A till with no platform (not paired) knows only its own sales."""
        client = self.platform() if self.platform is not None else None
        if client is None:
            if _is_receipt_number(number):
                raise ReturnSaleNotFound(receipt_no=number)
            raise InvalidReceiptNumber(value=number)
        with client:
            try:
                sale = client.refundable_sale(self.config.store_id, number)
            except Rejected as exc:
                if exc.error_code == "sale_unknown":
                    raise ReturnSaleNotFound(receipt_no=number) from None
                raise ReturnNeedsNetwork(receipt_no=number) from exc
            except SyncError as exc:
                raise ReturnNeedsNetwork(receipt_no=number) from exc
        lines = tuple(
            SoldLine(line_id=ln.line_id, sku=ln.sku, name=ln.name, quantity=Decimal(ln.quantity),
                     by_weight=ln.unit == "kg", unit_price_fen=ln.unit_price_fen, total_fen=ln.line_total_fen,
                     discount_fen=ln.discount_fen, tax_fen=ln.tax_fen, tax_rate=ln.tax_rate,
                     promotions=tuple((p.promotion_id, p.discount_fen) for p in ln.promotions),
                     unit_discounts=tuple((u.units, u.fen) for u in ln.unit_discounts),
                     refunded_quantity=Decimal(ln.refunded_quantity) + Decimal(ln.reserved_quantity),
                     refunded_fen=ln.refunded_fen)
            for ln in sale.lines)
        # A wallet payment the platform names goes back to the wallet by its out_trade_no: one of this
        # store (another till's, or an online order paid in the app) through this till's payment
        # service; another store's through the platform, which refunds it for the paying store
        # (wallets are per store: this till's merchant cannot refund it). One it cannot name: cash.
        # A member's points and stored value go back to the sale's member (the member ledger routes,
        # when registered); what the platform says earlier returns gave back to a tender is not left.
        tenders, payments = [], []
        for t in sale.tenders:
            method = (self.routes.route(t.kind) or RefundRoute(0, "cash")).method
            if method not in _REMOTE_METHODS and not (sale.member_id and method in _MEMBER_METHODS):
                continue
            if method != "wallet":
                if t.amount_fen > t.refunded_fen:
                    tenders.append(PaidTender(t.kind, t.amount_fen - t.refunded_fen, t.reference))
            elif t.out_trade_no and t.amount_fen > t.refunded_fen and (
                    sale.store_id != self.config.store_id or self.wallet_adopt is not None):
                tenders.append(PaidTender(t.kind, t.amount_fen - t.refunded_fen, t.out_trade_no))
                if sale.store_id == self.config.store_id:
                    payments.append(RemotePayment(t.out_trade_no, t.kind, t.amount_fen))
        names = {p.promotion_id: p.name for ln in sale.lines for p in ln.promotions}
        member = None
        if sale.member_id:
            points = [t for t in sale.tenders if (self.routes.route(t.kind) or RefundRoute(0, "")).method == "points"]
            member = RemoteMember(sale.member_id, sale.points_earned, sale.points_redeemed,
                                  sum(t.amount_fen for t in sale.tenders), sum(ln.refunded_fen for ln in lines),
                                  sum(t.amount_fen for t in points), sum(t.refunded_fen for t in points))
        return OriginalSale(sale.sale_id, sale.number, sale.completed_at, lines, tuple(tenders), remote=True,
                            promotion_names=tuple(names.items()), payments=tuple(payments), member=member)

    @contextlib.contextmanager
    def _client(self, number: str) -> Iterator[Any]:
        client = self.platform() if self.platform is not None else None
        if client is None:
            raise ReturnNeedsNetwork(receipt_no=number)
        with client:
            yield client

    def _load(self, uow: UnitOfWork, receipt_no: str) -> OriginalSale | None:
        sale = uow.returns.sale(receipt_no)
        if sale is None:
            return None
        stored = uow.returns.lines_with_ledger(sale.id)
        names = {p["promotion_id"]: p["name"] for ln, _, _ in stored for p in json.loads(ln.promotions or "[]")}
        lines = tuple(
            SoldLine(line_id=ln.id, sku=ln.sku, name=ln.name, quantity=Decimal(ln.quantity),
                     by_weight=_by_weight(uow, ln.sku, ln.unit, Decimal(ln.quantity)),
                     unit_price_fen=ln.unit_price_fen, total_fen=ln.total_fen,
                     discount_fen=ln.discount_fen, tax_fen=ln.tax_fen, tax_rate=ln.tax_rate,
                     promotions=tuple((p["promotion_id"], p["fen"]) for p in json.loads(ln.promotions or "[]")),
                     unit_discounts=tuple((int(n), int(f)) for n, f in json.loads(ln.unit_discounts or "[]")),
                     refunded_quantity=qty, refunded_fen=fen)
            for ln, qty, fen in stored
        )
        wallets = {txn or otn: otn for _, otn, txn in uow.returns.wallet_payments(sale.id)}
        wallets.update({otn: otn for _, otn, _ in uow.returns.wallet_payments(sale.id)})
        paid = [PaidTender(t.kind, t.amount_fen, wallets.get(t.reference or "", t.reference or ""))
                for t in uow.returns.tenders(sale.id)]
        left = remaining_tenders(paid, uow.returns.refunded_tenders(sale.id))
        return OriginalSale(sale.id, sale.receipt_no, sale.completed_at, lines, tuple(left),
                            promotion_names=tuple(names.items()))

    def preview(self, original: OriginalSale, picks: Sequence[tuple[str, Decimal | str | int, str]],
                to_cash: bool = False) -> tuple[int, list[RefundTender], int]:
        """What confirming would refund and where the money would go (no I/O: the return screen
        shows it as the cashier picks); the ledger is checked again when the return is written."""
        picked = build_refunds(original.lines, picks, self.reasons)
        amount = sum(r.amount_fen for r, _ in picked)
        parts, rounding = plan_refund(amount, original.tenders, self.routes, to_cash=to_cash,
                                      cash_rounding=self._round_cash, sale_left_fen=original.refundable_fen)
        return amount, parts, rounding

    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    # -- the return ---------------------------------------------------------------------------------
    def complete(self, session: StaffSession, receipt_no: str,
                 picks: Sequence[tuple[str, Decimal | str | int, str]], *,
                 to_cash: ManagerApproval | bool | None = None) -> CompletedReturn:
        """Return ``picks`` ((sale line id, quantity, reason)) of the sale ``receipt_no``. The
        refund goes to the original tenders; ``to_cash`` (a manager's approval, or True for a
        manager) sends it all to cash, audited."""
        staff = require_session(session)
        approval = None
        if to_cash:
            approval = authorize(staff, Permission.REFUND, None if to_cash is True else to_cash)
        approver = approval.approver_id if approval else (staff.user_id if to_cash else None)

        with self.db.uow(read_only=True) as uow:
            base = self._load(uow, receipt_no)
            shared = base is not None and _pushed(uow, base.sale_id)
        if base is None:
            return self._complete_remote(staff, receipt_no, picks, approver, bool(to_cash))
        chain = self._chain(base) if shared else None

        def refunds(uow: UnitOfWork) -> tuple[OriginalSale, list[tuple[LineRefund, ReturnReason]]]:
            original = self._load(uow, receipt_no)  # re-read in the write transaction: the local ledger
            if original is None:
                raise ReturnSaleNotFound(receipt_no=receipt_no)
            original = _merged(original, chain) if chain else original
            return original, build_refunds(original.lines, picks, self.reasons)

        if chain is None:  # never pushed, or the platform cannot say now: the local ledger decides
            return self._complete(staff, refunds, kind="receipt", approver_id=approver, to_cash=bool(to_cash))
        # The platform has the sale: its units are reserved there first, like another till's sale,
        # so a till returning the same units at the same moment is refused.
        with self.db.uow(read_only=True) as uow:
            original, picked = refunds(uow)
        return_id = uuid.uuid4().hex
        reservation = self._reservation(original, picked, bool(to_cash), {k: v[0] for k, v in chain.lines.items()})
        try:
            self._hold(receipt_no, return_id, reservation)
        except ReturnNeedsNetwork:  # lost the platform meanwhile: as offline (the push reports an over-refund)
            return self._complete(staff, refunds, kind="receipt", approver_id=approver, to_cash=bool(to_cash))
        return self._complete_held(staff, receipt_no, refunds, approver, bool(to_cash), return_id)

    def _complete_remote(self, staff: StaffSession, number: str,
                         picks: Sequence[tuple[str, Decimal | str | int, str]], approver: str | None,
                         to_cash: bool) -> CompletedReturn:
        """A sale the platform holds: its units are reserved there (idempotent, one till wins), the
        return is committed here, then the reservation is confirmed (the return event confirms it
        too); a return that fails here releases them."""
        original = self._remote(number)
        picked = build_refunds(original.lines, picks, self.reasons)
        return_id = uuid.uuid4().hex
        self._hold(number, return_id, self._reservation(original, picked, to_cash))

        def refunds(_uow: UnitOfWork) -> tuple[OriginalSale, list[tuple[LineRefund, ReturnReason]]]:
            return original, picked

        return self._complete_held(staff, number, refunds, approver, to_cash, return_id)

    def _reservation(self, original: OriginalSale, picked: list[tuple[LineRefund, ReturnReason]], to_cash: bool,
                     line_ids: dict[str, str] | None = None) -> RefundReservation:
        """The platform reservation of a return: its units per line (``line_ids``: local line id ->
        the platform's, for this till's own sale) and where its money goes (not wallets, not cash)."""
        amount = sum(r.amount_fen for r, _ in picked)
        parts, _ = plan_refund(amount, original.tenders, self.routes, to_cash=to_cash,
                               cash_rounding=self._round_cash, sale_left_fen=original.refundable_fen)
        ids = line_ids or {}
        return RefundReservation(number=original.receipt_no, lines=[
            ReservedLine(line_id=ids.get(line_id, line_id), quantity=format(qty, "f"), amount_fen=fen)
            for line_id, (qty, fen) in _per_line(picked).items()], tenders=[
            ReservedTender(kind=p.kind, reference=p.reference, amount_fen=p.amount_fen)
            for p in parts if p.method not in ("wallet", "cash")])

    def _hold(self, number: str, return_id: str, reservation: RefundReservation) -> None:
        """Reserve the return's units on the platform (idempotent per return id; one till wins)."""
        with self._client(number) as client:
            try:
                client.reserve_refund(self.config.store_id, return_id, reservation)
            except Rejected as exc:
                if exc.error_code == "exceeds_refundable":
                    raise ReturnTakenElsewhere(receipt_no=number) from None
                raise ReturnNeedsNetwork(receipt_no=number) from exc
            except SyncError as exc:
                raise ReturnNeedsNetwork(receipt_no=number) from exc

    def _complete_held(self, staff: StaffSession, number: str,
                       refunds: Callable[[UnitOfWork], tuple[OriginalSale, list[tuple[LineRefund, ReturnReason]]]],
                       approver: str | None, to_cash: bool, return_id: str) -> CompletedReturn:
        """Commit a return whose units are reserved, then confirm; a failed commit releases them."""
        try:
            done = self._complete(staff, refunds, kind="receipt", approver_id=approver, to_cash=to_cash,
                                  return_id=return_id)
        except BaseException:
            self._settle_remote(number, return_id, confirm=False)
            raise
        self._settle_remote(number, return_id, confirm=True)
        return done

    def _settle_remote(self, number: str, return_id: str, *, confirm: bool) -> None:
        """Best effort: an unconfirmed reservation is confirmed by the return event when it arrives."""
        try:
            with self._client(number) as client:
                client.settle_refund(self.config.store_id, return_id, confirm)
        except (SyncError, PosError) as exc:
            log.warning("refund reservation %s not %s now: %s", return_id, "confirmed" if confirm else "released",
                        exc)

    def exchange(self, session: StaffSession, receipt_no: str,
                 picks: Sequence[tuple[str, Decimal | str | int, str]]) -> TicketSnapshot:
        """Exchange: the picked lines of ``receipt_no`` become a credit tender on the open ticket (the
        new goods); the payment dialog settles the rest either way (the customer pays the
        difference, or gets it back as change). Nothing is returned until that sale completes."""
        staff = require_session(session)
        if self.checkout is None:
            raise RuntimeError("ReturnService.attach(checkout) was not called")
        with self.db.uow(read_only=True) as uow:
            base = self._load(uow, receipt_no)
            shared = base is not None and _pushed(uow, base.sale_id)
        # Online, units other tills returned of a pushed sale are refused here too (a check only: the
        # exchange's return is written later, in the sale's transaction, against the local ledger).
        chain = self._chain(base) if base is not None and shared else None

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            self.guard(uow)
            original = self._load(uow, receipt_no)
            if original is None:
                raise ReturnSaleNotFound(receipt_no=receipt_no)
            if chain is not None:
                build_refunds(_merged(original, chain).lines, picks, self.reasons)
            amount = sum(r.amount_fen for r, _ in build_refunds(original.lines, picks, self.reasons))
            credit = amount - sum(p.amount_fen for p in self._pro_rata(original, amount))
            for tender in ticket.snapshot().tenders:
                if tender.kind == EXCHANGE.code:
                    ticket.remove_tender(tender.tender_id)
            ticket.add_tender(EXCHANGE.code, from_minor(credit, self.config.currency), receipt_no)
            uow.returns.stage(StagedExchange(
                ticket_id=ticket.ticket_id, receipt_no=receipt_no, credit_fen=credit, user_id=staff.user_id,
                picks=json.dumps([[line_id, str(qty), reason] for line_id, qty, reason in picks])))

        return self.checkout.change_with(step, ("return.exchange_staged", {"receipt_no": receipt_no}))

    def _complete_exchange(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        """The checkout's `on_complete` hook: the exchange's return, in the sale's transaction, checked
        against the ledger again (a unit returned meanwhile fails the sale, not the ledger)."""
        staged = uow.returns.staged(snap.ticket_id)
        credit = next((t for t in snap.tenders if t.kind == EXCHANGE.code), None)
        if staged is None:
            return
        uow.returns.unstage(snap.ticket_id)
        if credit is None:  # the cashier took the credit off again: nothing is returned
            return
        original = self._load(uow, staged.receipt_no)
        if original is None:
            raise ReturnSaleNotFound(receipt_no=staged.receipt_no)
        picked = build_refunds(original.lines, [tuple(p) for p in json.loads(staged.picks)], self.reasons)
        amount = sum(r.amount_fen for r, _ in picked)
        back = self._pro_rata(original, amount)
        if amount - sum(p.amount_fen for p in back) != staged.credit_fen:
            raise ReturnExchangeChanged(receipt_no=staged.receipt_no)
        cur = self.config.currency
        change = to_minor(credit.change, cur)
        parts = [*back, RefundTender(EXCHANGE.code, staged.credit_fen - change, "exchange", ctx.receipt_no)]
        if change:
            parts.append(RefundTender("cash", change, "cash"))
        self._write(uow, ctx.cashier_id, original, picked, parts, 0, kind="exchange", approver_id=None,
                    to_cash=False, exchange_sale_id=ctx.sale_id)

    def _pro_rata(self, original: OriginalSale, amount_fen: int) -> list[RefundTender]:
        """The parts of a refund of ``amount_fen`` that go back to their own tender whatever else
        happens (points redeemed: `RefundRoute.pro_rata`); an exchange credits only the rest."""
        shared = [t for t in original.tenders if (route := self.routes.route(t.kind)) is not None and route.pro_rata]
        if not shared:
            return []
        parts, _ = plan_refund(amount_fen, shared, self.routes, sale_left_fen=original.refundable_fen)
        return [p for p in parts if p.method != "cash"]

    def no_receipt(self, session: StaffSession, code: str, quantity: Decimal | str | int, reason: str,
                   approval: ManagerApproval | None = None, member_id: str | None = None) -> CompletedReturn:
        """A return without a receipt: a manager approves (audited), the item is scanned, the refund
        is the configured price rule, in cash, or to ``member_id``'s stored value (the member on the
        ticket) when the stored-value route is registered (`member_returns`)."""
        staff = require_session(session)
        checked = authorize(staff, Permission.REFUND, approval)
        approver = checked.approver_id if checked else staff.user_id

        def refunds(uow: UnitOfWork) -> tuple[None, list[tuple[LineRefund, ReturnReason]]]:
            product = self._product(uow, code)
            price = self.no_receipt_price_fen(uow, product.sku, product.price_fen)
            qty = Decimal(str(quantity))
            total, tax = _priced(price, qty, product.tax_rate, self.config.prices_include_tax)
            line = SoldLine(line_id="", sku=product.sku, name=product.name, quantity=qty,
                            by_weight=product.sold_by_weight, unit_price_fen=price, total_fen=total, tax_fen=tax,
                            tax_rate=str(product.tax_rate))
            return None, build_refunds([line], [("", quantity, reason)], self.reasons)

        if member_id:
            credit = (PaidTender(STORED_VALUE_KIND, 10**12, member_id),)  # all of it, to the member
            return self._complete(staff, refunds, kind="no_receipt", approver_id=approver, to_cash=False,
                                  credit=credit)
        return self._complete(staff, refunds, kind="no_receipt", approver_id=approver, to_cash=True)

    def no_receipt_price_fen(self, uow: UnitOfWork, sku: str, current_fen: int) -> int:
        rule = self.config.returns
        if rule.no_receipt_price == "current":
            return current_fen
        since = self.clock() - timedelta(days=rule.no_receipt_days)
        lowest = uow.returns.lowest_sold_price(sku, since)
        return lowest_price_fen(current_fen, [] if lowest is None else [lowest])

    def _product(self, uow: UnitOfWork, code: str) -> ProductRecord:
        code = (code or "").strip()
        product = uow.catalog.by_sku(code)
        if product is None:
            result = self.classifier.classify(code, context="sale")
            if isinstance(result, GtinCode):
                product = uow.catalog.by_code(result.scanned)
        if product is None:
            raise ProductNotFound(code=code)
        return product

    def _complete(self, staff: StaffSession, refunds: Callable[[UnitOfWork], tuple[OriginalSale | None, list[tuple[LineRefund, ReturnReason]]]],
                  *, kind: str, approver_id: str | None, to_cash: bool,
                  return_id: str | None = None, credit: Sequence[PaidTender] = ()) -> CompletedReturn:
        with self.db.uow() as uow:
            self.guard(uow)
            original, picked = refunds(uow)
            amount = sum(r.amount_fen for r, _ in picked)
            parts, rounding = plan_refund(amount, original.tenders if original else credit, self.routes,
                                          to_cash=to_cash, cash_rounding=self._round_cash,
                                          sale_left_fen=original.refundable_fen if original else None)
            doc = self._write(uow, staff.user_id, original, picked, parts, rounding, kind=kind,
                              approver_id=approver_id, to_cash=to_cash, return_id=return_id)
            uow.commit()
        return_id, amount = doc.id, doc.refund_fen
        done = CompletedReturn(return_id, doc.return_no, amount, doc.rounding_fen, tuple(parts))
        done = self._refund_wallets(done)
        for after in self.after_complete:
            try:
                after(done)
            except Exception:  # the return is committed; a follow-up must not fail it
                log.exception("after-return hook failed for %s", done.return_no)
        return done

    def _write(self, uow: UnitOfWork, cashier_id: str, original: OriginalSale | None,
               picked: list[tuple[LineRefund, ReturnReason]], parts: list[RefundTender], rounding: int, *,
               kind: str, approver_id: str | None, to_cash: bool, exchange_sale_id: str | None = None,
               return_id: str | None = None) -> ReturnDoc:
        """Every row of one return, in the caller's transaction (a return's own, or an exchange sale's)."""
        amount = sum(r.amount_fen for r, _ in picked)
        seq = uow.returns.next_return_seq(self.till_key)
        return_id = return_id or uuid.uuid4().hex
        remote = original is not None and original.remote
        doc = ReturnDoc(
            id=return_id, return_no=format_return_number(self.config.store_id, self.config.till_id, seq),
            till_id=self.till_key, seq=seq, kind=kind, original_sale_id=original.sale_id if original else None,
            original_receipt_no=original.receipt_no if original else None, remote=remote,
            exchange_sale_id=exchange_sale_id, shift_id=self.shift_id(),
            business_date=self.business_date().isoformat(), cashier_id=cashier_id, approver_id=approver_id,
            completed_at=self.clock(), refund_fen=amount, rounding_fen=rounding, total_fen=amount + rounding,
            tax_fen=sum(r.tax_fen for r, _ in picked), to_cash=to_cash,
        )
        lines, ledger, movements = self._lines(uow, doc, picked)
        tenders = [ReturnTender(id=uuid.uuid4().hex, return_id=return_id, kind=p.kind, amount_fen=p.amount_fen,
                                method=p.method, reference=p.reference,
                                refund_no=f"RF{uuid.uuid4().hex[:30]}" if p.method == "wallet" else None,
                                state="pending" if p.method == "wallet" else "done")
                   for p in parts]
        if original is not None and original.payments and self.wallet_adopt is not None:
            used = {p.reference for p in parts if p.method == "wallet"}
            for payment in original.payments:
                if payment.out_trade_no in used:
                    self.wallet_adopt(uow, payment.out_trade_no, payment.wallet, payment.amount_fen, original.sale_id)
        uow.returns.add(doc, lines, tenders, ledger)
        uow.audit.add(self.till_key, f"return.{kind}", cashier_id, approver_id=approver_id, ref_id=doc.return_no,
                      details={"original": doc.original_receipt_no, "refund_fen": amount, "to_cash": to_cash,
                               "tenders": [[p.kind, p.amount_fen] for p in parts]})
        names = dict(original.promotion_names) if original else {}
        uow.outbox.add("return", return_id, return_event(self.config, doc, lines, tenders, movements, names))
        uow.print_jobs.add("receipt", document_to_json(build_return_receipt(self.config, doc, lines, tenders)),
                           ref_id=return_id)
        for hook in self.on_complete:
            hook(uow, doc, [r for r, _ in picked], original)
        return doc

    def _lines(self, uow: UnitOfWork, doc: ReturnDoc, picked: list[tuple[LineRefund, ReturnReason]]
               ) -> tuple[list[ReturnLine], list[SaleLineRefund], list[tuple[str, str, str]]]:
        lines, ledger, movements = [], [], []
        for n, (refund, reason) in enumerate(picked, start=1):
            product = uow.catalog.by_sku(refund.sku)
            lines.append(ReturnLine(
                id=uuid.uuid4().hex, return_id=doc.id, line_no=n, sale_line_id=refund.sale_line_id or None,
                product_id=product.id if product else None, sku=refund.sku, name=refund.name,
                quantity=str(refund.quantity), unit_price_fen=refund.unit_price_fen,
                discount_fen=refund.discount_fen, total_fen=refund.amount_fen, tax_rate=refund.tax_rate,
                tax_fen=refund.tax_fen, reason=reason.code, damaged=reason.damaged,
                promotions=json.dumps([list(p) for p in refund.promotions], ensure_ascii=False)))
            if refund.sale_line_id and not doc.remote:  # a remote sale's ledger is the platform's
                ledger.append(SaleLineRefund(id=uuid.uuid4().hex, sale_line_id=refund.sale_line_id,
                                             return_id=doc.id, quantity=str(refund.quantity),
                                             amount_fen=refund.amount_fen))
            if product is not None and not reason.damaged:  # damaged goods are not back on sale
                mid = uow.stock.add_movement(product.id, refund.quantity, "return", doc.id)
                movements.append((mid, refund.sku, str(refund.quantity)))
        return lines, ledger, movements

    def _round_cash(self, fen: int) -> int:
        """Cash given back is rounded down to the coins the till uses (never in the till's loss)."""
        step = {"none": 1, "nearest_0_05": 5, "down_0_1": 10}[self.config.cash_rounding]
        return fen - fen % step

    # -- wallet refunds -------------------------------------------------------------------------------
    def _refund_wallets(self, done: CompletedReturn) -> CompletedReturn:
        with self.db.uow(read_only=True) as uow:
            pending = uow.returns.pending_refunds(done.return_id)
        still = tuple(p.kind for p in pending if not self._send_refund(p))
        return CompletedReturn(done.return_id, done.return_no, done.refund_fen, done.rounding_fen, done.tenders,
                               still)

    def _send_refund(self, pending: PendingRefund) -> bool:
        """One wallet refund under its committed refund number; True once the wallet confirmed it.
        A payment this till's payment service holds (its own, or adopted from another till of the
        store) goes through it; another store's payment of a remote sale through the platform."""
        with self.db.uow(read_only=True) as uow:
            held = uow.payments.by_out_trade_no(pending.out_trade_no) is not None
        try:
            if not held and pending.remote:
                done = self._refund_elsewhere(pending)
            elif self.wallet_refund is None:
                return False
            else:
                result = self.wallet_refund(pending.out_trade_no,
                                            str(from_minor(pending.amount_fen, self.config.currency)),
                                            refund_no=pending.refund_no, reason=f"return {pending.return_no}")
                done = bool(getattr(result, "done", False))
        except (PosError, SyncError) as exc:
            log.warning("wallet refund %s of %s failed: %s", pending.refund_no, pending.return_no,
                        getattr(exc, "code", type(exc).__name__))
            return False
        except Exception:  # the network or the provider: retried by `resume`
            log.exception("wallet refund %s of %s failed", pending.refund_no, pending.return_no)
            return False
        if not done:
            return False
        with self.db.uow() as uow:
            uow.returns.mark_done(pending.tender_id)
            uow.audit.add(self.till_key, "return.wallet_refunded", None, ref_id=pending.return_no,
                          details={"refund_no": pending.refund_no, "amount_fen": pending.amount_fen})
            uow.commit()
        return True

    def _refund_elsewhere(self, pending: PendingRefund) -> bool:
        """Another store's wallet payment: the platform refunds it for the paying store, at most
        what this return reserved, once per refund number."""
        with self._client(pending.original_number or pending.return_no) as client:
            answer = client.refund_elsewhere(self.config.store_id, pending.return_id, ElsewhereWalletRefund(
                out_trade_no=pending.out_trade_no, wallet=pending.kind, refund_no=pending.refund_no,
                amount_fen=pending.amount_fen))
        return answer.code in ("SUCCESS", "10000")

    def resume(self) -> list[str]:
        """Send again every wallet refund a return committed but the wallet did not confirm (after a
        crash or an outage); returns the refund numbers still pending."""
        with self.db.uow(read_only=True) as uow:
            pending = uow.returns.pending_refunds()
        return [p.refund_no for p in pending if not self._send_refund(p)]

    def conflicts(self) -> list[ReturnConflict]:
        """Returns the platform refused after the fact (never silent): for the manager."""
        with self.db.uow(read_only=True) as uow:
            return [ReturnConflict(*row) for row in uow.returns.conflicts()]

    def check_refunded(self, done: CompletedReturn) -> None:
        """Raise for the cashier when a wallet refund of ``done`` is still unconfirmed."""
        if done.pending:
            kind = done.pending[0]
            amount = sum(t.amount_fen for t in done.tenders if t.kind == kind)
            raise ReturnRefundPending(return_no=done.return_no, kind=kind,
                                      amount=from_minor(amount, self.config.currency))


def _pushed(uow: UnitOfWork, sale_id: str) -> bool:
    """The platform acknowledged the sale: its copy there carries the chain's ledger of it."""
    return any(e.kind == "sale" and e.status == "sent" for e in uow.outbox.for_aggregate(sale_id))


def _merged(original: OriginalSale, chain: ChainLedger) -> OriginalSale:
    """This till's sale with what other tills or stores returned of each line added to its local
    ledger (the fen as the cumulative rule gives them: C(local + elsewhere) - C(local)), and each
    tender at the lower of what is left of it here and there (a refund another till gave back to
    the card is not given back to it again here)."""
    lines = []
    for line in original.lines:
        elsewhere = chain.lines.get(line.line_id, ("", Decimal(0)))[1]
        if elsewhere:
            total = line.refunded_quantity + elsewhere
            fen = line.cumulative_fen(min(total, line.quantity)) - line.cumulative_fen(line.refunded_quantity)
            line = replace(line, refunded_quantity=total, refunded_fen=line.refunded_fen + max(fen, 0))
        lines.append(line)
    tenders = tuple(replace(t, amount_fen=max(min(t.amount_fen, chain.tenders_left[(t.kind, t.reference)]), 0))
                    if (t.kind, t.reference) in chain.tenders_left else t for t in original.tenders)
    return replace(original, lines=tuple(lines), tenders=tuple(t for t in tenders if t.amount_fen > 0))


def _is_receipt_number(text: str) -> bool:
    try:
        parse_receipt_number(text)
    except InvalidReceiptNumber:
        return False
    return True


def _per_line(picked: list[tuple[LineRefund, ReturnReason]]) -> dict[str, tuple[Decimal, int]]:
    """(quantity, fen) per sale line of a return (a line picked twice, e.g. with two reasons, adds up)."""
    out: dict[str, tuple[Decimal, int]] = {}
    for refund, _ in picked:
        qty, fen = out.get(refund.sale_line_id, (Decimal(0), 0))
        out[refund.sale_line_id] = (qty + refund.quantity, fen + refund.amount_fen)
    return out


def _fen(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _priced(price_fen: int, quantity: Decimal, rate: Decimal, inclusive: bool) -> tuple[int, int]:
    """(line total, tax) of a no-receipt line at ``price_fen``; exclusive prices add the tax."""
    amount = _fen(Decimal(price_fen) * quantity)
    if inclusive:
        return amount, _fen(amount * rate / (1 + rate))
    tax = _fen(amount * rate)
    return amount + tax, tax


def _by_weight(uow: UnitOfWork, sku: str, unit: str, quantity: Decimal) -> bool:
    """A line sold by weight (returned by weight): the product is weighed and the line kept its unit
    (a weighed product sold by a price label is one piece)."""
    product = uow.catalog.by_sku(sku)
    if product is None:
        return quantity != quantity.to_integral_value()
    return product.sold_by_weight and unit == product.unit


def return_event(config: Config, doc: ReturnDoc, lines: list[ReturnLine], tenders: list[ReturnTender],
                 movements: list[tuple[str, str, str]], names: dict[str, str] | None = None) -> dict[str, Any]:
    """The `return` payload of `sync.protocol.Return`: positive refunds, lines + rounding = tenders;
    each line names the promotion (and coupon) shares it gives back."""
    names = names or {}
    reasons = sorted({ln.reason for ln in lines})
    return {
        "return_id": doc.id,
        "original_sale_id": doc.original_sale_id,
        "receipt_no": doc.return_no,
        "store_id": config.store_id,
        "till_id": config.till_id,
        "business_date": doc.business_date,
        "completed_at": doc.completed_at.isoformat(),
        "cashier_id": doc.cashier_id,
        "reason": ",".join(reasons)[:200],
        "lines": [
            {"sku": ln.sku, "name": ln.name, "quantity": ln.quantity, "unit_price_fen": ln.unit_price_fen,
             "discount_fen": ln.discount_fen, "line_total_fen": ln.total_fen, "tax_rate": ln.tax_rate,
             "tax_fen": ln.tax_fen,
             "promotions": [{"promotion_id": pid, "name": names.get(pid) or pid, "discount_fen": fen}
                            for pid, fen in json.loads(ln.promotions) if fen]}
            for ln in lines
        ],
        "tenders": [{"kind": t.kind, "amount_fen": t.amount_fen, "reference": t.reference} for t in tenders]
        or [{"kind": "cash", "amount_fen": 0, "reference": ""}],
        "rounding_fen": doc.rounding_fen,
        "total_fen": doc.total_fen,
        "stock_movements": [{"movement_id": m, "sku": s, "delta": d} for m, s, d in movements],
    }

