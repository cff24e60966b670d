"""Shift and report windows in both languages, grabbed as images; every visible character must
have a glyph. POS_SCREENSHOTS_DIR=docs/screenshots refreshes the documentation's screenshots."""

from __future__ import annotations

import pytest
from gui_helpers import PACKAGED, child
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from test_screenshots import missing_glyphs, save, shots_dir

from pos_app.ui.i18n import LanguageManager
from pos_app.ui.reports_screen import ReportsScreen
from pos_app.ui.shift_cash import CashManagementDialog
from pos_app.ui.shift_close import CloseShiftDialog
from pos_app.ui.shift_dialogs import OpenShiftDialog
from pos_app.ui.workers import TaskRunner


@pytest.fixture
def language_of(till_qapp):
    managers = []

    def set_(language: str) -> None:
        manager = LanguageManager(till_qapp)
        manager.set_language(language)
        managers.append(manager)

    yield set_
    for manager in managers:
        for translator in manager._translators:
            till_qapp.removeTranslator(translator)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_shift_and_report_windows_render(
    qtbot, till_qapp, make_ctx, language_of, on_dialog, tmp_path, language
):
    target = shots_dir(tmp_path)
    language_of(language)
    ctx = make_ctx(language)
    cashier = ctx.auth.login("demo-staff-0001", "1111")
    manager = ctx.auth.login("demo-staff-0008", "8888")
    ctx.checkout.set_user(cashier)
    runner = TaskRunner()

    opening = OpenShiftDialog(ctx.shifts, runner, cashier)
    qtbot.addWidget(opening)
    opening.show()
    for code, n in (("note_100", "2"), ("note_10", "5"), ("coin_1", "10"), ("coin_0_5", "4")):
        QTest.keyClicks(child(opening, QLineEdit, f"count_{code}"), n)
    assert child(opening, QLabel, "floatTotal").text() == "¥262.00"
    assert missing_glyphs(opening) == []
    save(opening, target / f"shift_open_{language}.png")
    QTest.mouseClick(child(opening, QPushButton, "openShiftOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opening.shift is not None, timeout=5000)

    cash = CashManagementDialog(ctx.shifts, ctx.auth, runner, manager)
    qtbot.addWidget(cash)
    cash.show()
    QTest.keyClicks(child(cash, QLineEdit, "cashAmount"), "500")
    QTest.mouseClick(child(cash, QPushButton, "cashOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(cash.message.text()), timeout=5000)  # more than the drawer holds
    assert missing_glyphs(cash) == []
    save(cash, target / f"shift_cash_{language}.png")
    cash.reject()

    card = 0
    for product, tender in ((PACKAGED[0], "cash"), (PACKAGED[3], "card"), (PACKAGED[5], "cash")):
        snap = ctx.checkout.scan(product.gtins[0])
        ctx.checkout.add_tender(tender, str(snap.total), "B-1" if tender == "card" else None)
        ctx.checkout.complete()
        card += snap.total if tender == "card" else 0

    closing = CloseShiftDialog(ctx, runner, manager)
    qtbot.addWidget(closing)
    closing.show()
    qtbot.waitUntil(lambda: closing.pages.currentIndex() == closing.COUNT, timeout=5000)
    for code, n in (("note_100", "2"), ("note_10", "6"), ("coin_1", "12"), ("coin_0_5", "3")):
        QTest.keyClicks(child(closing, QLineEdit, f"count_{code}"), n)
    QTest.keyClicks(child(closing, QLineEdit, "tender_card"), str(card))
    assert missing_glyphs(closing) == []
    save(closing, target / f"shift_blind_count_{language}.png")
    QTest.mouseClick(child(closing, QPushButton, "submitCountButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.pages.currentIndex() == closing.RESULT, timeout=5000)
    assert missing_glyphs(closing) == []
    save(closing, target / f"shift_count_result_{language}.png")
    closing.reason.setEditText("点错硬币" if language == "zh_CN" else "Coins miscounted")
    QTest.mouseClick(child(closing, QPushButton, "confirmCloseButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closing.closed is not None, timeout=5000)

    def grab_z(dialog) -> None:
        assert missing_glyphs(dialog) == []
        save(dialog, target / f"shift_z_report_{language}.png")
        dialog.accept()

    on_dialog("zReportDialog", grab_z)
    QTest.mouseClick(child(closing, QPushButton, "closeDayButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: on_dialog.seen == ["zReportDialog"], timeout=10000)

    screen = ReportsScreen(ctx.reports, runner)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activate(manager)
    qtbot.waitUntil(lambda: screen.data is not None, timeout=5000)
    assert missing_glyphs(screen) == []
    save(screen, target / f"reports_{language}.png")
    runner.wait(5000)
