"""New pickup orders arriving by sync: a count for the pickup button's badge; an order another till
is picking says so in its title."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gui_helpers import child
from pickup_support import COLA, feed, wire_order
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from pos_app.ui.i18n import LanguageManager
from pos_app.ui.pickup_screen import PickupScreen
from sync import protocol as P
from tests_support import user_id

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def screen(qtbot, till_qapp, make_ctx):
    languages = LanguageManager(till_qapp)
    languages.set_language("zh_CN")
    ctx = make_ctx("zh_CN")
    screen = PickupScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    screen.activate(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
    yield ctx, screen
    screen.detach()
    screen._runner.wait(5000)
    for translator in languages._translators:
        till_qapp.removeTranslator(translator)


def test_orders_arriving_by_sync_are_counted_for_the_badge_and_another_tills_pick_is_shown(qtbot, screen):
    ctx, scr = screen
    first, _ = wire_order("PU8001", [(COLA[0], COLA[2], "2", "pcs")])
    claimed, _ = wire_order("PU8002", [(COLA[0], COLA[2], "1", "pcs")])
    claimed = claimed.model_copy(update={"claimed_by": P.PickupClaim(
        till_id="T02", staff_name="李娜", expires_at=datetime.now(UTC) + timedelta(minutes=20))})
    with qtbot.waitSignal(scr.newOrdersCounted, timeout=10_000, check_params_cb=lambda n: n == 2):
        feed(ctx, first, claimed)
    table = child(scr, QTableWidget, "pickupQueue")
    qtbot.waitUntil(lambda: any("PU8002" in (table.item(r, 0).text() if table.item(r, 0) else "")
                                for r in range(table.rowCount())), timeout=5000)
    row = next(r for r in range(table.rowCount()) if "PU8002" in table.item(r, 0).text())
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(row, 1)).center())
    qtbot.waitUntil(lambda: "PU8002" in scr.title.text(), timeout=5000)
    assert isinstance(scr.note, QLabel) and scr.note.isVisible() and "正在收银台 T02 (李娜) 拣货" in scr.note.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    scr.grab().save(str(SHOTS / "pickup-picked-elsewhere-zh_CN.png"))


@pytest.mark.parametrize("sound", [True, False])
def test_a_new_order_by_sync_shows_a_notice_beeps_when_switched_on_and_badges_the_pickup_button(
    qtbot, till, monkeypatch, sound
):
    """Visible (the notice), audible (the system bell, `pickup_alert_sound`), and counted on the
    pickup button of the main window, whatever screen the clerk is on."""
    bells: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: bells.append(1)))  # Qt's bell, observed
    window = till("en", pickup_alert_sound=sound)
    order, _ = wire_order("PU8101", [(COLA[0], COLA[2], "1", "pcs")])
    feed(window.ctx, order)  # what the sync thread does with a pulled page
    qtbot.waitUntil(lambda: "New pickup order: PU8101" in window.notices.text, timeout=10_000)
    qtbot.waitUntil(lambda: window.status.switch_button.text() == "Pickup orders (1 new) Ctrl+P", timeout=10_000)
    assert bells == ([1] if sound else [])
