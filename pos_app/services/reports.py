"""X and Z reports, the manager's sales reports, and their printed, terminal and CSV forms.

The X report reads a shift's figures at any moment and closes nothing. The Z report closes a
till's business day: it is numbered without gaps inside its own write transaction, stored once as
JSON plus key columns (no update path here; triggers refuse UPDATE and DELETE), queued for the
platform in the same transaction, and every later view or reprint renders that stored JSON, so a
reprint is the report that was written, whatever happened to the data since.

Just over 500 lines: the X/Z reports and their printed, terminal and CSV forms read the same
figures; the figures are computed in `shift_figures`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from hardware.receipt.document import Block, Columns, Cut, Document, Feed, Rule, Text
from hardware.receipt.layout import text_width
from pos_app.config import Config
from pos_app.domain.errors import PosError
from pos_app.domain.money import from_minor
from pos_app.domain.permissions import ManagerApproval, Permission
from pos_app.domain.tenders import TenderKindRegistry
from pos_app.services.auth import StaffSession, authorize, require_permission, require_session
from pos_app.services.shift import NoOpenShift, PrintDocument
from pos_app.services.shift_figures import (
    Figures,
    TenderVariance,
    compute,
    figures_from_dict,
    variances,
    variances_from_dicts,
)
from pos_app.store.repositories.shifts import Scope, ShiftRecord
from pos_app.store.uow import Database, UnitOfWork


class ZReportExists(PosError):
    code = "report.z_exists"
    template = "Business day {business_date} already has Z report No. {z_no}; reprint it instead."


class ShiftsStillOpen(PosError):
    code = "report.shifts_open"
    template = "Business day {business_date} still has an open shift; close it with a count first."


class NoShiftsForDay(PosError):
    code = "report.no_shifts"
    template = "No shift was worked on business day {business_date}; there is nothing to close."


class NoZReport(PosError):
    code = "report.no_z"
    template = "There is no Z report for business day {business_date}."


class BadDateRange(PosError):
    code = "report.bad_range"
    template = "The report range {start} to {end} is invalid: the start must not be after the end."


@dataclass(frozen=True)
class Report:
    """An X (one shift, live) or Z (one business day, stored) report."""

    kind: str  # "X" | "Z"
    store_id: str
    till_id: str
    business_date: str
    z_no: int | None
    generated_at: datetime
    opened_at: datetime
    closed_at: datetime | None
    shift_ids: tuple[str, ...]
    figures: Figures
    variances: tuple[TenderVariance, ...]  # empty until counted

    @property
    def cash_counted_fen(self) -> int:
        return next((v.counted_fen for v in self.variances if v.kind == "cash"), 0)

    @property
    def over_short_fen(self) -> int:
        return sum(v.difference_fen for v in self.variances)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for key in ("generated_at", "opened_at", "closed_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["shift_ids"] = list(self.shift_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        def when(key: str) -> datetime | None:
            return datetime.fromisoformat(data[key]) if data.get(key) else None

        def at(key: str) -> datetime:
            return datetime.fromisoformat(data[key])

        return cls(data["kind"], data["store_id"], data["till_id"], data["business_date"], data["z_no"],
                   at("generated_at"), at("opened_at"), when("closed_at"), tuple(data["shift_ids"]),
                   figures_from_dict(data["figures"]), variances_from_dicts(data["variances"]))


@dataclass(frozen=True)
class ZSummary:
    z_no: int
    business_date: date
    created_at: datetime
    net_sales: Decimal
    over_short: Decimal


@dataclass(frozen=True)
class HourRow:
    hour: int  # local time, 0-23
    sales: int
    amount: Decimal


@dataclass(frozen=True)
class TenderMixRow:
    kind: str
    payments: int
    amount: Decimal
    share_percent: Decimal


@dataclass(frozen=True)
class ProductRow:
    sku: str
    name: str
    quantity: Decimal
    lines: int
    amount: Decimal


@dataclass(frozen=True)
class CashierRow:
    cashier_id: str
    name: str
    sales: int
    amount: Decimal


@dataclass(frozen=True)
class OverShortRow:
    business_date: date
    shift_id: str
    cashier: str
    closed_at: datetime
    tender: str
    expected: Decimal
    counted: Decimal
    difference: Decimal
    attempts: int
    reason: str
    approved_by: str


def _yuan(fen: int) -> str:
    return f"{from_minor(fen)}"


class ReportService:
    def __init__(self, db: Database, config: Config, till_key: str, *,
                 tender_kinds: TenderKindRegistry | None = None,
                 tolerance_fen: int = 200,
                 clock: Callable[[], datetime] | None = None,
                 print_document: PrintDocument | None = None):
        self.db = db
        self.config = config
        self.till_key = till_key
        self.tender_kinds = tender_kinds or TenderKindRegistry()
        self.tolerance_fen = tolerance_fen
        self.clock = clock or (lambda: datetime.now(UTC))
        self.print_document = print_document

    # -- X ---------------------------------------------------------------------------------------
    def x_report(self, session: StaffSession, shift_id: str | None = None) -> Report:
        """The open shift's figures now (or a given shift's); writes nothing."""
        require_permission(session, Permission.REPORTS)
        now = self.clock()
        with self.db.uow(read_only=True) as uow:
            shift = uow.shifts.get(shift_id) if shift_id else uow.shifts.open_for(self.till_key)
            if shift is None:
                raise NoOpenShift()
            figures = compute(uow, Scope(self.till_key, (shift.id,)), [shift], self.tender_kinds, now,
                              self.config.currency)
            count = uow.shifts.count(shift.close_count_id) if shift.close_count_id else None
        lines = variances(count.expected, count.counted, self.tolerance_fen, self.config.currency) if count else ()
        return Report("X", self.config.store_id, self.config.till_id, shift.business_date, None, now,
                      shift.opened_at, shift.closed_at, (shift.id,), figures, lines)

    def print_x(self, session: StaffSession, shift_id: str | None = None) -> Report:
        require_permission(session, Permission.REPORTS)
        report = self.x_report(session, shift_id)
        self._print(report_document(report, self.config), "report")
        return report

    # -- Z ---------------------------------------------------------------------------------------
    def close_day(self, session: StaffSession, business_date: date | None = None,
                  approval: ManagerApproval | None = None) -> Report:
        """Write the Z report of a business day (default: the last shift's) and queue it for the platform."""
        approval = authorize(session, Permission.CLOSE_SHIFT, approval)
        now = self.clock()
        with self.db.uow() as uow:
            if business_date is None:
                last = uow.shifts.last(self.till_key)
                if last is None:
                    raise NoShiftsForDay(business_date="(none)")
                day = last.business_date
            else:
                day = business_date.isoformat()
            existing = uow.shifts.z_for_date(self.till_key, day)
            if existing is not None:
                raise ZReportExists(business_date=day, z_no=existing.z_no)
            shifts = uow.shifts.for_date(self.till_key, day)
            if not shifts:
                raise NoShiftsForDay(business_date=day)
            if any(s.status != "closed" for s in shifts):
                raise ShiftsStillOpen(business_date=day)
            ids = tuple(s.id for s in shifts)
            figures = compute(uow, Scope(self.till_key, ids, day), shifts, self.tender_kinds, now, self.config.currency)
            lines = self._day_variances(uow, shifts)
            report = Report("Z", self.config.store_id, self.config.till_id, day, None, now,
                            min(s.opened_at for s in shifts), max(s.closed_at for s in shifts if s.closed_at),
                            ids, figures, lines)
            approver = approval.approver_id if approval else None
            record = uow.shifts.add_z(self.till_key, day, session.user_id, approver, now, report.to_dict(), {
                "sale_count": figures.sale_count, "gross_sales_fen": figures.gross_sales_fen,
                "discounts_fen": figures.discounts_fen, "net_sales_fen": figures.net_sales_fen,
                "tax_fen": figures.tax_fen, "cash_expected_fen": figures.cash_expected_fen,
                "cash_counted_fen": report.cash_counted_fen, "over_short_fen": report.over_short_fen,
                "first_receipt_no": figures.first_receipt_no, "last_receipt_no": figures.last_receipt_no,
            })
            report = dataclasses.replace(report, z_no=record.z_no)
            uow.outbox.add("z_report", f"{self.till_key}-{day}", wire_payload(report))
            uow.audit.add(self.till_key, "z_report.created", session.user_id, approver_id=approver,
                          ref_id=record.id, details={"z_no": record.z_no, "business_date": day})
            uow.commit()
        self._print(report_document(report, self.config), "report")
        return report

    def _day_variances(self, uow: UnitOfWork, shifts: list[ShiftRecord]) -> tuple[TenderVariance, ...]:
        expected: dict[str, int] = defaultdict(int)
        counted: dict[str, int] = defaultdict(int)
        for shift in shifts:
            count = uow.shifts.count(shift.close_count_id) if shift.close_count_id else None
            for kind, fen in (count.expected if count else {}).items():
                expected[kind] += fen
            for kind, fen in (count.counted if count else {}).items():
                counted[kind] += fen
        return variances(expected, counted, self.tolerance_fen * len(shifts), self.config.currency)  # each shift may be that far off

    def z_report(self, session: StaffSession, business_date: date) -> Report:
        """The stored Z report of a day, exactly as written."""
        require_permission(session, Permission.REPORTS)
        return self._stored_z(business_date)

    def _stored_z(self, business_date: date) -> Report:
        with self.db.uow(read_only=True) as uow:
            record = uow.shifts.z_for_date(self.till_key, business_date.isoformat())
        if record is None:
            raise NoZReport(business_date=business_date.isoformat())
        return Report.from_dict(record.data)

    def z_reports(self, session: StaffSession, limit: int = 60) -> list[ZSummary]:
        require_permission(session, Permission.REPORTS)
        with self.db.uow(read_only=True) as uow:
            records = uow.shifts.z_list(self.till_key, limit)
        return [ZSummary(r.z_no, date.fromisoformat(r.business_date), r.created_at,
                         from_minor(r.data["figures"]["net_sales_fen"]),
                         from_minor(sum(v["difference_fen"] for v in r.data["variances"]))) for r in records]

    def reprint_z(self, session: StaffSession, business_date: date) -> Report:
        """A copy (marked so) of a closed day's Z: any genuine session may, since the day is closed
        and the count done; the one who closed the day reprints what the close just showed them."""
        require_session(session)
        report = self._stored_z(business_date)
        self._print(report_document(report, self.config, copy=True), "report")
        return report

    def _print(self, document: Document, kind: str) -> None:
        if self.print_document is not None:
            self.print_document(document, kind)

    # -- manager screen ----------------------------------------------------------------------------
    def sales_by_hour(self, session: StaffSession, business_date: date) -> list[HourRow]:
        require_permission(session, Permission.REPORTS)
        offset = datetime.combine(business_date, time(12)).astimezone().utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        with self.db.uow(read_only=True) as uow:
            rows = uow.reports.sales_by_hour(business_date.isoformat(), minutes)
        return [HourRow(h, n, from_minor(fen)) for h, n, fen in rows]

    def tender_mix(self, session: StaffSession, start: date, end: date) -> list[TenderMixRow]:
        require_permission(session, Permission.REPORTS)
        with self.db.uow(read_only=True) as uow:
            rows = uow.reports.tender_mix(*_range(start, end))
        total = sum(fen for _, _, fen in rows)
        return [TenderMixRow(k, n, from_minor(fen),
                             (Decimal(fen * 100) / total).quantize(Decimal("0.1")) if total else Decimal(0))
                for k, n, fen in rows]

    def returns(self, session: StaffSession, start: date, end: date) -> list[ReturnRow]:
        """Every return and exchange of the range, with what it gave back."""
        require_permission(session, Permission.REPORTS)
        with self.db.uow(read_only=True) as uow:
            rows = uow.returns.in_range(*_range(start, end))
        return [ReturnRow(no, kind, original, date.fromisoformat(day), from_minor(fen), reasons or "")
                for no, kind, original, day, fen, reasons in rows]

    def top_products(self, session: StaffSession, start: date, end: date, limit: int = 20) -> list[ProductRow]:
        """Best sellers by amount; quantities summed exactly (weights in kg, pieces)."""
        require_permission(session, Permission.REPORTS)
        with self.db.uow(read_only=True) as uow:
            rows = uow.reports.product_quantities(*_range(start, end))
        agg: dict[str, list[Any]] = {}
        for sku, name, qty, lines, fen in rows:
            entry = agg.setdefault(sku, [name, Decimal(0), 0, 0])
            entry[1] += Decimal(qty) * lines
            entry[2] += lines
            entry[3] += fen
        best = sorted(agg.items(), key=lambda kv: (-kv[1][3], kv[0]))[:limit]
        return [ProductRow(sku, name, qty, lines, from_minor(fen)) for sku, (name, qty, lines, fen) in best]

    def cashier_totals(self, session: StaffSession, start: date, end: date) -> list[CashierRow]:
        require_permission(session, Permission.REPORTS)
        with self.db.uow(read_only=True) as uow:
            rows = uow.reports.cashier_totals(*_range(start, end))
        return [CashierRow(cid, name, n, from_minor(fen)) for cid, name, n, fen in rows]

    def over_short_history(self, session: StaffSession, start: date, end: date) -> list[OverShortRow]:
        """One row per tender of every closed shift in the range, from the confirmed count."""
        require_permission(session, Permission.REPORTS)
        out = []
        with self.db.uow(read_only=True) as uow:
            names = uow.reports.user_names()
            for shift in uow.shifts.closed_between(*_range(start, end)):
                count = uow.shifts.count(shift.close_count_id) if shift.close_count_id else None
                if count is None or shift.closed_at is None:
                    continue
                attempts = count.attempt_no
                for v in variances(count.expected, count.counted, self.tolerance_fen, self.config.currency):
                    out.append(OverShortRow(
                        date.fromisoformat(shift.business_date), shift.id, names.get(shift.opened_by, ""),
                        shift.closed_at, v.kind, from_minor(v.expected_fen), from_minor(v.counted_fen),
                        from_minor(v.difference_fen), attempts, shift.close_reason or "",
                        names.get(shift.close_approver_id or "", "")))
        return out


@dataclass(frozen=True)
class ReturnRow:
    return_no: str
    kind: str  # receipt | no_receipt | exchange
    original_receipt_no: str | None
    business_date: date
    amount: Decimal
    reasons: str


def _range(start: date, end: date) -> tuple[str, str]:
    if start > end:
        raise BadDateRange(start=start.isoformat(), end=end.isoformat())
    return start.isoformat(), end.isoformat()


# -- exports -----------------------------------------------------------------------------------------
def to_csv(rows: Sequence[Any]) -> str:
    """CSV of report rows (dataclasses): a header of field names, amounts as exact yuan strings."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = [f.name for f in dataclasses.fields(rows[0])]
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(getattr(row, f)) for f in fields])
    return out.getvalue()


def write_csv(rows: Sequence[Any], path: Path) -> Path:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens the names correctly."""
    path.write_text(to_csv(rows), encoding="utf-8-sig")
    return path


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


# -- the platform's Z event ------------------------------------------------------------------------
def wire_payload(report: Report) -> dict[str, Any]:
    """The `z_report` outbox payload, shaped as `sync.protocol.ZReport` (the wire's gross sales is
    what the sales charged, so that net = gross - returns holds on the platform)."""
    f = report.figures
    tax: dict[str, int] = defaultdict(int)
    for t in f.tax:
        tax[t.tax_rate] += t.tax_fen
    return {
        "store_id": report.store_id, "till_id": report.till_id, "business_date": report.business_date,
        "z_no": report.z_no, "generated_at": report.generated_at.isoformat(),
        "opened_at": report.opened_at.isoformat(),
        "closed_at": (report.closed_at or report.generated_at).isoformat(),
        "sale_count": f.sale_count, "return_count": f.return_count,
        "gross_sales_fen": f.sales_total_fen, "returns_fen": f.returns_fen, "net_sales_fen": f.net_sales_fen,
        "tax": [{"tax_rate": rate, "tax_fen": fen} for rate, fen in sorted(tax.items())],
        "tenders": [{"kind": t.kind, "amount_fen": t.amount_fen} for t in f.tenders],
        "cash_expected_fen": f.cash_expected_fen, "cash_counted_fen": report.cash_counted_fen,
        "first_receipt_no": f.first_receipt_no, "last_receipt_no": f.last_receipt_no,
    }


# -- printed and terminal forms ------------------------------------------------------------------------
#: Chinese beside each English label: the report is printed on the store's receipt printer and
#: read by managers of either language, like the bilingual receipt (services/receipts.py).
_ZH = {
    "Till": "收银台", "Business date": "营业日", "Opened": "开班", "Closed": "结班", "Printed": "打印",
    "Sales": "笔数", "Gross sales": "销售总额", "Discount": "折扣", "Discounts": "折扣合计",
    "Cash rounding": "抹零", "Sales total": "销售合计", "Returns": "退货", "Net sales": "净销售额",
    "VAT": "增值税", "Tax total": "税额合计", "cash": "现金", "card": "银行卡", "Float": "备用金",
    "Paid in": "存入", "Paid out": "支出", "Drops": "投库", "Pick-ups": "提款", "Expected cash": "应有现金",
    "expected": "应有", "counted": "实点", "over/short": "长短款", "Over/short total": "长短款合计",
    "Voided lines": "作废行", "No-sales": "开钱箱", "Price overrides": "改价", "Manager overrides": "店长授权",
    "First receipt": "首张小票", "Last receipt": "末张小票", "Sales not yet on platform": "未上传平台",
    "wechat_pay": "微信支付", "alipay": "支付宝", "unionpay_qr": "云闪付", "created": "已创建",
    "submitted": "已提交", "paying": "支付中", "reversing": "撤销中", "paid": "已支付", "failed": "失败",
    "reversed": "已撤销",
    "Top-ups by wallet": "扫码储值充值",
}


def _label(*words: str) -> str:
    """`现金 应有 cash expected`: the Chinese words first, then the English ones."""
    chinese = " ".join(_ZH[w] for w in words if w in _ZH)
    return f"{chinese} {' '.join(words)}" if chinese else " ".join(words)


def report_rows(report: Report) -> list[tuple[str, str] | str]:
    """The report as (label, value) rows and section titles: one source for paper and terminal."""
    f = report.figures
    title = f"Z 日结 No.{report.z_no}" if report.kind == "Z" else "X 班结 (shift, not closed)"
    rows: list[tuple[str, str] | str] = [
        title,
        (_label("Till"), f"{report.store_id}-{report.till_id}"), (_label("Business date"), report.business_date),
        (_label("Opened"), _local(report.opened_at)), (_label("Closed"), _local(report.closed_at)),
        (_label("Printed"), _local(report.generated_at)),
        "销售 Sales",
        (_label("Sales"), str(f.sale_count)), (_label("Gross sales"), _yuan(f.gross_sales_fen)),
        *((_label("Discount") + f": {kind}", _yuan(-fen)) for kind, fen in f.discounts_by_kind.items()),
        (_label("Discounts"), _yuan(-f.discounts_fen)), (_label("Cash rounding"), _yuan(f.rounding_fen)),
        (_label("Sales total"), _yuan(f.sales_total_fen)),
        (_label("Returns"), f"{f.return_count} / {_yuan(-f.returns_fen)}"),
        (_label("Net sales"), _yuan(f.net_sales_fen)),
        "税 Tax",
        *((_label("VAT") + f" {t.tax_rate} ({t.tax_code}) / {_yuan(t.gross_fen)}", _yuan(t.tax_fen))
          for t in f.tax),
        (_label("Tax total"), _yuan(f.tax_fen)),
        "收款 Tenders",
        *((f"{_label(t.kind)} x{t.count}", _yuan(t.amount_fen)) for t in f.tenders),
        "钱箱 Drawer",
        (_label("Float"), _yuan(f.float_fen)), (_label("Paid in"), f"{f.paid_in_count} / {_yuan(f.paid_in_fen)}"),
        (_label("Paid out"), f"{f.paid_out_count} / {_yuan(-f.paid_out_fen)}"),
        (_label("Drops"), f"{f.drop_count} / {_yuan(-f.drops_fen)}"),
        (_label("Pick-ups"), f"{f.pickup_count} / {_yuan(-f.pickups_fen)}"),
        (_label("Expected cash"), _yuan(f.cash_expected_fen)),
        *(((_label("Top-ups by wallet"), f"{f.wallet_in_count} / {_yuan(f.wallet_in_fen)}"),)
          if f.wallet_in_count else ()),
    ]
    if report.variances:
        rows.append("点钞 Count")
        for v in report.variances:
            rows += [(_label(v.kind, "expected"), _yuan(v.expected_fen)),
                     (_label(v.kind, "counted"), _yuan(v.counted_fen)),
                     (_label(v.kind, "over/short"), _yuan(v.difference_fen))]
        rows.append((_label("Over/short total"), _yuan(report.over_short_fen)))
    rows += [
        "操作 Activity",
        (_label("Voided lines"), str(f.void_count)), (_label("No-sales"), str(f.no_sale_count)),
        (_label("Price overrides"), f"{f.price_override_count} / {_yuan(-f.price_override_markdown_fen)}"),
        (_label("Manager overrides"), str(f.manager_override_count)),
        (_label("First receipt"), f.first_receipt_no or "-"), (_label("Last receipt"), f.last_receipt_no or "-"),
        (_label("Sales not yet on platform"), str(f.unacknowledged_sales)),
    ]
    if f.accepted_payments:  # accepted at close with the outcome unknown: check with the provider
        rows.append("未结支付 Payments accepted unresolved")
        for a in f.accepted_payments:
            rows += [(f"{_label(a.wallet)} {a.out_trade_no}", _yuan(a.amount_fen)),
                     (f"  {_ZH.get(a.state, a.state)} {a.state}", a.reason)]
    return rows


def _local(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else "-"


def report_document(report: Report, config: Config, copy: bool = False) -> Document:
    blocks: list[Block] = [Text(line, align="center") for line in config.receipt.header[:1]]
    if copy:
        blocks.append(Text("重印 COPY", align="center", bold=True, double_width=True))
    for row in report_rows(report):
        if isinstance(row, str):
            blocks += [Rule(), Text(row, bold=True)]
        else:
            blocks.append(Columns(*row))
    blocks += [Rule(), Text("签字 Signature: ________________"), Feed(2), Cut(partial=True)]
    return Document(tuple(blocks))


def report_text(report: Report, width: int = 48) -> str:
    lines = []
    for row in report_rows(report):
        if isinstance(row, str):
            lines += ["-" * width, row]
        else:
            label, value = row  # Chinese characters take two columns, as on paper
            lines.append(f"{label}{' ' * max(1, width - text_width(label) - text_width(value))}{value}")
    return "\n".join(lines)
