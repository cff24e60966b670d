"""Notices and error texts: what the cashier reads when something is refused."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from pos_app.domain.errors import BadCheckDigit, NonCashOverpay, PosError
from pos_app.services.auth import WrongPin
from pos_app.ui.messages import describe, is_known
from pos_app.ui.notices import Level, NoticeBar


def test_error_notice_shows_text_and_level_then_hides_itself(qtbot, till_qapp):
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = NoticeBar(parent, auto_hide_ms=40)
    parent.show()
    with qtbot.waitSignal(bar.shown, timeout=1000) as signal:
        bar.error("Code 123 has a wrong check digit.")
    assert signal.args == ["error", "Code 123 has a wrong check digit."]
    assert bar.isVisible() and bar.property("level") == "error" and bar.level is Level.ERROR
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=1000)


def test_known_code_is_described_with_its_params():
    assert describe(WrongPin(attempts_left=2)) == "Wrong PIN. 2 attempts left."
    assert "6901234567890" in describe(BadCheckDigit(code="6901234567890"))


def test_decimal_params_print_as_plain_amounts():
    text = describe(NonCashOverpay(kind="Bank card", value=Decimal("1E+2"), remaining=Decimal("35.50")))
    assert "100 " in text and "35.50" in text


def test_unknown_code_falls_back_to_the_english_message():
    class Brand(PosError):
        code = "brand.new_rule"
        template = "Brand new rule about {thing}."

    assert not is_known("brand.new_rule")
    assert describe(Brand(thing="eggs")) == "Brand new rule about eggs."


def test_known_code_with_other_params_falls_back_instead_of_failing():
    class Refused(PosError):
        code = "auth.not_authorized"  # the translated text wants {name}
        template = "Not allowed here."

    assert describe(Refused()) == "Not allowed here."


def test_foreign_exceptions_show_their_text():
    assert describe(OSError("disk full")) == "disk full"


# Codes only an installer or a developer meets (configuration, registries, wire data), shown by the
# CLI or the log in English; everything else reaches a cashier and must be translated.
NOT_FOR_CASHIERS = {
    "barcode.duplicate_kind", "barcode.invalid_layout", "money.float_not_allowed", "money.unknown_currency",
    "permission.unknown_permission", "permission.unknown_role", "pickup.invalid_transition",
    "pickup.unknown_status", "print.bad_document", "tax.invalid_rate", "tender.duplicate_kind",
    "pickup.line_invariant",  # inconsistent stored quantities: a bug or a damaged database, not a clerk error
}


def _error_classes() -> list[type]:
    import importlib
    import pkgutil

    import pos_app
    from pos_app.domain.errors import PosError

    for module in pkgutil.walk_packages(pos_app.__path__, "pos_app."):
        if ".migrations" not in module.name:  # Alembic scripts import only under Alembic
            importlib.import_module(module.name)
    found, todo = [], [PosError]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return [c for c in found if getattr(c, "code", None) and c.__module__.startswith("pos_app.")]


def test_every_error_a_cashier_can_meet_has_a_translated_message():
    from pos_app.ui.messages import _TEMPLATES

    codes = {c.code for c in _error_classes()}
    assert len(codes) > 100
    assert sorted(codes - NOT_FOR_CASHIERS - set(_TEMPLATES)) == []
    assert NOT_FOR_CASHIERS <= codes  # no stale entries
