"""Pick the plan (set of promotions) cheapest for the customer and explain the others.

See :mod:`.engine` for how a plan is priced, the bounded search and the tie-break.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .catalog import Candidate, PromotionCatalog, candidates
from .engine import (
    EXHAUSTIVE_LIMIT,
    MAX_PLANS,
    NO_PROMOTIONS,
    AppliedPromotion,
    CartLine,
    PricingContext,
    PricingResult,
    Reason,
    _Plan,
)
from .rules import Promotion


def evaluate(lines: Sequence[CartLine], catalog: PromotionCatalog, context: PricingContext, *,
             spread: bool = True) -> PricingResult:
    """Price ``lines`` with the best plan of the catalog's promotions and the context's coupons.

    ``spread=False`` is the open ticket's running estimate: the same plan, the same discounts, but
    the order and coupon discounts are not spread over lines and units (the lines carry their price
    and item shares only; lines with nothing off are left out of ``lines``), which is what makes a
    scan cost the promoted lines, not the ticket. The spread is done once, at Total (the ticket asks
    with ``spread=True`` then)."""
    if not lines or (not len(catalog) and not context.coupons):
        return NO_PROMOTIONS
    every = frozenset(range(len(lines)))
    touching = catalog.touching(lines)
    touching.update({c.promotion_id: (c, every) for c in context.coupons})
    found, reasons = candidates(touching, context)
    matches = {c.promotion.promotion_id: c.lines for c in found}
    search_lines, search_matches = _condensed(lines, found)
    amounts = _line_amounts(search_lines, found, search_matches)
    useful: dict[str, int] = {}
    for cand in found:
        plan = _Plan(search_lines, [cand.promotion], search_matches, allocate_last=False, amounts=amounts)
        saving = plan.price()
        pid = cand.promotion.promotion_id
        if saving > 0:
            useful[pid] = saving
        else:
            code, params = plan.notes.get(pid, ("no_saving", {}))
            reasons.append(Reason(pid, code, params))
    chosen = _Search(search_lines, [c for c in found if c.promotion.promotion_id in useful], search_matches,
                     useful, amounts).best()
    if spread:
        plan = _Plan(lines, chosen, matches)
    else:
        ids = {p.promotion_id for p in chosen}
        plan = _Plan(lines, chosen, matches, allocate_last=False,
                     amounts=_line_amounts(lines, [c for c in found if c.promotion.promotion_id in ids], matches))
    plan.price()
    line_results, discounts = plan.result(local_only=not spread)
    applied = tuple(
        AppliedPromotion(p.promotion_id, p.name, p.name_en, p.layer, discounts[p.promotion_id])
        for p in plan.promos if discounts.get(p.promotion_id, 0) > 0
    )
    in_plan = {a.promotion_id for a in applied}
    for cand in found:
        promo = cand.promotion
        if promo.promotion_id in useful and promo.promotion_id not in in_plan:
            reasons.append(_why_left_out(promo, [p for p in chosen if p.promotion_id in in_plan], plan, matches))
    return PricingResult(
        lines=line_results,
        applied=applied,
        discount_fen=sum(a.discount_fen for a in applied),
        reasons=tuple(sorted(reasons, key=lambda r: r.promotion_id)),
    )


def _line_amounts(lines: Sequence[CartLine], found: list[Candidate], matches: dict[str, frozenset[int]]
                  ) -> dict[str, int]:
    """Each order/coupon promotion's lines at their prices (see ``_Plan``'s amounts)."""
    amounts: dict[str, int] = {}
    summed: dict[frozenset[int], int] = {}  # most of them look at every line: one sum
    for cand in found:
        if cand.promotion.layer in ("order", "coupon"):
            indexes = matches[cand.promotion.promotion_id]
            if indexes not in summed:
                summed[indexes] = sum(lines[i].units * lines[i].unit_price_fen for i in indexes)
            amounts[cand.promotion.promotion_id] = summed[indexes]
    return amounts


def _condensed(
    lines: Sequence[CartLine], found: list[Candidate]
) -> tuple[list[CartLine], dict[str, frozenset[int]]]:
    """The cart as the search sees it: lines no price or item promotion looks at only add to the
    bases of order promotions and coupons, so those with the same order/coupon promotions are
    summed into one line. Every plan then saves exactly what it saves on the full cart, and the
    search costs what the promoted lines cost, not the whole ticket (the chosen plan is priced
    once more on the real lines, for the shares)."""
    local: set[int] = set()
    for cand in found:
        if cand.promotion.layer in ("price", "item"):
            local |= cand.lines
    wide = [c for c in found if c.promotion.layer not in ("price", "item")]
    groups: dict[tuple[str, ...], int] = {}
    for index in range(len(lines)):
        if index not in local:
            key = tuple(c.promotion.promotion_id for c in wide if index in c.lines)
            line = lines[index]
            groups[key] = groups.get(key, 0) + line.units * line.unit_price_fen
    kept = sorted(local)
    position = {index: n for n, index in enumerate(kept)}
    condensed = [lines[i] for i in kept]
    extra: dict[str, set[int]] = {}
    for key, amount in groups.items():
        condensed.append(CartLine(-len(condensed), "", None, 1, amount))
        for pid in key:
            extra.setdefault(pid, set()).add(len(condensed) - 1)
    matches = {
        c.promotion.promotion_id: frozenset(position[i] for i in c.lines if i in position)
        | frozenset(extra.get(c.promotion.promotion_id, ()))
        for c in found
    }
    return condensed, matches


def _why_left_out(promo: Promotion, chosen: list[Promotion], plan: _Plan, matches: dict[str, frozenset[int]]) -> Reason:
    pid = promo.promotion_id
    for other in chosen:
        if promo.exclusion_group is not None and other.exclusion_group == promo.exclusion_group:
            return Reason(pid, "excluded", {"by": other.promotion_id, "name": other.name, "name_en": other.name_en})
    for other in chosen:
        mutual = promo.combines(other.layer) and other.combines(promo.layer)
        if not mutual and matches[pid] & matches[other.promotion_id]:
            return Reason(pid, "does_not_combine", {"with": other.promotion_id, "name": other.name,
                                                    "name_en": other.name_en})
    if pid in plan.notes:
        code, params = plan.notes[pid]
        return Reason(pid, code, params)
    return Reason(pid, "not_better", {})


class _Search:
    """The bounded search over plans: exhaustive when small, else a hill climb (see engine)."""

    def __init__(self, lines: Sequence[CartLine], found: list[Candidate], matches: dict[str, frozenset[int]],
                 singles: dict[str, int], amounts: dict[str, int]) -> None:
        self.lines, self.matches, self.singles, self.amounts = lines, matches, singles, amounts
        groups: dict[str, list[Promotion]] = {}
        slots: list[list[Promotion]] = []
        for cand in found:
            promo = cand.promotion
            if promo.exclusion_group is None:
                slots.append([promo])
            else:
                if promo.exclusion_group not in groups:
                    groups[promo.exclusion_group] = []
                    slots.append(groups[promo.exclusion_group])
                groups[promo.exclusion_group].append(promo)
        for slot in slots:
            slot.sort(key=lambda p: (-singles[p.promotion_id], -p.priority, p.promotion_id))
        self.slots = slots
        self.all = [c.promotion for c in found]
        self.wide = [p for p in self.all if p.layer in ("order", "coupon")]
        on_line: dict[int, list[Promotion]] = {}
        for promo in self.all:
            if promo.layer not in ("order", "coupon"):
                for index in matches[promo.promotion_id]:
                    on_line.setdefault(index, []).append(promo)
        # Which price/item promotions share a line, from the lines (not every pair of promotions).
        self.sharing: dict[str, dict[str, Promotion]] = {p.promotion_id: {} for p in self.all}
        for promos in on_line.values():
            if len(promos) > 1:
                for promo in promos:
                    self.sharing[promo.promotion_id].update((o.promotion_id, o) for o in promos)
        self.priced: dict[tuple[str, ...], int] = {(pid,): saving for pid, saving in singles.items()}
        self.best_key: tuple[int, int, tuple[str, ...]] | None = None
        self.best_plan: tuple[Promotion, ...] = ()

    def best(self) -> tuple[Promotion, ...]:
        if not self.slots:
            return ()
        for slot in self.slots:
            for promo in slot:
                self._consider([promo])  # priced already: only ranks them
        contested = [self._contested(slot) for slot in self.slots]
        fixed = [slot[0] for slot, c in zip(self.slots, contested, strict=True) if not c]
        open_slots = [slot for slot, c in zip(self.slots, contested, strict=True) if c]
        size = 1
        for slot in open_slots:
            size *= len(slot) + 1
        if size <= EXHAUSTIVE_LIMIT:
            for choice in itertools.product(*[[None, *slot] for slot in open_slots]):
                self._consider([*fixed, *(p for p in choice if p is not None)])
            return self.best_plan
        current: list[Promotion | None] = [slot[0] for slot in open_slots]
        current_key = self._consider([*fixed, *(p for p in current if p is not None)])
        improved = True
        while improved and len(self.priced) < MAX_PLANS:
            improved = False
            for i, slot in enumerate(open_slots):
                for option in [None, *slot]:
                    if option is current[i] or len(self.priced) >= MAX_PLANS:
                        continue
                    trial = [*current[:i], option, *current[i + 1:]]
                    key = self._consider([*fixed, *(p for p in trial if p is not None)])
                    if key < current_key:
                        current, current_key, improved = trial, key, True
        return self.best_plan

    def _contested(self, slot: list[Promotion]) -> bool:
        if len(slot) > 1:
            return True
        promo = slot[0]
        if promo.layer in ("order", "coupon"):
            return True
        mine = self.matches[promo.promotion_id]
        for other in [*self.sharing[promo.promotion_id].values(), *self.wide]:
            if other is promo or (other.layer in ("order", "coupon") and not mine & self.matches[other.promotion_id]):
                continue
            if other.layer in ("order", "coupon") and not (promo.combines(other.layer) and other.combines(promo.layer)):
                return True
            if other.layer == promo.layer == "item":
                return True
            if not (promo.combines(other.layer) and other.combines(promo.layer)) and other.layer != promo.layer:
                return True
        return False

    def _consider(self, plan: list[Promotion]) -> tuple[int, int, tuple[str, ...]]:
        ids = tuple(sorted(p.promotion_id for p in plan))
        saving = self.priced.get(ids)
        if saving is None:
            saving = self.priced[ids] = (_Plan(self.lines, plan, self.matches, allocate_last=False,
                                               amounts=self.amounts).price() if plan else 0)
        key = (-saving, len(ids), ids)
        if self.best_key is None or key < self.best_key:
            self.best_key, self.best_plan = key, tuple(plan)
        return key
