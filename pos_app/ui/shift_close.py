"""End of shift and end of day: tickets left open, the blind count, the result, the Z report.

The count is blind: until a count is submitted this window shows nothing of what the till
expects (the shift service does not even return it). Each submit is a new attempt that the
service keeps; "Recount" just starts the next one. Closing beyond the tolerance needs a reason
and a manager, asked for only when the service says so. Every service call runs in the worker.

Over 500 lines because the close is one guided flow (open tickets, blind count, result, close,
Z report) over one shift's state; the report dialog and the shared helpers are separate
(`shift_common`), and the next split is one page class per step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import DEFAULT_CURRENCY, from_minor
from pos_app.services.reports import report_text
from pos_app.ui.cart_model import format_money
from pos_app.ui.messages import describe
from pos_app.ui.shift_common import (
    RIGHT,
    DenominationCounter,
    EnterMovesOn,
    cell,
    make_table,
    over_short_colour,
    reserve_money_width,
    run_with_approval,
    signed_money,
    tender_name,
)
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.bootstrap import AppContext
    from pos_app.services.auth import StaffSession
    from pos_app.services.reports import ReportService


def _yuan(fen: int, currency: str = DEFAULT_CURRENCY) -> str:
    return format_money(from_minor(fen, currency), currency)


def _button(parent: QWidget, name: str, slot: Any, primary: bool = False) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    if primary:
        button.setProperty("role", "primary")
    button.clicked.connect(slot)
    return button


class ReportDialog(QDialog):
    """An X report (`report=None`: the open shift, read now) or a stored Z report, as text, with
    Print (X) or Reprint (Z, marked COPY) through the print queue."""

    def __init__(
        self, reports: ReportService, runner: TaskRunner, report: Any = None, parent: QWidget | None = None,
        session: StaffSession | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports, self._runner, self._session = reports, runner, session
        self.report = report
        self.is_z = report is not None and report.kind == "Z"
        self.setObjectName("zReportDialog" if self.is_z else "xReportDialog")
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reportText")
        self.text.setReadOnly(True)
        self.text.setStyleSheet("font-family: 'Noto Sans Mono CJK SC', monospace; font-size: 12pt;")
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.print_button = _button(
            self, "reprintZButton" if self.is_z else "printXButton", self.print_report
        )
        self.close_button = _button(self, "closeReportButton", self.accept, primary=True)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(720, 860)
        self.retranslate()
        if report is None:
            self.print_button.setEnabled(False)
            self._runner.submit(self._reports.x_report, session, on_result=self._show, on_error=self._refused)
        else:
            self._show(report)

    def retranslate(self) -> None:
        if self.is_z:
            self.setWindowTitle(self.tr("Z report (day closed)"))
            self.print_button.setText(self.tr("Reprint"))
        else:
            self.setWindowTitle(self.tr("X report (shift so far)"))
            self.print_button.setText(self.tr("Print"))
        self.close_button.setText(self.tr("Close"))
        if self.report is not None:
            self._show_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_title(self) -> None:
        r = self.report
        if self.is_z:
            self.title.setText(self.tr("Z report No. {0} · business day {1}").format(r.z_no, r.business_date))
        else:
            self.title.setText(self.tr("X report · business day {0}").format(r.business_date))

    def _show(self, report: Any) -> None:
        self.report = report
        self.text.setPlainText(report_text(report))
        self.print_button.setEnabled(True)
        self._show_title()

    def _refused(self, error: BaseException) -> None:
        self.message.setText(describe(error))

    def print_report(self) -> None:
        self.print_button.setEnabled(False)
        call: Callable[..., object]
        if self.is_z:
            call, args = self._reports.reprint_z, (self._session, date.fromisoformat(self.report.business_date))
            done = self.tr("A copy of Z report No. {0} was sent to the printer.").format(self.report.z_no)
        else:
            call, args = self._reports.print_x, (self._session, self.report.shift_ids[0])
            done = self.tr("The X report was sent to the printer.")

        def printed(_report: Any) -> None:
            self.print_button.setEnabled(True)
            self.message.setText(done)

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            self._refused(error)

        self._runner.submit(call, *args, on_result=printed, on_error=failed)


class CloseShiftDialog(QDialog):
    """Close the shift: open/held tickets → blind count → result (recount or confirm) → Z.

    Signals: `shiftClosed(ShiftInfo)` when the shift closed, `dayClosed(Report)` after the Z.
    `ctx` is the AppContext (shifts, reports, auth and checkout are used).
    """

    shiftClosed = Signal(object)
    dayClosed = Signal(object)

    TICKETS, COUNT, RESULT, CLOSED = range(4)
    FIRST_COUNT = 4  # result column: the first attempt's count, for a manager after a recount

    def __init__(self, ctx: AppContext, runner: TaskRunner, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.ctx, self._runner, self._session = ctx, runner, session
        self.tickets: list[Any] = []
        self.kept: set[str] = set()
        self.form: Any = None
        self.count_result: Any = None
        self.closed: Any = None
        self.z_report: Any = None

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("closeShiftPages")
        self.pages.addWidget(self._tickets_page())
        self.pages.addWidget(self._count_page())
        self.pages.addWidget(self._result_page())
        self.pages.addWidget(self._closed_page())
        self.message = QLabel(self)
        self.message.setObjectName("closeShiftMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.cancel = _button(self, "closeShiftCancel", self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.resize(900, 760)
        self.retranslate()
        self.pages.setEnabled(False)
        self._runner.submit(self._load_start, on_result=self._started, on_error=self._refused)

    # -- pages ---------------------------------------------------------------------------------
    def _tickets_page(self) -> QWidget:
        page = QWidget(self)
        self.tickets_title = QLabel(page)
        self.tickets_title.setProperty("role", "title")
        self.tickets_prompt = QLabel(page)
        self.tickets_prompt.setWordWrap(True)
        self.tickets_table = make_table(page, "openTicketsTable", 4)
        self.void_button = _button(page, "voidTicketButton", self.void_ticket)
        self.keep_button = _button(page, "keepTicketButton", self.keep_ticket)
        self.continue_button = _button(page, "continueToCountButton", self.start_count, primary=True)
        row = QHBoxLayout()
        for b in (self.void_button, self.keep_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.continue_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.tickets_title)
        layout.addWidget(self.tickets_prompt)
        layout.addWidget(self.tickets_table, 1)
        layout.addLayout(row)
        return page

    def _count_page(self) -> QWidget:
        page = QWidget(self)
        self.count_title = QLabel(page)
        self.count_title.setObjectName("countTitle")
        self.count_title.setProperty("role", "title")
        self.count_prompt = QLabel(page)
        self.count_prompt.setWordWrap(True)
        self.counter = DenominationCounter(self.ctx.shifts.denominations(), page)
        self.counter.changed.connect(self._update_cash_total)
        self.cash_caption = QLabel(page)
        self.cash_total = QLabel(page)
        self.cash_total.setObjectName("countedCashTotal")
        self.cash_total.setProperty("role", "subTotal")
        self.cash_total.setAlignment(RIGHT)
        reserve_money_width(self.cash_total)
        self.tender_grid = QGridLayout()
        self.tender_fields: dict[str, QLineEdit] = {}
        self.tender_labels: dict[str, QLabel] = {}
        self._enter_moves: EnterMovesOn | None = None
        self.submit_button = _button(page, "submitCountButton", self.submit_count, primary=True)
        cash_row = QHBoxLayout()
        cash_row.addStretch(1)
        cash_row.addWidget(self.cash_caption)
        cash_row.addWidget(self.cash_total)
        layout = QVBoxLayout(page)
        layout.addWidget(self.count_title)
        layout.addWidget(self.count_prompt)
        layout.addWidget(self.counter)
        layout.addLayout(cash_row)
        layout.addLayout(self.tender_grid)
        layout.addStretch(1)
        layout.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget(self)
        self.result_title = QLabel(page)
        self.result_title.setObjectName("resultTitle")
        self.result_title.setProperty("role", "title")
        self.result_table = make_table(page, "countResultTable", 5)
        self.result_table.setColumnHidden(self.FIRST_COUNT, True)
        self.result_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.summary = QLabel(page)
        self.summary.setObjectName("countSummary")
        self.summary.setProperty("role", "bigCaption")
        self.approval_note = QLabel(page)
        self.approval_note.setObjectName("approvalNote")
        self.approval_note.setWordWrap(True)
        self.reason = QComboBox(page)
        self.reason.setObjectName("closeReason")
        self.reason.setEditable(True)
        self.recount_button = _button(page, "recountButton", self.recount)
        self.confirm_button = _button(page, "confirmCloseButton", self.confirm_close, primary=True)
        row = QHBoxLayout()
        row.addWidget(self.recount_button)
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.approval_note)
        layout.addWidget(self.reason)
        layout.addLayout(row)
        return page

    def _closed_page(self) -> QWidget:
        page = QWidget(self)
        self.closed_title = QLabel(page)
        self.closed_title.setObjectName("closedTitle")
        self.closed_title.setProperty("role", "title")
        self.closed_text = QLabel(page)
        self.closed_text.setObjectName("closedSummary")
        self.closed_text.setWordWrap(True)
        self.close_day_button = _button(page, "closeDayButton", self.close_day, primary=True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.closed_title)
        layout.addWidget(self.closed_text)
        layout.addStretch(1)
        layout.addWidget(self.close_day_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Close shift"))
        self.tickets_title.setText(self.tr("Tickets still open"))
        self.tickets_prompt.setText(
            self.tr("These tickets are not finished. Void them, or keep them (held) for the next shift.")
        )
        self.tickets_table.setHorizontalHeaderLabels(
            [self.tr("Ticket"), self.tr("State"), self.tr("Items"), self.tr("Total")]
        )
        self.void_button.setText(self.tr("Void ticket"))
        self.keep_button.setText(self.tr("Keep for next shift"))
        self.continue_button.setText(self.tr("Count the drawer"))
        self.count_prompt.setText(
            self.tr(
                "Count the cash by note and coin, then enter the totals of the other payments "
                "(card terminal batch, QR pay). The expected amounts are shown only after you submit."
            )
        )
        self.cash_caption.setText(self.tr("Cash counted"))
        for kind, label in self.tender_labels.items():
            label.setText(tender_name(kind))
        self.submit_button.setText(self.tr("Submit count"))
        self.result_table.setHorizontalHeaderLabels(
            [self.tr("Payment"), self.tr("Expected"), self.tr("Counted"), self.tr("Over / short"),
             self.tr("First count")]
        )
        edit = self.reason.lineEdit()  # an editable combo box: it has one
        assert edit is not None
        edit.setPlaceholderText(self.tr("Reason for the difference"))
        self.recount_button.setText(self.tr("Recount"))
        self.confirm_button.setText(self.tr("Confirm and close shift"))
        self.close_day_button.setText(self.tr("Close the day (Z report)"))
        self.cancel.setText(self.tr("Close window"))
        if self.form is not None:
            self._show_count_title()
        if self.count_result is not None:
            self._show_result(self.count_result)
        if self.closed_title.text():
            self._show_closed()
        self._show_tickets()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "cancel"):
            self.retranslate()
        super().changeEvent(event)

    # -- flow ----------------------------------------------------------------------------------
    def _load_start(self) -> tuple[Any, list[Any]]:
        shifts = self.ctx.shifts
        return shifts.current(), shifts.tickets_at_close()

    def _started(self, loaded: tuple[Any, list[Any]]) -> None:
        self.pages.setEnabled(True)
        shift, tickets = loaded
        if shift is None:
            self._go(self.CLOSED)
            self._show_closed()
            return
        self._tickets_loaded(tickets)

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        default = {
            self.TICKETS: self.continue_button,
            self.COUNT: self.submit_button,
            self.RESULT: self.confirm_button,
            self.CLOSED: self.close_day_button,
        }[page]
        default.setDefault(True)

    def _refused(self, error: BaseException) -> None:
        self.pages.setEnabled(True)
        self.message.setText(describe(error))

    def _busy(self) -> None:
        self.message.clear()
        self.pages.setEnabled(False)

    def _tickets_loaded(self, tickets: list[Any]) -> None:
        self.pages.setEnabled(True)
        self.tickets = tickets
        self.kept &= {t.ticket_id for t in tickets}
        if not tickets:
            self.start_count()
            return
        self._show_tickets()
        self._go(self.TICKETS)

    def _show_tickets(self) -> None:
        self.tickets_table.setRowCount(len(self.tickets))
        for row, t in enumerate(self.tickets):
            if t.ticket_id in self.kept:
                state = self.tr("kept for next shift")
            else:
                state = self.tr("open (on the sale screen)") if t.status == "open" else self.tr("held")
            self.tickets_table.setItem(row, 0, cell(t.label))
            self.tickets_table.setItem(row, 1, cell(state))
            self.tickets_table.setItem(row, 2, cell(str(t.item_count), right=True))
            self.tickets_table.setItem(row, 3, cell(format_money(t.total), right=True))
        if self.tickets and self.tickets_table.currentRow() < 0:
            self.tickets_table.selectRow(0)
        self.continue_button.setEnabled(all(t.ticket_id in self.kept for t in self.tickets))

    def _selected_ticket(self) -> Any:
        row = self.tickets_table.currentRow()
        if 0 <= row < len(self.tickets):
            return self.tickets[row]
        self.message.setText(self.tr("Select a ticket first."))
        return None

    def _reload_tickets(self, _result: Any = None) -> None:
        self._runner.submit(
            self.ctx.shifts.tickets_at_close, on_result=self._tickets_loaded, on_error=self._refused
        )

    def void_ticket(self) -> None:
        ticket = self._selected_ticket()
        if ticket is None:
            return
        self._busy()
        if ticket.status == "held":
            self._runner.submit(
                self.ctx.shifts.void_held_ticket,
                self._session,
                ticket.ticket_id,
                on_result=self._reload_tickets,
                on_error=self._refused,
            )
            return
        checkout = self.ctx.checkout
        run_with_approval(
            self,
            self.ctx.auth,
            self._runner,
            checkout.void_ticket,
            permission="void_after_total",
            action_text=self.tr("Void ticket {0}").format(ticket.label),
            reason="void at shift close",
            on_result=self._reload_tickets,
            on_error=self._refused,
        )

    def keep_ticket(self) -> None:
        ticket = self._selected_ticket()
        if ticket is None:
            return
        if ticket.status == "held":
            self.kept.add(ticket.ticket_id)
            self._show_tickets()
            return
        self._busy()  # the open ticket is held so that the next shift can recall it

        def held(_snap: Any) -> None:
            self.kept.add(ticket.ticket_id)
            self._reload_tickets()

        self._runner.submit(self.ctx.checkout.hold, on_result=held, on_error=self._refused)

    def start_count(self) -> None:
        self._busy()
        self._runner.submit(self.ctx.shifts.count_form, on_result=self._show_form, on_error=self._refused)

    def _show_form(self, form: Any) -> None:
        self.pages.setEnabled(True)
        self.form = form
        new_kinds = [k for k in form.tender_kinds if k != "cash" and k not in self.tender_fields]
        for kind in new_kinds:  # a tender first used during the shift gets its field on the next count
            row = len(self.tender_fields)
            label = QLabel(tender_name(kind), self)
            label.setAlignment(RIGHT)
            field = QLineEdit(self)
            field.setObjectName(f"tender_{kind}")
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText("0.00")
            field.setMaximumWidth(220)
            self.tender_grid.addWidget(label, row, 0)
            self.tender_grid.addWidget(field, row, 1)
            self.tender_fields[kind], self.tender_labels[kind] = field, label
        if new_kinds or self._enter_moves is None:
            if self._enter_moves is not None:
                self._enter_moves.deleteLater()  # its event filters go with it
            self.tender_grid.setColumnStretch(0, 1)
            self._enter_moves = EnterMovesOn(
                [*self.counter.fields.values(), *self.tender_fields.values()], self
            )
        self.counter.clear()
        for field in self.tender_fields.values():
            field.clear()
        self._show_count_title()
        self._update_cash_total()
        self._go(self.COUNT)
        self.counter.fields[self.counter.denominations[0].code].setFocus()

    def _show_count_title(self) -> None:
        self.count_title.setText(self.tr("Blind count · attempt {0}").format(self.form.attempt_no))

    def _update_cash_total(self) -> None:
        total = self.counter.total()
        self.cash_total.setText("—" if total is None else format_money(total))
        self.message.setText(self.counter.error())

    def submit_count(self) -> None:
        if self.counter.error():
            self.message.setText(self.counter.error())
            return
        totals = {kind: f.text().strip() or "0" for kind, f in self.tender_fields.items()}
        self._busy()
        self._runner.submit(
            self.ctx.shifts.submit_count,
            self._session,
            self.counter.counts(),
            totals,
            keep_held=bool(self.kept),
            on_result=self._counted,
            on_error=self._refused,
        )

    def _counted(self, result: Any) -> None:
        self.pages.setEnabled(True)
        self.reason.clear()
        self.reason.addItems(
            [
                "",
                self.tr("Coins miscounted"),
                self.tr("Change given wrongly"),
                self.tr("Payment keyed on the wrong tender"),
            ]
        )
        self._show_result(result)
        self._go(self.RESULT)
        self.result_table.setColumnHidden(self.FIRST_COUNT, True)
        if result.attempt_no > 1 and self._session is not None and self._session.can("close_shift"):
            # Only now, after the recount was submitted blind, and only to a manager.
            self._runner.submit(self.ctx.shifts.count_attempts, result.shift_id, on_result=self._show_first_count,
                                on_error=self._refused)

    def _show_first_count(self, attempts: list[Any]) -> None:
        if not attempts or self.count_result is None or attempts[0].count_id == self.count_result.count_id:
            return
        first = {v.kind: v.counted_fen for v in attempts[0].variances}
        for row, v in enumerate(self.count_result.variances):
            self.result_table.setItem(row, self.FIRST_COUNT, cell(_yuan(first.get(v.kind, 0), self.ctx.config.currency), right=True))
        self.result_table.setColumnHidden(self.FIRST_COUNT, False)

    def _show_result(self, result: Any) -> None:
        self.count_result = result
        self.result_title.setText(self.tr("Count result · attempt {0}").format(result.attempt_no))
        self.result_table.setRowCount(len(result.variances))
        for row, v in enumerate(result.variances):
            colour = over_short_colour(v.difference_fen)
            self.result_table.setItem(row, 0, cell(tender_name(v.kind)))
            self.result_table.setItem(row, 1, cell(_yuan(v.expected_fen, self.ctx.config.currency), right=True))
            self.result_table.setItem(row, 2, cell(_yuan(v.counted_fen, self.ctx.config.currency), right=True))
            self.result_table.setItem(row, 3, cell(signed_money(v.difference_fen, self.ctx.config.currency), right=True, colour=colour))
        total = result.over_short_fen
        if total < 0:
            text = self.tr("Short by {0}").format(_yuan(-total, self.ctx.config.currency))
        elif total > 0:
            text = self.tr("Over by {0}").format(_yuan(total, self.ctx.config.currency))
        else:
            text = self.tr("Balanced")
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {over_short_colour(total)};")
        self.approval_note.setText(
            self.tr("Beyond the tolerance: recount, or give a reason; a manager must approve the close.")
            if result.needs_approval
            else self.tr("Within the tolerance.")
        )
        self.reason.setVisible(result.needs_approval)

    def recount(self) -> None:
        """A new attempt from empty fields; the service keeps every earlier one."""
        self.count_result = None
        self.start_count()

    def confirm_close(self) -> None:
        result = self.count_result
        reason = self.reason.currentText().strip()
        if result.needs_approval and not reason:
            self.message.setText(self.tr("Give a reason for the difference first."))
            self.reason.setFocus()
            return
        shifts, session, keep = self.ctx.shifts, self._session, bool(self.kept)
        self._busy()
        run_with_approval(
            self,
            self.ctx.auth,
            self._runner,
            lambda approval: shifts.confirm_close(session, result.count_id, reason, approval, keep_held=keep),
            permission="close_shift",
            action_text=self.tr("Close the shift {0}").format(signed_money(result.over_short_fen, self.ctx.config.currency)),
            reason=reason,
            on_result=self._closed,
            on_error=self._refused,
            needs_approval=lambda e: getattr(e, "code", "") == "shift.variance_needs_approval",
        )

    def _closed(self, shift: Any) -> None:
        self.pages.setEnabled(True)
        self.closed = shift
        self._show_closed()
        self._go(self.CLOSED)
        self.shiftClosed.emit(shift)

    def _show_closed(self) -> None:
        if self.closed is None:
            self.closed_title.setText(self.tr("No shift is open"))
            self.closed_text.setText(self.tr("You can close the business day of the last shift (Z report)."))
            return
        self.closed_title.setText(self.tr("Shift closed"))
        over_short = self.count_result.over_short_fen if self.count_result is not None else 0
        self.closed_text.setText(
            self.tr(
                "Business day {0}: the shift is closed with {1} over/short. If no other shift works "
                "today, close the day now: the Z report is printed and sent to the platform."
            ).format(self.closed.business_date.isoformat(), signed_money(over_short, self.ctx.config.currency))
        )

    def close_day(self) -> None:
        reports, session = self.ctx.reports, self._session
        day = self.closed.business_date if self.closed is not None else None
        self._busy()
        run_with_approval(
            self,
            self.ctx.auth,
            self._runner,
            lambda approval: reports.close_day(session, day, approval),
            permission="close_shift",
            action_text=self.tr("Close the business day (Z report)"),
            reason="end of day",
            on_result=self._day_closed,
            on_error=self._refused,
        )

    def _day_closed(self, report: Any) -> None:
        self.pages.setEnabled(True)
        self.z_report = report
        self.close_day_button.setEnabled(False)
        self.message.clear()
        self.dayClosed.emit(report)
        ReportDialog(self.ctx.reports, self._runner, report, self, self._session).exec()
