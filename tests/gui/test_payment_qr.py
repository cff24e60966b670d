"""The dynamic QR payment through the real windows: F4 in the payment dialog, the QR large on the
customer screen (opened as a window) with a small copy for the cashier, the customer's phone played
by the reference platform's admin scan call; then the change and thanks. Screenshots at 1024x768
in both languages (POS_SCREENSHOTS_DIR=docs/screenshots refreshes the docs)."""

from __future__ import annotations

import sqlite3

import pytest
from gui_helpers import child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from qr_read import qr_texts
from sync_platform_proc import STORE, PlatformProcess
from test_screenshots import missing_glyphs, save, shots_dir

from pos_app.config import PaymentsConfig, PlatformConfig
from pos_app.services.demo_catalog import gtin13
from pos_app.ui.cart_model import format_money
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.screen_fit import FRAME_ALLOWANCE, SIDE_ALLOWANCE
from sync.credentials import Credentials
from sync.pairing import pair

COLA = gtin13("690000000001")


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def qr_till(qtbot, till, type_keys, platform, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), STORE, "T01")

    def make(language: str = "en", scale: float = 0.05):
        window = till(language, platform=PlatformConfig(url=platform.url),
                      payments=PaymentsConfig(timing_scale=scale, read_timeout_s=1),
                      customer_screen={"screen": "window", "thanks_seconds": 60})
        sign_in(qtbot, window, "李娜", "1111", type_keys)
        window.ctx.shifts.open_shift(window.session, {"note_100": 2})
        return window

    return make


def open_payment(qtbot, window) -> PaymentDialog:
    checkout = window.ctx.checkout
    for _ in range(3):
        checkout.scan(COLA)
    dialog = PaymentDialog(checkout, window.runner, checkout.total(), window, payments=window.ctx.payments)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 768)
    dialog.show()  # as `exec` would: the dialog is the active window (F4 of the sale screen is another key)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def show_qr(qtbot, window, dialog: PaymentDialog):
    """F4, then wait for both QRs; the customer window."""
    screen = window.customer.window
    QTest.keyClick(dialog, Qt.Key.Key_F4)
    small = child(dialog, QLabel, "qrSmallCopy")
    qtbot.waitUntil(lambda: small.isVisible() and screen.pay_qr.isVisibleTo(screen), timeout=15000)
    return screen


def customer_scans(platform, dialog: PaymentDialog, expect: int = 200) -> None:
    platform.admin("POST", f"/admin/stores/{STORE}/wallet-qr-orders/{dialog._intent.out_trade_no}/scan",
                   expect=expect)


def platform_qr_url(platform, dialog: PaymentDialog) -> str:
    """The URL the platform made for this payment's QR order, from the platform's own database."""
    with sqlite3.connect(platform.db_path) as conn:
        (url,) = conn.execute("SELECT qr_url FROM wallet_qr_orders WHERE out_trade_no = ?",
                              (dialog._intent.out_trade_no,)).fetchone()
    return str(url)


def charged(platform) -> int:
    return sum(c["charged_fen"] for c in platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"])


def test_f4_shows_the_qr_large_on_the_customer_screen_then_paid_change_and_thanks(qtbot, qr_till, platform):
    window = qr_till()
    dialog = open_payment(qtbot, window)
    due = dialog.snapshot.remaining
    screen = show_qr(qtbot, window, dialog)
    assert screen.pages.currentWidget() is screen.paying_page
    assert screen.pay_due.text() == format_money(due) and "WeChat" in screen.pay_hint.text()
    big, small = screen.pay_qr.pixmap(), child(dialog, QLabel, "qrSmallCopy").pixmap()
    # What a phone reads from each screen is the URL the platform gave for this order (once the
    # page is laid out around the new QR: a label smaller than its pixmap crops it).
    shown = [(screen.pay_qr, big), (child(dialog, QLabel, "qrSmallCopy"), small)]
    qtbot.waitUntil(lambda: all(label.height() >= qr.height() and label.width() >= qr.width() for label, qr in shown),
                    timeout=5000)
    url = platform_qr_url(platform, dialog)
    assert url.startswith("weixin://wxpay/bizpayurl?pr=")
    assert [qr_texts(label) for label, _ in shown] == [[url], [url]]
    assert big.width() >= 300 and big.width() > 2 * small.width()  # large on the customer's side
    centre = screen.pay_qr.mapTo(screen, screen.pay_qr.rect().center())
    assert abs(centre.x() - screen.width() // 2) < 40  # centred
    waiting = child(dialog, QLabel, "walletWaiting")
    assert waiting.isVisible() and "scan" in waiting.text()
    assert child(dialog, QPushButton, "cancelWalletPayment").isVisible()
    assert not child(dialog, QPushButton, "completeSaleButton").isEnabled()

    customer_scans(platform, dialog)
    complete = child(dialog, QPushButton, "completeSaleButton")
    qtbot.waitUntil(complete.isEnabled, timeout=15000)
    assert not screen.pay_qr.isVisibleTo(screen)  # paid: the QR goes away
    assert [t.kind for t in dialog.snapshot.tenders] == ["wechat_pay"]
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.sale is not None, timeout=10000)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.thanks_page, timeout=5000)
    assert charged(platform) == int(due * 100)


def test_cancel_closes_the_qr_on_both_screens_and_nothing_is_charged(qtbot, qr_till, platform):
    window = qr_till(scale=1.0)  # queries every 2 s: the cancel comes first
    dialog = open_payment(qtbot, window)
    screen = show_qr(qtbot, window, dialog)
    QTest.mouseClick(child(dialog, QPushButton, "cancelWalletPayment"), Qt.MouseButton.LeftButton)
    message = child(dialog, QLabel, "paymentMessage")
    qtbot.waitUntil(lambda: "closed" in message.text(), timeout=15000)
    assert not screen.pay_qr.isVisibleTo(screen) and not child(dialog, QLabel, "qrSmallCopy").isVisible()
    assert screen.pages.currentWidget() is screen.paying_page and dialog.snapshot.tenders == ()
    customer_scans(platform, dialog, expect=409)  # the customer's phone: the order is closed
    assert charged(platform) == 0
    qtbot.waitUntil(child(dialog, QPushButton, "showPaymentQr").isEnabled, timeout=5000)  # another try


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_qr_screenshots_and_the_dialog_fits_1024x768_while_the_qr_waits(qtbot, qr_till, platform, tmp_path, language):
    """Laid out at its 1024x768 size as test_payment_dialog_fit does (the offscreen screen is smaller,
    so a shown dialog would be scrolled by ScreenFit)."""
    target = shots_dir(tmp_path)
    window = qr_till(language, scale=1.0)
    checkout = window.ctx.checkout
    for _ in range(3):
        checkout.scan(COLA)
    dialog = PaymentDialog(checkout, window.runner, checkout.total(), window, payments=window.ctx.payments)
    qtbot.addWidget(dialog)
    screen = window.customer.window
    screen.resize(1024, 768)
    dialog.pay_by_qr()
    small = child(dialog, QLabel, "qrSmallCopy")
    qtbot.waitUntil(lambda: small.isVisibleTo(dialog) and screen.pay_qr.isVisibleTo(screen), timeout=15000)
    room_w, room_h = 1024 - SIDE_ALLOWANCE, 768 - FRAME_ALLOWANCE
    needed = dialog.minimumSizeHint()
    assert needed.height() <= room_h and needed.width() <= room_w, needed  # ScreenFit would scroll it
    dialog.resize(room_w, room_h)
    dialog.layout().activate()
    # large and not squeezed, once the customer window has laid the page out again
    qtbot.waitUntil(lambda: screen.pay_qr.height() >= screen.pay_qr.pixmap().height() >= 300, timeout=5000)
    save(dialog, target / f"1024x768_paymentDialog_qr_{language}.png")
    save(screen, target / f"customer_paying_qr_{language}.png")
    assert missing_glyphs(screen) == []
    dialog.cancel_wallet_payment()
    qtbot.waitUntil(lambda: not dialog._waiting, timeout=15000)
