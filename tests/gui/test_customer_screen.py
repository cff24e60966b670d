"""The customer screen through the real till window (opened as an ordinary window here; the
two-monitor placement runs in `two_screens/`): each state's content, the member slot, the
language settings, and that nothing from a manager dialog reaches it."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from gui_helpers import PACKAGED, child, scan, sign_in, visible_texts
from pickup_support import COLA, PEPSI, feed, wire_order
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from pos_app.domain.customer_view import CustomerViews
from pos_app.ui.cart_model import format_money
from tests_support import user_id

WINDOW = {"screen": "window"}


@pytest.fixture
def cashier(qtbot, till, type_keys):
    def make(language: str = "en", **screen):
        window = till(language, customer_screen={**WINDOW, "thanks_seconds": 1, **screen})
        sign_in(qtbot, window, "李娜", "1111", type_keys)
        window.ctx.shifts.open_shift(window.session, {"note_100": 2})
        return window

    return make


def test_off_shows_no_window_and_follows_nothing(till):
    window = till("en", customer_screen={"screen": "off"})
    assert window.customer.window is None
    assert window.ctx.checkout.after_change == [] or all(
        getattr(h, "__self__", None) is not window.customer for h in window.ctx.checkout.after_change)


def test_selling_shows_the_lines_newest_first_highlighted_and_the_due(qtbot, cashier, type_keys):
    window = cashier()
    screen = window.customer.window
    assert screen.isVisible() and screen.pages.currentWidget() is screen.idle_page
    assert QApplication.activeWindow() is window  # it never takes the cashier's keys
    for product in PACKAGED[:3]:
        scan(qtbot, window, product.gtins[0], type_keys)
    qtbot.waitUntil(lambda: screen.lines_model.rowCount() == 3, timeout=5000)
    assert screen.pages.currentWidget() is screen.selling_page
    snap = window.sale.snapshot
    assert screen.due.text() == format_money(snap.total) == child(window, QLabel, "ticketTotal").text()
    model = screen.lines_model
    assert [model.text(model._lines[r], model.NAME) for r in range(3)] == [p.name_en for p in PACKAGED[:3]]
    assert model.newest == snap.lines[-1].line_id
    highlighted = [r for r in range(3) if model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole)]
    assert highlighted == [2]
    # Scanning the first item again raises its quantity: that line is now the newest.
    scan(qtbot, window, PACKAGED[0].gtins[0], type_keys)
    qtbot.waitUntil(lambda: model.newest == snap.lines[0].line_id, timeout=5000)
    assert model.text(model._lines[0], model.QUANTITY) == "2"
    assert screen.items.text() == "4"


def test_savings_per_line_and_in_total(qtbot, cashier, type_keys, on_dialog):
    window = cashier()
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)  # Red Bull, ¥6.00
    on_dialog("discountDialog", lambda d: (child(d, QLineEdit, "discountInput").setText("10%"), d.accept()))
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.sale.snapshot.saved == Decimal("0.60"), timeout=5000)
    screen = window.customer.window
    qtbot.waitUntil(lambda: screen.saved.text() == "¥0.60", timeout=5000)
    assert screen.saved.isVisibleTo(screen) and screen.due.text() == "¥5.40"
    # A line's own savings (promotion shares and line discounts) show on its row.
    views = CustomerViews()
    line = window.sale.snapshot.lines[0]
    promoted = SimpleNamespace(**{**vars(window.sale.snapshot), "ticket_id": "t2",
                                  "lines": (SimpleNamespace(**{**vars(line), "promotion_discount": Decimal("1.50"),
                                                               "promotions": ()}),)})
    view = views.for_ticket(promoted)
    screen.show_view(view)
    assert screen.lines_model.text(view.lines[0], screen.lines_model.SAVED) == "-¥1.50"


def pay_cash(qtbot, window, on_dialog, amount: str) -> None:
    def pay(dialog) -> None:
        child(dialog, QLineEdit, "tenderAmount").setText(amount)
        QTest.mouseClick(child(dialog, QPushButton, "tenderCash"), Qt.MouseButton.LeftButton)
        complete = child(dialog, QPushButton, "completeSaleButton")
        qtbot.waitUntil(complete.isEnabled, timeout=5000)
        screen = window.customer.window
        assert screen.pages.currentWidget() is screen.paying_page  # paid, not yet completed
        QTest.mouseClick(complete, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sale is not None, timeout=5000)
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    on_dialog("paymentDialog", pay)
    QTest.mouseClick(child(window, QPushButton, "payButton"), Qt.MouseButton.LeftButton)


def test_paying_then_change_and_thanks_then_idle(qtbot, cashier, type_keys, on_dialog):
    window = cashier()
    screen = window.customer.window
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)  # ¥6.00
    seen: list[str] = []
    screen.pages.currentChanged.connect(lambda _i: seen.append(screen.pages.currentWidget().objectName()))
    pay_cash(qtbot, window, on_dialog, "10")
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.thanks_page, timeout=10000)
    assert "customerPaying" in seen
    assert screen.change.text() == "¥4.00" and screen.change.isVisibleTo(screen)
    assert "Thank you" in screen.thanks.text()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.idle_page, timeout=5000)  # thanks_seconds = 1


def test_paying_shows_the_due_large_and_says_to_pay_at_the_counter(qtbot, cashier, type_keys):
    """No wallet offers the till a QR for the customer to scan yet: the due amount and a hint."""
    window = cashier()
    screen = window.customer.window
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)
    window.runner.submit(window.ctx.checkout.total)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.paying_page, timeout=5000)
    assert screen.pay_due.text() == "¥6.00" and screen.pay_due.property("role") == "due"
    assert not screen.pay_qr.isVisibleTo(screen)
    assert screen.pay_hint.text() == "Please pay"


def test_the_member_slot_shows_only_the_masked_member(qtbot, cashier, type_keys):
    window = cashier()
    screen = window.customer.window
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.selling_page, timeout=5000)
    assert not screen.member.isVisibleTo(screen)  # no member on the ticket
    member = SimpleNamespace(masked_name="王*明", name="王小明", phone="13812345678", tier="Gold", points=1280)
    snap = SimpleNamespace(**{**vars(window.sale.snapshot), "member": member})
    screen.show_view(CustomerViews().for_ticket(snap))
    assert screen.member.isVisibleTo(screen)
    assert screen.member.text() == "Member 王*明  ·  Gold  ·  1280 points"
    shown = " ".join(visible_texts(screen))
    assert "王小明" not in shown and "13812345678" not in shown


def test_nothing_from_a_manager_dialog_or_a_pin_reaches_the_customer(qtbot, cashier, type_keys, on_dialog, focus):
    window = cashier()
    screen = window.customer.window
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)
    secret_reason = "Manager says: staff friend 员工亲友"

    def price(dialog) -> None:
        child(dialog, QLineEdit, "priceInput").setText("4.50")
        reason = child(dialog, QComboBox, "priceReason")
        reason.setEditText(secret_reason)
        dialog.accept()

    def approve(dialog) -> None:
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    on_dialog("priceDialog", price)
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.sale.snapshot.lines[0].unit_price == Decimal("4.50"), timeout=10000)
    qtbot.waitUntil(lambda: screen.due.text() == "¥4.50", timeout=5000)
    assert window.sale.snapshot.lines[0].override_reason == secret_reason  # the cashier's side has it
    window.notices.warning("Cashier notice: the drawer is short by ¥20")
    shown = "\n".join(visible_texts(screen))
    for secret in (secret_reason, "员工亲友", "8888", "drawer is short"):
        assert secret not in shown
    assert "*" not in screen.lines_model.text(screen.lines_model._lines[0], screen.lines_model.TOTAL)


def test_pickup_hand_over_shows_the_order_number_and_items(qtbot, till):
    window = till("en", customer_screen={**WINDOW, "thanks_seconds": 1})
    ctx = window.ctx
    order, code = wire_order("PU777", [(COLA[0], COLA[2], "2", "pcs"), (PEPSI[0], PEPSI[2], "1", "pcs")])
    feed(ctx, order)
    ctx.pickup.set_user(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
    ctx.pickup.start_picking(order.order_id)
    for gtin in (COLA[1], COLA[1], PEPSI[1]):
        ctx.pickup.scan(gtin, order.order_id)
    ctx.pickup.mark_ready(order.order_id)
    ctx.pickup.verify_code(code, order.order_id)
    screen = window.customer.window
    ctx.pickup.hand_over(order.order_id, {"L1": "2"})  # the cola now; the Pepsi stays ready
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.pickup_page, timeout=5000)
    assert "PU777" in screen.pickup_order.text()
    items = [screen.pickup_items.item(i).text() for i in range(screen.pickup_items.count())]
    assert items == [f"{COLA[2]}   × 2 pcs"]
    shown = " ".join(visible_texts(screen))
    assert "王小明" not in shown and "13812345678" not in shown and code not in shown
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.idle_page, timeout=5000)


@pytest.mark.parametrize(("setting", "cashier_language", "due_caption"), [
    ("cashier", "zh_CN", "应付金额"),
    ("cashier", "en", "Amount due"),
    ("zh_CN", "en", "应付金额"),
    ("both", "en", "应付金额 / Amount due"),
])
def test_the_language_follows_the_cashier_or_its_own_setting(qtbot, till, setting, cashier_language, due_caption):
    window = till(cashier_language, customer_screen={**WINDOW, "language": setting})
    assert window.customer.window.due_caption.text() == due_caption


def test_following_the_cashier_switches_with_the_cashier(qtbot, till):
    window = till("en", customer_screen=WINDOW)
    screen = window.customer.window
    window.languages.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.due_caption.text() == "应付金额", timeout=5000)
