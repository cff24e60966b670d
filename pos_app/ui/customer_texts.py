"""The customer screen's words, in its own language, which need not be the cashier's.

The application's installed translators follow the cashier; the customer screen may be set to
Chinese, English or both (bilingual stores), so it keeps its own translators, not installed,
and asks them directly. Its strings live in the "CustomerScreen" context of the same .ts files.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTranslator

from pos_app.resources import translation_file

CONTEXT = "CustomerScreen"

WELCOME = str(QT_TRANSLATE_NOOP("CustomerScreen", "Welcome"))
ITEM = str(QT_TRANSLATE_NOOP("CustomerScreen", "Item"))
QTY = str(QT_TRANSLATE_NOOP("CustomerScreen", "Qty"))
AMOUNT = str(QT_TRANSLATE_NOOP("CustomerScreen", "Amount"))
SAVED = str(QT_TRANSLATE_NOOP("CustomerScreen", "You save"))
DUE = str(QT_TRANSLATE_NOOP("CustomerScreen", "Amount due"))
ITEMS = str(QT_TRANSLATE_NOOP("CustomerScreen", "Items"))
PAID = str(QT_TRANSLATE_NOOP("CustomerScreen", "Paid"))
SCAN_TO_PAY = str(QT_TRANSLATE_NOOP("CustomerScreen", "Scan to pay with WeChat or Alipay"))
PAY_AT_COUNTER = str(QT_TRANSLATE_NOOP("CustomerScreen", "Please pay"))
CHANGE = str(QT_TRANSLATE_NOOP("CustomerScreen", "Change"))
THANKS = str(QT_TRANSLATE_NOOP("CustomerScreen", "Thank you, see you again"))
PICKUP_ORDER = str(QT_TRANSLATE_NOOP("CustomerScreen", "Pickup order {0}"))
PICKUP_ITEMS = str(QT_TRANSLATE_NOOP("CustomerScreen", "Your items"))
MEMBER = str(QT_TRANSLATE_NOOP("CustomerScreen", "Member {0}"))
POINTS = str(QT_TRANSLATE_NOOP("CustomerScreen", "{0} points"))
SCAN_WECHAT = str(QT_TRANSLATE_NOOP("CustomerScreen", "Scan with WeChat to pay"))
SCAN_ALIPAY = str(QT_TRANSLATE_NOOP("CustomerScreen", "Scan with Alipay to pay"))
QR_AMOUNT = str(QT_TRANSLATE_NOOP("CustomerScreen", "Pay by QR"))


class CustomerTexts:
    """`text(source)` in the screen's languages; `languages` is ("zh_CN",), ("en",) or both."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self._translators: dict[str, QTranslator] = {}
        for lang in languages:
            if lang == "en":
                continue  # the sources are English
            translator = QTranslator()
            compiled = translation_file(lang)
            if compiled is not None and translator.load(str(compiled)):
                self._translators[lang] = translator

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1

    def one(self, lang: str, source: str) -> str:
        translator = self._translators.get(lang)
        return (translator.translate(CONTEXT, source) if translator is not None else "") or source

    def text(self, source: str, *args: object, sep: str = "  ") -> str:
        """Each language's words, `sep` between them (a new line for big captions)."""
        return sep.join(self.one(lang, source).format(*args) for lang in self.languages)

    def name(self, name: str, name_en: str, sep: str = "  ") -> str:
        """A product's name: Chinese, English (the Chinese one when it has none), or both."""
        if self.languages == ("en",):
            return name_en or name
        if self.bilingual and name_en and name_en != name:
            return f"{name}{sep}{name_en}"
        return name


def screen_languages(setting: str, cashier: str) -> tuple[str, ...]:
    """The languages for config `customer_screen.language` with the cashier on `cashier`."""
    if setting == "both":
        return ("zh_CN", "en")
    if setting == "cashier":
        return (cashier or "zh_CN",)
    return (setting,)
