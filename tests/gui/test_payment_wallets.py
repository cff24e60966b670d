"""The payment dialog's wallet payments (F2, scan the code) against the reference platform process,
plus quick cash and the card key. Every simulator behaviour is driven through the dialog."""

from __future__ import annotations

from decimal import Decimal

import pytest
from gui_helpers import child
from payments_support import wallet_code
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from sync_platform_proc import STORE, PlatformProcess

from pos_app.config import PaymentsConfig, PlatformConfig
from pos_app.domain.payment_codes import Wallet
from pos_app.services.demo_catalog import gtin13
from pos_app.ui.payment_dialog import PaymentDialog, quick_cash_amounts
from pos_app.ui.workers import TaskRunner
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

COLA = gtin13("690000000001")


def test_quick_cash_never_shows_an_amount_twice_and_offers_the_next_notes():
    assert list(quick_cash_amounts(Decimal("14.50")).values()) == [Decimal("14.50"), 20, 50, 100]
    assert list(quick_cash_amounts(Decimal("50.00")).values()) == [Decimal("50.00"), 100]
    assert list(quick_cash_amounts(Decimal("95")).values()) == [Decimal("95"), 100]
    assert list(quick_cash_amounts(Decimal("120.10")).values()) == [Decimal("120.10"), 130, 150, 200]
    for due in (Decimal("0.10"), Decimal("9.99"), Decimal("100"), Decimal("333.33")):
        values = list(quick_cash_amounts(due).values())
        assert len(values) == len(set(values)) and values == sorted(values)


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def wallet_till(platform, make_ctx, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), STORE, "T01")
    ctx = make_ctx("en", platform=PlatformConfig(url=platform.url),
                   payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    return ctx


@pytest.fixture
def dialog(qtbot, wallet_till):
    runner = TaskRunner(max_threads=1)

    def make():
        for _ in range(3):
            wallet_till.checkout.scan(COLA)
        d = PaymentDialog(wallet_till.checkout, runner, wallet_till.checkout.total(), payments=wallet_till.payments)
        qtbot.addWidget(d)
        d.show()
        return d

    yield make
    runner.wait(20000)


def charged(platform) -> int:
    return sum(c["charged_fen"] for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"])


def scan_code(qtbot, d, code: str) -> None:
    QTest.keyClick(d, Qt.Key.Key_F2)
    field = child(d, QLineEdit, "paymentCodeInput")
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    QTest.keyClicks(field, code)
    QTest.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize(("wallet", "scenario", "tenths"), [
    (Wallet.WECHAT, "success", 0), (Wallet.ALIPAY, "paying_then_success", 4),
    (Wallet.UNIONPAY, "systemerror_then_success", 0), (Wallet.WECHAT, "dropped_response", 10),
])
def test_a_scanned_code_pays_the_amount_due_and_the_sale_completes(qtbot, dialog, platform, wallet, scenario,
                                                                    tenths):
    d = dialog()
    due = d.snapshot.remaining
    scan_code(qtbot, d, wallet_code(wallet, scenario, tenths))
    complete = child(d, QPushButton, "completeSaleButton")
    qtbot.waitUntil(complete.isEnabled, timeout=15000)
    assert "#SIM" in child(d, QListWidget, "tenderList").item(0).text()
    QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.sale is not None, timeout=5000)
    assert charged(platform) == int(due * 100)


@pytest.mark.parametrize(("scenario", "text"), [
    ("insufficient_funds", "failed"), ("expired_code", "failed"),
    ("paying_forever", "cancelled; nothing was charged"), ("reverse_recall_twice", "cancelled; nothing"),
])
def test_payments_that_do_not_go_through_say_so_and_charge_nothing(qtbot, dialog, platform, scenario, text):
    d = dialog()
    scan_code(qtbot, d, wallet_code(Wallet.WECHAT, scenario))
    message = child(d, QLabel, "paymentMessage")
    qtbot.waitUntil(lambda: text in message.text(), timeout=15000)
    assert child(d, QListWidget, "tenderList").count() == 0
    assert not child(d, QPushButton, "completeSaleButton").isEnabled()
    assert charged(platform) == 0


def test_waiting_shows_the_seconds_and_cancel_reverses(qtbot, dialog, platform, wallet_till):
    wallet_till.payments.scale = 1.0  # the published 60 s: only Cancel ends it
    d = dialog()
    scan_code(qtbot, d, wallet_code(Wallet.ALIPAY, "paying_forever"))
    waiting = child(d, QLabel, "walletWaiting")
    cancel = child(d, QPushButton, "cancelWalletPayment")
    qtbot.waitUntil(lambda: waiting.isVisible() and "confirm on their phone" in waiting.text(), timeout=5000)
    qtbot.waitUntil(lambda: d._intent is not None and d._intent.state.value == "paying", timeout=5000)
    QTest.keyClick(d, Qt.Key.Key_Escape)  # cannot walk away from a pending payment
    assert d.isVisible()
    save = d.grab()
    assert save.width() <= 1024 and save.height() <= 768
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    message = child(d, QLabel, "paymentMessage")
    qtbot.waitUntil(lambda: "nothing was charged" in message.text(), timeout=15000)
    assert not waiting.isVisible() and charged(platform) == 0


def test_a_code_scanned_into_the_amount_field_pays_by_wallet_and_a_bad_code_is_refused(qtbot, dialog, platform):
    d = dialog()
    amount = child(d, QLineEdit, "tenderAmount")
    amount.setText("6900000000014000")  # 16 digits, not a wallet code
    QTest.keyClick(amount, Qt.Key.Key_Return)
    message = child(d, QLabel, "paymentMessage")
    qtbot.waitUntil(lambda: "not a WeChat Pay, Alipay or UnionPay" in message.text(), timeout=5000)
    assert "6900000000014000" not in message.text()
    amount.setText(wallet_code(Wallet.ALIPAY))
    QTest.keyClick(amount, Qt.Key.Key_Return)
    qtbot.waitUntil(child(d, QPushButton, "completeSaleButton").isEnabled, timeout=10000)


def test_removing_a_wallet_payment_gives_the_money_back(qtbot, dialog, platform):
    d = dialog()
    child(d, QLineEdit, "tenderAmount").setText("1.00")
    scan_code(qtbot, d, wallet_code(Wallet.WECHAT))
    tenders = child(d, QListWidget, "tenderList")
    qtbot.waitUntil(lambda: tenders.count() == 1, timeout=10000)
    assert charged(platform) == 100
    QTest.mouseClick(child(d, QPushButton, "removeTender"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tenders.count() == 0, timeout=10000)
    assert charged(platform) == 0


def test_card_key_focuses_the_slip_reference_and_the_hint_is_visible(qtbot, dialog):
    d = dialog()
    assert child(d, QLabel, "cardSlipHint").isVisible()
    QTest.keyClick(d, Qt.Key.Key_F3)
    qtbot.waitUntil(child(d, QLineEdit, "tenderReference").hasFocus, timeout=2000)
