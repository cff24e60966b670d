"""Coupons in the till window: Ctrl+K types a code (refusals shown in the dialog, which stays
open), and the manager menu lists the coupon uses the platform refused and settles them."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from gui_helpers import PACKAGED, child, scan, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableWidget

from pos_app.store.sync_models import SyncConflict
from pos_app.store.sync_store import TillSyncStorage
from sync import protocol as P

NOW = datetime.now(UTC)


def _coupon(code: str) -> P.FeedItem:
    data = {"code": code, "kind": "percent_off", "value_fen": 0, "percent_off": 10, "min_spend_fen": 0,
            "valid_from": (NOW - timedelta(days=1)).isoformat(), "valid_to": (NOW + timedelta(days=30)).isoformat(),
            "active": True, "offline_safe": True}
    return P.FeedItem[P.Coupon](key=code, deleted=False, data=P.Coupon.model_validate(data))


def _shoot(widget, tmp_path: Path, name: str) -> None:
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    widget.grab().save(str(target / f"{name}.png"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_ctrl_k_adds_a_typed_coupon_and_shows_why_a_bad_one_is_refused(qtbot, till, type_keys, on_dialog,
                                                                       tmp_path, language):
    window = till(language)
    TillSyncStorage(window.ctx.db).apply_page("coupons", [_coupon("PCT10")], "c1")
    sign_in(qtbot, window, "Wang" if language == "en" else "王强", "8888", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    scan(qtbot, window, PACKAGED[0].gtins[0], type_keys)
    total = window.sale.snapshot.total

    def type_codes(dialog) -> None:
        field = child(dialog, QLineEdit, "couponCode")
        field.setText("NOPE")
        QTest.mouseClick(child(dialog, QPushButton, "couponAdd"), Qt.MouseButton.LeftButton)
        message = child(dialog, QLabel, "couponMessage")
        qtbot.waitUntil(lambda: "NOPE" in message.text(), timeout=5000)
        _shoot(dialog, tmp_path, f"coupon_entry_refused_{language}")
        field.setText("满减 券")
        QTest.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "满减 券" in message.text() and message.text() != "", timeout=5000)
        field.setText("PCT10")
        QTest.keyClick(field, Qt.Key.Key_Return)

    on_dialog("couponEntryDialog", type_codes)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.sale.snapshot.promotions != (), timeout=5000)
    assert on_dialog.seen == ["couponEntryDialog"]
    (applied,) = window.sale.snapshot.promotions
    assert applied.promotion_id == "coupon:PCT10" and window.sale.snapshot.total == total - applied.amount
    assert applied.amount == (total * Decimal("0.1")).quantize(Decimal("0.01"))


def test_the_manager_sees_and_settles_a_refused_coupon_use(qtbot, till, type_keys, on_dialog, tmp_path):
    from pos_app.ui.coupon_dialogs import CouponConflictsDialog

    window = till("en")
    sign_in(qtbot, window, "Wang", "8888", type_keys)
    with window.ctx.db.uow() as uow:
        event_id = uow.outbox.add("coupon_redemption", "ONCE10", {"code": "ONCE10", "sale_id": "s1"})
        uow.session.add(SyncConflict(event_id=event_id, kind="coupon_redemption", code="coupon_already_redeemed",
                                     message="coupon ONCE10 was redeemed by S002-T01-000007"))
        uow.commit()
    dialog = CouponConflictsDialog(window.ctx, window.runner, window.session, window)
    qtbot.addWidget(dialog)
    table = child(dialog, QTableWidget, "couponConflictsTable")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 0).text() == "ONCE10" and "S002-T01-000007" in table.item(0, 2).text()
    dialog.show()
    _shoot(dialog, tmp_path, "coupon_conflicts_en")

    def settle(reason_dialog) -> None:
        field = reason_dialog.findChild(QLineEdit)
        field.setText("customer paid the difference")
        reason_dialog.accept()

    on_dialog("pickupReasonDialog", settle)
    QTest.mouseClick(child(dialog, QPushButton, "couponConflictResolve"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=5000)
    assert window.ctx.coupons.conflicts() == []
