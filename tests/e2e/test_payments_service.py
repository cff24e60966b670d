"""Wallet payments through the payment service against the reference platform as a process.

Every simulator behaviour is driven through `PaymentService`, and each test checks on the platform
side that the customer was charged exactly what the till's sales (or open ticket) carry, or nothing.
Timings run at 2 % of the wallets' published ones (`[payments] timing_scale`).
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from payments_support import (
    assert_charged_exactly_what_was_sold,
    charges,
    ring_up,
    wallet_code,
)
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.errors import (
    NonCashOverpay,
    PaymentCodeUnknownWallet,
    PaymentPending,
    PaymentsUnavailable,
    RefundTooLarge,
)
from pos_app.domain.payment_codes import WALLET_NAMES, Wallet
from pos_app.domain.payment_intent import IntentState, PaymentIntent
from pos_app.services.payments import WalletTenderNeedsReverse
from pos_app.services.receipts import document_to_json
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


def till_config(url: str, **payments) -> Config:
    return Config(language="en", platform=PlatformConfig(url=url, read_timeout_s=5, connect_timeout_s=2),
                  payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5, **payments))


def open_till(config, data_dir):
    ctx = build_app(config, data_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    return ctx


@pytest.fixture
def till(platform, demo_dir, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = open_till(till_config(platform.url), demo_dir)
    open_shift(ctx)
    yield ctx
    ctx.close()


def intents(ctx) -> list[PaymentIntent]:
    return ctx.payments.recent()


@pytest.mark.parametrize(("wallet", "scenario", "tenths"), [
    (Wallet.WECHAT, "success", 0),
    (Wallet.ALIPAY, "paying_then_success", 3),
    (Wallet.UNIONPAY, "systemerror_then_success", 0),
    (Wallet.WECHAT, "dropped_response", 10),
    (Wallet.ALIPAY, "dropped_response", 10),
])
def test_payments_that_end_paid_go_on_the_ticket_and_into_the_sale(platform, till, wallet, scenario, tenths):
    due = ring_up(till)
    intent = till.payments.pay(wallet_code(wallet, scenario, tenths), str(due))
    assert intent.state is IntentState.PAID and intent.transaction_id.startswith("SIM")
    snap = till.checkout.current()
    assert snap.is_paid and [t.kind for t in snap.tenders] == [wallet.value]
    assert snap.tenders[0].reference == intent.transaction_id
    sale = till.checkout.complete()
    assert till.payments.get(intent.intent_id).sale_id == sale.sale_id
    receipt = document_to_json(till.printing.last_receipt())
    paid = till.payments.get(intent.intent_id)
    assert paid.transaction_id in receipt and paid.payer in receipt and WALLET_NAMES[wallet] in receipt
    assert paid.payer.lstrip("*") == paid.payer[-4:] and wallet_code(wallet, scenario, tenths) not in receipt
    assert charges(platform)[intent.out_trade_no]["charged_fen"] == int(due * 100)
    assert_charged_exactly_what_was_sold(platform, till)
    assert till.payments.unresolved() == []


@pytest.mark.parametrize(("wallet", "scenario", "state", "reverse_calls"), [
    (Wallet.WECHAT, "insufficient_funds", IntentState.FAILED, 0),
    (Wallet.ALIPAY, "expired_code", IntentState.FAILED, 0),
    (Wallet.WECHAT, "paying_forever", IntentState.REVERSED, 1),
    (Wallet.ALIPAY, "paying_forever", IntentState.REVERSED, 1),
    (Wallet.WECHAT, "reverse_recall_twice", IntentState.REVERSED, 3),
])
def test_payments_that_do_not_go_through_charge_nothing(platform, till, wallet, scenario, state, reverse_calls):
    due = ring_up(till)
    intent = till.payments.pay(wallet_code(wallet, scenario), str(due))
    assert intent.state is state
    assert intent.reverse_attempts == reverse_calls
    assert till.checkout.current().tenders == ()
    charge = charges(platform)[intent.out_trade_no]
    assert (charge["charged_fen"], charge["reverse_calls"]) == (0, reverse_calls)
    audit = _audit(till, intent.out_trade_no)
    assert audit[:2] == ["payment.created", "payment.submitted"] and audit[-1] == f"payment.{state.value}"


def _audit(ctx, ref):
    with ctx.db.uow(read_only=True) as uow:
        return [e.action for e in uow.audit.entries(ref_id=ref)]


def test_the_code_is_never_stored_or_logged(platform, till, tmp_path):
    code = wallet_code(Wallet.WECHAT)
    till.payments.pay(code, str(ring_up(till)))
    till.db.dispose()
    raw = (till.data_dir / "till.db").read_bytes() + (till.data_dir / "till.db-wal").read_bytes() \
        if (till.data_dir / "till.db-wal").exists() else (till.data_dir / "till.db").read_bytes()
    assert code.encode() not in raw
    assert ("*" * 14 + code[-4:]).encode() in raw


def test_cancel_while_the_customer_confirms_reverses_the_payment(platform, till):
    due = ring_up(till)
    seen: list[PaymentIntent] = []
    till.payments.listeners.append(seen.append)
    result: list[PaymentIntent] = []
    worker = threading.Thread(target=lambda: result.append(
        till.payments.pay(wallet_code(Wallet.ALIPAY, "paying_forever"), str(due))))
    worker.start()
    while not any(i.state is IntentState.PAYING for i in seen):
        time.sleep(0.01)
    paying = next(i for i in seen if i.state is IntentState.PAYING)
    with pytest.raises(PaymentPending):
        till.checkout.complete()
    with pytest.raises(PaymentPending):
        till.checkout.void_line(till.checkout.current().lines[0].line_id)
    with pytest.raises(PaymentPending):
        till.checkout.hold()
    till.payments.cancel(paying.intent_id)
    worker.join(10)
    assert result[0].state is IntentState.REVERSED
    assert charges(platform)[paying.out_trade_no]["charged_fen"] == 0
    till.checkout.hold()  # the ticket is free again


def test_bad_input_is_refused_before_anything_is_written_or_sent(platform, till):
    due = ring_up(till)
    with pytest.raises(PaymentCodeUnknownWallet):
        till.payments.pay("6900000000014", str(due))
    with pytest.raises(NonCashOverpay):
        till.payments.pay(wallet_code(Wallet.WECHAT), str(due + 1))
    assert intents(till) == [] and charges(platform) == {}


def test_a_wallet_tender_comes_off_the_ticket_only_by_giving_the_money_back(platform, till):
    due = ring_up(till)
    half = (due / 2).quantize(Decimal("0.01"))
    intent = till.payments.pay(wallet_code(Wallet.WECHAT), str(half))
    tender = till.checkout.current().tenders[0]
    with pytest.raises(WalletTenderNeedsReverse):
        till.checkout.remove_tender(tender.tender_id)
    snap = till.payments.remove_tender(tender.tender_id)
    assert snap.tenders == ()
    assert till.payments.get(intent.intent_id).state is IntentState.REVERSED
    assert charges(platform)[intent.out_trade_no]["charged_fen"] == 0
    till.checkout.add_tender("cash", str(due))
    till.checkout.complete()
    assert_charged_exactly_what_was_sold(platform, till)


def test_refunds_reverse_the_same_day_and_use_the_refund_api_for_parts(platform, till):
    due = ring_up(till)
    whole = till.payments.pay(wallet_code(Wallet.WECHAT), str(due))
    till.checkout.complete()
    ring_up(till)
    other = till.payments.pay(wallet_code(Wallet.ALIPAY), str(till.checkout.current().remaining))
    till.checkout.complete()
    result = till.payments.refund(whole.out_trade_no, str(due))
    assert (result.method, result.done) == ("reverse", True)
    assert charges(platform)[whole.out_trade_no]["charged_fen"] == 0
    part = till.payments.refund(other.out_trade_no, "1.00", refund_no="RET0001")
    again = till.payments.refund(other.out_trade_no, "1.00", refund_no="RET0001")
    assert (part.method, part.done, again.done) == ("refund", True, True)
    assert charges(platform)[other.out_trade_no]["charged_fen"] == other.amount_fen - 100
    with pytest.raises(RefundTooLarge):
        till.payments.refund(other.out_trade_no, str(due))


def test_unfinished_intents_are_resumed_after_a_crash(platform, demo_dir, memory_keyring):
    """A till killed mid-payment: on the next start the intent is queried and settled, the sale completed."""
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    config = till_config(platform.url)
    first = open_till(config, demo_dir)
    open_shift(first)
    due = ring_up(first)
    provider = first.payments.provider()
    # What a kill right after the request left leaves behind: a SUBMITTED intent, the money taken.
    crashed = PaymentIntent(intent_id="a" * 32, out_trade_no="T01crashed000000001", ticket_id=first.checkout.current()
                            .ticket_id, wallet=Wallet.WECHAT, amount_fen=int(due * 100), code_masked="*" * 14 + "5555")
    with first.db.uow() as uow:
        uow.payments.add(crashed.move(IntentState.SUBMITTED, submitted_at=first.payments.clock()), first.till_key, None)
        uow.commit()
    provider.pay(crashed.out_trade_no, Wallet.WECHAT, wallet_code(Wallet.WECHAT), crashed.amount_fen, "")
    # and one whose request never left
    never = PaymentIntent(intent_id="b" * 32, out_trade_no="T01never0000000001", ticket_id=crashed.ticket_id,
                          wallet=Wallet.ALIPAY, amount_fen=100, code_masked="*" * 14 + "5555")
    with first.db.uow() as uow:
        uow.payments.add(never, first.till_key, None)
        uow.commit()
    first.close()

    second = open_till(config, demo_dir)
    try:
        with pytest.raises(PaymentPending):
            second.checkout.complete()
        settled = {i.intent_id: i for i in second.payments.resume()}
        assert settled["b" * 32].state is IntentState.FAILED
        assert second.payments.get("a" * 32).state is IntentState.PAID
        assert second.payments.get("a" * 32).sale_id  # the sale was completed on restart
        assert second.checkout.current().lines == ()
        assert second.payments.unresolved() == []
        assert_charged_exactly_what_was_sold(platform, second)
    finally:
        second.close()


def test_a_paid_ticket_left_open_by_a_crash_completes_on_restart(platform, demo_dir, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    config = till_config(platform.url)
    first = open_till(config, demo_dir)
    open_shift(first)
    intent = first.payments.pay(wallet_code(Wallet.UNIONPAY), str(ring_up(first)))
    first.close()  # killed between the PAID answer and the cashier's complete
    second = open_till(config, demo_dir)
    try:
        second.payments.resume()
        assert second.payments.get(intent.intent_id).sale_id
        assert_charged_exactly_what_was_sold(platform, second)
    finally:
        second.close()


def test_payments_off_or_unpaired_are_refused_with_a_reason(demo_dir, memory_keyring):
    ctx = open_till(till_config("http://127.0.0.1:9"), demo_dir)
    try:
        open_shift(ctx)
        due = ring_up(ctx)
        with pytest.raises(PaymentsUnavailable, match="not paired"):
            ctx.payments.pay(wallet_code(Wallet.WECHAT), str(due))
        assert intents(ctx) == []
    finally:
        ctx.close()


def test_closing_is_refused_until_stuck_payments_are_resolved_or_accepted_by_a_manager(platform, till):
    from pos_app.domain.errors import ReasonRequired, UnresolvedPayments
    from pos_app.services.checkout import ApprovalRequired

    stuck = PaymentIntent(intent_id="c" * 32, out_trade_no="T01stuck0000000001",
                          ticket_id=till.checkout.current().ticket_id, wallet=Wallet.ALIPAY, amount_fen=500,
                          code_masked="*" * 14 + "5555")
    with till.db.uow() as uow:
        uow.payments.add(stuck.move(IntentState.SUBMITTED), till.till_key, None)
        uow.commit()
    with pytest.raises(UnresolvedPayments) as err:
        till.payments.check_close()
    assert err.value.params == {"count": 1}
    with pytest.raises(ApprovalRequired):
        till.payments.accept(till.checkout.user, stuck.intent_id, "platform down")
    manager = till.auth.login_badge("STAFF-0008")
    with pytest.raises(ReasonRequired):
        till.payments.accept(manager, stuck.intent_id, "  ")
    till.payments.accept(manager, stuck.intent_id, "platform down at close; check tomorrow")
    till.payments.check_close()
    assert _audit(till, stuck.out_trade_no)[-1] == "payment.accepted"


def test_cancel_while_the_answer_is_lost_reverses_the_charge_that_was_taken(platform, till):
    due = ring_up(till)
    seen: list[PaymentIntent] = []
    till.payments.listeners.append(seen.append)
    result: list[PaymentIntent] = []
    worker = threading.Thread(target=lambda: result.append(
        till.payments.pay(wallet_code(Wallet.WECHAT, "dropped_response", 10), str(due))))
    worker.start()
    while not any(i.state is IntentState.SUBMITTED for i in seen):
        time.sleep(0.01)
    submitted = seen[-1]
    while submitted.out_trade_no not in charges(platform):
        time.sleep(0.05)
    till.payments.cancel(submitted.intent_id)  # the charge is taken; its answer will be lost
    worker.join(10)
    assert result[0].state is IntentState.REVERSED
    assert charges(platform)[result[0].out_trade_no]["charged_fen"] == 0
    assert till.checkout.current().tenders == ()
