"""Pick the plan (set of promotions) cheapest for the customer and explain the others.

See :mod:`.engine` for how a plan is priced, the bounded search and the tie-break.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .catalog import Candidate, CartIndex, PromotionCatalog, candidates
from .engine import (
    EXHAUSTIVE_LIMIT,
    MAX_PLANS,
    NO_PROMOTIONS,
    AppliedPromotion,
    CartLine,
    LinePricing,
    PricingContext,
    PricingResult,
    Reason,
    _apply_order,
    _order_discount,
    _Plan,
)
from .rules import Promotion

#: A remembered plan: its price/item layers priced, what it changes in the base of each order
#: promotion it was asked about (by id), and the lines it holds so their ids stay theirs.
_Entry = tuple[_Plan, dict[str, int], tuple[CartLine, ...]]


class PlanMemo:
    """Plans priced by the last evaluations of a ticket, for the next one (``evaluate(memo=)``).

    A plan's price and item layers depend only on the lines its promotions touch: remembered by
    the plan's promotions and the identity of those line objects (the ticket keeps a line's
    ``CartLine`` while the line is unchanged; the entry holds them, so their ids stay theirs),
    a plan is reused while none of its lines changed, and its order promotion is priced again
    from the new amount (one sum). A scan then prices only the plans its line is in. A plan of
    several price/item promotions is remembered by *line groups* (see `_Lines.groups`): lines no
    promotion couples are priced apart, so a scan re-prices only its own group of the chosen plan,
    not every promoted line. Entries the last evaluation did not use are dropped, so the memo
    holds about one ticket's plans."""

    def __init__(self) -> None:
        self.index: CartIndex | None = None  # the last cart's touching (see CartIndex)
        self._now: dict[tuple[object, ...], _Entry] = {}
        self._before: dict[tuple[object, ...], _Entry] = {}

    def start(self) -> None:
        self._before, self._now = self._now, {}

    def get(self, key: tuple[object, ...]) -> _Entry | None:
        hit = self._now.get(key)
        if hit is None:
            hit = self._before.pop(key, None)
            if hit is not None:
                self._now[key] = hit
        return hit

    def put(self, key: tuple[object, ...], entry: _Entry) -> None:
        self._now[key] = entry


class _Grouped:
    """A plan priced as its line groups' plans (see `_Lines.groups`): what `evaluate` reads of a
    `_Plan` (its promotions in applying order, the price/item shares of its lines)."""

    def __init__(self, promos: Sequence[Promotion], parts: list[_Plan]) -> None:
        self.promos = sorted(promos, key=_apply_order)
        self.parts = parts

    def local_result(self) -> tuple[LinePricing, ...]:
        return tuple(lp for part in self.parts for lp in part.local_result())


@dataclass
class _Priced:
    """One plan's saving, with its discounts and notes (of this cart's amounts)."""

    plan: _Plan | _Grouped
    saving: int
    discounts: dict[str, int]
    notes: dict[str, tuple[str, dict[str, Any]]]


def _wide(promos: Sequence[Promotion]) -> list[Promotion]:
    return [p for p in promos if p.layer in ("order", "coupon")]


#: Lines alone in their group (see `_Lines.groups`) priced together, so many at a time.
SOLO_GROUP = 16


class _Lines:
    """Per price/item promotion, the identities of its lines in cart order, made once per
    evaluation: what a remembered plan's key is built from (see `PlanMemo`). A plan's pricing
    depends only on each of its promotions' lines, in their order (every tie-break is among one
    promotion's lines), so equal keys price equally."""

    def __init__(self, lines: Sequence[CartLine], matches: dict[str, frozenset[int]],
                 local: Sequence[Promotion] = ()) -> None:
        self.lines, self.matches, self.local = lines, matches, local
        self._ids: dict[str, tuple[int, ...]] = {}
        self._groups: dict[int, frozenset[int]] | None = None
        self._of_line: dict[int, int] = {}
        self._promo_groups: dict[str, list[int]] = {}
        self._keys: dict[int, tuple[tuple[int, ...], tuple[CartLine, ...]]] = {}
        #: Plans priced in this evaluation, by their sorted ids (the search and the result both ask).
        self.priced: dict[tuple[str, ...], _Priced] = {}

    def of(self, pid: str) -> tuple[int, ...]:
        found = self._ids.get(pid)
        if found is None:
            lines = self.lines
            found = self._ids[pid] = tuple([id(lines[i]) for i in sorted(self.matches[pid])])
        return found

    def groups(self) -> dict[int, frozenset[int]]:
        """The promoted lines in groups no promotion of this cart couples (by their first line).

        A price promotion without a per-ticket cap prices each of its lines on its own (the lowest
        price per unit); a multi-buy, or a price promotion with a cap, prices its lines together
        (cheapest units, the cap used in line order). So lines are grouped by the coupling ones
        (union-find) and any plan of these promotions prices a group the same alone as within the
        whole cart: its price/item shares, discounts and notes are those of its groups together,
        and an order promotion's base change is the sum of theirs. Any union of such groups
        prices the same way, so lines alone in theirs are taken `SOLO_GROUP` at a time in cart
        order (a scan at the end of the ticket changes the last of them): fewer, cheap groups."""
        if self._groups is None:
            matches = self.matches
            # Union-find over the coupling promotions (few), not over their lines: a line's first
            # coupling promotion owns it, a later one sharing it joins that one's component.
            coupling = [p.promotion_id for p in self.local if p.layer != "price" or p.per_ticket_cap is not None]
            parent = list(range(len(coupling)))

            def root(k: int) -> int:
                while parent[k] != k:
                    parent[k] = parent[parent[k]]
                    k = parent[k]
                return k

            owner: dict[int, int] = {}
            for k, pid in enumerate(coupling):
                for i in matches[pid]:
                    j = owner.setdefault(i, k)
                    if j != k:
                        a, b = root(j), root(k)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
            components: dict[int, set[int]] = {}
            for k, pid in enumerate(coupling):
                components.setdefault(root(k), set()).update(matches[pid])
            # A component of one line is alone like the lines only uncapped price cuts look at.
            coupled = [m for m in components.values() if len(m) > 1]
            found = [(min(m), frozenset(m)) for m in coupled]
            alone = sorted(set().union(*(matches[p.promotion_id] for p in self.local)).difference(*coupled))
            found += [(alone[start], frozenset(alone[start:start + SOLO_GROUP]))
                      for start in range(0, len(alone), SOLO_GROUP)]
            found.sort(key=lambda g: g[0])
            self._groups = dict(found)
            self._of_line = {i: g for g, m in found for i in m}
        return self._groups

    def promo_groups(self, pid: str) -> list[int]:
        """The groups the promotion's lines fall in, in cart order."""
        found = self._promo_groups.get(pid)
        if found is None:
            self.groups()
            of_line = self._of_line
            found = self._promo_groups[pid] = sorted({of_line[i] for i in self.matches[pid]})
        return found

    def group_key(self, group: int) -> tuple[tuple[int, ...], tuple[CartLine, ...]]:
        """The identities of the group's lines in cart order, and the lines (an entry holds them)."""
        found = self._keys.get(group)
        if found is None:
            lines = self.lines
            held = tuple([lines[i] for i in sorted(self.groups()[group])])
            found = self._keys[group] = (tuple([id(line) for line in held]), held)
        return found


def _price(lines: Sequence[CartLine], promos: Sequence[Promotion], matches: dict[str, frozenset[int]],
           amounts: dict[str, int], memo: PlanMemo | None, keys: _Lines | None = None) -> _Priced:
    """``_Plan(..., allocate_last=False, amounts=amounts).price()``, remembered in ``memo`` when
    the plan has at most one order/coupon promotion (its base is then its amount plus what the
    plan's own lines changed: see ``_Plan.base_change``)."""
    wide = _wide(promos)
    if memo is None or keys is None or len(wide) > 1:
        plan = _Plan(lines, promos, matches, allocate_last=False, amounts=amounts)
        saving = plan.price()
        return _Priced(plan, saving, plan.discounts, plan.notes)
    ids = tuple(sorted(p.promotion_id for p in promos))
    priced = keys.priced.get(ids)
    if priced is None:
        priced = keys.priced[ids] = _price_remembered(lines, promos, ids, wide, matches, amounts, memo, keys)
    return priced


def _price_remembered(lines: Sequence[CartLine], promos: Sequence[Promotion], ids: tuple[str, ...],
                      wide: list[Promotion], matches: dict[str, frozenset[int]], amounts: dict[str, int],
                      memo: PlanMemo, keys: _Lines) -> _Priced:
    """`_price` with the memo: a plan with one price/item promotion (and at most one order or
    coupon promotion) is remembered whole, a plan with several by line groups."""
    local = [p for p in promos if p.layer not in ("order", "coupon")]
    if len(local) > 1:
        return _price_grouped(lines, promos, local, wide, matches, amounts, memo, keys)
    key = (ids, tuple([keys.of(p.promotion_id) for p in local]))
    entry = memo.get(key)
    if entry is None:
        plan = _Plan(lines, promos, matches, allocate_last=False, amounts=amounts)
        plan.price_local()
        # The entry holds the plan's lines, so the ids in its key stay theirs while it lives.
        entry = (plan, {}, tuple(lines[i] for i in plan.touched))
        memo.put(key, entry)
    plan = entry[0]
    if not wide:  # the remembered plan's own (nobody changes a _Priced's dicts)
        return _Priced(plan, sum(plan.discounts.values()), plan.discounts, plan.notes)
    discounts, notes = dict(plan.discounts), dict(plan.notes)
    pid = wide[0].promotion_id
    discount, note = _order_discount(wide[0], amounts[pid] + _base_change(entry, wide[0]))
    if discount > 0:
        discounts[pid] = discounts.get(pid, 0) + discount
    else:
        notes.setdefault(pid, note)
    return _Priced(plan, sum(discounts.values()), discounts, notes)


def _base_change(entry: _Entry, promo: Promotion) -> int:
    """The remembered plan's change to ``promo``'s base (`_Plan.base_change`), worked out once."""
    plan, changes, _ = entry
    change = changes.get(promo.promotion_id)
    if change is None:
        change = changes[promo.promotion_id] = plan.base_change(promo)
    return change


def _price_grouped(lines: Sequence[CartLine], promos: Sequence[Promotion], local: list[Promotion],
                   wide: list[Promotion], matches: dict[str, frozenset[int]], amounts: dict[str, int],
                   memo: PlanMemo, keys: _Lines) -> _Priced:
    """`_price` of a plan with several price/item promotions: each line group (`_Lines.groups`)
    its plan's promotions look at is priced alone over its own lines and remembered by the group's
    lines, so a change re-prices the group it is in; the parts add up to the plan."""
    in_group: dict[int, list[Promotion]] = {}
    for promo in local:
        for group in keys.promo_groups(promo.promotion_id):
            in_group.setdefault(group, []).append(promo)
    entries: list[_Entry] = []
    for group in sorted(in_group):
        members = in_group[group]
        ids, held = keys.group_key(group)
        key = ("group", tuple(sorted([p.promotion_id for p in members])), ids)
        entry = memo.get(key)
        if entry is None:
            lines_of = keys.groups()[group]
            own = {**matches, **{p.promotion_id: matches[p.promotion_id] & lines_of for p in members}}
            plan = _Plan(lines, members, own, allocate_last=False)
            plan.price_local()
            entry = (plan, {}, held)
            memo.put(key, entry)
        entries.append(entry)
    discounts: dict[str, int] = {}
    notes: dict[str, tuple[str, dict[str, Any]]] = {}
    for plan, _, _ in entries:
        for pid, fen in plan.discounts.items():
            discounts[pid] = discounts.get(pid, 0) + fen
        for pid, note in plan.notes.items():
            notes.setdefault(pid, note)
    if wide:
        pid = wide[0].promotion_id
        base = amounts[pid] + sum(_base_change(entry, wide[0]) for entry in entries)
        discount, note = _order_discount(wide[0], base)
        if discount > 0:
            discounts[pid] = discounts.get(pid, 0) + discount
        else:
            notes.setdefault(pid, note)
    return _Priced(_Grouped(promos, [entry[0] for entry in entries]), sum(discounts.values()), discounts, notes)


def evaluate(lines: Sequence[CartLine], catalog: PromotionCatalog, context: PricingContext, *,
             spread: bool = True, memo: PlanMemo | None = None) -> PricingResult:
    """Price ``lines`` with the best plan of the catalog's promotions and the context's coupons.

    ``spread=False`` is the open ticket's running estimate: the same plan, the same discounts, but
    the order and coupon discounts are not spread over lines and units (the lines carry their price
    and item shares only; lines with nothing off are left out of ``lines``), which is what makes a
    scan cost the promoted lines, not the ticket. The spread is done once, at Total (the ticket asks
    with ``spread=True`` then). ``memo`` (see `PlanMemo`) reuses the plans of the last evaluation
    whose lines did not change; the result is the same as without it."""
    if memo is not None:
        memo.start()
    if not lines or (not len(catalog) and not context.coupons):
        return NO_PROMOTIONS
    every = frozenset(range(len(lines)))
    if memo is not None:
        if memo.index is None or memo.index.catalog is not catalog:
            memo.index = CartIndex(catalog)
        touching = memo.index.touching(lines)
    else:
        touching = catalog.touching(lines)
    touching.update({c.promotion_id: (c, every) for c in context.coupons})
    found, reasons = candidates(touching, context)
    matches = {c.promotion.promotion_id: c.lines for c in found}
    search_lines, search_matches = _condensed(lines, found, memo.index.total if memo is not None and memo.index else None)
    amounts = _line_amounts(search_lines, found, search_matches)
    keys = (_Lines(search_lines, search_matches, [c.promotion for c in found if c.promotion.layer in ("price", "item")])
            if memo is not None else None)
    useful: dict[str, int] = {}
    for cand in found:
        pid = cand.promotion.promotion_id
        single = _price(search_lines, [cand.promotion], search_matches, amounts, memo, keys)
        if single.saving > 0:
            useful[pid] = single.saving
        else:
            code, params = single.notes.get(pid, ("no_saving", {}))
            reasons.append(Reason(pid, code, params))
    chosen = _Search(search_lines, [c for c in found if c.promotion.promotion_id in useful], search_matches,
                     useful, amounts, memo, keys).best()
    if not spread and memo is not None and len(_wide(chosen)) <= 1:
        # The plan the search priced: its lines are the cart's own CartLines in the same order
        # (the summed lines carry no share), so its shares are those of the full cart's.
        priced = _price(search_lines, chosen, search_matches, amounts, memo, keys)
        chosen_plan, discounts, notes = priced.plan, priced.discounts, priced.notes
        # In this cart's order (a remembered plan was made from an earlier cart).
        position = {line.line_id: n for n, line in enumerate(search_lines)}
        line_results = tuple(sorted(chosen_plan.local_result(), key=lambda lp: position[lp.line_id]))
        promos_in_order = chosen_plan.promos
    else:
        if spread:
            plan = _Plan(lines, chosen, matches)
        else:
            ids = {p.promotion_id for p in chosen}
            plan = _Plan(lines, chosen, matches, allocate_last=False,
                         amounts=_line_amounts(lines, [c for c in found if c.promotion.promotion_id in ids], matches))
        plan.price()
        line_results, discounts = plan.result(local_only=not spread)
        notes = plan.notes
        promos_in_order = plan.promos
    applied = tuple(
        AppliedPromotion(p.promotion_id, p.name, p.name_en, p.layer, discounts[p.promotion_id])
        for p in promos_in_order if discounts.get(p.promotion_id, 0) > 0
    )
    in_plan = {a.promotion_id for a in applied}
    for cand in found:
        promo = cand.promotion
        if promo.promotion_id in useful and promo.promotion_id not in in_plan:
            reasons.append(_why_left_out(promo, [p for p in chosen if p.promotion_id in in_plan], notes, matches))
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
    lines: Sequence[CartLine], found: list[Candidate], total: int | None = None
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
    count = len(lines)
    wide = [c for c in found if c.promotion.layer not in ("price", "item")]
    # Store-wide ones (most) see every line: their part of a line's key needs no look-up.
    everywhere = [c for c in wide if len(c.lines) == count]
    every_key = tuple(c.promotion.promotion_id for c in everywhere)
    groups: dict[tuple[str, ...], int] = {}
    if total is not None and len(everywhere) == len(wide):
        # ``total`` (all lines at their prices, kept by CartIndex): the one sum without the loop.
        if len(local) < count:
            groups[every_key] = total - sum(lines[i].units * lines[i].unit_price_fen for i in local)
    else:
        for index, line in enumerate(lines):
            if index in local:
                continue
            key = (every_key if len(everywhere) == len(wide)
                   else tuple(c.promotion.promotion_id for c in wide if index in c.lines))
            groups[key] = groups.get(key, 0) + line.units * line.unit_price_fen
    kept = sorted(local)
    position = {index: n for n, index in enumerate(kept)}
    condensed = [lines[i] for i in kept]
    extra: dict[str, set[int]] = {}
    for key, amount in groups.items():
        condensed.append(CartLine(-len(condensed), "", None, 1, amount))
        for pid in key:
            extra.setdefault(pid, set()).add(len(condensed) - 1)
    all_kept = frozenset(range(len(kept)))
    matches: dict[str, frozenset[int]] = {}
    for c in found:
        pid = c.promotion.promotion_id
        own = all_kept if len(c.lines) == count else frozenset([position[i] for i in c.lines if i in position])
        matches[pid] = own | extra[pid] if pid in extra else own
    return condensed, matches


def _why_left_out(promo: Promotion, chosen: list[Promotion], notes: dict[str, tuple[str, dict[str, Any]]],
                  matches: dict[str, frozenset[int]]) -> Reason:
    pid = promo.promotion_id
    for other in chosen:
        if promo.exclusion_group is not None and other.exclusion_group == promo.exclusion_group:
            return Reason(pid, "excluded", {"by": other.promotion_id, "name": other.name, "name_en": other.name_en})
    for other in chosen:
        mutual = promo.combines(other.layer) and other.combines(promo.layer)
        if not mutual and matches[pid] & matches[other.promotion_id]:
            return Reason(pid, "does_not_combine", {"with": other.promotion_id, "name": other.name,
                                                    "name_en": other.name_en})
    if pid in notes:
        code, params = notes[pid]
        return Reason(pid, code, params)
    return Reason(pid, "not_better", {})


class _Search:
    """The bounded search over plans: exhaustive when small, else a hill climb (see engine)."""

    def __init__(self, lines: Sequence[CartLine], found: list[Candidate], matches: dict[str, frozenset[int]],
                 singles: dict[str, int], amounts: dict[str, int], memo: PlanMemo | None = None,
                 keys: _Lines | None = None) -> None:
        self.lines, self.matches, self.singles, self.amounts = lines, matches, singles, amounts
        self.memo, self.keys = memo, keys
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
        self.by_id = {p.promotion_id: p for p in self.all}
        on_line: dict[int, list[str]] = {}
        for promo in self.all:
            if promo.layer not in ("order", "coupon"):
                pid = promo.promotion_id
                for index in matches[pid]:
                    on_line.setdefault(index, []).append(pid)
        # Which price/item promotions share a line, from the lines (not every pair of promotions).
        self.sharing: dict[str, set[str]] = {p.promotion_id: set() for p in self.all}
        for pids in on_line.values():
            if len(pids) > 1:
                for pid in pids:
                    self.sharing[pid].update(pids)
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
        for other in [*(self.by_id[pid] for pid in self.sharing[promo.promotion_id]), *self.wide]:
            if other is promo or (other.layer in ("order", "coupon") and mine.isdisjoint(self.matches[other.promotion_id])):
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
            saving = self.priced[ids] = (_price(self.lines, plan, self.matches, self.amounts, self.memo, self.keys).saving
                                         if plan else 0)
        key = (-saving, len(ids), ids)
        if self.best_key is None or key < self.best_key:
            self.best_key, self.best_plan = key, tuple(plan)
        return key
