"""What a return refunds from the discounts stored on a sale line (rule ``own_share``).

Each unit carries its own share of every promotion; a returned unit refunds its price less that
share, whatever happens to thresholds the rest of the ticket no longer reaches. Units are returned
most discounted first (the order :class:`~.engine.LinePricing` stores), so a customer cannot keep
the free unit of a 买赠 and return the paid ones for their full price.
"""

from __future__ import annotations

from collections.abc import Sequence


def refund_fen(unit_price_fen: int, units: Sequence[tuple[int, int]], returned_before: int, count: int) -> int:
    """The refund for ``count`` more units of a line whose per-unit discounts are ``units`` runs
    of ``(count, discount)``, after ``returned_before`` units were already returned."""
    if count < 0 or returned_before < 0 or returned_before + count > sum(c for c, _ in units):
        raise ValueError("more units returned than were sold")
    refund = 0
    skip, left = returned_before, count
    for run_count, discount in units:
        available = run_count - min(skip, run_count)
        skip -= run_count - available
        take = min(available, left)
        refund += take * (unit_price_fen - discount)
        left -= take
    return refund
