"""Manager reports (by hour, tender mix, top products, cashiers, over/short), CSV export, the
printed Z and the `pos-app report` commands, on a real database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from pos_app.cli import main
from pos_app.services.demo_catalog import gtin13
from pos_app.services.reports import BadDateRange, report_document, to_csv, write_csv
from tests_support import user_id

COLA = gtin13("690000000001")  # 3.00
OIL = gtin13("690000000023")  # 69.90
DAY = date(2026, 11, 23)


@pytest.fixture
def closed_day(app, signed_in):
    cashier = signed_in
    li_na = cashier.user
    app.shifts.open_shift(li_na, {"note_10": 10}, business_date=DAY)
    for hour, code, kind, amount in ((1, COLA, "cash", "3"), (1, COLA, "cash", "3"), (2, OIL, "card", "69.90")):
        app.checkout.clock = lambda h=hour: datetime(2026, 11, 23, h, 15, tzinfo=UTC)  # 09:15 / 10:15 Beijing
        cashier.scan(code)
        cashier.add_tender(kind, amount, "B1" if kind == "card" else None)
        cashier.complete()
    result = app.shifts.submit_count(li_na, {"note_10": 10, "coin_1": 5}, {"card": "69.90"})  # 1.00 short
    app.shifts.confirm_close(li_na, result.count_id)
    app.reports.close_day(app.auth.login(user_id(app, "Wang Qiang"), "8888"), DAY)
    return app


def MANAGER(app):
    """The manager's session: reports need the REPORTS permission."""
    return app.auth.login(user_id(app, "Wang Qiang"), "8888")


def test_manager_reports_of_a_day(closed_day, monkeypatch):
    app = closed_day
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time

    time.tzset()
    try:
        hours = app.reports.sales_by_hour(MANAGER(app), DAY)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [(h.hour, h.sales, h.amount) for h in hours] == [(9, 2, Decimal("6.00")), (10, 1, Decimal("69.90"))]
    mix = app.reports.tender_mix(MANAGER(app), DAY, DAY)
    assert [(m.kind, m.payments, m.amount, m.share_percent) for m in mix] == [
        ("card", 1, Decimal("69.90"), Decimal("92.1")), ("cash", 2, Decimal("6.00"), Decimal("7.9"))]
    top = app.reports.top_products(MANAGER(app), DAY, DAY, limit=1)
    assert [(p.quantity, p.lines, p.amount) for p in top] == [(Decimal("1"), 1, Decimal("69.90"))]
    assert [p.quantity for p in app.reports.top_products(MANAGER(app), DAY, DAY)] == [Decimal("1"), Decimal("2")]
    cashiers = app.reports.cashier_totals(MANAGER(app), DAY, DAY)
    assert [(c.sales, c.amount) for c in cashiers] == [(3, Decimal("75.90"))] and "Li Na" in cashiers[0].name
    history = app.reports.over_short_history(MANAGER(app), DAY, DAY)
    assert [(h.tender, h.difference) for h in history] == [("cash", Decimal("-1.00")), ("card", Decimal("0.00"))]
    with pytest.raises(BadDateRange):
        app.reports.tender_mix(MANAGER(app), DAY, date(2026, 11, 1))


def test_csv_export_is_exact_and_opens_in_excel(closed_day, tmp_path):
    rows = closed_day.reports.cashier_totals(MANAGER(closed_day), DAY, DAY)
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert parsed[0]["amount"] == "75.90" and parsed[0]["sales"] == "3"
    path = write_csv(closed_day.reports.over_short_history(MANAGER(closed_day), DAY, DAY), tmp_path / "os.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert to_csv([]) == ""


def test_z_prints_and_reprints_as_stored(closed_day):
    app = closed_day
    printed = []
    app.reports.print_document = lambda doc, kind: printed.append((doc, kind))
    z = app.reports.reprint_z(MANAGER(app), DAY)
    doc, kind = printed[0]
    texts = [getattr(b, "text", "") for b in doc.blocks] + [getattr(b, "left", "") for b in doc.blocks]
    assert kind == "report" and "重印 COPY" in texts and f"Z 日结 No.{z.z_no}" in texts
    assert report_document(z, app.config).blocks[-1] == doc.blocks[-1]


def test_cli_prints_x_and_z(closed_day, capsys, tmp_path):
    app = closed_day
    data_dir = str(app.data_dir)
    app.close()
    assert main(["--config", str(tmp_path / "none.toml"), "--data-dir", data_dir, "report", "z",
                 "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Z 日结 No.1" in out and "75.90" in out and "Over/short total" in out
    assert main(["--config", str(tmp_path / "none.toml"), "--data-dir", data_dir, "report", "x"]) == 1
    assert "No shift is open" in capsys.readouterr().err
    assert main(["--config", str(tmp_path / "none.toml"), "--data-dir", data_dir, "report", "z",
                 "--date", "2026-11-24"]) == 1
    assert "no Z report" in capsys.readouterr().err
