"""The manager's reports screen on real sales: the hourly bar chart has bars, the tables fill,
a reversed date range is refused, and the CSV export writes a file that reads back."""

from __future__ import annotations

import csv
from decimal import Decimal

from gui_helpers import PACKAGED, child
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QTableWidget, QTabWidget, QWidget

from pos_app.ui.reports_screen import ReportsScreen
from pos_app.ui.workers import TaskRunner


def test_reports_chart_tables_and_csv_export(qtbot, till_qapp, make_ctx, on_dialog, tmp_path):
    ctx = make_ctx("en")
    cashier = ctx.auth.login("demo-staff-0001", "1111")
    ctx.checkout.set_user(cashier)
    ctx.shifts.open_shift(cashier, {"note_100": 2})
    totals = []
    for product, tender in ((PACKAGED[0], "cash"), (PACKAGED[1], "card"), (PACKAGED[0], "cash")):
        snap = ctx.checkout.scan(product.gtins[0])
        ctx.checkout.add_tender(tender, str(snap.total), "B-1" if tender == "card" else None)
        ctx.checkout.complete()
        totals.append(snap.total)

    runner = TaskRunner()
    screen = ReportsScreen(ctx.reports, runner)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activate(ctx.auth.login("demo-staff-0008", "8888"))  # reports need a manager's session
    chart = child(screen, QWidget, "salesByHourChart")
    qtbot.waitUntil(lambda: screen.data is not None, timeout=5000)
    heights = [r.height() for r in chart.bar_rects()]
    assert len(heights) == 24 and sum(h > 0 for h in heights) >= 1
    assert sum(v for _, v in chart.bars()) == sum(totals)
    hours = child(screen, QTableWidget, "hoursTable")
    assert sum(int(hours.item(r, 1).text()) for r in range(hours.rowCount())) == 3
    mix = child(screen, QTableWidget, "tenderMixTable")
    assert {mix.item(r, 0).text() for r in range(mix.rowCount())} == {"Cash", "Bank card (batch total)"}
    cashiers = child(screen, QTableWidget, "cashierTotalsTable")
    assert cashiers.rowCount() == 1 and "Li Na" in cashiers.item(0, 0).text()
    assert cashiers.item(0, 2).text() == f"¥{sum(totals):,.2f}"

    target = tmp_path / "export" / "by_hour.csv"
    target.parent.mkdir()

    def save_as(dialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    on_dialog("exportCsvFileDialog", save_as)
    QTest.mouseClick(child(screen, QPushButton, "exportCsvButton"), Qt.MouseButton.LeftButton)
    message = child(screen, QLabel, "reportsMessage")
    qtbot.waitUntil(lambda: message.text().startswith("Saved "), timeout=5000)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sum(int(r["sales"]) for r in rows) == 3
    assert sum(Decimal(r["amount"]) for r in rows) == sum(totals)

    child(screen, QTabWidget, "reportTabs").setCurrentIndex(3)  # cashiers
    cashier_csv = tmp_path / "export" / "cashiers.csv"
    on_dialog("exportCsvFileDialog", lambda d: (d.selectFile(str(cashier_csv)), d.accept()))
    QTest.mouseClick(child(screen, QPushButton, "exportCsvButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cashier_csv.exists() and message.text().startswith("Saved "), timeout=5000)
    assert "李娜 Li Na" in cashier_csv.read_text(encoding="utf-8-sig")

    start = child(screen, QDateEdit, "rangeStart")
    start.setDate(QDate.currentDate().addDays(3))  # after the end date
    QTest.mouseClick(child(screen, QPushButton, "refreshReportsButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is after the end date" in message.text(), timeout=5000)
    assert screen.data.cashiers  # the last good figures stay on screen
    runner.wait(5000)
