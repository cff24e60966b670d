"""Dynamic QR payments (the customer scans the till's QR) through the payment service against the
reference platform as a process; the customer's phone is the platform's admin scan call.

Each test checks on the platform side that the customer was charged exactly what the till's sales
(or open ticket) carry, or nothing. Timings run scaled (`[payments] timing_scale`).
"""

from __future__ import annotations

import pytest
from payments_support import assert_charged_exactly_what_was_sold, charges, ring_up
from qr_payment_support import QrRun, customer_scans
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PaymentsConfig, PlatformConfig
from pos_app.domain.errors import InvalidAmount, NonCashOverpay, PaymentsUnavailable
from pos_app.domain.payment_codes import Wallet
from pos_app.domain.payment_intent import IntentState, PaymentMethod
from pos_app.services.receipts import document_to_json
from pos_app.services.reports import report_text
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift, user_id


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


def till_config(url: str, scale: float = 0.02, **payments) -> Config:
    return Config(language="en", platform=PlatformConfig(url=url, read_timeout_s=5, connect_timeout_s=2),
                  payments=PaymentsConfig(timing_scale=scale, read_timeout_s=0.5, **payments))


def open_till(config, data_dir):
    ctx = build_app(config, data_dir)
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    return ctx


@pytest.fixture
def make_till(platform, demo_dir, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    made = []

    def make(scale: float = 0.02, **payments):
        ctx = open_till(till_config(platform.url, scale, **payments), demo_dir)
        if ctx.shifts.current() is None:
            open_shift(ctx)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.mark.parametrize("wallet", [Wallet.WECHAT, Wallet.ALIPAY])
def test_a_paid_qr_order_is_a_wallet_tender_of_the_sale_the_receipt_and_the_reports(platform, make_till, wallet):
    till = make_till()
    due = ring_up(till)
    run = QrRun(till, wallet, due)
    shown = run.wait_shown()
    prefix = "weixin://wxpay/" if wallet is Wallet.WECHAT else "https://qr.alipay.com/"
    assert shown.method is PaymentMethod.QR and shown.qr_url.startswith(prefix) and shown.code_masked == ""
    assert customer_scans(platform, shown.out_trade_no)["amount_fen"] == int(due * 100)
    intent = run.finish()
    assert intent.state is IntentState.PAID and intent.transaction_id.startswith("SIM")
    assert till.payments.get(intent.intent_id).qr_url == shown.qr_url  # kept with the intent
    snap = till.checkout.current()
    assert snap.is_paid and [(t.kind, t.reference) for t in snap.tenders] == [(wallet.value, intent.transaction_id)]
    sale = till.checkout.complete()
    assert till.payments.get(intent.intent_id).sale_id == sale.sale_id
    receipt = document_to_json(till.printing.last_receipt())
    assert intent.transaction_id in receipt
    assert_charged_exactly_what_was_sold(platform, till)
    manager = till.auth.login(user_id(till, "Wang Qiang"), "8888")
    x = till.reports.x_report(manager)
    assert (wallet.value, 1, int(due * 100)) in [(t.kind, t.count, t.amount_fen) for t in x.figures.tenders]
    assert till.payments.unresolved() == []
    counted = till.shifts.submit_count(manager, {"note_100": 2}, {})  # the float: no cash was taken
    till.shifts.confirm_close(manager, counted.count_id)
    z = till.reports.close_day(manager)
    assert (wallet.value, 1, int(due * 100)) in [(t.kind, t.count, t.amount_fen) for t in z.figures.tenders]
    assert f"{wallet.value} x1" in report_text(z)


def test_cancel_closes_the_order_and_the_customer_can_no_longer_pay_it(platform, make_till):
    till = make_till()
    run = QrRun(till, Wallet.WECHAT, ring_up(till))
    shown = run.wait_shown()
    till.payments.cancel(shown.intent_id)
    intent = run.finish()
    assert intent.state is IntentState.REVERSED
    assert customer_scans(platform, shown.out_trade_no, expect=409)["error"] == "qr_order_closed"
    assert charges(platform)[shown.out_trade_no]["charged_fen"] == 0
    assert till.checkout.current().tenders == () and till.payments.unresolved() == []


def test_an_unpaid_order_is_closed_when_it_expires(platform, make_till):
    till = make_till(scale=0.02, qr_expire_minutes=1)  # 1.2 s at this scale
    run = QrRun(till, Wallet.ALIPAY, ring_up(till))
    shown = run.wait_shown()
    intent = run.finish()
    assert intent.state is IntentState.REVERSED and intent.reverse_attempts >= 1
    assert customer_scans(platform, shown.out_trade_no, expect=409)["error"] == "qr_order_closed"
    assert charges(platform)[shown.out_trade_no]["charged_fen"] == 0
    assert till.checkout.current().tenders == ()


def test_paid_just_as_the_cashier_cancels_is_given_back(platform, make_till):
    till = make_till(scale=1.0)  # the first query comes 2 s after the QR is shown
    run = QrRun(till, Wallet.WECHAT, ring_up(till))
    shown = run.wait_shown()
    customer_scans(platform, shown.out_trade_no)  # the customer pays ...
    till.payments.cancel(shown.intent_id)  # ... as the cashier presses Cancel, before the till saw it
    intent = run.finish()
    assert intent.state is IntentState.REVERSED
    charge = charges(platform)[shown.out_trade_no]
    assert charge["state"] == "reversed" and charge["charged_fen"] == 0  # the money went back
    assert till.checkout.current().tenders == ()
    assert_charged_exactly_what_was_sold(platform, till)


@pytest.mark.parametrize(("scenario", "delay_s"), [("dropped_response", 2.0), ("systemerror_then_success", 0)])
def test_an_unknown_creation_closes_the_order_nobody_could_pay(platform, make_till, scenario, delay_s):
    till = make_till()
    platform.admin("PUT", "/admin/wallet-scenarios", {"scenario": scenario, "delay_s": delay_s, "count": 1})
    intent = till.payments.pay_qr(Wallet.WECHAT, str(ring_up(till)))
    assert intent.state is IntentState.REVERSED and intent.qr_url == ""
    assert charges(platform)[intent.out_trade_no]["state"] == "reversed"
    assert till.checkout.current().tenders == ()


def test_bad_qr_requests_are_refused_before_anything_is_written(platform, make_till):
    till = make_till()
    due = ring_up(till)
    with pytest.raises(NonCashOverpay):
        till.payments.pay_qr(Wallet.WECHAT, str(due + 1))
    with pytest.raises(InvalidAmount):
        till.payments.pay_qr(Wallet.ALIPAY, "12,5")
    with pytest.raises(PaymentsUnavailable):
        till.payments.pay_qr(Wallet.UNIONPAY, str(due))  # UnionPay QR is only scanned by the till
    assert till.payments.recent() == [] and charges(platform) == {}
