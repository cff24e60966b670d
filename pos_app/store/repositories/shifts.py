"""Shifts, drawer events, blind counts, Z reports, and the aggregate queries behind the reports.

Aggregates run in SQL over integer fen (exact) on indexed columns: a day's sales by
`ix_sales_till_business_date`, a shift's by `ix_sales_shift_id`, lines and tenders by their
`sale_id` indexes. Decimal quantities are never summed in SQL (that would go through float); the
queries group by the quantity string instead and the service multiplies exactly.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from pos_app.store.prepared import Prepared, raw
from pos_app.store.shift_models import CashEvent, SaleDiscount, Shift, ShiftCount, ZReportRow


@dataclass(frozen=True)
class ShiftRecord:
    id: str
    till_id: str
    business_date: str
    status: str
    opened_at: datetime
    opened_by: str
    float_fen: int
    float_counts: dict[str, int]
    closed_at: datetime | None
    closed_by: str | None
    close_count_id: str | None
    close_reason: str | None
    close_approver_id: str | None


@dataclass(frozen=True)
class CashEventRecord:
    id: str
    shift_id: str
    kind: str
    amount_fen: int
    reason_code: str
    note: str
    user_id: str
    approver_id: str | None
    at: datetime


@dataclass(frozen=True)
class CountRecord:
    id: str
    shift_id: str
    attempt_no: int
    counted_by: str
    at: datetime
    cash_counts: dict[str, int]
    counted: dict[str, int]
    expected: dict[str, int]


@dataclass(frozen=True)
class ZRecord:
    id: str
    till_id: str
    z_no: int
    business_date: str
    created_at: datetime
    created_by: str
    data: dict[str, Any]


def _shift(r: Shift) -> ShiftRecord:
    return ShiftRecord(r.id, r.till_id, r.business_date, r.status, r.opened_at, r.opened_by, r.float_fen,
                       json.loads(r.float_counts), r.closed_at, r.closed_by, r.close_count_id,
                       r.close_reason, r.close_approver_id)


def _count(r: ShiftCount) -> CountRecord:
    return CountRecord(r.id, r.shift_id, r.attempt_no, r.counted_by, r.at, json.loads(r.cash_counts),
                       json.loads(r.counted), json.loads(r.expected))


def _z(r: ZReportRow) -> ZRecord:
    return ZRecord(r.id, r.till_id, r.z_no, r.business_date, r.created_at, r.created_by, json.loads(r.data))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


_OPEN_SHIFT = select(Shift.id).where(Shift.till_id == bindparam("till_id"), Shift.status == "open").limit(1)
_OPEN_SHIFT_RAW = Prepared(_OPEN_SHIFT)


class ShiftRepository:
    def __init__(self, session: Session):
        self.s = session

    # -- shifts ---------------------------------------------------------------------------------
    def has_open(self, till_key: str) -> bool:
        """Whether the till has an open shift: the check on every scan (see `ShiftService.require_open`),
        one prebuilt Core query on the transaction's connection (no ORM object, ~10x cheaper)."""
        return _OPEN_SHIFT_RAW.one(raw(self.s), {"till_id": till_key}) is not None

    def open_for(self, till_key: str) -> ShiftRecord | None:
        row = self.s.scalars(select(Shift).where(Shift.till_id == till_key, Shift.status == "open")).first()
        return _shift(row) if row else None

    def get(self, shift_id: str) -> ShiftRecord | None:
        row = self.s.get(Shift, shift_id)
        return _shift(row) if row else None

    def last(self, till_key: str) -> ShiftRecord | None:
        row = self.s.scalars(select(Shift).where(Shift.till_id == till_key)
                             .order_by(Shift.opened_at.desc())).first()
        return _shift(row) if row else None

    def for_date(self, till_key: str, business_date: str) -> list[ShiftRecord]:
        rows = self.s.scalars(select(Shift).where(Shift.till_id == till_key,
                                                  Shift.business_date == business_date)
                              .order_by(Shift.opened_at))
        return [_shift(r) for r in rows]

    def closed_between(self, start: str, end: str) -> list[ShiftRecord]:
        rows = self.s.scalars(select(Shift).where(Shift.status == "closed", Shift.business_date >= start,
                                                  Shift.business_date <= end)
                              .order_by(Shift.business_date, Shift.opened_at))
        return [_shift(r) for r in rows]

    def add(self, till_key: str, business_date: str, opened_by: str, float_fen: int,
            float_counts: dict[str, int], at: datetime) -> str:
        sid = uuid.uuid4().hex
        self.s.add(Shift(id=sid, till_id=till_key, business_date=business_date, status="open", opened_at=at,
                         opened_by=opened_by, float_fen=float_fen, float_counts=_dumps(float_counts)))
        self.s.flush()
        return sid

    def close(self, shift_id: str, closed_by: str, count_id: str, at: datetime, reason: str | None,
              approver_id: str | None) -> bool:
        """Close an open shift; False when it was not open (closed meanwhile)."""
        result = self.s.execute(
            update(Shift).where(Shift.id == shift_id, Shift.status == "open")
            .values(status="closed", closed_at=at, closed_by=closed_by, close_count_id=count_id,
                    close_reason=reason, close_approver_id=approver_id))
        return cast("CursorResult[Any]", result).rowcount == 1

    # -- drawer events --------------------------------------------------------------------------
    def add_event(self, shift_id: str, till_key: str, kind: str, amount_fen: int, reason_code: str,
                  note: str, user_id: str, approver_id: str | None, at: datetime) -> CashEventRecord:
        eid = uuid.uuid4().hex
        self.s.add(CashEvent(id=eid, shift_id=shift_id, till_id=till_key, kind=kind, amount_fen=amount_fen,
                             reason_code=reason_code, note=note, user_id=user_id, approver_id=approver_id,
                             at=at))
        self.s.flush()
        return CashEventRecord(eid, shift_id, kind, amount_fen, reason_code, note, user_id, approver_id, at)

    def events(self, shift_id: str) -> list[CashEventRecord]:
        rows = self.s.scalars(select(CashEvent).where(CashEvent.shift_id == shift_id).order_by(CashEvent.at))
        return [CashEventRecord(r.id, r.shift_id, r.kind, r.amount_fen, r.reason_code, r.note, r.user_id,
                                r.approver_id, r.at) for r in rows]

    # -- counts ---------------------------------------------------------------------------------
    def add_count(self, shift_id: str, counted_by: str, cash_counts: dict[str, int], counted: dict[str, int],
                  expected: dict[str, int], at: datetime) -> CountRecord:
        attempt = self.next_attempt_no(shift_id)
        cid = uuid.uuid4().hex
        self.s.add(ShiftCount(id=cid, shift_id=shift_id, attempt_no=attempt, counted_by=counted_by, at=at,
                              cash_counts=_dumps(cash_counts), counted=_dumps(counted),
                              expected=_dumps(expected)))
        self.s.flush()
        return CountRecord(cid, shift_id, attempt, counted_by, at, cash_counts, counted, expected)

    def counts(self, shift_id: str) -> list[CountRecord]:
        rows = self.s.scalars(select(ShiftCount).where(ShiftCount.shift_id == shift_id)
                              .order_by(ShiftCount.attempt_no))
        return [_count(r) for r in rows]

    def count(self, count_id: str) -> CountRecord | None:
        row = self.s.get(ShiftCount, count_id)
        return _count(row) if row else None

    def next_attempt_no(self, shift_id: str) -> int:
        return (self.s.scalar(select(func.max(ShiftCount.attempt_no))
                              .where(ShiftCount.shift_id == shift_id)) or 0) + 1

    # -- sale discounts -------------------------------------------------------------------------
    def add_sale_discounts(self, sale_id: str, by_kind: dict[str, int]) -> None:
        self.s.add_all([SaleDiscount(sale_id=sale_id, kind=k, amount_fen=v) for k, v in by_kind.items() if v])
        self.s.flush()

    # -- Z reports ------------------------------------------------------------------------------
    def z_for_date(self, till_key: str, business_date: str) -> ZRecord | None:
        row = self.s.scalars(select(ZReportRow).where(ZReportRow.till_id == till_key,
                                                      ZReportRow.business_date == business_date)).first()
        return _z(row) if row else None

    def z_list(self, till_key: str, limit: int = 60) -> list[ZRecord]:
        rows = self.s.scalars(select(ZReportRow).where(ZReportRow.till_id == till_key)
                              .order_by(ZReportRow.z_no.desc()).limit(limit))
        return [_z(r) for r in rows]

    def add_z(self, till_key: str, business_date: str, created_by: str, approver_id: str | None,
              at: datetime, data: dict[str, Any], key: dict[str, Any]) -> ZRecord:
        """Number the report max + 1 inside the caller's (BEGIN IMMEDIATE) transaction: no gaps."""
        z_no = (self.s.scalar(select(func.max(ZReportRow.z_no)).where(ZReportRow.till_id == till_key)) or 0) + 1
        zid = uuid.uuid4().hex
        data = {**data, "z_no": z_no}
        self.s.add(ZReportRow(id=zid, till_id=till_key, z_no=z_no, business_date=business_date, created_at=at,
                              created_by=created_by, approver_id=approver_id, data=_dumps(data), **key))
        self.s.flush()
        return ZRecord(zid, till_key, z_no, business_date, at, created_by, data)


@dataclass(frozen=True)
class Scope:
    """Which sales a figure covers: one shift, or one till's business day."""

    till_key: str
    shift_ids: tuple[str, ...]
    business_date: str | None = None  # set for a day; None for a single shift

    def sales_where(self) -> tuple[str, dict[str, Any]]:
        if self.business_date is not None:
            return "s.till_id = :till AND s.business_date = :bdate", {"till": self.till_key,
                                                                      "bdate": self.business_date}
        return "s.shift_id = :shift", {"shift": self.shift_ids[0]}

    def shifts_in(self) -> tuple[str, dict[str, Any]]:
        names = [f"sh{i}" for i in range(len(self.shift_ids))]
        params = dict(zip(names, self.shift_ids, strict=True))
        return "(" + ", ".join(f":{n}" for n in names) + ")", params


class ReportQueries:
    """Read-only aggregates; every amount is integer fen."""

    def __init__(self, session: Session):
        self.s = session

    def _rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        return list(self.s.execute(text(sql), params))

    def sales_summary(self, scope: Scope) -> dict[str, Any]:
        where, p = scope.sales_where()
        row = self._rows(
            "SELECT count(*), coalesce(sum(subtotal_fen), 0), coalesce(sum(discount_fen), 0), "
            "coalesce(sum(tax_fen), 0), coalesce(sum(total_fen), 0), coalesce(sum(rounding_fen), 0), "
            f"min(seq), max(seq) FROM sales s WHERE {where}", p)[0]
        first = last = None
        if row[0]:
            nos = dict(self._rows("SELECT seq, receipt_no FROM sales WHERE till_id = :till AND seq IN (:a, :b)",
                                  {"till": scope.till_key, "a": row[6], "b": row[7]}))
            first, last = nos[row[6]], nos[row[7]]
        return {"sale_count": row[0], "subtotal_fen": row[1], "discount_fen": row[2], "tax_fen": row[3],
                "total_fen": row[4], "rounding_fen": row[5], "first_receipt_no": first, "last_receipt_no": last}

    def tax_by_rate(self, scope: Scope) -> list[tuple[str, str, int, int]]:
        """(tax code, rate, gross fen, tax fen) of the live lines."""
        where, p = scope.sales_where()
        return [tuple(r) for r in self._rows(
            "SELECT l.tax_code, l.tax_rate, sum(l.total_fen), sum(l.tax_fen) FROM sales s "
            f"JOIN sale_lines l ON l.sale_id = s.id WHERE {where} AND l.voided = 0 "
            "GROUP BY l.tax_code, l.tax_rate ORDER BY l.tax_rate DESC, l.tax_code", p)]

    def tenders(self, scope: Scope) -> list[tuple[str, int, int]]:
        """(kind, number of payments, fen)."""
        where, p = scope.sales_where()
        return [tuple(r) for r in self._rows(
            "SELECT t.kind, count(*), sum(t.amount_fen) FROM sales s JOIN sale_tenders t ON t.sale_id = s.id "
            f"WHERE {where} GROUP BY t.kind ORDER BY t.kind", p)]

    def line_counts(self, scope: Scope) -> tuple[int, int]:
        """(voided lines, live lines sold at an overridden price)."""
        where, p = scope.sales_where()
        row = self._rows(
            "SELECT coalesce(sum(l.voided), 0), "
            "coalesce(sum(CASE WHEN l.voided = 0 AND l.override_reason IS NOT NULL THEN 1 ELSE 0 END), 0) "
            f"FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE {where}", p)[0]
        return int(row[0]), int(row[1])

    def override_lines(self, scope: Scope) -> list[tuple[int, int, str]]:
        """(original price fen, sold price fen, quantity) of live overridden lines."""
        where, p = scope.sales_where()
        return [tuple(r) for r in self._rows(
            "SELECT l.original_price_fen, l.unit_price_fen, l.quantity FROM sales s "
            f"JOIN sale_lines l ON l.sale_id = s.id WHERE {where} AND l.voided = 0 "
            "AND l.override_reason IS NOT NULL", p)]

    def discounts_by_kind(self, scope: Scope) -> dict[str, int]:
        where, p = scope.sales_where()
        return dict(self._rows(
            "SELECT d.kind, sum(d.amount_fen) FROM sales s JOIN sale_discounts d ON d.sale_id = s.id "
            f"WHERE {where} GROUP BY d.kind", p))

    def unacknowledged_sales(self, scope: Scope) -> int:
        where, p = scope.sales_where()
        return int(self._rows(
            "SELECT count(*) FROM sales s JOIN outbox o ON o.aggregate_id = s.id "
            f"WHERE {where} AND o.kind = 'sale' AND o.status != 'sent'", p)[0][0])

    def cash_events(self, scope: Scope) -> dict[str, tuple[int, int]]:
        """{kind: (number, fen)} of the drawer events of the scope's shifts."""
        in_list, p = scope.shifts_in()
        return {k: (n, a) for k, n, a in self._rows(
            f"SELECT kind, count(*), sum(amount_fen) FROM cash_events WHERE shift_id IN {in_list} GROUP BY kind",
            p)}

    def approvals(self, till_key: str, start: datetime, end: datetime) -> int:
        """Audit entries that name an approver (manager overrides) in a time window."""
        return int(self._rows(
            "SELECT count(*) FROM audit_log WHERE till_id = :till AND approver_id IS NOT NULL "
            "AND at >= :start AND at <= :end",
            {"till": till_key, "start": _naive(start), "end": _naive(end)})[0][0])

    # -- manager screen -------------------------------------------------------------------------
    def sales_by_hour(self, business_date: str, offset_minutes: int) -> list[tuple[int, int, int]]:
        """(local hour, sales, fen) of a business day; `offset_minutes` is local time minus UTC."""
        return [tuple(r) for r in self._rows(
            "SELECT CAST(strftime('%H', completed_at, :shift) AS INTEGER) AS h, count(*), sum(total_fen) "
            "FROM sales WHERE business_date = :bdate GROUP BY h ORDER BY h",
            {"shift": f"{offset_minutes:+d} minutes", "bdate": business_date})]

    def tender_mix(self, start: str, end: str) -> list[tuple[str, int, int]]:
        return [tuple(r) for r in self._rows(
            "SELECT t.kind, count(*), sum(t.amount_fen) FROM sales s JOIN sale_tenders t ON t.sale_id = s.id "
            "WHERE s.business_date BETWEEN :start AND :end GROUP BY t.kind ORDER BY 3 DESC",
            {"start": start, "end": end})]

    def product_quantities(self, start: str, end: str) -> list[tuple[str, str, str, int, int]]:
        """(sku, name, quantity string, lines, fen) per distinct quantity: exact sums are the caller's."""
        return [tuple(r) for r in self._rows(
            "SELECT l.sku, max(l.name), l.quantity, count(*), sum(l.total_fen) FROM sales s "
            "JOIN sale_lines l ON l.sale_id = s.id WHERE s.business_date BETWEEN :start AND :end "
            "AND l.voided = 0 GROUP BY l.sku, l.quantity",
            {"start": start, "end": end})]

    def cashier_totals(self, start: str, end: str) -> list[tuple[str, str, int, int]]:
        """(cashier id, name, sales, fen)."""
        return [tuple(r) for r in self._rows(
            "SELECT s.cashier_id, coalesce(u.name, s.cashier_id), count(*), sum(s.total_fen) FROM sales s "
            "LEFT JOIN users u ON u.id = s.cashier_id WHERE s.business_date BETWEEN :start AND :end "
            "GROUP BY s.cashier_id ORDER BY 4 DESC",
            {"start": start, "end": end})]

    def user_names(self) -> dict[str, str]:
        return dict(self._rows("SELECT id, name FROM users", {}))


def _naive(at: datetime) -> str:
    """The text `UTCDateTime` stores (UTC, no zone, microseconds), for raw SQL comparisons."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
