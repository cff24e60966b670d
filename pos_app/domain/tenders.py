"""Payment methods (tender kinds) and the payments recorded on a ticket.

Kinds are data in a registry so later features (WeChat/Alipay QR, stored value, points,
coupons) add theirs without changing the ticket: the ticket only asks ``is_cash`` (cash rounding,
drawer), ``allows_change`` (may exceed what is due) and ``needs_reference``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .errors import DuplicateTenderKind, UnknownTenderKind


@dataclass(frozen=True)
class TenderKind:
    code: str
    name: str
    is_cash: bool = False
    allows_change: bool = False
    needs_reference: bool = False
    opens_drawer: bool = False
    #: False for money the till never holds (wallet payments settle to the merchant account): the
    #: closing count does not ask for it; reports still list it.
    counted_at_close: bool = True


CASH = TenderKind("cash", "Cash", is_cash=True, allows_change=True, opens_drawer=True)
#: Bank card on an external (not integrated) terminal: the cashier keys in its reference number.
CARD = TenderKind("card", "Bank card", needs_reference=True)


class TenderKindRegistry:
    """The tender kinds a till accepts, by code, in registration order (the UI's button order)."""

    def __init__(self, kinds: tuple[TenderKind, ...] = (CASH, CARD)) -> None:
        self._kinds: dict[str, TenderKind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: TenderKind) -> None:
        if kind.code in self._kinds:
            raise DuplicateTenderKind(kind=kind.code)
        self._kinds[kind.code] = kind

    def get(self, code: str) -> TenderKind:
        try:
            return self._kinds[code]
        except KeyError:
            raise UnknownTenderKind(kind=code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._kinds

    def __iter__(self) -> Iterator[TenderKind]:
        return iter(self._kinds.values())


@dataclass(frozen=True)
class Tender:
    """One payment on a ticket.

    ``amount`` counts toward the ticket; ``tendered`` is what the customer handed over;
    ``change`` = tendered - amount (cash only); ``rounding`` is the cash-rounding adjustment taken
    when this cash payment settled the ticket (negative for 抹零), so that
    total + sum(rounding) == sum(amount).
    """

    tender_id: int
    kind: str
    amount: Decimal
    tendered: Decimal
    change: Decimal
    rounding: Decimal
    reference: str | None = None
