"""The first-run wizard driven as a person would: wrong code, unreachable or wrong address, the
download stopped and resumed (also across a closed window), the devices step, and the demo path."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from provision_support import STAFF, STORE, TILL, provision
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton
from sync_platform_proc import PlatformProcess, free_port

from pos_app.bootstrap import build_app
from pos_app.config import Config, load_config
from pos_app.domain.errors import PairingBadUrl, PairingCodeInvalid, PairingUnreachable
from pos_app.ui.first_run import FirstRunWizard
from pos_app.ui.i18n import LanguageManager
from pos_app.ui.messages import describe

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("platform")
    proc = PlatformProcess(tmp / "platform.sqlite3", tmp / "platform.log").start()
    provision(proc, 3000)
    yield proc
    proc.stop()


@pytest.fixture
def languages(till_qapp):
    manager = LanguageManager(till_qapp)
    manager.set_language("en")
    yield manager
    manager.set_language("en")


@pytest.fixture
def fresh(tmp_path, memory_keyring):
    """A never-seeded till and its config file; closed by the test's end."""
    made = []

    def build():
        ctx = build_app(load_config(tmp_path / "config.toml") if (tmp_path / "config.toml").exists()
                        else Config(language="en"), tmp_path / "till", tmp_path / "config.toml")
        made.append(ctx)
        return ctx

    yield build
    for ctx in made:
        ctx.close()


def wizard_for(qtbot, ctx, languages, start_at="language") -> FirstRunWizard:
    wizard = FirstRunWizard(ctx, languages, ctx.config_file, start_at=start_at)
    qtbot.addWidget(wizard)
    wizard.resize(1024, 768)
    wizard.show()
    return wizard


def child(wizard, cls, name):
    widget = wizard.findChild(cls, name)
    assert widget is not None, name
    return widget


def to_connect_page(qtbot, wizard) -> None:
    qtbot.mouseClick(child(wizard, QPushButton, "wizLanguageNext"), Qt.MouseButton.LeftButton)
    assert wizard.pages.currentWidget().objectName() == "wizConnectPage"


def connect(qtbot, wizard, url: str, code: str) -> None:
    child(wizard, QLineEdit, "wizUrl").setText(url)
    code_field = child(wizard, QLineEdit, "wizCode")
    code_field.setText(code)
    QTest.keyClick(code_field, Qt.Key.Key_Return)


def connect_error(qtbot, wizard) -> str:
    label = child(wizard, QLabel, "wizConnectError")
    qtbot.waitUntil(lambda: label.isVisible(), timeout=WAIT_MS)
    assert child(wizard, QPushButton, "wizConnect").isEnabled()  # the person can correct and retry
    return label.text()


def test_a_wrong_code_says_so_and_pairs_nothing(qtbot, platform, fresh, languages):
    ctx = fresh()
    wizard = wizard_for(qtbot, ctx, languages)
    to_connect_page(qtbot, wizard)
    connect(qtbot, wizard, platform.url, "WRONG2345")
    assert connect_error(qtbot, wizard) == describe(PairingCodeInvalid())
    assert ctx.provisioning.pairing() is None


def test_an_unreachable_or_wrong_address_says_which(qtbot, fresh, languages):
    ctx = fresh()
    wizard = wizard_for(qtbot, ctx, languages)
    to_connect_page(qtbot, wizard)
    port = free_port()
    connect(qtbot, wizard, f"http://127.0.0.1:{port}", "ABCD2345")
    assert connect_error(qtbot, wizard) == describe(PairingUnreachable(host=f"127.0.0.1:{port}"))
    child(wizard, QLabel, "wizConnectError").hide()
    connect(qtbot, wizard, "http://platform.example.com", "ABCD2345")
    text = connect_error(qtbot, wizard)
    assert text.startswith(describe(PairingBadUrl(url="http://platform.example.com", detail="x"))[:-1])
    assert "must use https" in text


def test_download_stopped_resumed_and_resumed_again_after_the_window_closed(qtbot, platform, fresh, languages):
    ctx = fresh()
    wizard = wizard_for(qtbot, ctx, languages)
    to_connect_page(qtbot, wizard)
    progress = child(wizard, QProgressBar, "wizProgress")
    resume = child(wizard, QPushButton, "wizResume")
    # The download worker waits at each catalog page above `hold_above` until the Stop click was handled,
    # so "stop after this page" is exact however fast the machine is.
    gate, hold_above = threading.Event(), [0]
    gate.set()
    wizard._relay.progress.connect(lambda p: p.resource == "catalog" and p.done > hold_above[0]
                                   and gate.wait(WAIT_MS / 1000),
                                   Qt.ConnectionType.DirectConnection)

    def arm(at_least: int) -> None:
        hold_above[0] = at_least
        gate.clear()

    def stop_after(at_least: int) -> int:
        qtbot.waitUntil(lambda: progress.value() > at_least, timeout=WAIT_MS)
        qtbot.mouseClick(child(wizard, QPushButton, "wizCancel"), Qt.MouseButton.LeftButton)
        gate.set()
        qtbot.waitUntil(resume.isVisible, timeout=WAIT_MS)
        assert "Download stopped at" in child(wizard, QLabel, "wizProgressText").text()
        return _products(ctx)

    arm(0)
    connect(qtbot, wizard, platform.url, platform.pairing_code(STORE, TILL))
    stopped_at = stop_after(0)
    assert 0 < stopped_at < 3000 and progress.maximum() == 3001
    arm(stopped_at)
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    assert stop_after(stopped_at) > stopped_at  # continued from the stored cursor
    wizard.close()
    assert ctx.provisioning.needs_first_run()  # the first download is not finished

    again = wizard_for(qtbot, ctx, languages, start_at="download")  # what `pos-app run` opens next
    devices = again.findChild(QLineEdit, "wizPrinterUrl")
    qtbot.waitUntil(lambda: again.pages.currentWidget().objectName() == "wizDevicesPage", timeout=WAIT_MS)
    assert _products(ctx) == 3000  # the orphan product stays held back
    assert devices.text() == "tcp://192.168.1.50:9100"  # as the platform assigned it to this till
    devices.setText("preview://")
    qtbot.mouseClick(child(again, QPushButton, "wizTestPrinter"), Qt.MouseButton.LeftButton)
    result = child(again, QLabel, "wizPrinterResult")
    qtbot.waitUntil(lambda: result.text().startswith("It works."), timeout=WAIT_MS)
    with qtbot.waitSignal(again.done, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(child(again, QPushButton, "wizFinish"), Qt.MouseButton.LeftButton)
    assert finished.args == ["paired"]
    assert not ctx.provisioning.needs_first_run()
    config = load_config(ctx.config_file)
    assert (config.store_id, config.till_id, config.devices.receipt_printer) == (STORE, TILL, "preview://")
    after = fresh()  # the app as `pos-app run` rebuilds it: the sign-in lists the platform's staff
    assert sorted(u.name for u in after.auth.list_users()) == sorted(s[1] for s in STAFF)


def _products(ctx) -> int:
    with ctx.db.uow(read_only=True) as uow:
        return uow.catalog.count(active_only=False)


def test_the_demo_path_seeds_the_demo_store(qtbot, fresh, languages):
    ctx = fresh()
    wizard = wizard_for(qtbot, ctx, languages)
    to_connect_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.done, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(child(wizard, QPushButton, "wizDemo"), Qt.MouseButton.LeftButton)
    assert finished.args == ["demo"]
    assert "李娜 Li Na" in {u.name for u in ctx.auth.list_users()}
    assert not ctx.provisioning.needs_first_run() and ctx.provisioning.pairing() is None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_wizard_pages_fit_1024x768_and_are_captured(qtbot, fresh, languages, language, tmp_path):
    languages.set_language(language)
    ctx = fresh()
    wizard = wizard_for(qtbot, ctx, languages)
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("language", "connect", "download", "devices"):
        page = {"language": wizard.language_page, "connect": wizard.connect_page,
                "download": wizard.download_page, "devices": wizard.devices_page}[name]
        wizard.pages.setCurrentWidget(page)
        wizard.retranslate()
        if name == "connect":
            wizard.connect_error.setText(describe(PairingCodeInvalid()))
            wizard.connect_error.show()
        if name == "download":
            wizard._show_progress(type("P", (), {"resource": "catalog", "done": 1200, "total": 3001})())
        QTest.qWait(10)
        assert page.minimumSizeHint().width() <= 1024 - 96 and wizard.minimumSizeHint().height() <= 768
        assert wizard.grab().save(str(target / f"first_run_{name}_{language}.png"))
