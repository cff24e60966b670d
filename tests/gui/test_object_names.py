"""Every control a cashier (or a test, or an automation tool) acts on has a stable objectName."""

from __future__ import annotations

from gui_helpers import sign_in
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QHeaderView, QLineEdit, QWidget

from pos_app.ui.dialogs import ManagerOverrideDialog, RecallDialog, SearchDialog, ValueDialog
from pos_app.ui.main_window import HelpDialog, SettingsDialog
from pos_app.ui.payment_dialog import PaymentDialog
from pos_app.ui.shift_dialogs import OpenShiftDialog


def unnamed_controls(root: QWidget) -> list[str]:
    controls = (
        root.findChildren(QAbstractButton)
        + root.findChildren(QLineEdit)
        + root.findChildren(QAbstractItemView)
    )
    return [
        f"{type(w).__name__} {getattr(w, 'text', str)()!r} in {w.parent().objectName()}"
        for w in controls
        if not w.objectName() and not isinstance(w, QHeaderView) and not _inside_combo(w)
    ]


def _inside_combo(widget: QWidget) -> bool:
    """A combo box's own line edit and popup list are Qt's internals."""
    while widget is not None:
        if isinstance(widget, QComboBox) or type(widget).__name__ == "QComboBoxPrivateContainer":
            return True
        widget = widget.parentWidget()
    return False


def test_every_screen_and_dialog_names_its_controls(qtbot, till, type_keys):
    window = till("en")
    assert unnamed_controls(window) == []
    sign_in(qtbot, window, "李娜", "1111", type_keys)
    assert unnamed_controls(window) == []
    ctx, runner = window.ctx, window.runner
    dialogs = [
        HelpDialog(window),
        SettingsDialog(window.languages, window),
        ValueDialog("price", "t", "p", parent=window, reasons=["r"]),
        ManagerOverrideDialog(ctx.auth, runner, "price_override", "a", "r", window),
        SearchDialog(ctx.catalog, runner, window),
        RecallDialog([], window),
        PaymentDialog(ctx.checkout, runner, window.sale.snapshot, window),
        OpenShiftDialog(ctx.shifts, runner, window.session, window),
    ]
    for dialog in dialogs:
        assert dialog.objectName()
        assert unnamed_controls(dialog) == [], dialog.objectName()
