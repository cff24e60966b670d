"""Wallet payments by the customer's payment code, or by a dynamic QR the customer scans (`pay_qr`):
the intent driven to a final state, never forgotten.

The order of writes is what keeps money safe:

1. the intent row (CREATED) is committed before anything is sent, and SUBMITTED right before the
   request leaves, so after a crash the till knows exactly which payments may exist;
2. PAID is written in the same transaction that puts the wallet tender on the ticket, and the sale
   that completes the ticket marks the intent sold in its own transaction;
3. anything without a final answer is queried, and reversed when its time is over; a paid intent
   that cannot go on its ticket (or whose tender is removed) is reversed or refunded.

So a customer is charged exactly when a sale (or its open ticket) carries the payment. `pay` and
`resume` block (they wait for the wallet); the UI runs them in a worker and listens to `listeners`.

Over 500 lines because every step of an intent (pay, query, reverse, refund, resolve) must
keep the write order above in one place; the policy (what an answer means) is in
`domain/payment_policy`, the wire adapters in `pos_app/payments`.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pos_app.config import Config
from pos_app.domain.errors import (
    InvalidTenderAmount,
    NonCashOverpay,
    PaymentNotFound,
    PaymentNotRefundable,
    PaymentPending,
    PaymentsUnavailable,
    PosError,
    ReasonRequired,
    RefundTooLarge,
    UnresolvedPayments,
)
from pos_app.domain.money import from_minor, parse_amount, to_minor
from pos_app.domain.payment_codes import WALLET_NAMES, Wallet, mask_code, mask_payer, recognise_wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent, PaymentMethod
from pos_app.domain.payment_policy import (
    SCHEDULES,
    Action,
    Answer,
    Call,
    Decision,
    Schedule,
    after_create_qr,
    after_pay,
    after_query,
    after_reverse,
    classify,
    qr_schedule,
)
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.tenders import TenderKind, TenderKindRegistry
from pos_app.domain.ticket import Ticket, TicketSnapshot
from pos_app.payments.base import PaymentProvider, ProviderUnavailable
from pos_app.services.auth import StaffSession
from pos_app.services.checkout import ApprovalRequired, CheckoutService, NotLoggedIn
from pos_app.services.sale_records import SaleContext
from pos_app.store.uow import Database, UnitOfWork

log = logging.getLogger(__name__)

#: The wallets as tender kinds: no change, no typed reference (the wallet's transaction id is kept).
WALLET_TENDERS = tuple(TenderKind(w.value, WALLET_NAMES[w], counted_at_close=False) for w in Wallet)
_WALLET_CODES = frozenset(w.value for w in Wallet)


class WalletTenderNeedsReverse(PosError):
    code = "payment.tender_needs_reverse"
    template = ("A {wallet} payment is removed by giving the money back: use Remove payment in the payment "
                "window, which reverses the charge.")


@dataclass(frozen=True)
class RefundResult:
    refund_no: str
    out_trade_no: str
    amount_fen: int
    method: str  # "reverse" (same day, whole payment) | "refund" (the wallet's refund API)
    done: bool


class PaymentService:
    def __init__(self, db: Database, config: Config, till_key: str, checkout: CheckoutService,
                 provider_factory: Callable[[], PaymentProvider], *,
                 clock: Callable[[], datetime] | None = None):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.checkout = checkout
        self._provider_factory = provider_factory
        self._provider: PaymentProvider | None = None
        self.clock = clock or (lambda: datetime.now(UTC))
        self.scale = config.payments.timing_scale
        self.max_amount = from_minor(config.max_amount_fen, config.currency)
        #: Called (from the worker) with the intent after every recorded step: the UI re-emits it.
        self.listeners: list[Callable[[PaymentIntent], None]] = []
        self._cancels: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._provider_lock = threading.Lock()
        #: Owners of charges that pay for something else than a ticket (``charge``): each is asked,
        #: in the transaction that records PAID, to settle the intent (credit a stored-value top-up)
        #: and answers True when the intent is its own; a PosError there reverses the charge.
        self.settlers: list[Callable[[UnitOfWork, PaymentIntent], bool]] = []

    # -- wiring ----------------------------------------------------------------------------------
    def register_tender_kinds(self, registry: TenderKindRegistry) -> None:
        for kind in WALLET_TENDERS:
            if kind.code not in registry:
                registry.register(kind)

    def attach(self, checkout: CheckoutService) -> None:
        """Guards on the ticket while a payment waits, and the sale marking its intents sold."""
        checkout.ticket_guards.append(self._guard)
        checkout.on_complete.append(self._mark_sold)

    def _guard(self, action: str, snap: TicketSnapshot, target: Any) -> None:
        with self.db.uow(read_only=True) as uow:
            intents = uow.payments.for_ticket(snap.ticket_id)
        waiting = [i for i in intents if i.pending and not i.resolution]
        if waiting:
            raise PaymentPending(amount=from_minor(waiting[0].amount_fen, self.config.currency),
                                 action=action.replace("_", " "))
        if action == "remove_tender":
            tender = next((t for t in snap.tenders if t.tender_id == target), None)
            if tender is not None and tender.kind in _WALLET_CODES:
                raise WalletTenderNeedsReverse(wallet=WALLET_NAMES[Wallet(tender.kind)])

    def _mark_sold(self, uow: UnitOfWork, ctx: SaleContext, snap: TicketSnapshot) -> None:
        for intent in uow.payments.for_ticket(snap.ticket_id):
            if intent.state is IntentState.PAID and not intent.sale_id and not intent.resolution:
                sold = replace(intent, sale_id=ctx.sale_id, resolution="sold")
                uow.payments.save(sold)
                uow.audit.add(self.till_key, "payment.sold", ctx.cashier_id, ref_id=intent.out_trade_no,
                              details={"sale_id": ctx.sale_id, "receipt_no": ctx.receipt_no})

    def provider(self) -> PaymentProvider:
        with self._provider_lock:
            if self._provider is None:
                try:
                    self._provider = self._provider_factory()
                except ProviderUnavailable as exc:
                    raise PaymentsUnavailable(reason=str(exc)) from None
            return self._provider

    def close(self) -> None:
        for event in list(self._cancels.values()):
            event.set()
        if self._provider is not None:
            self._provider.close()

    def schedule(self, wallet: Wallet) -> Schedule:
        return SCHEDULES[wallet].scaled(self.scale)

    def schedule_for(self, intent: PaymentIntent) -> Schedule:
        if intent.method is PaymentMethod.QR:
            return qr_schedule(self.config.payments.qr_expire_minutes).scaled(self.scale)
        return self.schedule(intent.wallet)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, intent_id: str) -> PaymentIntent:
        with self.db.uow(read_only=True) as uow:
            intent = uow.payments.get(intent_id)
        if intent is None:
            raise PaymentNotFound(out_trade_no=intent_id)
        return intent

    def unresolved(self) -> list[PaymentIntent]:
        """Not final and not accepted by a manager, plus paid ones in no sale: what the manager resolves."""
        with self.db.uow(read_only=True) as uow:
            return uow.payments.not_final(self.till_key) + uow.payments.paid_unsold(self.till_key)

    def recent(self, limit: int = 200) -> list[PaymentIntent]:
        with self.db.uow(read_only=True) as uow:
            return uow.payments.recent(self.till_key, limit)

    # -- paying ----------------------------------------------------------------------------------
    def pay(self, code: str, amount: str) -> PaymentIntent:
        """Charge the scanned payment code ``amount`` for the open ticket; blocks until final.

        Bad input is refused before anything is written or sent. The code is used for the one pay
        request and kept nowhere (the intent holds its masked form).
        """
        user_id = self._user_id()
        wallet = recognise_wallet(code)
        ticket_id, amount_fen = self._ticket_amount(wallet, amount)
        provider = self.provider()
        if wallet not in provider.wallets:
            raise PaymentsUnavailable(reason=f"{WALLET_NAMES[wallet]} is not set up at this till")
        intent = self._new_intent(ticket_id, wallet, amount_fen, code_masked=mask_code(code))
        return self._run(intent, user_id, {"code": intent.code_masked, "ticket_id": intent.ticket_id},
                         lambda sent: self._send_code(provider, sent, code))

    def pay_qr(self, wallet: Wallet | str, amount: str) -> PaymentIntent:
        """Show a dynamic QR for ``amount`` of the open ticket; blocks until final.

        The intent is committed before the order is created; its announcements carry the QR's URL
        (state PAYING) for the screens to show. The order is queried until paid or expired; Cancel
        and expiry close it, and a close of an order paid meanwhile gives the money back.
        """
        user_id = self._user_id()
        wallet = Wallet(wallet)
        ticket_id, amount_fen = self._ticket_amount(wallet, amount)
        provider = self.provider()
        if wallet not in provider.qr_wallets:
            raise PaymentsUnavailable(reason=f"a {WALLET_NAMES[wallet]} QR cannot be shown at this till")
        intent = self._new_intent(ticket_id, wallet, amount_fen, method=PaymentMethod.QR)

        def create(sent: PaymentIntent) -> tuple[PaymentIntent, Decision, Answer]:
            answer = provider.create_qr(sent.out_trade_no, wallet, sent.amount_fen,
                                        f"{self.config.store_id} {self.config.till_id}",
                                        self.config.payments.qr_expire_minutes)
            decision = after_create_qr(classify(wallet, Call.CREATE_QR, answer), self.schedule_for(sent))
            if decision.state is IntentState.PAYING:  # the URL is recorded (and shown) with the PAYING step
                sent = replace(sent, qr_url=answer.qr_url[:512])
            return sent, decision, answer

        return self._run(intent, user_id, {"method": "qr", "ticket_id": intent.ticket_id}, create)

    def charge(self, code: str, amount_fen: int, ref_id: str) -> PaymentIntent:
        """Charge the scanned payment code ``amount_fen`` for ``ref_id``, which is not a ticket (a
        stored-value top-up: a settler credits it in the transaction that records PAID); blocks
        until final. Same write order, queries and reverses as ``pay``."""
        user_id = self._user_id()
        wallet = recognise_wallet(code)
        provider = self.provider()
        if wallet not in provider.wallets:
            raise PaymentsUnavailable(reason=f"{WALLET_NAMES[wallet]} is not set up at this till")
        intent = self._new_intent(ref_id, wallet, amount_fen, code_masked=mask_code(code))
        return self._run(intent, user_id, {"code": intent.code_masked, "for": ref_id},
                         lambda sent: self._send_code(provider, sent, code))

    def _user_id(self) -> str:
        user = self.checkout.user
        if user is None:
            raise NotLoggedIn()
        return user.user_id

    def _ticket_amount(self, wallet: Wallet, amount: str) -> tuple[str, int]:
        """The open ticket and the keyed amount in fen, refused unless it is positive and fits what
        the ticket still owes (both from one snapshot)."""
        value = parse_amount(amount, self.config.currency, maximum=self.max_amount)
        if value <= 0:
            raise InvalidTenderAmount(value=value)
        snap = self.checkout.current()
        if value > snap.remaining:
            raise NonCashOverpay(kind=WALLET_NAMES[wallet], value=value, remaining=snap.remaining)
        self._guard("pay", snap, None)
        return snap.ticket_id, to_minor(value, self.config.currency)

    def _new_intent(self, ref_id: str, wallet: Wallet, amount_fen: int, *, code_masked: str = "",
                    method: PaymentMethod = PaymentMethod.CODE) -> PaymentIntent:
        return PaymentIntent(
            intent_id=uuid.uuid4().hex, out_trade_no=f"{self.config.till_id}{uuid.uuid4().hex[:20]}",
            ticket_id=ref_id, wallet=wallet, amount_fen=amount_fen, code_masked=code_masked,
            created_at=self.clock(), method=method)

    def _send_code(self, provider: PaymentProvider, sent: PaymentIntent,
                   code: str) -> tuple[PaymentIntent, Decision, Answer]:
        answer = provider.pay(sent.out_trade_no, sent.wallet, code.strip(), sent.amount_fen,
                              f"{self.config.store_id} {self.config.till_id}")
        return sent, after_pay(sent.wallet, classify(sent.wallet, Call.PAY, answer), self.schedule(sent.wallet)), answer

    def _run(self, intent: PaymentIntent, user_id: str, details: dict[str, Any],
             send: Callable[[PaymentIntent], tuple[PaymentIntent, Decision, Answer]]) -> PaymentIntent:
        """The one write order of every wallet charge: the intent is committed before anything is
        sent, SUBMITTED before the request leaves, then driven until final (or stuck)."""
        with self.db.uow() as uow:
            uow.payments.add(intent, self.till_key, user_id)
            uow.audit.add(self.till_key, "payment.created", user_id, ref_id=intent.out_trade_no,
                          details={"wallet": intent.wallet.value, "amount_fen": intent.amount_fen, **details})
            uow.commit()
        self._announce(intent)
        cancel = self._cancel_event(intent)
        try:
            intent = self._record(intent, IntentState.SUBMITTED, None, submitted_at=self.clock())
            if cancel.is_set():  # cancelled before the request left: nothing can have been charged
                return self._record(intent, IntentState.FAILED, None, last_message="cancelled before it was sent")
            intent, decision, answer = send(intent)
            return self._drive(intent, decision, answer, cancel)
        finally:
            with self._lock:
                self._cancels.pop(intent.intent_id, None)

    def _settled_elsewhere(self, paid: PaymentIntent) -> PaymentIntent | None:
        """PAID and what a ``charge`` pays for, in one transaction; None when no settler owns it."""
        if not self.settlers:
            return None
        settled = replace(paid, resolution="settled")
        with self.db.uow() as uow:
            for settler in self.settlers:
                if settler(uow, settled):
                    uow.payments.save(settled)
                    self._audit(uow, settled, None)
                    uow.commit()
                    return settled
        return None

    def cancel(self, intent_id: str) -> None:
        """The cashier's Cancel: a running payment stops waiting and is reversed (never just dropped)."""
        with self._lock:
            event = self._cancels.get(intent_id)
        if event is not None:
            event.set()

    def _cancel_event(self, intent: PaymentIntent) -> threading.Event:
        with self._lock:
            event = self._cancels[intent.intent_id] = threading.Event()
        return event

    # -- the loop --------------------------------------------------------------------------------
    def _drive(self, intent: PaymentIntent, decision: Decision, answer: Answer | None,
               cancel: threading.Event | None = None) -> PaymentIntent:
        """Record each decision and carry out the next call until the intent is final (or stuck)."""
        provider = self.provider()
        schedule = self.schedule_for(intent)
        cancel = cancel or threading.Event()
        while True:
            intent, decision = self._apply(intent, decision, answer)
            if intent.state is IntentState.PAID and cancel.is_set() and not intent.sale_id \
                    and intent.resolution != "settled":
                # the cashier cancelled while the answer was on its way: give the money back
                decision, answer = Decision(IntentState.REVERSING, Action.REVERSE), None
                continue
            if decision.action in (Action.DONE, Action.STUCK):
                return intent
            if decision.action is Action.QUERY:
                if cancel.wait(decision.wait_s):
                    decision, answer = Decision(IntentState.REVERSING, Action.REVERSE), None
                    continue
                answer = provider.query(intent.out_trade_no, intent.wallet)
                decision = after_query(intent.wallet, classify(intent.wallet, Call.QUERY, answer),
                                       intent.elapsed_s(self.clock()), schedule)
            else:
                if decision.wait_s:
                    threading.Event().wait(decision.wait_s)
                answer = provider.reverse(intent.out_trade_no, intent.wallet)
                intent = replace(intent, reverse_attempts=intent.reverse_attempts + 1)
                decision = after_reverse(intent.wallet, classify(intent.wallet, Call.REVERSE, answer),
                                         intent.reverse_attempts, schedule)

    def _apply(self, intent: PaymentIntent, decision: Decision,
               answer: Answer | None) -> tuple[PaymentIntent, Decision]:
        """Record ``decision.state``; a paid intent goes onto its ticket or is reversed at once."""
        if decision.state is IntentState.PAID and intent.state is not IntentState.PAID:
            paid = self._paid(intent, answer or Answer("SUCCESS"))
            if paid.state is IntentState.PAID:
                return paid, decision
            return paid, Decision(IntentState.REVERSING, Action.REVERSE)
        if decision.state is IntentState.REVERSED:
            return self._reversed(intent, answer), decision
        return self._record(intent, decision.state, answer), decision

    def _record(self, intent: PaymentIntent, state: IntentState, answer: Answer | None,
                **changes: Any) -> PaymentIntent:
        """One transition: one transaction with its audit entry."""
        if answer is not None:
            changes.update(last_code=answer.code, last_message=answer.message[:500])
        moved = intent.move(state, **changes)
        with self.db.uow() as uow:
            uow.payments.save(moved)
            self._audit(uow, moved, answer)
            uow.commit()
        self._announce(moved)
        return moved

    def _audit(self, uow: UnitOfWork, intent: PaymentIntent, answer: Answer | None) -> None:
        user = self.checkout.user
        uow.audit.add(self.till_key, f"payment.{intent.state.value}", user.user_id if user else None,
                      ref_id=intent.out_trade_no,
                      details={"code": answer.code if answer else "", "attempts": intent.reverse_attempts})

    def _paid(self, intent: PaymentIntent, answer: Answer) -> PaymentIntent:
        """PAID and the wallet tender on the ticket in one transaction; if the ticket cannot take it
        (another ticket is open, no cashier, the total changed) PAID is recorded alone and the
        caller reverses it: money must never sit in no sale."""
        paid = intent.move(IntentState.PAID, transaction_id=answer.transaction_id[:64],
                           payer=mask_payer(answer.payer), last_code=answer.code,
                           last_message=answer.message[:500])
        amount = from_minor(intent.amount_fen, self.config.currency)
        try:
            settled = self._settled_elsewhere(paid)
            if settled is not None:
                self._announce(settled)
                return settled
        except PosError as exc:  # it was the settler's, which cannot take it: give the money back
            log.warning("paid charge %s cannot be settled (%s): reversing it", intent.out_trade_no, exc.code)
            alone = self._record(intent, IntentState.PAID, answer, transaction_id=paid.transaction_id,
                                 payer=paid.payer)
            return self._record(alone, IntentState.REVERSING, None)

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            if ticket.ticket_id != intent.ticket_id:
                raise PaymentNotFound(out_trade_no=intent.out_trade_no)
            ticket.add_tender(intent.wallet.value, amount, paid.transaction_id or paid.out_trade_no)
            uow.payments.save(paid)
            self._audit(uow, paid, answer)

        try:
            if self.checkout.user is None:
                raise NotLoggedIn()
            self.checkout.change_with(step)
        except PosError as exc:
            log.warning("paid wallet payment %s cannot go on its ticket (%s): reversing it",
                        intent.out_trade_no, exc.code)
            alone = self._record(intent, IntentState.PAID, answer, transaction_id=paid.transaction_id,
                                 payer=paid.payer)
            return self._record(alone, IntentState.REVERSING, None)
        self._announce(paid)
        return paid

    def _reversed(self, intent: PaymentIntent, answer: Answer | None) -> PaymentIntent:
        """REVERSED, and its tender (if it got onto the open ticket) off the ticket, in one transaction."""
        done = intent.move(IntentState.REVERSED, last_code=answer.code if answer else intent.last_code)
        reference = intent.transaction_id or intent.out_trade_no

        def step(uow: UnitOfWork, ticket: Ticket) -> None:
            for tender in ticket.snapshot().tenders:
                if tender.kind == intent.wallet.value and tender.reference == reference:
                    ticket.remove_tender(tender.tender_id)
            uow.payments.save(done)
            self._audit(uow, done, answer)

        if self.checkout.user is not None and self.checkout.current().ticket_id == intent.ticket_id:
            self.checkout.change_with(step)
        else:
            with self.db.uow() as uow:
                uow.payments.save(done)
                self._audit(uow, done, answer)
                uow.commit()
        self._announce(done)
        return done

    def _announce(self, intent: PaymentIntent) -> None:
        for listener in list(self.listeners):
            try:
                listener(intent)
            except Exception:
                log.exception("payment listener failed")

    # -- removing a paid wallet tender (the sale is not going ahead) --------------------------------
    def remove_tender(self, tender_id: int) -> TicketSnapshot:
        """Take a tender off the open ticket; a wallet tender by giving the money back first (reverse)."""
        snap = self.checkout.current()
        tender = next((t for t in snap.tenders if t.tender_id == tender_id), None)
        if tender is None or tender.kind not in _WALLET_CODES:
            return self.checkout.remove_tender(tender_id)
        with self.db.uow(read_only=True) as uow:
            intent = next((i for i in uow.payments.for_ticket(snap.ticket_id)
                           if i.state is IntentState.PAID and not i.sale_id
                           and tender.reference in (i.transaction_id, i.out_trade_no)), None)
        if intent is None:
            raise PaymentNotFound(out_trade_no=tender.reference or "")
        self._reverse(intent)
        return self.checkout.current()

    def _reverse(self, intent: PaymentIntent) -> PaymentIntent:
        intent = self._record(intent, IntentState.REVERSING, None)
        return self._drive(intent, Decision(IntentState.REVERSING, Action.REVERSE), None)

    # -- restart recovery and manager resolution -----------------------------------------------------
    def resume(self) -> list[PaymentIntent]:
        """Drive every intent left unfinished (by a crash) to a final state; settle paid ones.

        Needs the cashier signed in: a paid intent completes its sale (or goes onto its ticket).
        """
        if self.checkout.user is None:
            raise NotLoggedIn()
        done = []
        with self.db.uow(read_only=True) as uow:
            todo = uow.payments.not_final(self.till_key)
        for intent in todo:
            with self._lock:
                if intent.intent_id in self._cancels:  # being driven by a worker right now
                    continue
            done.append(self._resume_one(intent))

        with self.db.uow(read_only=True) as uow:
            unsold = uow.payments.paid_unsold(self.till_key)
        for intent in unsold:
            done.append(self._settle_paid(intent))
        return done

    def retry(self, intent_id: str) -> PaymentIntent:
        """A manager's "try again" on one stuck intent (query, or reverse again)."""
        intent = self.get(intent_id)
        if intent.state is IntentState.PAID:
            return self._settle_paid(intent)
        return self._resume_one(intent) if intent.pending else intent

    def _resume_one(self, intent: PaymentIntent) -> PaymentIntent:
        cancel = self._cancel_event(intent)
        try:
            return self._resume_steps(intent, cancel)
        finally:
            with self._lock:
                self._cancels.pop(intent.intent_id, None)

    def _resume_steps(self, intent: PaymentIntent, cancel: threading.Event) -> PaymentIntent:
        if intent.state is IntentState.CREATED:  # SUBMITTED is committed before a request leaves
            return self._record(intent, IntentState.FAILED, None, last_message="never sent")
        if intent.state is IntentState.REVERSING:
            return self._drive(intent, Decision(IntentState.REVERSING, Action.REVERSE), None, cancel)
        answer = self.provider().query(intent.out_trade_no, intent.wallet)
        # A QR order's QR is no longer on any screen after a restart: unless paid, close it now.
        elapsed = float("inf") if intent.method is PaymentMethod.QR else intent.elapsed_s(self.clock())
        decision = after_query(intent.wallet, classify(intent.wallet, Call.QUERY, answer), elapsed,
                               self.schedule_for(intent))
        return self._drive(intent, decision, answer, cancel)

    def _settle_paid(self, intent: PaymentIntent) -> PaymentIntent:
        """A paid intent in no sale: complete its ticket when fully paid; reverse it when its tender is
        on no open ticket; otherwise it waits on the open ticket for the cashier."""
        if intent.resolution == "settled":  # a charge its settler took (a top-up credited): nothing to do
            return intent
        snap = self.checkout.current()
        reference = intent.transaction_id or intent.out_trade_no
        on_ticket = snap.ticket_id == intent.ticket_id and any(
            t.kind == intent.wallet.value and t.reference == reference for t in snap.tenders)
        if not on_ticket:
            return self._reverse(intent)
        if snap.is_paid:
            self.checkout.complete(snap.ticket_id)
            return self.get(intent.intent_id)
        return intent

    def accept(self, session: StaffSession, intent_id: str, reason: str,
               approval: ManagerApproval | None = None) -> PaymentIntent:
        """A manager accepts an intent that cannot be resolved now (e.g. the platform is down at
        close), with a reason; the till stops waiting for it and the audit log keeps why."""
        if not session.can(Permission.CLOSE_SHIFT) and (
                approval is None or approval.permission != Permission.CLOSE_SHIFT):
            raise ApprovalRequired(permission=Permission.CLOSE_SHIFT.value)
        reason = reason.strip()
        if not reason:
            raise ReasonRequired()
        if session.can(Permission.CLOSE_SHIFT):
            manager_id = session.user_id
        else:
            assert approval is not None  # checked above
            manager_id = approval.approver_id
        intent = self.get(intent_id)
        accepted = replace(intent, resolution=f"accepted: {reason}"[:500])
        with self.db.uow() as uow:
            uow.payments.save(accepted)
            uow.audit.add(self.till_key, "payment.accepted", session.user_id, ref_id=intent.out_trade_no,
                          approver_id=manager_id, details={"reason": reason, "state": intent.state.value})
            uow.commit()
        self._announce(accepted)
        return accepted

    def check_close(self) -> None:
        """The shift close guard: every wallet payment final, or accepted by a manager."""
        waiting = self.unresolved()
        if waiting:
            raise UnresolvedPayments(count=len(waiting))

    # -- refunds ---------------------------------------------------------------------------------------
    def adopt(self, uow: UnitOfWork, out_trade_no: str, wallet: str, amount_fen: int, sale_id: str) -> None:
        """A paid wallet payment another till of the store took (its sale is returned here): kept as
        a sold intent of this till, in the caller's transaction, so `refund` gives it back to the
        wallet under a refund number like any of its own. Nothing happens if it is already known."""
        if uow.payments.by_out_trade_no(out_trade_no) is not None:
            return
        intent = PaymentIntent(intent_id=uuid.uuid4().hex, out_trade_no=out_trade_no, ticket_id="",
                               wallet=Wallet(wallet), amount_fen=amount_fen, code_masked="",
                               state=IntentState.PAID)
        uow.payments.add(intent, self.till_key, None)
        uow.payments.save(replace(intent, sale_id=sale_id, resolution="sold"))
        uow.audit.add(self.till_key, "payment.adopted", None, ref_id=out_trade_no,
                      details={"sale_id": sale_id, "wallet": wallet, "amount_fen": amount_fen})

    def refund(self, out_trade_no: str, amount: str, refund_no: str | None = None,
               reason: str = "") -> RefundResult:
        """Give back ``amount`` of a paid payment (returns call this). The whole payment on the day it
        was taken is reversed; otherwise the wallet's refund API with a unique refund number. Calling
        again with the same ``refund_no`` never refunds twice."""
        with self.db.uow(read_only=True) as uow:
            intent = uow.payments.by_out_trade_no(out_trade_no)
            earlier = uow.payments.refund(refund_no) if refund_no else None
            refunded = uow.payments.refunded_fen(intent.intent_id) if intent else 0
        if intent is None:
            raise PaymentNotFound(out_trade_no=out_trade_no)
        if earlier is not None:
            if earlier.state != "refunded":
                return self._call_refund(intent, earlier.refund_no, earlier.amount_fen)
            return RefundResult(earlier.refund_no, out_trade_no, earlier.amount_fen, "refund", True)
        if intent.state is IntentState.REVERSED and refund_no is None:
            return RefundResult("", out_trade_no, intent.amount_fen, "reverse", True)
        if intent.state is not IntentState.PAID:
            raise PaymentNotRefundable(out_trade_no=out_trade_no, state=intent.state.value)
        value = parse_amount(amount, self.config.currency, maximum=self.max_amount)
        fen = to_minor(value, self.config.currency)
        if fen <= 0:
            raise InvalidTenderAmount(value=value)
        left = intent.amount_fen - refunded
        if fen > left:
            raise RefundTooLarge(amount=value, refundable=from_minor(left, self.config.currency),
                                 out_trade_no=out_trade_no)
        same_day = intent.created_at is not None and \
            intent.created_at.astimezone().date() == self.clock().astimezone().date()
        if same_day and fen == intent.amount_fen and refunded == 0 and refund_no is None:
            done = self._reverse(intent)
            return RefundResult("", out_trade_no, fen, "reverse", done.state is IntentState.REVERSED)
        number = refund_no or f"{out_trade_no[:28]}R{uuid.uuid4().hex[:3]}"
        with self.db.uow() as uow:
            uow.payments.add_refund(number, intent.intent_id, fen, reason)
            uow.audit.add(self.till_key, "payment.refund_requested", None, ref_id=out_trade_no,
                          details={"refund_no": number, "amount_fen": fen, "reason": reason})
            uow.commit()
        return self._call_refund(intent, number, fen)

    def _call_refund(self, intent: PaymentIntent, refund_no: str, fen: int) -> RefundResult:
        answer = self.provider().refund(intent.out_trade_no, intent.wallet, refund_no, fen, intent.amount_fen)
        ok = answer.code in ("SUCCESS", "10000")
        if ok:
            with self.db.uow() as uow:
                uow.payments.mark_refunded(refund_no)
                uow.audit.add(self.till_key, "payment.refunded", None, ref_id=intent.out_trade_no,
                              details={"refund_no": refund_no, "amount_fen": fen})
                uow.commit()
        return RefundResult(refund_no, intent.out_trade_no, fen, "refund", ok)

