"""The member dialog's top-up by the customer's payment code, against the reference platform
process and its wallet simulator: credited when the wallet took the money, a clear message when
it did not. Screenshots at 1024x768 in both languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import child
from payments_support import wallet_code
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton
from sync_platform_proc import STORE, PlatformProcess

from pos_app.config import PaymentsConfig, PlatformConfig
from pos_app.domain.payment_codes import Wallet
from pos_app.store.sync_store import TillSyncStorage
from pos_app.ui.i18n import LanguageManager
from pos_app.ui.member_dialogs import MemberActionsDialog
from pos_app.ui.workers import TaskRunner
from sync import protocol as P
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import open_shift

MEMBER = P.Member(member_id="M0002", card_no="8800000002", name="李娜", phone="13800135678", tier="silver",
                  points=3000, stored_value_fen=20_000)


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def open_dialog(qtbot, till_qapp, platform, make_ctx, memory_keyring):
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), STORE, "T01")
    runner = TaskRunner(max_threads=1)
    made = []

    def make(language: str):
        languages = LanguageManager(till_qapp)
        languages.set_language(language)
        made.append(languages)
        ctx = make_ctx(language, platform=PlatformConfig(url=platform.url),
                       payments=PaymentsConfig(timing_scale=0.02, read_timeout_s=0.5))
        TillSyncStorage(ctx.db).apply_page("members", [P.FeedItem[P.Member](key="M0002", deleted=False, data=MEMBER)],
                                           "m1")
        ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
        open_shift(ctx)
        ctx.members.identify("8800000002")
        dialog = MemberActionsDialog(ctx.member_tenders, ctx.members, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        return ctx, dialog

    yield make
    runner.wait(10_000)
    for languages in made:  # the next tests start in the application's own language
        for translator in languages._translators:
            till_qapp.removeTranslator(translator)


def shot(dialog, name: str, tmp_path: Path) -> None:
    target = Path(os.environ.get("POS_SCREENSHOTS_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    assert dialog.width() <= 1024 and dialog.height() <= 768
    dialog.grab().save(str(target / name))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_scanned_payment_code_tops_the_member_up(qtbot, open_dialog, tmp_path, language):
    ctx, dialog = open_dialog(language)
    child(dialog, QLineEdit, "topUpAmount").setText("50")
    code = child(dialog, QLineEdit, "topUpCode")
    code.setText(wallet_code(Wallet.WECHAT))
    assert code.echoMode() == QLineEdit.EchoMode.Password  # the code authorises a charge: never shown
    shot(dialog, f"member_top_up_{language}.png", tmp_path)
    QTest.keyClick(code, Qt.Key.Key_Return)  # the scanner ends the code with Enter
    assert code.text() == ""
    qtbot.waitUntil(lambda: dialog.topped_up is not None, timeout=20_000)
    assert dialog.topped_up.member.stored_value == 250
    assert ctx.member_tenders.members.current().stored_value == 250


def test_a_refused_payment_code_says_so_and_credits_nothing(qtbot, open_dialog, tmp_path):
    ctx, dialog = open_dialog("en")
    child(dialog, QLineEdit, "topUpAmount").setText("50")
    child(dialog, QLineEdit, "topUpCode").setText(wallet_code(Wallet.ALIPAY, "insufficient_funds"))
    button = child(dialog, QPushButton, "memberTopUpByCode")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not paid" in dialog.message.text(), timeout=20_000)
    assert button.isEnabled() and dialog.topped_up is None
    assert ctx.members.current().stored_value == 200
    shot(dialog, "member_top_up_refused_en.png", tmp_path)
