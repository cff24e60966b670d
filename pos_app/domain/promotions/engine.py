"""The promotion engine: the cheapest combination of promotions for a cart, in integer fen.

How one combination (a *plan*: a set of promotions) is priced, layer by layer:

1. ``price``: each unit takes the lowest price any plan promotion gives it (tie: higher priority,
   then smaller id); a per-ticket cap limits the units at that price, in line order.
2. ``item``: multi-buys in priority order (higher first, then id) take units no other multi-buy
   took. 第二件半价 / 买赠 discount the *cheapest* qualifying units (the usual shop rule); N-for-¥X
   groups the dearest units, most expensive first, and only groups that save.
3. ``order`` then ``coupon``: each in priority order, on the net of the units it may touch.

A promotion may touch a unit only if it combines with the layer of every promotion already on that
unit and they all combine with its layer (``combines_with``). Within a plan at most one promotion per
exclusion group. Every discount is spread over the units that took part (the whole multi-buy group,
every unit of an order promotion's base) pro rata to their net, by largest remainder with ties to the
earlier unit, so shares add up to the discount exactly and no unit's discount exceeds its price.

Choosing the plan: promotions that save nothing alone are dropped (they save nothing in any plan:
other promotions only lower the base or take units). A promotion is *contested* when it shares an
exclusion group, shares lines with a promotion it does not mutually combine with, competes for
units with another multi-buy, or is an order/coupon promotion (thresholds react to everything);
the others are kept in every plan. If the choices of the contested ones number at most
``EXHAUSTIVE_LIMIT`` plans, all are priced; otherwise the best choice per slot starts a hill climb
(one slot changed at a time) capped at ``MAX_PLANS`` priced plans, so the time is bounded. Every
single promotion is priced too (over its own lines only), so the result is never worse than any
one of them.
Tie-break (documented for the platform): the larger discount, then fewer promotions, then the
smaller sorted list of promotion ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from .rules import LAYERS, Promotion, Rule, Targets

EXHAUSTIVE_LIMIT = 16
MAX_PLANS = 16
_LAYER_INDEX = {layer: i for i, layer in enumerate(LAYERS)}


@dataclass(frozen=True)
class CartLine:
    """A ticket line as the engine sees it. ``units``: pieces (1 for a weighed or labelled line);
    ``unit_price_fen``: one unit's price (the line amount for a weighed line, whose
    ``weight_milli`` makes price-layer prices per kg)."""

    line_id: int
    sku: str
    category: str | None
    units: int
    unit_price_fen: int
    weight_milli: int | None = None


@dataclass(frozen=True)
class PricingContext:
    now: datetime  # aware, for validity windows
    local_now: datetime  # store-local wall clock, for weekdays and daily windows
    store_id: str = ""
    channel: str = "store"
    member_tier: str | None = None  # None: no member on the ticket
    member_uses_today: Mapping[str, int] = field(default_factory=dict)
    coupons: tuple[Promotion, ...] = ()


@dataclass(frozen=True)
class Reason:
    """Why a promotion did not apply: a stable code and its parameters (translated by the UI)."""

    promotion_id: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AppliedPromotion:
    promotion_id: str
    name: str
    name_en: str
    layer: str
    discount_fen: int


@dataclass(frozen=True, slots=True)
class LinePricing:
    """One line's discounts: per promotion (``shares``) and per unit (``units``: runs of
    ``(count, discount per unit)``, the most discounted units first: the order returns take).
    Slotted: a group of a hundred promoted lines makes one per line on the scan that changes it."""

    line_id: int
    discount_fen: int
    shares: tuple[tuple[str, int], ...]
    units: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class PricingResult:
    lines: tuple[LinePricing, ...]
    applied: tuple[AppliedPromotion, ...]
    discount_fen: int
    reasons: tuple[Reason, ...]

    def line(self, line_id: int) -> LinePricing | None:
        for entry in self.lines:
            if entry.line_id == line_id:
                return entry
        return None


NO_PROMOTIONS = PricingResult((), (), 0, ())


# --- one plan -----------------------------------------------------------------------------------


class _Run:
    """``count`` identical units of one line: same net and the same promotions on them."""

    __slots__ = ("line", "count", "net", "shares", "item_taken", "on", "ok")

    def __init__(self, line: int, count: int, net: int, shares: dict[str, int], item_taken: bool,
                 on: frozenset[str] = frozenset(), ok: frozenset[str] = frozenset(LAYERS)) -> None:
        self.line, self.count, self.net, self.shares, self.item_taken = line, count, net, shares, item_taken
        self.on = on  # layers of the promotions on these units
        self.ok = ok  # layers every promotion on these units combines with

    def split(self, count: int) -> _Run:
        """Detach ``count`` units as a new run (this one keeps the rest)."""
        self.count -= count
        return _Run(self.line, count, self.net, dict(self.shares), self.item_taken, self.on, self.ok)

    def charge(self, promo: Promotion, per_unit: int) -> None:
        if per_unit:
            pid = promo.promotion_id
            self.shares[pid] = self.shares.get(pid, 0) + per_unit
            self.net -= per_unit
            if promo.layer not in self.on:
                self.on = self.on | {promo.layer}
            if not self.ok <= promo.combines_with:
                self.ok = self.ok & promo.combines_with


class _Plan:
    """Prices one set of promotions over a cart (see the module docstring)."""

    def __init__(self, lines: Sequence[CartLine], promos: Sequence[Promotion], matches: Mapping[str, frozenset[int]],
                 *, allocate_last: bool = True, amounts: Mapping[str, int] | None = None):
        self.lines = lines
        self.promos = sorted(promos, key=_apply_order)
        # The last promotion's order/coupon discount is spread over its units only when someone
        # reads the shares: a plan priced for its saving alone (the search) skips it, as no later
        # promotion looks at those units (the spread is most of an order promotion's cost).
        last = self.promos[-1] if self.promos else None
        self.unspread = (last.promotion_id if last is not None and not allocate_last
                         and last.layer in ("order", "coupon") else None)
        self.matches = matches
        self.layer_of = {p.promotion_id: p for p in promos}
        wide = [p for p in promos if p.layer in ("order", "coupon")]
        # With a single order/coupon promotion left unspread and the amounts of its lines known,
        # its base is those amounts less what the plan's item promotions took from the lines they
        # touch: only those lines are priced, so the plan costs its promoted lines, not the ticket.
        self.amounts = amounts if amounts is not None and len(wide) == 1 and wide[0].promotion_id == self.unspread else None
        touched: set[int] = set()
        for promo in promos:
            if self.amounts is None or promo.layer not in ("order", "coupon"):
                touched |= matches[promo.promotion_id]
        self.touched = frozenset(touched)
        # Only the lines the plan's promotions look at are priced: the others cannot change.
        self.by_line: dict[int, list[_Run]] = {
            i: [_Run(i, lines[i].units, lines[i].unit_price_fen, {}, False)] for i in sorted(touched)
        }
        self.discounts: dict[str, int] = {}
        self.notes: dict[str, tuple[str, dict[str, Any]]] = {}
        self._local_result: tuple[LinePricing, ...] | None = None

    def price(self) -> int:
        self.price_local()
        for promo in self.promos:
            if promo.layer in ("order", "coupon"):
                self._order(promo)
        return sum(self.discounts.values())

    def price_local(self) -> None:
        """The price and item layers (what touches lines); ``price`` adds the order and coupons."""
        price_layer = [p for p in self.promos if p.layer == "price"]
        if price_layer:
            self._price_layer(price_layer)
        for promo in self.promos:
            if promo.layer == "item":
                self._item(promo)

    def base_change(self, promo: Promotion) -> int:
        """With ``amounts`` (see __init__): what the plan's price and item promotions change in
        ``promo``'s base, after ``price_local``: its base is its amount plus this."""
        priced = sorted(self.matches[promo.promotion_id] & self.touched)
        runs = [r for i in priced for r in self.by_line[i] if self._may_touch(promo, r)]
        return sum(r.net * r.count for r in runs) - sum(self.lines[i].units * self.lines[i].unit_price_fen
                                                        for i in priced)

    def local_result(self) -> tuple[LinePricing, ...]:
        """``result(local_only=True)``'s lines, computed once (a remembered plan is read again)."""
        if self._local_result is None:
            self._local_result = self.result(local_only=True)[0]
        return self._local_result

    # price layer
    def _price_layer(self, promos: list[Promotion]) -> None:
        used = dict.fromkeys((p.promotion_id for p in promos), 0)
        best: dict[int, tuple[int, int, str]] = {}  # line index -> (unit price, -priority, id)
        for promo in promos:
            pid = promo.promotion_id
            for index in self.matches[pid]:
                line = self.lines[index]
                new = _unit_price(promo.rule, line)
                if new < line.unit_price_fen:
                    key = (new, -promo.priority, pid)
                    if index not in best or key < best[index]:
                        best[index] = key
        for index in sorted(best):
            new, _, pid = best[index]
            promo = self.layer_of[pid]
            run = self.by_line[index][0]
            count = run.count
            if promo.per_ticket_cap is not None:
                count = min(count, promo.per_ticket_cap - used[pid])
            if count <= 0:
                self.notes.setdefault(pid, ("per_ticket_cap", {"cap": promo.per_ticket_cap}))
                continue
            used[pid] += count
            part = self._split(run, count) if count < run.count else run
            run_share = part.net - new
            part.charge(promo, run_share)
            self.discounts[pid] = self.discounts.get(pid, 0) + run_share * part.count

    def _split(self, run: _Run, count: int) -> _Run:
        piece = run.split(count)
        self.by_line[run.line].append(piece)
        return piece

    def _runs(self, pid: str) -> list[_Run]:
        return [r for i in sorted(self.matches[pid]) for r in self.by_line[i]]

    # item layer
    def _item(self, promo: Promotion) -> None:
        rule, pid = promo.rule, promo.promotion_id
        eligible = [r for r in self._runs(pid) if not r.item_taken and self._may_touch(promo, r)]
        cap = promo.per_ticket_cap
        count = sum(r.count for r in eligible)
        if rule.type == "n_for_x":
            groups = _saving_groups(_units_in_order(eligible, dearest=True), rule.n, rule.price_fen,
                                    _cap(count // rule.n, cap))
            units = self._take(eligible, groups * rule.n, dearest=True)
            discount = sum(r.net * r.count for r in units) - groups * rule.price_fen
        elif rule.type == "nth_discount":
            groups = _cap(count // rule.n, cap)
            bp = _basis_points(rule.percent)
            discount = _sum_cheapest(eligible, groups, lambda net: _percent_of(net, bp))
            units = self._take(eligible, groups * rule.n, dearest=False)
        elif rule.get_targets is None:  # buy_x_get_y, the same items
            groups = _cap(count // (rule.n + rule.get_count), cap)
            discount = _sum_cheapest(eligible, groups * rule.get_count, lambda net: net)
            units = self._take(eligible, groups * (rule.n + rule.get_count), dearest=False)
        else:
            units, discount = self._buy_get_other(promo, eligible, cap)
        if discount <= 0:
            self._note_short(promo, count)
            return
        self._record(pid, units, discount)
        for run in units:
            run.item_taken = True

    def _buy_get_other(self, promo: Promotion, eligible: list[_Run], cap: int | None) -> tuple[list[_Run], int]:
        """Buy X of the targets, get Y of other items free (the cheapest gifts on the ticket)."""
        rule = promo.rule
        assert rule.get_targets is not None
        buy = [r for r in eligible if _targets_line(rule.targets, self.lines[r.line])]
        gifts = [r for r in eligible if r not in buy and _targets_line(rule.get_targets, self.lines[r.line])]
        groups = _cap(sum(r.count for r in buy) // rule.n, cap)
        free_count = min(groups * rule.get_count, sum(r.count for r in gifts))
        groups = -(-free_count // rule.get_count)
        discount = _sum_cheapest(gifts, free_count, lambda net: net)
        units = self._take(buy, groups * rule.n, dearest=False) + self._take(gifts, free_count, dearest=False)
        return units, discount

    def _take(self, runs: Iterable[_Run], count: int, *, dearest: bool) -> list[_Run]:
        """``count`` units, cheapest (or dearest) first, ties in line order; a run taken in part
        is split and the taken part joins the plan's runs."""
        taken: list[_Run] = []
        for run in sorted(runs, key=lambda r: (-r.net if dearest else r.net, r.line)):
            if count <= 0:
                break
            if run.count <= count:
                taken.append(run)
                count -= run.count
            else:
                taken.append(self._split(run, count))
                count = 0
        return taken

    # order and coupon layers
    def _order(self, promo: Promotion) -> None:
        pid = promo.promotion_id
        if self.amounts is not None:  # see __init__: the lines no item promotion touched add as they are
            runs = []
            base = self.amounts[pid] + self.base_change(promo)
        else:
            runs = [r for r in self._runs(pid) if self._may_touch(promo, r)]
            base = sum(r.net * r.count for r in runs)
        discount, note = _order_discount(promo, base)
        if discount <= 0:
            self.notes.setdefault(pid, note)
            return
        if pid == self.unspread:
            self.discounts[pid] = self.discounts.get(pid, 0) + discount
            return
        self._record(pid, runs, discount)

    # helpers
    @staticmethod
    def _may_touch(promo: Promotion, run: _Run) -> bool:
        return promo.layer in run.ok and run.on <= promo.combines_with

    def _note_short(self, promo: Promotion, count: int) -> None:
        rule = promo.rule
        need = rule.n + rule.get_count if rule.type == "buy_x_get_y" else rule.n
        self.notes.setdefault(promo.promotion_id, ("not_enough_items", {"need": need, "have": count}))

    def _record(self, pid: str, runs: list[_Run], discount: int) -> None:
        """Spread ``discount`` over ``runs`` (largest remainder by net); runs may split in two."""
        promo = self.layer_of[pid]
        weight = sum(r.net * r.count for r in runs)
        parts = [divmod(discount * r.net, weight) for r in runs]
        left = discount - sum(q * r.count for (q, _), r in zip(parts, runs, strict=True))
        extra = [0] * len(runs)
        if left > 0:  # (the order as plain tuples: no key function per run)
            for _, _, i in sorted([(-rem, run.line, i) for i, ((_, rem), run) in enumerate(zip(parts, runs, strict=True))]):
                if left <= 0:
                    break
                extra[i] = min(left, runs[i].count)
                left -= extra[i]
        for run, (q, _), plus in zip(runs, parts, extra, strict=True):
            if 0 < plus < run.count:
                self._split(run, plus).charge(promo, q + 1)
                run.charge(promo, q)
            else:
                run.charge(promo, q + (1 if plus else 0))
        self.discounts[pid] = self.discounts.get(pid, 0) + discount

    def result(self, *, local_only: bool = False) -> tuple[tuple[LinePricing, ...], dict[str, int]]:
        """Every cart line's pricing (a plan priced over all lines: see ``_Plan.__init__``); with
        ``local_only`` the lines carry the price and item promotions' shares only (the order and
        coupon ones stay whole, in the discounts) and lines nothing discounts are left out."""
        by_line = self.by_line
        order = {p.promotion_id: i for i, p in enumerate(self.promos)
                 if not local_only or p.layer in ("price", "item")}
        out = []
        for index in (sorted(by_line) if local_only else range(len(self.lines))):
            line = self.lines[index]
            runs = by_line.get(index)
            if runs is None or (len(runs) == 1 and not runs[0].shares):
                if not local_only:
                    out.append(LinePricing(line.line_id, 0, (), ((line.units, 0),)))
                continue
            if len(runs) == 1:  # most lines: one run (one kind of unit), most often one promotion
                run = runs[0]
                count = run.count
                if len(run.shares) == 1:
                    [(pid, fen)] = run.shares.items()
                    if fen and pid in order:
                        out.append(LinePricing(line.line_id, fen * count, ((pid, fen * count),), ((count, fen),)))
                        continue
                kept = [(pid, fen * count) for pid, fen in run.shares.items() if fen and pid in order]
                if len(kept) > 1:
                    kept.sort(key=lambda x: order[x[0]])
                per_unit = sum(fen for pid, fen in run.shares.items() if pid in order)
                out.append(LinePricing(line.line_id, sum(f for _, f in kept), tuple(kept), ((count, per_unit),)))
                continue
            shares: dict[str, int] = {}
            units: dict[int, int] = {}
            for run in runs:
                per_unit = 0
                for pid, fen in run.shares.items():
                    if pid in order:
                        shares[pid] = shares.get(pid, 0) + fen * run.count
                        per_unit += fen
                units[per_unit] = units.get(per_unit, 0) + run.count
            kept = [(p, f) for p, f in shares.items() if f]
            if len(kept) > 1:  # most lines have one share and one kind of unit: nothing to sort
                kept.sort(key=lambda x: order[x[0]])
            share_list = tuple(kept)
            unit_runs = (tuple((c, d) for d, c in sorted(units.items(), reverse=True)) if len(units) > 1
                         else tuple((c, d) for d, c in units.items()))
            out.append(LinePricing(line.line_id, sum(f for _, f in share_list), share_list, unit_runs))
        return tuple(out), self.discounts


def _apply_order(promo: Promotion) -> tuple[int, int, str]:
    return _LAYER_INDEX[promo.layer], -promo.priority, promo.promotion_id


def _cap(times: int, cap: int | None) -> int:
    return times if cap is None else min(times, cap)


def _units_in_order(runs: Iterable[_Run], *, dearest: bool) -> list[tuple[int, int]]:
    """(net, count) pairs, cheapest (or dearest) first."""
    return sorted(((r.net, r.count) for r in runs), key=lambda x: -x[0] if dearest else x[0])


def _sum_cheapest(runs: Iterable[_Run], count: int, value: Any) -> int:
    """Sum of ``value(net)`` over the ``count`` cheapest units."""
    total = 0
    for net, have in _units_in_order(runs, dearest=False):
        if count <= 0:
            break
        take = min(have, count)
        total += value(net) * take
        count -= take
    return total


def _saving_groups(units: list[tuple[int, int]], size: int, price: int, limit: int) -> int:
    """N-for-¥X over (net, count) dearest first: how many leading groups cost more than ¥X."""
    groups = group_sum = in_group = 0
    for net, count in units:
        remaining = count
        while remaining and groups < limit:
            if in_group == 0 and remaining >= size:
                if net * size <= price:
                    return groups
                whole = min(remaining // size, limit - groups)
                groups += whole
                remaining -= whole * size
                continue
            take = min(remaining, size - in_group)
            group_sum += net * take
            in_group += take
            remaining -= take
            if in_group == size:
                if group_sum <= price:
                    return groups
                groups += 1
                group_sum = in_group = 0
    return groups


def _order_discount(promo: Promotion, base: int) -> tuple[int, tuple[str, dict[str, Any]]]:
    rule = promo.rule
    kind = rule.type
    if kind == "tiered":
        reached = [t for t in rule.tiers if base >= t.threshold_fen]
        if not reached:
            return 0, ("threshold", {"threshold_fen": rule.tiers[0].threshold_fen,
                                     "short_fen": rule.tiers[0].threshold_fen - base})
        tier = reached[-1]
        off = tier.off_fen if tier.off_fen else _percent_of(base, _basis_points(tier.percent))
        return min(off, base), ("", {})
    if base < rule.threshold_fen or base == 0:
        return 0, ("threshold", {"threshold_fen": rule.threshold_fen, "short_fen": rule.threshold_fen - base})
    if kind in ("threshold_off", "coupon_amount"):
        times = base // rule.threshold_fen if rule.repeat else 1
        if rule.max_times is not None:
            times = min(times, rule.max_times)
        times = _cap(times, promo.per_ticket_cap)
        return min(times * rule.off_fen, base), ("", {})
    return _percent_of(base, _basis_points(rule.percent)), ("", {})


def _unit_price(rule: Rule, line: CartLine) -> int:
    """The unit's price under a price-layer rule (per kg for a weighed line)."""
    if rule.type == "percent_off":
        return line.unit_price_fen - _percent_of(line.unit_price_fen, _basis_points(rule.percent))
    price = rule.prices.get(line.sku, line.unit_price_fen) if rule.type == "member_price" else rule.price_fen
    if line.weight_milli is not None:
        return (line.weight_milli * price + 500) // 1000
    return price


def _basis_points(percent: Decimal) -> int:
    return int(percent * 100)


def _percent_of(amount: int, basis_points: int) -> int:
    """``amount`` x percent, half-up to the fen (basis points of a percent: 50 % = 5000)."""
    return (amount * basis_points + 5000) // 10000


def _targets_line(targets: Targets, line: CartLine) -> bool:
    return targets.matches(line.sku, line.category)
