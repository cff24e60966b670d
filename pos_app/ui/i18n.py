"""Language, fonts and style of the application.

Strings in code are English; `o2o_till_<lang>.qm` translates them: compiled into the package
by a wheel build, or in a checkout built from `resources/translations/*.ts` by
`python -m pos_app.ui.i18n_build` (`pos_app.resources` finds either). Installing a new
translator makes Qt send LanguageChange to every widget, which retranslates itself.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from pos_app.resources import (  # the language list and file names are re-exported ("X as X")
    SOURCE_RESOURCES,
    find_resource,
    translation_file,
)
from pos_app.resources import (
    SUPPORTED_LANGUAGES as SUPPORTED_LANGUAGES,
)
from pos_app.resources import (
    TRANSLATION_BASENAME as TRANSLATION_BASENAME,
)

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"

# First family with CJK glyphs that is installed wins; Latin text uses the same family.
UI_FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans",
    "sans-serif",
)


def resources_dir() -> Path:
    """`resources/` of the checkout (the translation sources) or `POS_RESOURCES_DIR`."""
    env = os.environ.get("POS_RESOURCES_DIR")
    return Path(env) if env else SOURCE_RESOURCES


def translations_dir() -> Path:
    return resources_dir() / "translations"


def normalize_language(language: str | None) -> str:
    """Map config values like "zh-CN", "zh" or "en_US" to a shipped language."""
    if not language:
        return DEFAULT_LANGUAGE
    lang = language.replace("-", "_")
    if lang in SUPPORTED_LANGUAGES:
        return lang
    if lang.lower().startswith("zh"):
        return "zh_CN"
    if lang.lower().startswith("en"):
        return "en"
    raise ValueError(f"Unsupported language {language!r}; choose one of {', '.join(SUPPORTED_LANGUAGES)}")


class LanguageManager:
    """Owns the installed translators; `set_language` switches them live."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = ""

    def set_language(self, language: str | None) -> str:
        lang = normalize_language(language)
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        ours = QTranslator(self._app)
        compiled = translation_file(lang)
        if compiled is not None and ours.load(str(compiled)):
            self._translators.append(ours)
        else:
            log.warning("no compiled translation for %s (%s)", lang, compiled or "not found")
        qt_own = QTranslator(self._app)
        # Qt's own strings (standard buttons, context menus) for the same language.
        if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._translators.append(qt_own)
        for tr in self._translators:
            self._app.installTranslator(tr)
        QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_US"))
        self.language = lang
        return lang


def cjk_font_family() -> str | None:
    """The first installed family of UI_FONT_FAMILIES, if any has CJK glyphs."""
    installed = set(QFontDatabase.families())
    for family in UI_FONT_FAMILIES:
        if (
            family in installed
            and QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
        ):
            return family
    return None


def apply_font(app: QApplication, point_size: int = 12) -> QFont:
    font = QFont()
    font.setFamilies(list(UI_FONT_FAMILIES))
    font.setPointSize(point_size)
    app.setFont(font)
    if cjk_font_family() is None:
        log.warning("no font with Chinese glyphs found; install Noto Sans CJK SC")
    return font


def load_style_sheet(app: QApplication) -> None:
    path = find_resource("styles/till.qss")
    if path is None:
        log.warning("style sheet styles/till.qss not found; using the platform style")
        return
    app.setStyleSheet(path.read_text(encoding="utf-8"))


def apply_window_icon(app: QApplication) -> None:
    """The till's icon on every window (task bar, Alt+Tab)."""
    path = find_resource("icons/o2o-till.png")
    if path is not None:
        app.setWindowIcon(QIcon(str(path)))
