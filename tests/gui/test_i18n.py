"""Translations: complete, placeholder-safe, loaded at start and switched live."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from pos_app.ui.i18n import LanguageManager, cjk_font_family, normalize_language, translations_dir
from pos_app.ui.main_window import HelpDialog

PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _messages(lang: str) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(translations_dir() / f"o2o_till_{lang}.ts").getroot()
    return [
        (c.findtext("name"), m.findtext("source"), m.find("translation"))
        for c in root
        for m in c.iter("message")
    ]


@pytest.fixture
def languages(till_qapp):
    manager = LanguageManager(till_qapp)
    yield manager
    for translator in manager._translators:
        till_qapp.removeTranslator(translator)


def test_every_string_has_a_chinese_translation_with_the_same_placeholders():
    messages = _messages("zh_CN")
    assert len(messages) > 100
    for context, source, translation in messages:
        assert translation.get("type") is None and translation.text, f"{context}: {source!r} untranslated"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), source


def test_compiled_files_exist_for_both_languages():
    for lang in ("zh_CN", "en"):
        assert (translations_dir() / f"o2o_till_{lang}.qm").stat().st_size > 0


def test_switching_language_retranslates_open_widgets(qtbot, languages):
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    languages.set_language("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "快捷键", timeout=1000)  # LanguageChange is posted
    assert dialog.table.item(0, 1).text() == "帮助"
    languages.set_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Keys", timeout=1000)
    assert dialog.table.item(0, 1).text() == "Help"


@pytest.mark.parametrize(
    ("given", "expected"), [("zh-CN", "zh_CN"), ("zh", "zh_CN"), ("en_US", "en"), (None, "zh_CN")]
)
def test_language_names_are_normalised(given, expected):
    assert normalize_language(given) == expected


def test_unsupported_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="zh_CN, en"):
        normalize_language("fr_FR")


def test_application_font_has_chinese_glyphs(till_qapp):
    assert cjk_font_family() is not None
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "收银挂单取单结算找零")
    assert isinstance(QApplication.font(), QFont)
