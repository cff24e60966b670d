"""The payment dialog fits a 1024×768 screen without scrolling: the whole keypad, "." included,
is in view in both languages (a scroll area there hid the "." key). The offscreen test screen is
smaller than a counter's, so the dialog is checked against the rule `ScreenFit` applies (it
scrolls a dialog whose minimum size exceeds the room) and laid out at its 1024×768 size; the
Xvfb test in test_screen_fit shows it on a real 1024×768 screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import PACKAGED, child, scan, sign_in
from PySide6.QtWidgets import QPushButton

from pos_app.ui.screen_fit import FRAME_ALLOWANCE, SIDE_ALLOWANCE


@pytest.mark.parametrize(("language", "name"), [("en", "Wang"), ("zh_CN", "王强")])
def test_the_payment_dialog_fits_768_high_with_the_whole_keypad(qtbot, till, type_keys, tmp_path, language, name):
    from pos_app.ui.payment_dialog import PaymentDialog

    window = till(language)
    sign_in(qtbot, window, name, "8888", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    scan(qtbot, window, PACKAGED[6].gtins[0], type_keys)
    dialog = PaymentDialog(window.ctx.checkout, window.runner, window.sale.snapshot, window,
                           payments=getattr(window.ctx, "payments", None))
    qtbot.addWidget(dialog)
    room_w, room_h = 1024 - SIDE_ALLOWANCE, 768 - FRAME_ALLOWANCE
    needed = dialog.minimumSizeHint()
    assert needed.height() <= room_h and needed.width() <= room_w, needed  # ScreenFit would scroll it
    dialog.resize(min(dialog.width(), room_w), min(dialog.height(), room_h))
    dialog.layout().activate()
    image = dialog.grab()
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    image.save(str(target / f"payment_1024x768_{language}.png"))
    for key in ("keypad_dot", "keypad_0", "keypad_back", "keypad_clear", "completeSaleButton", "paymentClose"):
        button = child(dialog, QPushButton, key)
        box = button.geometry().translated(button.parentWidget().mapTo(dialog, button.parentWidget().rect().topLeft()))
        assert dialog.rect().contains(box), (key, box, dialog.rect())
        assert button.height() >= 48, key  # still a finger's size
