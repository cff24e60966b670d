"""A one-time PIN is replaced at the first sign-in; the manager pairs the till again without
losing the events waiting to be sent."""

from __future__ import annotations

import pytest
from gui_helpers import HUMAN_GAP_MS, child
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.domain.errors import PairingCodeInvalid
from pos_app.services.auth import PinChangeRequired, hash_pin
from pos_app.services.demo_catalog import gtin13
from pos_app.store.sync_store import TillSyncStorage
from pos_app.ui.login import LoginScreen
from pos_app.ui.messages import describe
from pos_app.ui.repair import RepairDialog
from pos_app.ui.workers import TaskRunner
from sync import protocol as P
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift


def test_a_one_time_pin_is_replaced_at_the_first_sign_in(qtbot, app, till_qapp, type_keys):
    staff = P.Staff(staff_id="E103", display_name="孙浩", role="cashier", badge_code=None,
                    pin_hash=hash_pin("9134"), pin_change_required=True)
    TillSyncStorage(app.db).apply_page("staff", [P.FeedItem[P.Staff](key="E103", deleted=False, data=staff)], "s1")
    runner = TaskRunner(max_threads=1)
    login = LoginScreen(app.auth, runner)
    qtbot.addWidget(login)
    login.show()
    login.reload_users()
    users = child(login, QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 6, timeout=30_000)
    users.setCurrentRow(next(i for i in range(users.count()) if "孙浩" in users.item(i).text()))
    pin, message = child(login, QLineEdit, "loginPin"), child(login, QLabel, "loginMessage")
    type_keys(pin, "9134", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: message.text() == describe(PinChangeRequired()), timeout=30_000)
    assert pin.placeholderText() == "New PIN"
    type_keys(pin, "5521", HUMAN_GAP_MS)
    assert message.text() == "Key the new PIN again."
    type_keys(pin, "5520", HUMAN_GAP_MS)
    assert message.text() == "The two PINs differ. Choose your new PIN again."
    type_keys(pin, "5521", HUMAN_GAP_MS)
    with qtbot.waitSignal(login.loggedIn, timeout=30_000) as signed_in:
        type_keys(pin, "5521", HUMAN_GAP_MS)
    assert signed_in.args[0].user_id == "E103" and pin.placeholderText() == "PIN"
    assert app.auth.login("E103", "5521").name == "孙浩"


def test_a_one_time_pin_keyed_with_no_name_chosen_is_replaced_too(qtbot, app, till_qapp, type_keys):
    """PIN-only sign-in finds the PIN's owner; the new PIN is set for that person."""
    staff = P.Staff(staff_id="E104", display_name="周敏", role="cashier", badge_code=None,
                    pin_hash=hash_pin("7316"), pin_change_required=True)
    TillSyncStorage(app.db).apply_page("staff", [P.FeedItem[P.Staff](key="E104", deleted=False, data=staff)], "s1")
    runner = TaskRunner(max_threads=1)
    login = LoginScreen(app.auth, runner)
    qtbot.addWidget(login)
    login.show()
    login.reload_users()
    users = child(login, QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 6, timeout=5000)
    assert users.currentRow() == -1  # nobody pre-selected
    pin, message = child(login, QLineEdit, "loginPin"), child(login, QLabel, "loginMessage")
    type_keys(pin, "7316", HUMAN_GAP_MS)
    # PIN alone: every active user's Argon2id hash may be tried, so allow for a busy machine
    qtbot.waitUntil(lambda: message.text() == describe(PinChangeRequired()), timeout=30000)
    type_keys(pin, "4829", HUMAN_GAP_MS)
    with qtbot.waitSignal(login.loggedIn, timeout=30000) as signed_in:
        type_keys(pin, "4829", HUMAN_GAP_MS)
    assert signed_in.args[0].user_id == "E104"
    assert app.auth.login_pin("4829").user_id == "E104"


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


def test_pairing_again_keeps_the_events_waiting_and_sends_them(qtbot, platform, demo_dir, memory_keyring,
                                                               till_qapp):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = build_app(Config(language="en", platform=PlatformConfig(url=platform.url)), demo_dir)
    try:
        platform.admin("POST", "/admin/stores/S001/tills/T01/revoke")  # e.g. the old PC's token was revoked
        cashier = ctx.auth.login_badge("STAFF-0001")
        ctx.checkout.set_user(cashier)
        open_shift(ctx)
        for _ in range(2):
            ctx.checkout.scan(gtin13("690000000001"))
            ctx.checkout.add_tender("cash", str(ctx.checkout.current().cash_due))
            ctx.checkout.complete()
        ctx.sync.run_once()
        assert ctx.sync.state().code == "needs_pairing" and ctx.sync.state().pending == 2

        runner = TaskRunner(max_threads=1)
        dialog = RepairDialog(ctx, runner, ctx.sync.state().pending)
        qtbot.addWidget(dialog)
        dialog.open()
        assert "2 events waiting" in child(dialog, QLabel, "repairConfirm").text()
        qtbot.mouseClick(child(dialog, QPushButton, "repairContinue"), Qt.MouseButton.LeftButton)
        child(dialog, QLineEdit, "repairCode").setText("WRONG2345")
        qtbot.mouseClick(child(dialog, QPushButton, "repairPair"), Qt.MouseButton.LeftButton)
        error = child(dialog, QLabel, "repairError")
        qtbot.waitUntil(error.isVisible, timeout=10_000)
        assert error.text() == describe(PairingCodeInvalid()) and ctx.sync.state().pending == 2
        child(dialog, QLineEdit, "repairCode").setText(platform.pairing_code())
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            qtbot.mouseClick(child(dialog, QPushButton, "repairPair"), Qt.MouseButton.LeftButton)
        # the sync worker, started again with the new token, delivers what waited
        qtbot.waitUntil(lambda: len(platform.sale_ids()) == 2, timeout=30_000)
        qtbot.waitUntil(lambda: ctx.sync.state().pending == 0, timeout=30_000)
    finally:
        ctx.close()


def test_the_hardware_screen_takes_the_devices_the_platform_assigned(qtbot, app, till_qapp, tmp_path):
    from pos_app.ui.hardware_screen import HardwareScreen

    screen = HardwareScreen(app, tmp_path / "config.toml", app.auth.login_badge("STAFF-0009"))
    qtbot.addWidget(screen)
    screen.show()
    button, result = child(screen, QPushButton, "hwFromPlatform"), child(screen, QLabel, "hwSaveResult")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: result.text() == "The platform has assigned no devices to this till.", timeout=30_000)
    assigned = P.DeviceSettings(till_id="T01", receipt_printer="tcp://192.168.1.50:9100", scale=None)
    TillSyncStorage(app.db).apply_page(
        "device_settings", [P.FeedItem[P.DeviceSettings](key="T01", deleted=False, data=assigned)], "d1")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    printer = child(screen, QLineEdit, "hwPrinterUrl")
    qtbot.waitUntil(lambda: printer.text() == "tcp://192.168.1.50:9100", timeout=30_000)
    assert result.text().startswith("The platform's addresses are filled in")
    assert not (tmp_path / "config.toml").exists()  # nothing saved until the manager presses Save
