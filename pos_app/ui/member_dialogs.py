"""Identify a member (code, card, phone or its last 4), sign a new one up, and the member panel
of the ticket. Every call to the members service runs in the worker; only masked names and
numbers ever reach a widget."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.scan_filter import PASSTHROUGH_PROPERTY
from pos_app.ui.workers import TaskRunner


def _button(parent: QWidget, name: str, text: str, slot: Any) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setMinimumHeight(56)
    button.setAutoDefault(False)  # Enter in a field runs that field's action only (see fields_own_enter)
    button.clicked.connect(slot)
    return button


class MemberIdentifyDialog(QDialog):
    """Scan the member's code or card, or type the mobile number (full, or last 4 then pick)."""

    def __init__(self, members: Any, runner: TaskRunner, user_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberIdentifyDialog")
        self.setWindowTitle(self.tr("Identify member"))
        self.members, self.runner, self.user_id = members, runner, user_id
        self.member: Any = None
        self.query = QLineEdit(self)
        self.query.setObjectName("memberQuery")
        self.query.setPlaceholderText(self.tr("Scan the member code or card, or type the mobile number or its last 4 digits"))
        self.query.returnPressed.connect(self.look_up)
        self.choices = QListWidget(self)
        self.choices.setObjectName("memberChoices")
        self.choices.itemActivated.connect(self._picked)
        self.message = QLabel(self)
        self.message.setObjectName("memberMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 3)  # two lines, never clipped
        buttons = QHBoxLayout()
        buttons.addWidget(_button(self, "memberFind", self.tr("Find"), self.look_up))
        buttons.addWidget(_button(self, "memberSignUp", self.tr("Sign up…"), self.sign_up))
        buttons.addWidget(_button(self, "memberCancel", self.tr("Cancel"), self.reject))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(720, 480)

    def look_up(self) -> None:
        text = self.query.text()
        if not text.strip():
            return
        self.message.setText(self.tr("Looking the member up…"))
        self.runner.submit(self.members.identify, text, on_result=self._found, on_error=self._failed)

    def _found(self, result: Any) -> None:
        if isinstance(result, list):
            self.choices.clear()
            for choice in result:
                item = QListWidgetItem(f"{choice.name}  {choice.phone}  {choice.tier}", self.choices)
                item.setData(Qt.ItemDataRole.UserRole, choice.member_id)
            self.choices.setCurrentRow(0)
            self.choices.setFocus()
            self.message.setText(self.tr("{0} members end with these digits: ask the member which one, then press Enter.")
                                 .format(len(result)))
            return
        self.member = result
        self.accept()

    def _picked(self, item: QListWidgetItem) -> None:
        self.runner.submit(self.members.attach_member, item.data(Qt.ItemDataRole.UserRole),
                           on_result=self._found, on_error=self._failed)

    def sign_up(self) -> None:
        dialog = MemberSignupDialog(self.members, self.runner, self.user_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.member = dialog.member
            self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))
        self.query.selectAll()


class MemberSignupDialog(QDialog):
    """A new member: mobile number, optional name, the customer's consent to the membership terms."""

    def __init__(self, members: Any, runner: TaskRunner, user_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberSignupDialog")
        self.setWindowTitle(self.tr("New member"))
        self.members, self.runner, self.user_id = members, runner, user_id
        self.member: Any = None
        self.phone = QLineEdit(self)
        self.phone.setObjectName("signupPhone")
        self.phone.setPlaceholderText("13812345678")
        self.name = QLineEdit(self)
        self.name.setObjectName("signupName")
        self.name.setMaxLength(40)
        self.consent = QCheckBox(self.tr("The customer has read and agrees to the store's membership terms "
                                         "and privacy notice"), self)
        self.consent.setObjectName("signupConsent")
        self.message = QLabel(self)
        self.message.setObjectName("signupMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Mobile number"), self.phone)
        form.addRow(self.tr("Name (optional)"), self.name)
        buttons = QHBoxLayout()
        buttons.addWidget(_button(self, "signupOk", self.tr("Sign up"), self.submit))
        buttons.addWidget(_button(self, "signupCancel", self.tr("Cancel"), self.reject))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.consent)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(640, 360)

    def submit(self) -> None:
        self.runner.submit(self.members.sign_up, self.user_id, self.phone.text(), self.name.text(),
                           self.consent.isChecked(), on_result=self._done, on_error=self._failed)

    def _done(self, view: Any) -> None:
        self.member = view
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))


class MemberPanel(QFrame):
    """The member on the ticket: masked name and phone, tier, points and stored value."""

    FIELDS = ("memberName", "memberPhone", "memberTier", "memberPoints", "memberStoredValue")
    #: The member shown (a MemberView, masked) or None: the customer screen follows it.
    memberShown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for i, name in enumerate(self.FIELDS):
            caption, value = QLabel(self), QLabel(self)
            value.setObjectName(name)
            grid.addWidget(caption, i // 3 * 2, i % 3)
            grid.addWidget(value, i // 3 * 2 + 1, i % 3)
            self.captions[name], self.values[name] = caption, value
        self.view: Any = None
        self.retranslate()
        self.show_member(None)

    def retranslate(self) -> None:
        texts = (self.tr("Member"), self.tr("Mobile"), self.tr("Tier"), self.tr("Points"), self.tr("Stored value"))
        for name, text in zip(self.FIELDS, texts, strict=True):
            self.captions[name].setText(text)
        self.show_member(self.view)

    def show_member(self, view: Any) -> None:
        self.view = view
        self.memberShown.emit(view)
        self.setVisible(view is not None)
        if view is None:
            return
        pending = view.member_id is None
        values = (view.name or "-", view.phone, self.tr("pending (sign-up sent)") if pending else view.tier,
                  "-" if pending else str(view.points), "-" if pending else format_money(view.stored_value))
        for name, text in zip(self.FIELDS, values, strict=True):
            self.values[name].setText(text)


class MemberConflictsDialog(QDialog):
    """Manager menu M: ledger entries the platform refused after the till synced (an offline spend
    it could not cover), so none goes unnoticed; the manager settles them with the member."""

    def __init__(self, members: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberConflictsDialog")
        self.setWindowTitle(self.tr("Member balance conflicts"))
        self.members, self.runner = members, runner
        self.rows = QListWidget(self)
        self.rows.setObjectName("memberConflicts")
        self.message = QLabel(self)
        self.message.setObjectName("memberConflictsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.message)
        layout.addWidget(_button(self, "memberConflictsClose", self.tr("Close"), self.accept))
        self.resize(820, 420)
        runner.submit(members.conflicts, on_result=self._show, on_error=lambda e: self.message.setText(describe(e)))

    def _show(self, conflicts: list[Any]) -> None:
        kinds = {"spend": self.tr("stored value spent"), "points_redeem": self.tr("points redeemed")}
        for c in conflicts:
            what = format_money(c.amount) if c.entry_kind == "spend" else str(c.points)
            QListWidgetItem(self.tr("{0}: {1} {2} refused by the platform ({3})").format(
                c.member, kinds.get(c.entry_kind, c.entry_kind), what, c.code), self.rows)
        self.message.setText(self.tr("Settle each with the member (cash or a later top-up).") if conflicts
                             else self.tr("No member balance conflicts."))


class MemberActionsDialog(QDialog):
    """Ctrl+M with a member on the ticket: top their stored value up with cash (a paid-in of the
    shift, not a sale) or by the customer's payment code (credited once the wallet has taken the
    money), or take them off the ticket. ``detached`` says which happened."""

    def __init__(self, tenders: Any, members: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberActionsDialog")
        self.setWindowTitle(self.tr("Member"))
        self.tenders, self.members, self.runner = tenders, members, runner
        self.detached = False
        self.topped_up: Any = None
        self.amount = QLineEdit(self)
        self.amount.setObjectName("topUpAmount")
        self.amount.setPlaceholderText("100.00")
        self.amount.returnPressed.connect(self.top_up)
        self.message = QLabel(self)
        self.message.setObjectName("memberActionsMessage")
        self.message.setWordWrap(True)
        self.code = QLineEdit(self)
        self.code.setObjectName("topUpCode")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)  # the code authorises a charge: never shown
        self.code.setProperty(PASSTHROUGH_PROPERTY, True)  # the scanner types the code here
        self.code.setPlaceholderText(self.tr("Scan the customer's payment code"))
        self.code.returnPressed.connect(self.top_up_by_code)
        form = QFormLayout()
        form.addRow(self.tr("Top-up amount (¥)"), self.amount)
        form.addRow(self.tr("Payment code"), self.code)
        buttons = QGridLayout()  # two rows: the top-ups, then the member off and close (never clipped)
        buttons.addWidget(_button(self, "memberTopUp", self.tr("Top up with cash"), self.top_up), 0, 0)
        self.by_code = _button(self, "memberTopUpByCode", self.tr("Top up by payment code"), self.top_up_by_code)
        buttons.addWidget(self.by_code, 0, 1)
        buttons.addWidget(_button(self, "memberDetach", self.tr("Take the member off"), self.detach), 1, 0)
        buttons.addWidget(_button(self, "memberActionsClose", self.tr("Close"), self.reject), 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(720, 400)

    def top_up(self) -> None:
        self.runner.submit(self.tenders.top_up, self.amount.text(), on_result=self._topped_up,
                           on_error=lambda e: self.message.setText(describe(e)))

    def top_up_by_code(self) -> None:
        """Charge the scanned code in the worker (it waits for the wallet); the code leaves the field at once."""
        code = self.code.text()
        self.code.clear()
        self.by_code.setEnabled(False)
        self.message.setText(self.tr("Waiting for the wallet… the balance is credited once the payment is confirmed."))

        def failed(error: BaseException) -> None:
            self.by_code.setEnabled(True)
            self.message.setText(describe(error))

        self.runner.submit(self.tenders.top_up_by_code, code, self.amount.text(), on_result=self._topped_up,
                           on_error=failed)

    def _topped_up(self, done: Any) -> None:
        self.topped_up = done
        self.accept()

    def detach(self) -> None:
        self.runner.submit(self.members.detach, on_result=self._detached,
                           on_error=lambda e: self.message.setText(describe(e)))

    def _detached(self, _snap: Any) -> None:
        self.detached = True
        self.accept()
