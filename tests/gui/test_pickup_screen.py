"""The pickup screen driven as a clerk would: click an order, scan items and codes, press buttons.
Also grabs the queue, picking and collection screens in both languages (docs/screenshots)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gui_helpers import child
from pickup_support import COLA, PEPSI, WATER, feed, qr_for, wire_order
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableWidget

from pos_app.ui.i18n import LanguageManager
from pos_app.ui.pickup_screen import PickupScreen
from tests_support import user_id


@pytest.fixture
def screen_for(qtbot, till_qapp, make_ctx):
    made = []

    def make(language: str = "en"):
        languages = LanguageManager(till_qapp)
        languages.set_language(language)
        ctx = make_ctx(language)
        screen = PickupScreen(ctx)
        qtbot.addWidget(screen)
        screen.resize(1024, 768)  # a common counter touch screen
        screen.show()
        screen.activate(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
        made.append((screen, languages))
        return ctx, screen

    yield make
    for screen, languages in made:
        screen.detach()
        screen._runner.wait(5000)
        for translator in languages._translators:
            till_qapp.removeTranslator(translator)


def _settle(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: not screen._runner.busy, timeout=5000)


def _click_order(qtbot, screen, order_no: str) -> None:
    table = child(screen, QTableWidget, "pickupQueue")
    qtbot.waitUntil(
        lambda: any(
            order_no in (table.item(r, 0).text() if table.item(r, 0) else "") for r in range(table.rowCount())
        ),
        timeout=5000,
    )
    row = next(r for r in range(table.rowCount()) if order_no in table.item(r, 0).text())
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 1)).center()
    )
    qtbot.waitUntil(lambda: screen.selected_id is not None, timeout=2000)


def _type(qtbot, screen, text: str) -> None:
    field = child(screen, QLineEdit, "pickupScanInput")
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    _settle(qtbot, screen)


def _press(qtbot, screen, name: str) -> None:
    button = child(screen, QPushButton, name)
    assert button.isEnabled(), name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    _settle(qtbot, screen)


def test_clerk_picks_checks_code_and_hands_over_part(qtbot, screen_for):
    ctx, screen = screen_for("en")
    order, code = wire_order("PU100", [(COLA[0], COLA[2], "2", "pcs"), (PEPSI[0], PEPSI[2], "1", "pcs")])
    late, _ = wire_order(
        "PU099", [(WATER[0], WATER[2], "1", "pcs")], deadline=datetime.now(UTC) - timedelta(minutes=30)
    )
    feed(ctx, order, late)  # the sync thread's callback: the screen announces and reloads
    qtbot.waitUntil(lambda: "PU099" in screen.notices.text and "PU100" in screen.notices.text, timeout=5000)
    table = child(screen, QTableWidget, "pickupQueue")
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    assert table.item(0, 0).text().startswith("⚠ PU099")  # overdue first and flagged
    assert table.item(0, 0).background().color().name() == "#ffd9d6"
    assert table.item(1, 1).text() == "王小明 138****5678"
    assert screen.tabs.tabText(5) == "Overdue (1)"

    _click_order(qtbot, screen, "PU100")
    _type(qtbot, screen, COLA[1])
    assert "Start picking" in screen.notices.text  # refused: not picking yet
    _press(qtbot, screen, "pickupStart")
    for code_ in (COLA[1], COLA[1]):
        _type(qtbot, screen, code_)
    _type(qtbot, screen, WATER[1])
    assert "not in order PU100" in screen.notices.text
    _type(qtbot, screen, COLA[1])
    assert "Too many" in screen.notices.text
    _type(qtbot, screen, PEPSI[1])
    lines = child(screen, QTableWidget, "pickupLines")
    qtbot.waitUntil(lambda: lines.item(0, 2) is not None and lines.item(0, 2).text() == "2", timeout=3000)
    _press(qtbot, screen, "pickupReady")
    assert ctx.pickup.order(order.order_id).status == "ready"

    _type(qtbot, screen, "000000" if code != "000000" else "111111")
    assert "Wrong code for order PU100. 4 attempts left." in screen.notices.text
    _type(qtbot, screen, qr_for(order))
    assert "Code correct" in screen.notices.text
    qtbot.waitUntil(lambda: lines.item(1, 0).checkState() == Qt.CheckState.Checked, timeout=3000)
    lines.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # the Pepsi stays for later
    _press(qtbot, screen, "pickupHandOver")
    view = ctx.pickup.order(order.order_id)
    assert view.status == "partially_collected" and view.line("L1").handed_over == 2
    assert view.line("L2").handed_over == 0


def test_clerk_stops_picking_and_the_order_is_new_again_with_its_release_queued(qtbot, screen_for):
    ctx, screen = screen_for("en")
    order, _code = wire_order("PU101", [(COLA[0], COLA[2], "2", "pcs")])
    feed(ctx, order)
    _click_order(qtbot, screen, "PU101")
    assert not child(screen, QPushButton, "pickupStop").isEnabled()  # nothing being picked yet
    _press(qtbot, screen, "pickupStart")
    _type(qtbot, screen, COLA[1])
    _press(qtbot, screen, "pickupStop")
    view = ctx.pickup.order(order.order_id)
    assert view.status == "new" and view.line("L1").picked == 0
    assert child(screen, QPushButton, "pickupStart").isEnabled() and not child(screen, QPushButton, "pickupReady").isEnabled()
    with ctx.db.uow(read_only=True) as uow:
        events = [json.loads(e.payload)["status"] for e in uow.outbox.for_aggregate(order.order_id)]
    assert events == ["picking", "new"]  # the release follows the picking event through the outbox


def _shoot(widget, name: str, tmp_path: Path) -> None:
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()
    assert not image.isNull() and image.save(str(target / name))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_pickup_screenshots(qtbot, screen_for, tmp_path, language):
    ctx, screen = screen_for(language)
    first, code = wire_order(
        "PU2031", [(COLA[0], COLA[2], "2", "pcs"), (PEPSI[0], PEPSI[2], "1", "pcs")], name="王小明"
    )
    first = first.model_copy(update={"notes": "请多套一个袋子"})
    at_store, at_store_code = wire_order(
        "PU2030", [(COLA[0], COLA[2], "2", "pcs")], name="Emily Chen", phone="+8613712345678",
        payment="pay_at_store",
    )
    others = [
        at_store,
        wire_order(
            "PU2029",
            [(WATER[0], WATER[2], "3", "pcs")],
            name="李娟",
            phone="13900001111",
            deadline=datetime.now(UTC) - timedelta(minutes=20),
        )[0],
    ]
    feed(ctx, first, *others)
    _click_order(qtbot, screen, "PU2031")
    _settle(qtbot, screen)
    _shoot(screen, f"pickup_queue_{language}.png", tmp_path)
    _press(qtbot, screen, "pickupStart")
    _type(qtbot, screen, COLA[1])
    _shoot(screen, f"pickup_picking_{language}.png", tmp_path)
    _type(qtbot, screen, COLA[1])
    _type(qtbot, screen, PEPSI[1])
    _press(qtbot, screen, "pickupReady")
    _type(qtbot, screen, code)
    assert screen.buttons["handOver"].isEnabled()
    _shoot(screen, f"pickup_collection_{language}.png", tmp_path)
    _click_order(qtbot, screen, "PU2030")
    _press(qtbot, screen, "pickupStart")
    _type(qtbot, screen, COLA[1])
    _type(qtbot, screen, COLA[1])
    _press(qtbot, screen, "pickupReady")
    _type(qtbot, screen, at_store_code)
    assert screen.buttons["pay"].isEnabled() and not screen.buttons["handOver"].isEnabled()
    assert "¥6.00" in screen.due.text()
    _shoot(screen, f"pickup_pay_at_store_{language}.png", tmp_path)
