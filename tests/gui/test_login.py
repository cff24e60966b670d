"""Sign-in with the real AuthService on a seeded database: keypad, wrong PIN, lockout, badge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton

from pos_app.ui.login import LoginScreen
from pos_app.ui.scan_filter import ScanFilter
from pos_app.ui.workers import TaskRunner


@pytest.fixture
def login(qtbot, till_qapp, make_ctx):
    ctx = make_ctx()
    runner = TaskRunner()
    screen = LoginScreen(ctx.auth, runner)
    qtbot.addWidget(screen)
    screen.show()
    screen.reload_users()
    users = screen.findChild(QListWidget, "loginUserList")
    qtbot.waitUntil(lambda: users.count() == 5, timeout=3000)
    yield screen
    runner.wait(5000)


def pick(screen: LoginScreen, name_part: str) -> None:
    users = screen.findChild(QListWidget, "loginUserList")
    row = next(i for i in range(users.count()) if name_part in users.item(i).text())
    users.setCurrentRow(row)


def key_pin_on_keypad(screen: LoginScreen, pin: str) -> None:
    for digit in pin:
        QTest.mouseClick(screen.findChild(QPushButton, f"keypad_{digit}"), Qt.MouseButton.LeftButton)


def test_user_list_shows_names_and_roles(login):
    users = login.findChild(QListWidget, "loginUserList")
    texts = [users.item(i).text() for i in range(users.count())]
    assert any("李娜" in t and "Cashier" in t for t in texts)
    assert any("王强" in t and "Manager" in t for t in texts)


def test_keypad_pin_signs_in(qtbot, login):
    pick(login, "李娜")
    key_pin_on_keypad(login, "1112")
    QTest.mouseClick(login.findChild(QPushButton, "keypad_back"), Qt.MouseButton.LeftButton)
    key_pin_on_keypad(login, "1")
    assert login.findChild(QLineEdit, "loginPin").text() == "1111"
    with qtbot.waitSignal(login.loggedIn, timeout=5000) as signal:
        QTest.mouseClick(login.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    assert signal.args[0].name.startswith("李娜")
    assert signal.args[0].role == "cashier"


def test_wrong_pin_shows_attempts_left_then_lockout(qtbot, login):
    pick(login, "张伟")
    pin = login.findChild(QLineEdit, "loginPin")
    message = login.findChild(QLabel, "loginMessage")
    button = login.findChild(QPushButton, "loginButton")
    for attempts_left in (4, 3, 2, 1):
        QTest.keyClicks(pin, "0000")
        QTest.keyClick(pin, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda n=attempts_left: message.text() == f"Wrong PIN. {n} attempts left.", timeout=5000
        )
        assert pin.text() == ""
    QTest.keyClicks(pin, "0000")
    QTest.keyClick(pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Try again in 300 seconds" in message.text(), timeout=5000)
    assert not button.isEnabled()
    qtbot.waitUntil(lambda: "299" in message.text(), timeout=3000)  # counts down
    QTest.keyClicks(pin, "2222")  # even the right PIN cannot be submitted while locked
    QTest.keyClick(pin, Qt.Key.Key_Return)
    assert "299" in message.text() or "298" in message.text()


def test_empty_pin_and_letters_are_refused(qtbot, login):
    pin = login.findChild(QLineEdit, "loginPin")
    message = login.findChild(QLabel, "loginMessage")
    QTest.keyClicks(pin, "ab!")
    assert pin.text() == ""  # only digits can be typed
    QTest.keyClick(pin, Qt.Key.Key_Return)
    assert message.text() == "Enter your PIN."


def test_unknown_badge_is_refused_and_a_staff_badge_scan_signs_in(
    qtbot, login, till_qapp, clock, focus, type_keys
):
    scans = ScanFilter(clock=clock)
    scans.scanned.connect(login.badge_scanned)
    scans.install(till_qapp)
    try:
        pin = login.findChild(QLineEdit, "loginPin")
        message = login.findChild(QLabel, "loginMessage")
        focus(pin)
        type_keys(pin, "STAFF-9999", 4)
        qtbot.waitUntil(lambda: "not known" in message.text(), timeout=5000)
        with qtbot.waitSignal(login.loggedIn, timeout=5000) as signal:
            type_keys(pin, "STAFF-0008", 4)
        assert signal.args[0].role == "manager"
        assert pin.text() == ""
    finally:
        till_qapp.removeEventFilter(scans)


def test_arrow_keys_in_the_pin_field_pick_the_user(qtbot, login):
    users = login.findChild(QListWidget, "loginUserList")
    pin = login.findChild(QLineEdit, "loginPin")
    users.setCurrentRow(0)
    QTest.keyClick(pin, Qt.Key.Key_Down)
    QTest.keyClick(pin, Qt.Key.Key_Down)
    assert users.currentRow() == 2
    QTest.keyClick(pin, Qt.Key.Key_Up)
    assert users.currentRow() == 1
    for _ in range(5):
        QTest.keyClick(pin, Qt.Key.Key_Up)
    assert users.currentRow() == 0


def test_nobody_is_chosen_and_a_pin_alone_signs_in_its_owner(qtbot, login):
    users = login.findChild(QListWidget, "loginUserList")
    assert users.currentItem() is None
    key_pin_on_keypad(login, "8888")
    # a PIN alone may be checked against every active user's Argon2id hash: allow for a busy machine
    with qtbot.waitSignal(login.loggedIn, timeout=30000) as signal:
        QTest.keyClick(login.findChild(QLineEdit, "loginPin"), Qt.Key.Key_Return)
    assert signal.args[0].role == "manager"


def test_a_wrong_pin_alone_burns_nobodys_attempts(qtbot, login):
    message = login.findChild(QLabel, "loginMessage")
    key_pin_on_keypad(login, "4321")
    QTest.keyClick(login.findChild(QLineEdit, "loginPin"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No staff member has this PIN" in message.text(), timeout=30000)
    pick(login, "管理员")
    key_pin_on_keypad(login, "0000")
    QTest.keyClick(login.findChild(QLineEdit, "loginPin"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "4" in message.text() and "PIN" in message.text(), timeout=5000)
