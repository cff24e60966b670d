"""The pickup console inside the real main window, as a clerk and a manager meet it at a 1024x768
counter: its own keys and help (F1), the customer's note on screen, pay-at-store orders with the
amount due and Take payment going to the checkout, hand-over wording, and a queue that fits."""

from __future__ import annotations

from gui_helpers import HUMAN_GAP_MS, child, sign_in
from pickup_support import COLA, PEPSI, feed, wire_order
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget

from sync.storage import Conflict
from tests_support import open_shift, user_id


def _ready(ctx, order_no: str, payment: str, notes: str = ""):
    """An order fed, picked and marked ready through the service (as the clerk did earlier)."""
    order, code = wire_order(order_no, [(COLA[0], COLA[2], "2", "pcs"), (PEPSI[0], PEPSI[2], "1", "pcs")],
                             payment=payment)
    order = order.model_copy(update={"notes": notes})
    feed(ctx, order)
    ctx.pickup.set_user(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
    ctx.pickup.start_picking(order.order_id)
    for gtin in (COLA[1], COLA[1], PEPSI[1]):
        ctx.pickup.scan(gtin, order.order_id)
    ctx.pickup.mark_ready(order.order_id)
    return order, code


def _on_pickup(qtbot, window, type_keys):
    window.resize(1024, 768)
    sign_in(qtbot, window, "Wang Qiang", "8888", type_keys)
    QTest.keyClick(window.sale.scan_input, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pickup, timeout=3000)
    screen = window.pickup
    qtbot.waitUntil(lambda: screen.queue is not None, timeout=5000)
    return screen


def _settle(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=5000)


def _select(qtbot, screen, order_no: str) -> None:
    screen.reload()
    _settle(qtbot, screen)
    table = child(screen, QTableWidget, "pickupQueue")
    row = next(r for r in range(table.rowCount()) if order_no in table.item(r, 0).text())
    table.selectRow(row)
    qtbot.waitUntil(lambda: screen.selected_id is not None, timeout=2000)


def _type(qtbot, screen, text: str) -> None:
    field = child(screen, QLineEdit, "pickupScanInput")
    for ch in text:
        QTest.keyClick(field, ch, delay=HUMAN_GAP_MS // 10)
    QTest.keyClick(field, Qt.Key.Key_Return)
    _settle(qtbot, screen)


def test_f1_lists_the_pickup_keys_and_f_keys_run_pickup_actions(qtbot, till, type_keys, on_dialog, focus):
    window = till("en")
    order, _ = wire_order("PU300", [(COLA[0], COLA[2], "1", "pcs")])
    feed(window.ctx, order)
    screen = _on_pickup(qtbot, window, type_keys)
    seen = {}

    def read(dialog) -> None:
        table = dialog.table
        seen["rows"] = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    on_dialog("helpDialog", read)
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: "rows" in seen, timeout=5000)
    assert seen["title"] == "Pickup console keys"
    assert ("F10", "Hand over") in seen["rows"] and ("F12", "Take payment") in seen["rows"]
    assert not any(label == "Void line" for _, label in seen["rows"])  # not the checkout's keys
    assert screen.buttons["start"].text() == "Start picking\nF2"
    _select(qtbot, screen, "PU300")
    focus(screen.scan_input)  # back from the dialog (offscreen has no window manager to do it)
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F2)
    _settle(qtbot, screen)
    assert window.ctx.pickup.order(order.order_id).status == "picking"
    _type(qtbot, screen, COLA[1])
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F8)
    _settle(qtbot, screen)
    assert window.ctx.pickup.order(order.order_id).status == "ready"
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F2)  # not allowed now: the key does nothing
    _settle(qtbot, screen)
    assert window.ctx.pickup.order(order.order_id).status == "ready"


def test_pay_at_store_shows_note_amount_and_take_payment_goes_to_checkout(qtbot, till, type_keys):
    window = till("en")
    open_shift(window.ctx)
    order, code = _ready(window.ctx, "PU301", "pay_at_store", notes="请多套一个袋子")
    screen = _on_pickup(qtbot, window, type_keys)
    _select(qtbot, screen, "PU301")
    note = child(screen, QLabel, "pickupOrderNote")
    assert note.isVisible() and "请多套一个袋子" in note.text()
    _type(qtbot, screen, code)
    assert "¥9.00 due: press Take payment (F12)" in screen.notices.text
    assert "Hand over the ticked lines" not in screen.notices.text
    due = child(screen, QLabel, "pickupAmountDue")
    assert due.isVisible() and "¥9.00" in due.text()
    screen.lines.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # the Pepsi stays for later
    assert "¥6.00 due for the ticked lines" in due.text()
    assert not screen.buttons["handOver"].isEnabled() and screen.buttons["pay"].isEnabled()
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=5000)
    qtbot.waitUntil(lambda: window.sale.snapshot is not None and len(window.sale.snapshot.lines) == 1,
                    timeout=5000)
    assert QApplication.focusWidget() is window.sale.scan_input


def test_partial_hand_over_says_so(qtbot, till, type_keys):
    window = till("en")
    order, code = _ready(window.ctx, "PU302", "paid_online")
    screen = _on_pickup(qtbot, window, type_keys)
    _select(qtbot, screen, "PU302")
    assert not child(screen, QLabel, "pickupOrderNote").isVisible()
    _type(qtbot, screen, code)
    assert "Hand over the ticked lines (F10)" in screen.notices.text
    screen.lines.setCurrentCell(1, 0)
    QTest.keyClick(screen.scan_input, Qt.Key.Key_Space)  # untick the Pepsi from the keyboard
    assert screen.lines.item(1, 0).checkState() == Qt.CheckState.Unchecked
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F10)
    _settle(qtbot, screen)
    assert "Part of order PU302 handed over; the rest stays on the pickup shelf." in screen.notices.text
    assert window.ctx.pickup.order(order.order_id).status == "partially_collected"


def test_queue_shows_status_and_deadline_at_1024x768(qtbot, till, type_keys):
    window = till("zh_CN")
    for n in range(3):
        feed(window.ctx, wire_order(f"PU40{n}", [(COLA[0], COLA[2], "1", "pcs")],
                                    name="欧阳娜娜 Nana Ouyang-Smith", phone="+8613712345678")[0])
    screen = _on_pickup(qtbot, window, type_keys)
    assert window.width() <= 1024 and window.height() <= 768
    table = child(screen, QTableWidget, "pickupQueue")
    qtbot.waitUntil(lambda: table.rowCount() == 3, timeout=5000)
    header = table.horizontalHeader()
    for column in (2, 3):  # Status, Deadline
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert header.sectionSize(column) > 0 and right <= table.viewport().width(), column
    assert not table.horizontalScrollBar().isVisible()


def test_manager_closes_a_pickup_conflict_from_the_manager_menu(qtbot, till, type_keys, focus, on_dialog):
    window = till("en")
    ctx = window.ctx
    order, _ = wire_order("PU303", [(COLA[0], COLA[2], "1", "pcs")])
    feed(ctx, order)
    ctx.pickup.set_user(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
    ctx.pickup.start_picking(order.order_id)
    event = ctx.sync.storage.pending_events(10)[-1]
    ctx.sync.storage.record_conflict(Conflict(event.id, "pickup_event", "order_cancelled",
                                              "order was cancelled online", order_status="cancelled"))
    sign_in(qtbot, window, "Wang Qiang", "8888", type_keys)
    open_shift(ctx)
    focus(window.sale.scan_input)
    seen = []

    def settle(dialog) -> None:
        table = child(dialog, QTableWidget, "pickupConflictsTable")
        qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
        seen.append([table.item(0, c).text() for c in (0, 1, 3)])
        child(dialog, QPushButton, "pickupConflictResolve").click()
        qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=5000)
        seen.append(dialog.message.text())
        dialog.accept()

    def note(dialog) -> None:
        child(dialog, QComboBox, "pickupReason").setCurrentText("Refunded by head office, ticket 4711")
        dialog.accept()

    def approve(dialog) -> None:
        child(dialog, QLineEdit, "managerPin").setText("8888")
        dialog.accept()

    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_pickup_conflicts").click())
    on_dialog("pickupConflictsDialog", settle)
    on_dialog("pickupReasonDialog", note)
    on_dialog("managerOverrideDialog", approve)
    QTest.keyClick(window.sale.scan_input, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
    assert seen[0] == ["PU303", "cancelled", "order was cancelled online"]
    assert ctx.pickup.conflicts() == []
    with ctx.db.uow(read_only=True) as uow:
        (entry,) = uow.audit.entries(action="pickup.conflict_resolved")
        assert entry.approver_id and "Refunded by head office, ticket 4711" in entry.details


def test_bag_count_is_set_from_the_console(qtbot, till, type_keys, on_dialog):
    window = till("en")
    order, _ = _ready(window.ctx, "PU304", "paid_online")
    screen = _on_pickup(qtbot, window, type_keys)
    _select(qtbot, screen, "PU304")

    def three(dialog) -> None:
        child(dialog, QSpinBox, "pickupBagCount").setValue(3)
        dialog.accept()

    on_dialog("pickupBagDialog", three)
    QTest.keyClick(screen.scan_input, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.ctx.pickup.order(order.order_id).bag_count == 3, timeout=5000)
