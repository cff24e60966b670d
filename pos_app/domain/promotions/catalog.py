"""The promotions a till knows, indexed by SKU and category so a ticket finds its few candidates
among thousands without looking at each one."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import is_not

from .engine import CartLine, PricingContext, Reason
from .rules import Promotion


@dataclass(frozen=True)
class Candidate:
    promotion: Promotion
    lines: frozenset[int]  # indexes of the cart lines the rule looks at


class PromotionCatalog:
    def __init__(self, promotions: Iterable[Promotion] = ()) -> None:
        self.promotions: dict[str, Promotion] = {p.promotion_id: p for p in promotions}
        self._by_sku: dict[str, list[Promotion]] = {}
        self._by_category: dict[str, list[Promotion]] = {}
        self._everywhere: list[Promotion] = []
        for promo in self.promotions.values():
            targets = [promo.rule.targets]
            if promo.rule.get_targets is not None:
                targets.append(promo.rule.get_targets)
            if any(t.all_items for t in targets):
                self._everywhere.append(promo)
                continue
            for t in targets:
                for sku in t.skus:
                    self._by_sku.setdefault(sku, []).append(promo)
                for cat in t.categories:
                    self._by_category.setdefault(cat, []).append(promo)

    def __len__(self) -> int:
        return len(self.promotions)

    def touching(self, lines: Sequence[CartLine]) -> dict[str, tuple[Promotion, frozenset[int]]]:
        """Promotions whose targets name an item of the cart (or all items), each with the indexes
        of the lines it looks at, by id."""
        hits: dict[str, set[int]] = {}
        for index, line in enumerate(lines):
            for promo in self._by_sku.get(line.sku, ()):
                hits.setdefault(promo.promotion_id, set()).add(index)
            if line.category is not None:
                for promo in self._by_category.get(line.category, ()):
                    hits.setdefault(promo.promotion_id, set()).add(index)
        every = frozenset(range(len(lines)))
        found = {p.promotion_id: (p, every) for p in self._everywhere}
        for pid, indexes in hits.items():
            found[pid] = (self.promotions[pid], frozenset(indexes))
        return found

    def line_promotions(self, line: CartLine) -> tuple[str, ...]:
        """Ids of the promotions that name this line's item or category (not the store-wide ones)."""
        ids = [p.promotion_id for p in self._by_sku.get(line.sku, ())]
        if line.category is not None:
            ids += [p.promotion_id for p in self._by_category.get(line.category, ())]
        return tuple(dict.fromkeys(ids))

    def for_line(self, line: CartLine) -> list[Promotion]:
        """Promotions that look at this line (for "why didn't it apply"), in id order."""
        return [p for _, (p, _) in sorted(self.touching([line]).items())]


def candidates(
    touching: dict[str, tuple[Promotion, frozenset[int]]], context: PricingContext
) -> tuple[list[Candidate], list[Reason]]:
    """Split promotions into those that may run for this cart now and the reasons of the others."""
    found: list[Candidate] = []
    refused: list[Reason] = []
    for pid in sorted(touching):
        promo, indexes = touching[pid]
        failure = eligibility(promo, context)
        if failure is not None:
            refused.append(Reason(pid, *failure))
        elif indexes:
            found.append(Candidate(promo, indexes))
    return found, refused


def eligibility(promo: Promotion, context: PricingContext) -> tuple[str, dict[str, object]] | None:
    """Why the promotion cannot run for this store, time, channel and customer (None: it can)."""
    failure = promo.schedule.failure(context.now, context.local_now)
    if failure is not None:
        return failure
    if promo.stores and context.store_id not in promo.stores:
        return "store", {"store": context.store_id}
    if context.channel not in promo.channels:
        return "channel", {"channel": context.channel}
    if promo.member_only and context.member_tier is None:
        return "member_only", {}
    if promo.member_tiers and context.member_tier not in promo.member_tiers:
        return "member_tier", {"tiers": sorted(promo.member_tiers)}
    cap = promo.per_member_daily_cap
    if cap is not None and context.member_tier is not None and context.member_uses_today.get(promo.promotion_id, 0) >= cap:
        return "member_daily_cap", {"cap": cap}
    return None


class CartIndex:
    """``PromotionCatalog.touching`` of the last cart, brought up to date by the lines that changed:
    a line replaced in place or added at the end costs its own look-up, the others one identity
    check done in C (the ticket's cart keeps its lines' order; a shorter cart starts again). Same
    result as ``touching``; each promotion's line set is a frozenset made again only when it changed.

    ``version`` counts the changes that may change what the promoted lines are: a line some SKU or
    category promotion names (before or after the change) replaced or added, or a fresh start. While
    it stays, every such promotion looks at the same line objects at the same places (what lets the
    engine keep its view of the promoted lines, see ``pricing._View``). When the last change only
    added lines at the end or replaced lines by lines the same promotions name (a quantity change),
    ``grown`` holds the added ones some such promotion names and ``swapped`` the replaced ones (by
    index), and ``since`` the version before it (else ``grown`` is None): what lets that view be
    extended."""

    def __init__(self, catalog: PromotionCatalog) -> None:
        self.catalog = catalog
        self.lines: list[CartLine] = []
        self.ids: list[tuple[str, ...]] = []  # per line: line_promotions
        self.hits: dict[str, set[int]] = {}
        self.total = 0  # the cart's lines at their prices, fen
        self.version = 0
        self.since = 0
        self.grown: list[int] | None = []
        self.swapped: list[int] = []
        self._frozen: dict[str, frozenset[int]] = {}
        self._every: frozenset[int] = frozenset()

    def touching(self, lines: Sequence[CartLine]) -> dict[str, tuple[Promotion, frozenset[int]]]:
        old = self.lines
        grown: list[int] | None = []
        swapped: list[int] = []
        self.since = self.version
        if len(lines) < len(old):
            self.lines, self.ids, self.hits, self.total, old = [], [], {}, 0, []
            self._frozen = {}
            self.version += 1
        hits, frozen = self.hits, self._frozen
        common = len(old)
        # Equal lines price equally: the usual cart (the same lines, some added) is one C compare.
        changed = [] if lines[:common] == old else list(compress(range(common), map(is_not, lines[:common], old)))
        for index in itertools.chain(changed, range(common, len(lines))):
            line = lines[index]
            if index < common:
                before = old[index]
                self.total -= before.units * before.unit_price_fen
                previous = self.ids[index]
                for pid in previous:
                    hits[pid].discard(index)
                    frozen.pop(pid, None)
                    if not hits[pid]:
                        del hits[pid]
                ids = self.ids[index] = self.catalog.line_promotions(line)
                if ids and ids == previous:
                    self.version += 1
                    swapped.append(index)
                elif previous or ids:
                    self.version += 1
                    grown = None
            else:
                ids = self.catalog.line_promotions(line)
                self.ids.append(ids)
                if ids:
                    self.version += 1
                    if grown is not None:
                        grown.append(index)
            self.total += line.units * line.unit_price_fen
            for pid in ids:
                hits.setdefault(pid, set()).add(index)
                frozen.pop(pid, None)
        self.lines = list(lines)
        self.grown = grown if grown is not None and self.since + len(grown) + len(swapped) == self.version else None
        self.swapped = swapped
        if len(self._every) != len(lines):  # a copy of the last one's table is cheaper than a new one
            self._every = (self._every.union(range(len(self._every), len(lines))) if len(lines) > len(self._every)
                           else frozenset(range(len(lines))))
        every = self._every
        promotions = self.catalog.promotions
        found = {p.promotion_id: (p, every) for p in self.catalog._everywhere}
        for pid, indexes in hits.items():
            mine = frozen.get(pid)
            if mine is None:
                mine = frozen[pid] = frozenset(indexes)
            found[pid] = (promotions[pid], mine)
        return found
