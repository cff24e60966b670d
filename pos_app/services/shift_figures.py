"""The figures of a shift or a business day, computed from the stored rows (never from memory).

One function computes them for the X report, the blind count's expected amounts and the Z report,
so the three can never disagree. All amounts are integer fen.

Definitions (the Z report prints them; the scenario test recomputes them with plain SQL):
- gross sales: live lines before any discount (`sales.subtotal_fen`);
- sales total: what the sales charged (`sales.total_fen`: after discounts, with tax, after cash
  rounding); net sales = sales total - returns;
- returns: what the returns of the scope gave back (`returns.total_fen`, after cash rounding);
- expected cash = float + cash payments - cash refunds + paid-in - paid-out - drops - pick-ups (cash
  payments are net of change: `sale_tenders.amount_fen` is what the ticket kept);
- expected for any other tender = the sum of its payments less its refunds (tender figures are net).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.money import DEFAULT_CURRENCY, from_minor, round_line, to_minor
from pos_app.domain.shift import reconcile
from pos_app.domain.tenders import TenderKindRegistry
from pos_app.store.repositories.shifts import Scope, ShiftRecord
from pos_app.store.uow import UnitOfWork

CASH = "cash"
DRAWER_KINDS = ("paid_in", "paid_out", "drop", "pickup", "no_sale")


@dataclass(frozen=True)
class TenderFigure:
    kind: str
    count: int
    amount_fen: int


@dataclass(frozen=True)
class TaxFigure:
    tax_code: str
    tax_rate: str
    gross_fen: int
    tax_fen: int


@dataclass(frozen=True)
class TenderVariance:
    """Expected vs counted for one tender; difference = counted - expected (negative: short)."""

    kind: str
    expected_fen: int
    counted_fen: int
    difference_fen: int
    status: str  # balanced | over | short
    within_tolerance: bool


@dataclass(frozen=True)
class AcceptedPayment:
    """A wallet payment a manager accepted while its outcome was unknown (so the shift could close):
    the reports list it so the day's wallet money is checked against the provider later."""

    out_trade_no: str
    wallet: str
    amount_fen: int
    state: str  # the intent's state when the report was made
    reason: str  # the manager's


@dataclass(frozen=True)
class Figures:
    sale_count: int
    gross_sales_fen: int
    discounts_fen: int
    discounts_by_kind: Mapping[str, int]
    price_override_count: int
    price_override_markdown_fen: int
    rounding_fen: int
    sales_total_fen: int
    return_count: int
    returns_fen: int
    net_sales_fen: int
    tax_fen: int
    tax: tuple[TaxFigure, ...]
    tenders: tuple[TenderFigure, ...]
    void_count: int
    no_sale_count: int
    manager_override_count: int
    first_receipt_no: str | None
    last_receipt_no: str | None
    float_fen: int
    paid_in_count: int
    paid_in_fen: int
    paid_out_count: int
    paid_out_fen: int
    drop_count: int
    drops_fen: int
    pickup_count: int
    pickups_fen: int
    expected: Mapping[str, int] = field(default_factory=dict)  # per tender kind to count
    unacknowledged_sales: int = 0
    accepted_payments: tuple[AcceptedPayment, ...] = ()
    #: Stored-value top-ups a wallet paid (cash events ``wallet_in``): the wallet's money, not the
    #: drawer's, and not revenue (cash top-ups are paid-ins).
    wallet_in_count: int = 0
    wallet_in_fen: int = 0

    @property
    def cash_expected_fen(self) -> int:
        return self.expected.get(CASH, 0)


def count_kinds(tender_kinds: TenderKindRegistry, used: Iterable[str]) -> tuple[str, ...]:
    """The tenders a closing count asks for: cash first, then every other configured or used kind
    that is counted at close (not wallet payments: the till never holds that money)."""
    uncounted = {k.code for k in tender_kinds if not k.counted_at_close}
    kinds = [CASH] + [k.code for k in tender_kinds if k.code != CASH and k.counted_at_close]
    return tuple(kinds + sorted(set(used) - set(kinds) - uncounted))


def compute(uow: UnitOfWork, scope: Scope, shifts: list[ShiftRecord], tender_kinds: TenderKindRegistry,
            now: datetime, currency: str = DEFAULT_CURRENCY) -> Figures:
    q = uow.reports
    summary = q.sales_summary(scope)
    refunds = uow.returns.tender_totals(scope)
    returned = uow.returns.summary(scope)
    tenders = _net_tenders(q.tenders(scope), refunds)
    events = q.cash_events(scope)
    voids, overrides = q.line_counts(scope)
    markdown = sum((round_line(from_minor(orig - sold, currency) * Decimal(qty), currency) for orig, sold, qty
                    in q.override_lines(scope)), Decimal(0))
    start = min(s.opened_at for s in shifts)
    end = max((s.closed_at or now) for s in shifts)
    discounts = q.discounts_by_kind(scope)
    unclassified = summary["discount_fen"] - sum(discounts.values())
    if unclassified:  # sales completed before the breakdown hook was attached
        discounts["other"] = unclassified

    def ev(kind: str) -> tuple[int, int]:
        return events.get(kind, (0, 0))

    float_fen = sum(s.float_fen for s in shifts)
    paid = {t.kind: t.amount_fen for t in tenders}
    cash = float_fen + paid.get(CASH, 0) + ev("paid_in")[1] - ev("paid_out")[1] - ev("drop")[1] - ev("pickup")[1]
    expected = {kind: (cash if kind == CASH else paid.get(kind, 0))
                for kind in count_kinds(tender_kinds, paid)}
    returns_fen = returned["total_fen"]
    return Figures(
        sale_count=summary["sale_count"], gross_sales_fen=summary["subtotal_fen"],
        discounts_fen=summary["discount_fen"], discounts_by_kind=dict(sorted(discounts.items())),
        price_override_count=overrides, price_override_markdown_fen=to_minor(markdown, currency),
        rounding_fen=summary["rounding_fen"], sales_total_fen=summary["total_fen"],
        return_count=returned["return_count"],
        returns_fen=returns_fen, net_sales_fen=summary["total_fen"] - returns_fen, tax_fen=summary["tax_fen"],
        tax=tuple(TaxFigure(c, r, g, t) for c, r, g, t in q.tax_by_rate(scope)), tenders=tenders,
        void_count=voids, no_sale_count=ev("no_sale")[0],
        manager_override_count=q.approvals(scope.till_key, start, end),
        first_receipt_no=summary["first_receipt_no"], last_receipt_no=summary["last_receipt_no"],
        float_fen=float_fen, paid_in_count=ev("paid_in")[0], paid_in_fen=ev("paid_in")[1],
        paid_out_count=ev("paid_out")[0], paid_out_fen=ev("paid_out")[1], drop_count=ev("drop")[0],
        drops_fen=ev("drop")[1], pickup_count=ev("pickup")[0], pickups_fen=ev("pickup")[1],
        expected=expected, unacknowledged_sales=q.unacknowledged_sales(scope),
        accepted_payments=tuple(
            AcceptedPayment(i.out_trade_no, i.wallet.value, i.amount_fen, i.state.value,
                            i.resolution.removeprefix("accepted:").strip())
            for i in uow.payments.accepted_between(scope.till_key, start, end)),
        wallet_in_count=ev("wallet_in")[0], wallet_in_fen=ev("wallet_in")[1],
    )


def _net_tenders(paid: Iterable[tuple[str, int, int]], refunds: Mapping[str, tuple[int, int]]
                 ) -> tuple[TenderFigure, ...]:
    """Each tender's payments less what returns gave back to it (a kind only refunded shows negative)."""
    totals = {kind: [n, fen] for kind, n, fen in paid}
    for kind, (_, fen) in refunds.items():
        totals.setdefault(kind, [0, 0])[1] -= fen
    return tuple(TenderFigure(k, n, a) for k, (n, a) in sorted(totals.items()))


def variances(expected: Mapping[str, int], counted: Mapping[str, int], tolerance_fen: int,
              currency: str = DEFAULT_CURRENCY) -> tuple[TenderVariance, ...]:
    out = []
    for kind in sorted({*expected, *counted}, key=lambda k: (k != CASH, k)):  # cash first
        v = reconcile(from_minor(expected.get(kind, 0), currency), from_minor(counted.get(kind, 0), currency),
                      from_minor(tolerance_fen, currency))
        out.append(TenderVariance(kind, expected.get(kind, 0), counted.get(kind, 0),
                                  counted.get(kind, 0) - expected.get(kind, 0), v.status.value,
                                  v.within_tolerance))
    return tuple(out)


def figures_from_dict(data: Mapping[str, Any]) -> Figures:
    """Rebuild stored figures (a Z report's JSON) into the same dataclass the X report gives."""
    values = dict(data)
    values["tax"] = tuple(TaxFigure(**t) for t in data["tax"])
    values["tenders"] = tuple(TenderFigure(**t) for t in data["tenders"])
    values["accepted_payments"] = tuple(AcceptedPayment(**a) for a in data.get("accepted_payments", ()))
    return Figures(**values)


def variances_from_dicts(items: Iterable[Mapping[str, Any]]) -> tuple[TenderVariance, ...]:
    return tuple(TenderVariance(**v) for v in items)
