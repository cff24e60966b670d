"""The manager's reports: a day's sales by hour (bar chart and table), and for a date range the
tender mix, top products, per-cashier totals and the over/short history; each exports to CSV.

All queries and the CSV write run in the worker; the screen only renders the rows it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import to_minor
from pos_app.services.reports import write_csv
from pos_app.ui.cart_model import format_money
from pos_app.ui.chart import BarChart
from pos_app.ui.messages import describe
from pos_app.ui.shift_common import (
    cell,
    make_table,
    over_short_colour,
    signed_money,
    tender_name,
)
from pos_app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from pos_app.services.auth import StaffSession
    from pos_app.services.reports import ReportService

TABS = ("hours", "tenders", "products", "cashiers", "overshort", "returns")


@dataclass(frozen=True)
class ReportData:
    day: date
    hours: list[Any]
    tenders: list[Any]
    products: list[Any]
    cashiers: list[Any]
    overshort: list[Any]
    returns: list[Any]


def load_reports(reports: ReportService, session: StaffSession, day: date, start: date, end: date) -> ReportData:
    """Every query of the screen, in one worker call (the range is checked by the service)."""
    return ReportData(
        day,
        reports.sales_by_hour(session, day),
        reports.tender_mix(session, start, end),
        reports.top_products(session, start, end),
        reports.cashier_totals(session, start, end),
        reports.over_short_history(session, start, end),
        reports.returns(session, start, end),
    )


def _money(value: Decimal) -> str:
    return format_money(value)


class ReportsScreen(QWidget):
    """`closed` when the manager leaves the screen (the window shows the previous one)."""

    closed = Signal()

    def __init__(self, reports: ReportService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsScreen")
        self._reports, self._runner = reports, runner
        self.data: ReportData | None = None
        today = QDate.currentDate()
        self.day = self._date_edit("reportDate", today)
        self.start = self._date_edit("rangeStart", today.addDays(-6))
        self.end = self._date_edit("rangeEnd", today)
        self.day_label, self.range_label, self.to_label = QLabel(self), QLabel(self), QLabel(self)
        self.refresh_button = self._button("refreshReportsButton", self.refresh, primary=True)
        self.export_button = self._button("exportCsvButton", self.export_csv)
        self.back_button = self._button("reportsBackButton", self.closed.emit)
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.message = QLabel(self)
        self.message.setObjectName("reportsMessage")
        self.message.setWordWrap(True)

        self.chart = BarChart(self, label_every=3, value_format=_money)
        self.chart.setObjectName("salesByHourChart")
        self.tables = {
            "hours": make_table(self, "hoursTable", 3),
            "tenders": make_table(self, "tenderMixTable", 4),
            "products": make_table(self, "topProductsTable", 5),
            "cashiers": make_table(self, "cashierTotalsTable", 3),
            "overshort": make_table(self, "overShortTable", 8),
            "returns": make_table(self, "returnsTable", 5),
        }
        hours_page = QSplitter(Qt.Orientation.Vertical, self)
        hours_page.setObjectName("hoursPage")
        hours_page.addWidget(self.chart)
        hours_page.addWidget(self.tables["hours"])
        hours_page.setSizes([320, 260])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(hours_page, "")
        for key in TABS[1:]:
            self.tabs.addTab(self.tables[key], "")

        controls = QHBoxLayout()
        for w in (
            self.day_label,
            self.day,
            self.range_label,
            self.start,
            self.to_label,
            self.end,
            self.refresh_button,
        ):
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        controls.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.title)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.retranslate()

    def _date_edit(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumWidth(150)  # three of them and the buttons fit a 1024-wide screen
        return edit

    def _button(self, name: str, slot: Any, primary: bool = False) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reports"))
        self.day_label.setText(self.tr("Day"))
        self.range_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.refresh_button.setText(self.tr("Show"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.back_button.setText(self.tr("Back"))
        names = [
            self.tr("Sales by hour"),
            self.tr("Payment mix"),
            self.tr("Top products"),
            self.tr("Cashiers"),
            self.tr("Over / short"),
            self.tr("Returns"),
        ]
        for i, name in enumerate(names):
            self.tabs.setTabText(i, name)
        headers = {
            "hours": [self.tr("Hour"), self.tr("Sales"), self.tr("Amount")],
            "tenders": [self.tr("Payment"), self.tr("Payments"), self.tr("Amount"), self.tr("Share")],
            "products": [
                self.tr("Product"),
                self.tr("SKU"),
                self.tr("Quantity"),
                self.tr("Lines"),
                self.tr("Amount"),
            ],
            "cashiers": [self.tr("Cashier"), self.tr("Sales"), self.tr("Amount")],
            "overshort": [
                self.tr("Business day"),
                self.tr("Cashier"),
                self.tr("Payment"),
                self.tr("Expected"),
                self.tr("Counted"),
                self.tr("Over / short"),
                self.tr("Counts"),
                self.tr("Reason"),
            ],
            "returns": [self.tr("Return"), self.tr("Kind"), self.tr("Receipt"), self.tr("Refund"), self.tr("Reasons")],
        }
        for key, labels in headers.items():
            self.tables[key].setHorizontalHeaderLabels(labels)
        if self.data is not None:
            self._show(self.data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "tables"):
            self.retranslate()
        super().changeEvent(event)

    # -- loading -------------------------------------------------------------------------------
    def activate(self, session: StaffSession | None = None) -> None:
        """Called when the window shows the screen: load the chosen day and range for `session`."""
        self._session = session
        self.refresh()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("Loading…"))
        self._runner.submit(
            load_reports,
            self._reports,
            getattr(self, "_session", None),
            self.day.date().toPython(),
            self.start.date().toPython(),
            self.end.date().toPython(),
            on_result=self._loaded,
            on_error=self._refused,
        )

    def _loaded(self, data: ReportData) -> None:
        self.refresh_button.setEnabled(True)
        self.message.clear()
        self._show(data)

    def _refused(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.message.setText(describe(error))

    def _fill(self, key: str, rows: list[list[tuple[str, bool, str | None]]]) -> None:
        table = self.tables[key]
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, (text, right, colour) in enumerate(cells):
                table.setItem(r, c, cell(text, right, colour))

    def _show(self, data: ReportData) -> None:
        self.data = data
        by_hour = {h.hour: h for h in data.hours}
        self.chart.set_bars(
            [(f"{h:02d}", by_hour[h].amount if h in by_hour else Decimal(0)) for h in range(24)]
        )
        self._fill(
            "hours",
            [
                [
                    (f"{h.hour:02d}:00", False, None),
                    (str(h.sales), True, None),
                    (_money(h.amount), True, None),
                ]
                for h in data.hours
            ],
        )
        self._fill(
            "tenders",
            [
                [
                    (tender_name(t.kind), False, None),
                    (str(t.payments), True, None),
                    (_money(t.amount), True, None),
                    (f"{t.share_percent}%", True, None),
                ]
                for t in data.tenders
            ],
        )
        self._fill(
            "products",
            [
                [
                    (p.name, False, None),
                    (p.sku, False, None),
                    (f"{p.quantity.normalize():f}", True, None),
                    (str(p.lines), True, None),
                    (_money(p.amount), True, None),
                ]
                for p in data.products
            ],
        )
        self._fill(
            "cashiers",
            [
                [(c.name, False, None), (str(c.sales), True, None), (_money(c.amount), True, None)]
                for c in data.cashiers
            ],
        )
        self._fill(
            "overshort",
            [
                [
                    (o.business_date.isoformat(), False, None),
                    (o.cashier, False, None),
                    (tender_name(o.tender), False, None),
                    (_money(o.expected), True, None),
                    (_money(o.counted), True, None),
                    (signed_money(to_minor(o.difference, self._reports.config.currency), self._reports.config.currency), True, over_short_colour(o.difference)),
                    (str(o.attempts), True, None),
                    (o.reason, False, None),
                ]
                for o in data.overshort
            ],
        )
        kinds = {"receipt": self.tr("Return"), "no_receipt": self.tr("No receipt"), "exchange": self.tr("Exchange")}
        self._fill(
            "returns",
            [
                [
                    (r.return_no, False, None),
                    (kinds.get(r.kind, r.kind), False, None),
                    (r.original_receipt_no or "", False, None),
                    (_money(r.amount), True, None),
                    (r.reasons, False, None),
                ]
                for r in data.returns
            ],
        )
        returned = sum((r.amount for r in data.returns), Decimal(0))
        self.tabs.setTabText(TABS.index("returns"), self.tr("Returns · {0}").format(_money(returned)))
        total = sum((h.amount for h in data.hours), Decimal(0))
        self.tabs.setTabText(0, self.tr("Sales by hour · {0}").format(_money(total)))

    # -- export --------------------------------------------------------------------------------
    def current_rows(self) -> list[Any]:
        if self.data is None:
            return []
        return list(getattr(self.data, TABS[self.tabs.currentIndex()]))

    def export_csv(self) -> None:
        """Ask where (a Qt file dialog, named for automation), then write the current tab's rows."""
        rows = self.current_rows()
        if not rows:
            self.message.setText(self.tr("Nothing to export: load a report with rows first."))
            return
        dialog = QFileDialog(self, self.tr("Export CSV"))
        dialog.setObjectName("exportCsvFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"{TABS[self.tabs.currentIndex()]}_{self.day.date().toString(Qt.DateFormat.ISODate)}.csv")
        if not dialog.exec() or not dialog.selectedFiles():
            return
        path = Path(dialog.selectedFiles()[0])
        self.export_button.setEnabled(False)
        self._runner.submit(write_csv, rows, path, on_result=self._exported, on_error=self._export_failed)

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.message.setText(self.tr("Saved {0}").format(str(path)))

    def _export_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self.export_button.setEnabled(True)
            self.message.setText(
                self.tr("The file could not be written: {0}").format(error.strerror or str(error))
            )
            return
        self._refused(error)
