"""F10 with a shift open: the shift and manager functions reached from the sale screen."""

from __future__ import annotations

import pytest
from gui_helpers import child, sign_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget

from pos_app.config import load_config
from pos_app.services.demo_catalog import gtin13


@pytest.fixture
def manager(qtbot, till, type_keys, focus):
    window = till("en")
    sign_in(qtbot, window, "王强", "8888", type_keys)
    window.ctx.shifts.open_shift(window.session, {"note_100": 2})
    focus(child(window, QLineEdit, "scanInput"))
    return window


def press_f10(window):
    QTest.keyClick(child(window, QLineEdit, "scanInput"), Qt.Key.Key_F10)


def test_f10_opens_the_menu_and_the_x_report(qtbot, manager, on_dialog):
    seen_text = []

    def read_report(dialog):
        text = child(dialog, QPlainTextEdit, "reportText")
        qtbot.waitUntil(lambda: "200.00" in text.toPlainText(), timeout=5000)
        seen_text.append(text.toPlainText())
        dialog.accept()

    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_x_report").click())
    on_dialog("xReportDialog", read_report)
    press_f10(manager)
    qtbot.waitUntil(lambda: bool(seen_text), timeout=8000)
    assert "200.00" in seen_text[0]  # the float counted at the start of the shift


def test_reports_screen_opens_and_goes_back(qtbot, manager, on_dialog):
    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_reports").click())
    press_f10(manager)
    qtbot.waitUntil(lambda: manager.stack.currentWidget() is manager.reports, timeout=5000)
    manager.reports.closed.emit()
    qtbot.waitUntil(lambda: manager.stack.currentWidget() is manager.sale, timeout=5000)


def test_refused_event_is_listed_and_sent_again(qtbot, manager, on_dialog):
    ctx = manager.ctx
    ctx.checkout.set_user(manager.session)
    ctx.checkout.scan(gtin13("690000000001"))
    ctx.checkout.add_tender("cash", "3")
    ctx.checkout.complete()
    event = ctx.sync.storage.pending_events(1)[0]
    ctx.sync.storage.mark_dead(event.id, "422: unknown sku")
    listed = []

    def decide(dialog):
        table = child(dialog, QTableWidget, "refusedTable")
        qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
        listed.append(table.item(0, 3).text())
        child(dialog, QPushButton, "refusedRetry").click()
        qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=5000)
        dialog.accept()

    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_refused").click())
    on_dialog("refusedEventsDialog", decide)
    press_f10(manager)
    qtbot.waitUntil(lambda: listed == ["422: unknown sku"], timeout=8000)
    qtbot.waitUntil(lambda: ctx.sync.dead_letters() == [] and ctx.sync.state().pending == 1, timeout=5000)


def test_language_choice_is_saved_to_the_config_file(qtbot, manager, on_dialog, tmp_path):
    manager.ctx.config_file = tmp_path / "config.toml"

    def to_chinese(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.accept()

    on_dialog("settingsDialog", to_chinese)
    QTest.mouseClick(child(manager, QPushButton, "settingsButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "config.toml").exists(), timeout=5000)
    assert load_config(tmp_path / "config.toml").language == "zh_CN"
    QApplication.processEvents()


@pytest.mark.parametrize(("key", "choice"), [(Qt.Key.Key_1, "cash"), (Qt.Key.Key_4, "reports"),
                                             (Qt.Key.Key_7, "hardware")])
def test_number_keys_choose(qtbot, key, choice):
    from pos_app.ui.manager_menu import ManagerMenu

    menu = ManagerMenu()
    qtbot.addWidget(menu)
    menu.show()
    QTest.keyClick(menu, key)
    assert menu.choice == choice and menu.result() == menu.DialogCode.Accepted


def test_signing_in_without_a_shift_says_how_to_start(qtbot, till, type_keys):
    window = till("en")
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    qtbot.waitUntil(lambda: "press F10" in window.notices.text, timeout=5000)


def test_a_manager_cannot_open_the_device_settings(qtbot, manager, on_dialog):
    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_hardware").click())
    press_f10(manager)
    qtbot.waitUntil(lambda: "administrator" in manager.notices.text, timeout=5000)
    assert manager.stack.currentWidget() is manager.sale


def test_after_the_z_f10_still_reaches_reports_devices_and_the_next_shift(qtbot, till, type_keys, on_dialog,
                                                                          focus):
    """The day is closed (Z) and no shift is open: F10 is not a dead end."""
    window = till("en")
    sign_in(qtbot, window, "王强", "8888", type_keys)
    ctx, session = window.ctx, window.session
    ctx.shifts.open_shift(session, {"note_100": 1})
    count = ctx.shifts.submit_count(session, {"note_100": 1})
    ctx.shifts.confirm_close(session, count.count_id)
    ctx.reports.close_day(session)
    offered = []

    def look(menu):
        offered.extend(b.objectName() for b in menu.findChildren(QPushButton))
        child(menu, QPushButton, "menu_reports").click()

    on_dialog("managerMenu", look)
    press_f10(window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reports, timeout=5000)
    assert {"menu_open_shift", "menu_reports", "menu_hardware"} <= set(offered)
    window.reports.closed.emit()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=5000)

    def open_next(dialog):
        child(dialog, QLineEdit, "count_note_100").setText("1")
        dialog.accept()

    on_dialog("managerMenu", lambda menu: QTest.keyClick(menu, Qt.Key.Key_1))
    on_dialog("openShiftDialog", open_next)
    focus(child(window, QLineEdit, "scanInput"))
    press_f10(window)
    qtbot.waitUntil(lambda: ctx.shifts.current() is not None, timeout=5000)
    assert ctx.shifts.current().business_date > ctx.reports.z_reports(session)[0].business_date


def test_the_banner_shows_the_business_date_when_it_is_not_the_calendar_date(qtbot, manager):
    from datetime import date

    from PySide6.QtWidgets import QLabel

    banner = child(manager, QLabel, "businessDateBanner")
    manager.sale.set_business_date(date(2026, 11, 23), today=date(2026, 11, 24))
    assert banner.isVisible() and "2026-11-23" in banner.text()
    manager.sale.set_business_date(date(2026, 11, 24), today=date(2026, 11, 24))
    assert not banner.isVisible()
    manager.sale.set_business_date(None)
    assert not banner.isVisible()


def test_back_up_now_copies_the_database_in_a_worker(qtbot, manager, on_dialog):
    from pos_app.store.backup import check_till_database, list_backups

    data_dir = manager.ctx.data_dir
    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_backup").click())
    press_f10(manager)
    qtbot.waitUntil(lambda: "Backup saved as" in manager.notices.text, timeout=10000)
    backups = list_backups(data_dir)
    assert len(backups) == 1 and str(backups[0]) in manager.notices.text
    assert check_till_database(backups[0])


def test_a_failed_backup_is_a_clear_error(qtbot, manager, on_dialog):
    from pos_app.store.backup import backup_dir

    backup_dir(manager.ctx.data_dir).write_text("a file where the backups folder should be")
    on_dialog("managerMenu", lambda menu: child(menu, QPushButton, "menu_backup").click())
    press_f10(manager)
    qtbot.waitUntil(lambda: "could not be made" in manager.notices.text, timeout=10000)
    assert manager.notices.level == "error"
