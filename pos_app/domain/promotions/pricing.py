"""Pick the plan (set of promotions) cheapest for the customer and explain the others.

See :mod:`.engine` for how a plan is priced, the bounded search and the tie-break. With a
`PlanMemo` (the open ticket's), an evaluation costs what the change touched, not the ticket: the
memo's view of the promoted lines (`_View`) is kept or extended from the lines that changed, and
a plan's price/item part is priced once per view; the result is always a fresh evaluation's.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
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
_Entry = tuple[_Plan, dict[object, int], tuple[CartLine, ...]]


class PlanMemo:
    """What the last evaluations of a ticket worked out, for the next one (``evaluate(memo=)``).

    Two levels, both giving exactly what a fresh evaluation gives:

    - The *view* (`_View`): the promoted lines as the search sees them, their line groups and
      every plan's price/item part priced. It depends only on the promoted lines (the lines some
      SKU or category promotion names) and on which promotions may run, so it is kept while
      ``CartIndex.version`` and the candidates stay: a scan of an item no promotion names (most
      scans) then costs the order layer's sums and the search over remembered parts, nothing that
      grows with the ticket.
    - The *plans* (below the view, made again when it changes): a plan's price and item layers
      depend only on the lines its promotions touch: remembered by the plan's promotions and the
      identity of those line objects (the ticket keeps a line's ``CartLine`` while the line is
      unchanged; the entry holds them, so their ids stay theirs), a plan is reused while none of
      its lines changed. A plan of several price/item promotions is remembered by *line groups*
      (see `_Lines.groups`): lines no promotion couples are priced apart, so a scan re-prices only
      its own group of the chosen plan, not every promoted line. Entries the last view did not
      use are dropped when the next view is made, so the memo holds about one ticket's plans."""

    def __init__(self) -> None:
        self.index: CartIndex | None = None  # the last cart's touching (see CartIndex)
        self.view: _View | None = None
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


@dataclass
class _Priced:
    """One plan's saving, with its discounts and notes (of this cart's amounts); ``part``: its
    price/item part from the view (None when priced whole)."""

    saving: int
    discounts: dict[str, int]
    notes: dict[str, tuple[str, dict[str, Any]]]
    part: _Part | None = None


def _wide(promos: Sequence[Promotion]) -> list[Promotion]:
    return [p for p in promos if p.layer in ("order", "coupon")]


#: Lines alone in their group (see `_Lines.groups`) priced together, so many at a time.
SOLO_GROUP = 16


class _Ids:
    """Line identities in cart order as (part of) a memo key, hashed once: a group's key is looked
    up by every plan of a search."""

    __slots__ = ("ids", "hash")

    def __init__(self, ids: tuple[int, ...]) -> None:
        self.ids, self.hash = ids, hash(ids)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Ids) and (self.ids is other.ids or self.ids == other.ids)


class _Lines:
    """Per price/item promotion, the identities of its lines in cart order, made once per view:
    what a remembered plan's key is built from (see `PlanMemo`). A plan's pricing depends only on
    each of its promotions' lines, in their order (every tie-break is among one promotion's
    lines), so equal keys price equally."""

    def __init__(self, lines: Sequence[CartLine], matches: dict[str, frozenset[int]],
                 local: Sequence[Promotion] = ()) -> None:
        self.lines, self.matches, self.local = lines, matches, local
        self._ids: dict[str, _Ids] = {}
        self._groups: dict[int, frozenset[int]] | None = None
        self._coupled: set[int] = set()  # the groups that are coupled components (not solo chunks)
        self._of_line: dict[int, int] = {}
        self._promo_groups: dict[str, list[int]] = {}
        self._keys: dict[int, tuple[_Ids, tuple[CartLine, ...]]] = {}

    def of(self, pid: str) -> _Ids:
        found = self._ids.get(pid)
        if found is None:
            lines = self.lines
            found = self._ids[pid] = _Ids(tuple([id(lines[i]) for i in sorted(self.matches[pid])]))
        return found

    def carry(self, old: _Lines, touched: set[str], place: int | None, swapped: Sequence[int] = ()) -> None:
        """What ``old`` (these lines but the ``swapped`` places' and the one at ``place``, the
        last, if any) worked out and still holds here: the identities of promotions ``touched``
        leaves alone; the groups, when the added line joins the last solo chunk, starts one or
        merges coupled components (not when it couples a line that was alone: the chunks after it
        move); the keys of the groups that did not change."""
        self._ids = {pid: ids for pid, ids in old._ids.items() if pid not in touched}
        if old._groups is None:
            return
        if place is None:  # lines replaced in place: the same groups, new keys for theirs
            self._groups, self._of_line, self._coupled = old._groups, old._of_line, old._coupled
            self._promo_groups = old._promo_groups
            changed = {old._of_line[p] for p in swapped}
            self._keys = {g: found for g, found in old._keys.items() if g not in changed}
            return
        groups, of_line, coupled = dict(old._groups), dict(old._of_line), set(old._coupled)
        merged: set[int] = set()
        for promo in self.local:
            pid = promo.promotion_id
            if (promo.layer == "price" and promo.per_ticket_cap is None) or place not in self.matches[pid]:
                continue
            before = old.matches.get(pid)
            if before:
                group = of_line[next(iter(before))]
                if group not in coupled:
                    return  # a line that was alone is coupled now: the solo chunks move
                merged.add(group)
        if merged:
            key = min(merged)
            joined = frozenset().union(*(groups.pop(g) for g in merged), (place,))
            groups[key] = joined
            for g in merged - {key}:
                coupled.discard(g)
            for i in joined:
                of_line[i] = key
            changed = merged
        else:
            solo = [g for g in groups if g not in coupled]
            last = max(solo) if solo else None
            if last is not None and len(groups[last]) < SOLO_GROUP:
                groups[last] = groups[last] | {place}
                of_line[place] = key = last
            else:
                groups[place] = frozenset((place,))
                of_line[place] = key = place
            changed = {key}
        changed.update(of_line[p] for p in swapped)
        self._groups = dict(sorted(groups.items()))
        self._of_line, self._coupled = of_line, coupled
        # A promotion the line leaves alone is in the same groups, unless one of them merged away.
        gone = merged - {key}
        self._promo_groups = {pid: found for pid, found in old._promo_groups.items()
                              if pid not in touched and gone.isdisjoint(found)}
        self._keys = {g: found for g, found in old._keys.items() if g not in changed}

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
            self._coupled = {min(m) for m in coupled}
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

    def group_key(self, group: int) -> tuple[_Ids, tuple[CartLine, ...]]:
        """The identities of the group's lines in cart order, and the lines (an entry holds them)."""
        found = self._keys.get(group)
        if found is None:
            lines = self.lines
            held = tuple([lines[i] for i in sorted(self.groups()[group])])
            found = self._keys[group] = (_Ids(tuple([id(line) for line in held])), held)
        return found


class _Part:
    """A plan's price and item layers (its price/item promotions) priced, as remembered plans
    (one, or one per line group: their discounts add up, notes the first's); an order promotion's
    base change is the sum of theirs, worked out once per promotion."""

    def __init__(self, entries: list[_Entry], key: tuple[object, ...] | None = None) -> None:
        self.entries = entries
        self.key = key  # a plan of one promotion: its memo key (see `_view`)
        if len(entries) == 1:  # the remembered plan's own dicts (nobody changes a part's)
            self.discounts, self.notes = entries[0][0].discounts, entries[0][0].notes
        else:
            self.discounts, self.notes = {}, {}
            for plan, _, _ in entries:
                for pid, fen in plan.discounts.items():
                    self.discounts[pid] = self.discounts.get(pid, 0) + fen
                for pid, note in plan.notes.items():
                    self.notes.setdefault(pid, note)
        self.saving = sum(self.discounts.values())
        self._changes: dict[str, int] = {}
        self._result: tuple[LinePricing, ...] | None = None

    def base_change(self, promo: Promotion) -> int:
        change = self._changes.get(promo.promotion_id)
        if change is None:
            change = self._changes[promo.promotion_id] = sum(_base_change(e, promo) for e in self.entries)
        return change

    def result(self, position: dict[int, int]) -> tuple[LinePricing, ...]:
        """The lines' price/item shares in this view's cart order (entries may be older plans)."""
        if self._result is None:
            found = [lp for plan, _, _ in self.entries for lp in plan.local_result()]
            if len(self.entries) > 1:  # by place, then as found: the sort never compares two results
                places = map(position.__getitem__, map(attrgetter("line_id"), found))
                found = [lp for _, _, lp in sorted(zip(places, itertools.count(), found))]
            self._result = tuple(found)
        return self._result


def _base_change(entry: _Entry, promo: Promotion) -> int:
    """The remembered plan's change to ``promo``'s base (`_Plan.base_change`), worked out once
    per what it depends on: the promotion's layer, what it combines with and its lines (so the
    store-wide 满减 and 满折 of one exclusion group share it; a frozenset keeps its hash)."""
    plan, changes, _ = entry
    key = (promo.layer, promo.combines_with, plan.matches[promo.promotion_id])
    change = changes.get(key)
    if change is None:
        change = changes[key] = plan.base_change(promo)
    return change


class _View:
    """The cart as the search sees it (`_condensed`: the promoted lines, then the others summed)
    and what depends only on the promoted lines: their groups and every plan's price/item part
    (see `PlanMemo`). ``kept``: how many of ``lines`` are the cart's promoted lines; a view kept
    for a later cart takes that cart's sum of the other lines (``cart``), and a view is extended
    by promoted lines added at the end of the cart (`extended`)."""

    def __init__(self, lines: list[CartLine], matches: dict[str, frozenset[int]], local: list[Promotion],
                 kept: int, sig: tuple[object, ...] | None, local_sum: int | None = None) -> None:
        self.lines, self.matches, self.local, self.kept, self.sig = lines, matches, local, kept, sig
        self.summed = len(lines) > kept  # the other lines make a line (always one when kept)
        self.local_sum = (sum(line.units * line.unit_price_fen for line in lines[:kept]) if local_sum is None
                          else local_sum)
        self.keys = _Lines(lines, matches, local)
        # The order/coupon promotions: a remembered plan is one of views with the same ones (it
        # works out their base changes from its own lines, see `_base_change`).
        local_ids = {p.promotion_id for p in local}
        self.wide = tuple(sorted(pid for pid in matches if pid not in local_ids))
        self.parts: dict[tuple[str, ...], _Part] = {}
        self._sharing: dict[str, set[str]] | None = None
        self.contested: dict[tuple[str, ...], dict[str, bool]] = {}  # see _Search._contested
        self._position: dict[int, int] | None = None
        self.indexes: list[int] = []  # per promoted line, its index in the cart

    def extended(self, cart: Sequence[CartLine], grown: list[int], swapped: list[int], found: list[Candidate],
                 count: int, sig: tuple[object, ...]) -> _View | None:
        """This view with the promoted lines ``grown`` (cart indexes, all after the view's lines)
        added at its end and the lines at ``swapped`` replaced by lines the same promotions name,
        if the candidates are this view's plus promotions only the new lines name (else None: made
        again). Lines keep their places, so what does not look at the changed lines is kept: the
        plans of one promotion, each promotion's line identities, which promotions share a line,
        the line groups and their keys, the lines' places."""
        old_local = {id(p) for p in self.local}
        local = [c for c in found if c.promotion.layer in ("price", "item")]
        if len(old_local) != len(self.local) or not old_local <= {id(c.promotion) for c in local}:
            return None
        grown = [i for i in grown if any(i in c.lines for c in local)]  # named by one that may run
        kept, indexes = self.kept, self.indexes
        swaps: dict[int, CartLine] = {}  # place -> its new line (a line the view does not keep: none)
        for i in swapped:
            at = bisect_left(indexes, i)
            if at < kept and indexes[at] == i:
                swaps[at] = cart[i]
        if not grown and not swaps and len(local) == len(old_local) and self.summed == (count > kept):
            self.sig = sig  # the same promoted lines and candidates
            return self
        new_lines = [cart[i] for i in grown]
        place = {i: kept + n for n, i in enumerate(grown)}
        swapped_at = {indexes[at] for at in swaps}
        matches = dict(self.matches)
        touched: set[str] = set()
        for cand in local:
            pid = cand.promotion.promotion_id
            if id(cand.promotion) in old_local:
                added = [place[i] for i in grown if i in cand.lines]
                if added:
                    matches[pid] = matches[pid] | frozenset(added)
                elif swapped_at.isdisjoint(cand.lines):
                    continue
            elif not cand.lines <= place.keys():
                return None  # a promotion that may run now but did not: its other lines are not here
            else:
                matches[pid] = frozenset(place[i] for i in cand.lines)
            touched.add(pid)
        size = kept + len(new_lines)
        summed = count > size
        every = frozenset(range(size + 1 if summed else size))
        for cand in found:
            if cand.promotion.layer not in ("price", "item"):
                matches[cand.promotion.promotion_id] = every
        lines = [*self.lines[:kept], *new_lines]
        local_sum = self.local_sum + sum(line.units * line.unit_price_fen for line in new_lines)
        for at, line in swaps.items():
            old_line, lines[at] = lines[at], line
            local_sum += line.units * line.unit_price_fen - old_line.units * old_line.unit_price_fen
        if summed:
            lines.append(CartLine(-size, "", None, 1, 0))  # its amount comes with each cart (`cart`)
        view = _View(lines, matches, [c.promotion for c in local], size, sig, local_sum)
        view.indexes = [*indexes, *grown]
        view.parts = {ids: part for ids, part in self.parts.items() if len(ids) <= 1 and not touched.intersection(ids)}
        if len(new_lines) <= 1:
            view.keys.carry(self.keys, touched, kept if new_lines else None, list(swaps))
        else:
            view.keys._ids = {pid: ids for pid, ids in self.keys._ids.items() if pid not in touched}
        if self._sharing is not None:
            sharing = dict(self._sharing)
            for line_pids in ([pid for pid in touched if place_of in matches[pid]] for place_of in range(kept, size)):
                if len(line_pids) > 1:
                    for pid in line_pids:
                        sharing[pid] = sharing.get(pid, set()) | set(line_pids)
            view._sharing = sharing
        if self._position is not None:
            position = {**self._position, **{line.line_id: kept + n for n, line in enumerate(new_lines)}}
            for at in swaps:  # (two lines may have swapped places)
                del position[self.lines[at].line_id]
            for at, line in swaps.items():
                position[line.line_id] = at
            view._position = position
        return view

    def sharing(self) -> dict[str, set[str]]:
        if self._sharing is None:
            self._sharing = self.sharing_of(self.local, self.matches)
        return self._sharing

    @staticmethod
    def sharing_of(promos: Sequence[Promotion], matches: dict[str, frozenset[int]]) -> dict[str, set[str]]:
        """Which price/item promotions share a line (by id; each with itself when it shares one)."""
        on_line: dict[int, list[str]] = {}
        for promo in promos:
            if promo.layer not in ("order", "coupon"):
                pid = promo.promotion_id
                for index in matches[pid]:
                    on_line.setdefault(index, []).append(pid)
        sharing: dict[str, set[str]] = {}
        for pids in on_line.values():
            if len(pids) > 1:
                for pid in pids:
                    sharing.setdefault(pid, set()).update(pids)
        return sharing

    def cart(self, total: int) -> list[CartLine]:
        """The condensed lines for a cart of ``total`` fen at prices (the view's promoted lines;
        a view not kept is its own cart's)."""
        if not self.summed or self.sig is None:
            return self.lines
        kept = self.kept
        return [*self.lines[:kept], CartLine(-kept, "", None, 1, total - self.local_sum)]

    def position(self) -> dict[int, int]:
        if self._position is None:
            self._position = {line.line_id: n for n, line in enumerate(self.lines[:self.kept])}
        return self._position

    def part(self, local: list[Promotion], memo: PlanMemo, ids: tuple[str, ...]) -> _Part:
        """The price/item part of the plan of these promotions (``ids``: theirs, sorted), priced
        once per view: from the memo's plans (a plan of one promotion whole, of several by line
        groups)."""
        found = self.parts.get(ids)
        if found is None:
            if len(local) > 1:
                found = self.parts[ids] = _Part(self._grouped(local, ids, memo))
            else:
                entry, key = self._whole(local, ids, memo)
                found = self.parts[ids] = _Part([entry], key)
        return found

    def _whole(self, local: list[Promotion], ids: tuple[str, ...], memo: PlanMemo
               ) -> tuple[_Entry, tuple[object, ...] | None]:
        if not local:
            return (_Plan(self.lines, (), self.matches, allocate_last=False), {}, ()), None
        key = (ids, self.wide, self.keys.of(ids[0]))
        entry = memo.get(key)
        if entry is None:
            plan = _Plan(self.lines, local, self.matches, allocate_last=False)
            plan.price_local()
            # The entry holds the plan's lines, so the ids in its key stay theirs while it lives.
            entry = (plan, {}, tuple(self.lines[i] for i in plan.touched))
            memo.put(key, entry)
        return entry, key

    def _grouped(self, local: list[Promotion], ids: tuple[str, ...], memo: PlanMemo) -> list[_Entry]:
        """Each line group (`_Lines.groups`) the promotions look at, priced alone over its own
        lines and remembered by the group's lines, so a change re-prices the group it is in."""
        keys, matches = self.keys, self.matches
        in_group: dict[int, list[Promotion]] = {}
        for promo in local:
            for group in keys.promo_groups(promo.promotion_id):
                in_group.setdefault(group, []).append(promo)
        entries: list[_Entry] = []
        for group in sorted(in_group):
            members = in_group[group]
            line_ids, held = keys.group_key(group)
            key = ("group", tuple(sorted([p.promotion_id for p in members])), self.wide, line_ids)
            entry = memo.get(key)
            if entry is None:
                lines_of = keys.groups()[group]
                own = {**matches, **{p.promotion_id: matches[p.promotion_id] & lines_of for p in members}}
                plan = _Plan(self.lines, members, own, allocate_last=False)
                plan.price_local()
                entry = (plan, {}, held)
                memo.put(key, entry)
            entries.append(entry)
        return entries


class _Pricing:
    """One evaluation's plans, priced once each (by their sorted ids). With a view, a plan of at
    most one order/coupon promotion is its price/item part from the view plus that promotion
    priced on its amount and the part's base change (see ``_Plan.base_change``); other plans
    are priced whole (``_Plan(..., allocate_last=False, amounts=amounts).price()``)."""

    def __init__(self, lines: Sequence[CartLine], matches: dict[str, frozenset[int]], amounts: dict[str, int],
                 view: _View | None = None, memo: PlanMemo | None = None) -> None:
        self.lines, self.matches, self.amounts, self.view, self.memo = lines, matches, amounts, view, memo
        self.priced: dict[tuple[str, ...], _Priced] = {}

    def __call__(self, promos: Sequence[Promotion], ids: tuple[str, ...] | None = None) -> _Priced:
        """The plan of ``promos`` priced (``ids``: their sorted ids, when the caller has them)."""
        if ids is None:
            ids = tuple(sorted(p.promotion_id for p in promos))
        found = self.priced.get(ids)
        if found is None:
            found = self.priced[ids] = self._price(promos, ids)
        return found

    def _price(self, promos: Sequence[Promotion], ids: tuple[str, ...]) -> _Priced:
        wide = _wide(promos)
        if self.view is None or self.memo is None or len(wide) > 1:
            plan = _Plan(self.lines, promos, self.matches, allocate_last=False, amounts=self.amounts)
            saving = plan.price()
            return _Priced(saving, plan.discounts, plan.notes)
        local = [p for p in promos if p.layer not in ("order", "coupon")] if wide else list(promos)
        part = self.view.part(local, self.memo, tuple([pid for pid in ids if pid != wide[0].promotion_id])
                              if wide else ids)
        if not wide:
            return _Priced(part.saving, part.discounts, part.notes, part)
        discounts, notes = dict(part.discounts), dict(part.notes)
        pid = wide[0].promotion_id
        discount, note = _order_discount(wide[0], self.amounts[pid] + part.base_change(wide[0]))
        if discount > 0:
            discounts[pid] = discounts.get(pid, 0) + discount
        else:
            notes.setdefault(pid, note)
        return _Priced(sum(discounts.values()), discounts, notes, part)


def _view(memo: PlanMemo, lines: Sequence[CartLine], found: list[Candidate]) -> _View:
    """The memo's view if this cart's promoted lines and candidates are the ones it was made for,
    else a new one (kept in the memo when every order/coupon promotion looks at every line, the
    usual store-wide ones: then the other lines are one sum, see `_View.cart`)."""
    index = memo.index
    assert index is not None
    count = len(lines)
    local = [c.promotion for c in found if c.promotion.layer in ("price", "item")]
    wide = [c for c in found if c.promotion.layer not in ("price", "item")]
    everywhere = all(len(c.lines) == count for c in wide)
    sig = (index.version, tuple(local), tuple(c.promotion.promotion_id for c in wide)) if everywhere else None
    view = memo.view
    if view is not None and sig is not None and view.sig == sig and view.summed == (view.kept < count):
        return view
    if (view is not None and sig is not None and view.sig is not None and index.grown is not None
            and view.sig[0] == index.since and view.sig[2] == sig[2]):
        grown = view.extended(lines, index.grown, index.swapped, found, count, sig)
        if grown is not None:
            memo.start()
            for part in grown.parts.values():  # kept, so the memo keeps them too (for a new view)
                if part.key is not None:
                    memo.put(part.key, part.entries[0])
            memo.view = grown
            return grown
    memo.start()
    search_lines, search_matches, kept = _condensed(lines, found, index.total)
    view = _View(search_lines, search_matches, local, len(kept), sig)
    view.indexes = kept
    memo.view = view if sig is not None else None
    return view


def evaluate(lines: Sequence[CartLine], catalog: PromotionCatalog, context: PricingContext, *,
             spread: bool = True, memo: PlanMemo | None = None) -> PricingResult:
    """Price ``lines`` with the best plan of the catalog's promotions and the context's coupons.

    ``spread=False`` is the open ticket's running estimate: the same plan, the same discounts, but
    the order and coupon discounts are not spread over lines and units (the lines carry their price
    and item shares only; lines with nothing off are left out of ``lines``), which is what makes a
    scan cost the promoted lines, not the ticket. The spread is done once, at Total (the ticket asks
    with ``spread=True`` then). ``memo`` (see `PlanMemo`) reuses what the last evaluations worked
    out for the lines that did not change; the result is the same as without it."""
    if not lines or (not len(catalog) and not context.coupons):
        if memo is not None:
            memo.start()
            memo.view = None
        return NO_PROMOTIONS
    if memo is not None:
        if memo.index is None or memo.index.catalog is not catalog:
            memo.index = CartIndex(catalog)
            memo.view = None
        touching = memo.index.touching(lines)
    else:
        touching = catalog.touching(lines)
    if context.coupons:
        every = frozenset(range(len(lines)))
        touching.update({c.promotion_id: (c, every) for c in context.coupons})
    found, reasons = candidates(touching, context)
    matches = {c.promotion.promotion_id: c.lines for c in found}
    view = None
    if memo is not None:
        view = _view(memo, lines, found)
        assert memo.index is not None
        search_lines = view.cart(memo.index.total)
        search_matches = view.matches
        # Every order/coupon promotion of a kept view looks at every line: its amount is the total.
        amounts = ({c.promotion.promotion_id: memo.index.total for c in found
                    if c.promotion.layer not in ("price", "item")} if view.sig is not None
                   else _line_amounts(search_lines, found, search_matches))
    else:
        search_lines, search_matches, _ = _condensed(lines, found)
        amounts = _line_amounts(search_lines, found, search_matches)
    price = _Pricing(search_lines, search_matches, amounts, view, memo)
    useful: dict[str, int] = {}
    for cand in found:
        pid = cand.promotion.promotion_id
        single = price([cand.promotion], (pid,))
        if single.saving > 0:
            useful[pid] = single.saving
        else:
            code, params = single.notes.get(pid, ("no_saving", {}))
            reasons.append(Reason(pid, code, params))
    chosen = _Search([c for c in found if c.promotion.promotion_id in useful], search_matches,
                     useful, price, view).best()
    promos_in_order = sorted(chosen, key=_apply_order)
    priced = price(chosen) if not spread and view is not None and len(_wide(chosen)) <= 1 else None
    if priced is not None and priced.part is not None and view is not None:
        # The plan the search priced: its lines are the cart's own CartLines in the same order
        # (the summed line carries no share), so its shares are those of the full cart's.
        discounts, notes = priced.discounts, priced.notes
        line_results = priced.part.result(view.position())
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
) -> tuple[list[CartLine], dict[str, frozenset[int]], list[int]]:
    """The cart as the search sees it: lines no price or item promotion looks at only add to the
    bases of order promotions and coupons, so those with the same order/coupon promotions are
    summed into one line. Every plan then saves exactly what it saves on the full cart, and the
    search costs what the promoted lines cost, not the whole ticket (the chosen plan is priced
    once more on the real lines, for the shares). The promoted lines come first, in cart order,
    and their indexes in the cart are returned too."""
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
    return condensed, matches, kept


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

    def __init__(self, found: list[Candidate], matches: dict[str, frozenset[int]], singles: dict[str, int],
                 price: _Pricing, view: _View | None = None) -> None:
        self.matches, self.singles, self.price = matches, singles, price
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
        # Which price/item promotions share a line (a view's, see `_View.sharing`; others' ignored).
        self.sharing = view.sharing() if view is not None else _View.sharing_of(self.all, matches)
        useful = tuple(p.promotion_id for p in self.all)
        self.contested: dict[str, bool] = view.contested.setdefault(useful, {}) if view is not None else {}
        self.priced: dict[tuple[str, ...], int] = {(pid,): saving for pid, saving in singles.items()}
        self.best_key: tuple[int, int, tuple[str, ...]] | None = None
        self.best_plan: tuple[Promotion, ...] = ()

    def best(self) -> tuple[Promotion, ...]:
        if not self.slots:
            return ()
        for slot in self.slots:
            for promo in slot:
                self._consider([promo])  # priced already: only ranks them
        contested = [len(slot) > 1 or self._contested(slot) for slot in self.slots]
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
        """Whether the slot's one promotion is contested (see engine): the same for the same
        useful promotions of one view, so a kept view answers again."""
        promo = slot[0]
        if promo.layer in ("order", "coupon"):
            return True
        known = self.contested.get(promo.promotion_id)
        if known is None:
            known = self.contested[promo.promotion_id] = self._contests(promo)
        return known

    def _contests(self, promo: Promotion) -> bool:
        mine = self.matches[promo.promotion_id]
        by_id = self.by_id
        sharing = [by_id[pid] for pid in self.sharing.get(promo.promotion_id, ()) if pid in by_id]
        for other in [*sharing, *self.wide]:
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
            saving = self.priced[ids] = self.price(plan, ids).saving if plan else 0
        key = (-saving, len(ids), ids)
        if self.best_key is None or key < self.best_key:
            self.best_key, self.best_plan = key, tuple(plan)
        return key
