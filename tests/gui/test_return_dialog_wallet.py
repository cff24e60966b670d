"""The return screen on an online order the customer paid by WeChat Pay in the app, against the
reference platform as a process: the order's number is typed, the refund shows it going back to
WeChat Pay (not cash, not "the online payment"), and confirming refunds the wallet. Screenshots at
1024x768 in both languages (POS_SCREENSHOTS_DIR=docs/screenshots refreshes the docs)."""

from __future__ import annotations

import pytest
from gui_helpers import SCAN_GAP_MS, child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QPushButton
from returns_platform_support import collected_online_order
from sync_platform_proc import STORE, PlatformProcess
from test_screenshots import missing_glyphs, save, shots_dir

from pos_app.config import PaymentsConfig, PlatformConfig
from pos_app.ui.return_dialog import ReturnDialog
from sync.credentials import Credentials
from sync.pairing import pair


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_online_order_paid_by_wechat_is_refunded_to_wechat(qtbot, till, type_keys, platform, memory_keyring,
                                                              tmp_path, language):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), STORE, "T01")
    order_no = f"WEB{language.upper().replace('_', '')}01"
    paid = collected_online_order(platform, Credentials(platform.url).require_token(), order_no, till="T01")["wallet_payment"]
    window = till(language, platform=PlatformConfig(url=platform.url),
                  payments=PaymentsConfig(timing_scale=0.05, read_timeout_s=1))
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    window.resize(1024, 768)
    dialog = ReturnDialog(window.ctx, window.runner, window)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    type_keys(child(dialog, QLineEdit, "returnReceipt"), order_no, SCAN_GAP_MS)
    qtbot.waitUntil(lambda: dialog.original is not None, timeout=10000)
    child(dialog, QDoubleSpinBox, "returnQty0").setValue(2)
    reason = child(dialog, QComboBox, "returnReason0")
    reason.setCurrentIndex(reason.findData("changed_mind"))
    summary = child(dialog, QLabel, "returnSummary")
    back = "¥6.00 原路退回微信支付" if language == "zh_CN" else "¥6.00 back to WeChat Pay"
    qtbot.waitUntil(lambda: back in summary.text(), timeout=2000)
    assert not missing_glyphs(dialog)
    assert dialog.frameGeometry().width() <= 1024 and dialog.frameGeometry().height() <= 768
    save(dialog, shots_dir(tmp_path) / f"1024x768_returnDialog_online_wechat_{language}.png")

    QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
    message = child(dialog, QLabel, "returnMessage")
    qtbot.waitUntil(lambda: dialog.completed is not None or message.text() != "", timeout=10000)
    assert message.text() == ""
    assert dialog.completed.cash_fen == 0 and dialog.completed.pending == ()
    assert back in child(dialog, QLabel, "returnSaleInfo").text()
    charges = platform.admin("GET", f"/admin/stores/{STORE}/wallet-charges")["items"]
    assert [(c["out_trade_no"], c["charged_fen"]) for c in charges] == [(paid["out_trade_no"], 1200 - 600)]
