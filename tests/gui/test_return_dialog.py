"""The return screen driven as a cashier would: a receipt scanned, lines and reasons picked, the
refund confirmed; a return without a receipt approved by a manager; an exchange whose difference
the payment settles. Screenshots in both languages (POS_SCREENSHOTS_DIR=docs/screenshots)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import HUMAN_GAP_MS, SCAN_GAP_MS, child, sign_in
from members_support import feed_members
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from pos_app.services.demo_catalog import gtin13
from pos_app.store.member_models import MemberEntry, MemberTermsRow
from pos_app.store.sync_models import Member
from pos_app.ui.return_dialog import ReturnDialog
from sync.protocol.members import MemberTerms

COLA, MILK = gtin13("690000000001"), gtin13("690000000011")


def sell(ctx, *codes) -> str:
    for code in codes:
        ctx.checkout.scan(code)
    ctx.checkout.add_tender("cash", str(ctx.checkout.current().total))
    return ctx.checkout.complete().receipt_no


@pytest.fixture
def cashier_window(qtbot, till, type_keys):
    def make(language="en"):
        window = till(language)
        sign_in(qtbot, window, "李娜" if language == "zh_CN" else "Li Na", "1111", type_keys)
        window.ctx.shifts.open_shift(window.session, {"note_100": 2})
        return window

    return make


def open_dialog(qtbot, window, **kw) -> ReturnDialog:
    dialog = ReturnDialog(window.ctx, window.runner, window, **kw)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def find_receipt(qtbot, dialog, receipt_no, type_keys) -> None:
    type_keys(child(dialog, QLineEdit, "returnReceipt"), receipt_no, SCAN_GAP_MS)
    qtbot.waitUntil(lambda: dialog.original is not None, timeout=5000)


def pick(dialog, row: int, qty: float, reason: str) -> None:
    child(dialog, QDoubleSpinBox, f"returnQty{row}").setValue(qty)
    box = child(dialog, QComboBox, f"returnReason{row}")
    box.setCurrentIndex(box.findData(reason))


def returns(ctx) -> list[tuple]:
    with ctx.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT kind, total_fen, approver_id FROM returns ORDER BY seq").fetchall()]


def test_return_by_receipt_scan(qtbot, cashier_window, type_keys):
    window = cashier_window()
    receipt = sell(window.ctx, COLA, COLA, MILK)
    dialog = open_dialog(qtbot, window)
    find_receipt(qtbot, dialog, receipt, type_keys)
    assert dialog.table.rowCount() == 2
    pick(dialog, 0, 1, "changed_mind")
    assert "¥3.00 in cash" in child(dialog, QLabel, "returnSummary").text()
    QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.completed is not None, timeout=5000)
    assert returns(window.ctx) == [("receipt", 300, None)]
    assert "S001-T01-R000001" in child(dialog, QLabel, "returnSaleInfo").text()
    find_receipt(qtbot, dialog, receipt, type_keys)  # the ledger: one cola is left
    assert dialog.original.lines[0].refundable_quantity == 1


def test_a_reason_is_required_and_nothing_is_written_without_one(qtbot, cashier_window, type_keys):
    window = cashier_window()
    dialog = open_dialog(qtbot, window)
    find_receipt(qtbot, dialog, sell(window.ctx, COLA), type_keys)
    child(dialog, QDoubleSpinBox, "returnQty0").setValue(1)
    QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: child(dialog, QLabel, "returnMessage").text() != "", timeout=5000)
    assert "reason" in child(dialog, QLabel, "returnMessage").text()
    assert returns(window.ctx) == []


def test_no_receipt_return_with_a_managers_approval(qtbot, cashier_window, type_keys, on_dialog):
    window = cashier_window()
    sell(window.ctx, COLA)
    dialog = open_dialog(qtbot, window)

    def approve(override):
        type_keys(child(override, QLineEdit, "managerPin"), "8888", HUMAN_GAP_MS)

    on_dialog("managerOverrideDialog", approve)
    QTest.mouseClick(child(dialog, QPushButton, "returnNoReceipt"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.no_receipt, timeout=5000)
    type_keys(child(dialog, QLineEdit, "returnItemCode"), COLA, SCAN_GAP_MS, enter=False)
    box = child(dialog, QComboBox, "returnItemReason")
    box.setCurrentIndex(box.findData("changed_mind"))
    QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.completed is not None, timeout=5000)
    (kind, total, approver), = returns(window.ctx)
    assert (kind, total) == ("no_receipt", 300) and approver is not None
    assert "¥3.00" in child(dialog, QLabel, "returnSummary").text()


def test_exchange_puts_the_credit_on_the_ticket_and_the_sale_settles_the_difference(qtbot, cashier_window,
                                                                                      type_keys):
    window = cashier_window()
    receipt = sell(window.ctx, MILK)
    window.ctx.checkout.scan(COLA)
    window.ctx.checkout.scan(COLA)  # the new goods: 6.00
    dialog = open_dialog(qtbot, window, can_exchange=True)
    find_receipt(qtbot, dialog, receipt, type_keys)
    pick(dialog, 0, 1, "wrong_item")
    QTest.mouseClick(child(dialog, QPushButton, "returnExchange"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exchanged is not None, timeout=5000)
    assert [(t.kind, str(t.amount)) for t in dialog.exchanged.tenders] == [("exchange", "3.50")]
    window.ctx.checkout.add_tender("cash", "2.50")
    window.ctx.checkout.complete()
    assert returns(window.ctx) == [("exchange", 350, None)]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_return_screen_screenshots(qtbot, cashier_window, type_keys, tmp_path, language):
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    window = cashier_window(language)
    receipt = sell(window.ctx, COLA, COLA, MILK)
    window.ctx.checkout.scan(COLA)
    window.resize(1024, 768)
    window.sale.activate()
    dialog = open_dialog(qtbot, window, can_exchange=True)
    find_receipt(qtbot, dialog, receipt, type_keys)
    pick(dialog, 0, 1, "changed_mind")
    qtbot.waitUntil(lambda: child(dialog, QLabel, "returnSummary").text() != "", timeout=2000)
    assert dialog.frameGeometry().width() <= 1024 and dialog.frameGeometry().height() <= 768
    window.poll_status()
    screen = window.grab().toImage()  # the dialog drawn over the window, as the cashier sees it
    shot = dialog.grab().toImage()
    painter = QPainter(screen)
    painter.drawImage((screen.width() - shot.width()) // 2, (screen.height() - shot.height()) // 2, shot)
    painter.end()
    assert screen.width() == 1024 and screen.height() == 768
    assert screen.save(str(target / f"1024x768_returnDialog_{language}.png"))


def test_ctrl_t_on_the_sale_screen_opens_the_return_screen_and_a_scanned_receipt_is_refunded(
        qtbot, cashier_window, type_keys, on_dialog):
    window = cashier_window()
    receipt = sell(window.ctx, COLA)
    result = {}

    def do_return(dialog):
        find_receipt(qtbot, dialog, receipt, type_keys)
        pick(dialog, 0, 1, "damaged")
        QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.completed is not None, timeout=5000)
        result["done"] = dialog.completed
        QTest.mouseClick(child(dialog, QPushButton, "returnClose"), Qt.MouseButton.LeftButton)

    on_dialog("returnDialog", do_return)
    QTest.keySequence(child(window, QLineEdit, "scanInput"), "Ctrl+T")
    qtbot.waitUntil(lambda: "done" in result and QApplication.activeModalWidget() is None, timeout=15000)
    assert returns(window.ctx) == [("receipt", 300, None)]
    assert child(window, QPushButton, "action_return").isEnabled()


def test_exchange_from_the_sale_screen_settles_the_difference_in_the_payment_dialog(
        qtbot, cashier_window, type_keys, on_dialog):
    window = cashier_window()
    receipt = sell(window.ctx, MILK)
    window.ctx.checkout.scan(COLA)
    window.ctx.checkout.scan(COLA)
    window.sale.activate()
    qtbot.waitUntil(lambda: window.sale.snapshot is not None and len(window.sale.snapshot.lines) == 1, timeout=5000)
    paid = {}

    def exchange(dialog):
        find_receipt(qtbot, dialog, receipt, type_keys)
        pick(dialog, 0, 1, "wrong_item")
        on_dialog("paymentDialog", pay)
        QTest.mouseClick(child(dialog, QPushButton, "returnExchange"), Qt.MouseButton.LeftButton)

    def pay(dialog):  # 6.00 of new goods less 3.50 of credit
        child(dialog, QLineEdit, "tenderAmount").setText("2.50")
        QTest.mouseClick(child(dialog, QPushButton, "tenderCash"), Qt.MouseButton.LeftButton)
        complete = child(dialog, QPushButton, "completeSaleButton")
        qtbot.waitUntil(complete.isEnabled, timeout=5000)
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=5000)
        paid["sale"] = dialog.sale
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    on_dialog("returnDialog", exchange)
    QTest.mouseClick(child(window, QPushButton, "action_return"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sale" in paid and QApplication.activeModalWidget() is None, timeout=20000)
    assert returns(window.ctx) == [("exchange", 350, None)]
    assert [t.kind for t in paid["sale"].snapshot.tenders] == ["exchange", "cash"]


def test_the_reports_screen_lists_the_returns(qtbot, till_qapp, make_ctx):
    from PySide6.QtWidgets import QTableWidget

    from pos_app.ui.reports_screen import TABS, ReportsScreen
    from pos_app.ui.workers import TaskRunner

    ctx = make_ctx("en")
    cashier = ctx.auth.login("demo-staff-0001", "1111")
    ctx.checkout.set_user(cashier)
    ctx.shifts.open_shift(cashier, {"note_100": 2})
    receipt = sell(ctx, COLA, MILK)
    line = ctx.returns.find(receipt).lines[1]
    done = ctx.returns.complete(cashier, receipt, [(line.line_id, 1, "damaged")])
    screen = ReportsScreen(ctx.reports, TaskRunner())
    qtbot.addWidget(screen)
    screen.show()
    screen.activate(ctx.auth.login("demo-staff-0008", "8888"))
    qtbot.waitUntil(lambda: screen.data is not None, timeout=5000)
    table = child(screen, QTableWidget, "returnsTable")
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(5)] == [done.return_no, "Return", receipt, "¥3.50", "damaged"]
    assert screen.tabs.tabText(TABS.index("returns")) == "Returns · ¥3.50"


def member_sale(ctx) -> str:
    """A member's sale paid partly with points (1.00) and stored value (2.00), the rest in cash."""
    feed_members(ctx.db)
    with ctx.db.uow() as uow:
        uow.session.get(Member, "M0002").stored_value_fen = 10_000
        terms = MemberTerms(earn=[{"tier": "", "points_per_yuan": "1"}], offline_points_allowance=300)
        uow.session.add(MemberTermsRow(store_id="S001", body=terms.model_dump_json()))
        uow.commit()
    ctx.members.identify("8800000002")
    for code in (COLA, COLA, COLA):
        ctx.checkout.scan(code)
    ctx.member_tenders.pay_with_points(100)
    ctx.member_tenders.pay_with_stored_value("2.00")
    ctx.checkout.add_tender("cash", str(ctx.checkout.current().cash_due))
    return ctx.checkout.complete().receipt_no


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_refund_shows_the_points_and_stored_value_going_back(qtbot, cashier_window, type_keys, tmp_path,
                                                                 language):
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    window = cashier_window(language)
    receipt = member_sale(window.ctx)
    window.resize(1024, 768)
    dialog = open_dialog(qtbot, window)
    find_receipt(qtbot, dialog, receipt, type_keys)
    pick(dialog, 0, 3, "changed_mind")
    summary = child(dialog, QLabel, "returnSummary")
    qtbot.waitUntil(lambda: "¥1.00" in summary.text(), timeout=2000)
    points, stored = (("以积分退回", "退回储值") if language == "zh_CN"
                      else ("back as the points redeemed", "back to stored value"))
    assert points in summary.text() and stored in summary.text()
    assert dialog.frameGeometry().width() <= 1024 and dialog.frameGeometry().height() <= 768
    window.poll_status()
    screen = window.grab().toImage()
    shot = dialog.grab().toImage()
    painter = QPainter(screen)
    painter.drawImage((screen.width() - shot.width()) // 2, (screen.height() - shot.height()) // 2, shot)
    painter.end()
    assert screen.save(str(target / f"1024x768_returnDialog_points_{language}.png"))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_receipt_return_to_the_stored_value_of_the_member_on_the_ticket(qtbot, cashier_window, type_keys,
                                                                          on_dialog, tmp_path, language):
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    window = cashier_window(language)
    sell(window.ctx, COLA)
    feed_members(window.ctx.db)
    window.ctx.members.identify("8800000002")
    window.resize(1024, 768)
    dialog = open_dialog(qtbot, window)
    on_dialog("managerOverrideDialog", lambda o: type_keys(child(o, QLineEdit, "managerPin"), "8888", HUMAN_GAP_MS))
    QTest.mouseClick(child(dialog, QPushButton, "returnNoReceipt"), Qt.MouseButton.LeftButton)
    to_member = child(dialog, QCheckBox, "returnItemToMember")
    qtbot.waitUntil(to_member.isVisible, timeout=5000)
    assert "138****5678" in to_member.text()  # masked, as everywhere
    type_keys(child(dialog, QLineEdit, "returnItemCode"), COLA, SCAN_GAP_MS, enter=False)
    box = child(dialog, QComboBox, "returnItemReason")
    box.setCurrentIndex(box.findData("changed_mind"))
    to_member.setChecked(True)
    window.poll_status()
    screen = window.grab().toImage()
    shot = dialog.grab().toImage()
    painter = QPainter(screen)
    painter.drawImage((screen.width() - shot.width()) // 2, (screen.height() - shot.height()) // 2, shot)
    painter.end()
    assert screen.save(str(target / f"1024x768_returnDialog_noReceiptMember_{language}.png"))
    QTest.mouseClick(child(dialog, QPushButton, "returnConfirm"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.completed is not None, timeout=5000)
    assert [(t.method, t.amount_fen) for t in dialog.completed.tenders] == [("stored_value", 300)]
    with window.ctx.db.uow(read_only=True) as uow:
        assert [(e.member_id, e.stored_value_fen) for e in uow.session.query(MemberEntry)
                .filter(MemberEntry.kind == "refund")] == [("M0002", 300)]
