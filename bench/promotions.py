"""The promotion engine alone: a catalog of 1,000 promotions, 50-line tickets, time per evaluation.

The promotions are a shop's mix (seeded): item deals (fixed price, % off, member prices) and
multi-buys on a few SKUs each (3 % on a whole category), ten order thresholds (满减, 满折, tiers) for
everything in one exclusion group (one store-wide 满减 at a time, as platforms set them up), 5 % of promotions in one of 20 exclusion groups, one in five not stacking with 满减 or
with coupons. Each sample prices one
random ticket of ``--lines`` lines for a member, so member prices count too.

Run: .venv/bin/python bench/promotions.py [--promotions N] [--lines N] [--tickets N]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta, timezone

from benchdata import emit, machine, percentiles

from pos_app.domain.promotions import CartLine, PricingContext, PromotionCatalog, evaluate, parse_promotion
from pos_app.domain.promotions.rules import LAYERS

SKUS = [f"SKU{i:05d}" for i in range(5000)]
CATEGORIES = [f"C{i:02d}" for i in range(60)]

CST = timezone(timedelta(hours=8))  # the store's wall clock


def category(sku: str) -> str:
    return CATEGORIES[int(sku[3:]) % len(CATEGORIES)]


def random_rule(rnd: random.Random, index: int) -> dict:
    targets = ({"categories": [rnd.choice(CATEGORIES)]} if rnd.random() < 0.03
               else {"skus": rnd.sample(SKUS, rnd.randint(1, 5))})
    if index % 100 == 0:  # ten order-level promotions for everything
        kind = rnd.choice(["threshold_off", "threshold_percent", "tiered"])
        if kind == "threshold_off":
            return {"type": kind, "threshold_fen": 10000, "off_fen": rnd.choice([1000, 2000]), "repeat": True}
        if kind == "threshold_percent":
            return {"type": kind, "threshold_fen": 20000, "percent": "10"}
        return {"type": kind, "tiers": [{"threshold_fen": 5000, "off_fen": 500}, {"threshold_fen": 15000, "percent": "12"}]}
    kind = rnd.choice(["fixed_price", "percent_off", "member_price", "n_for_x", "nth_discount", "buy_x_get_y"])
    if kind == "fixed_price":
        return {"type": kind, "targets": targets, "price_fen": rnd.randint(100, 3000)}
    if kind == "percent_off":
        return {"type": kind, "targets": targets, "percent": str(rnd.choice([5, 10, 15, 20, 30]))}
    if kind == "member_price":
        return {"type": kind, "prices": {s: rnd.randint(100, 3000) for s in rnd.sample(SKUS, 5)}}
    if kind == "n_for_x":
        return {"type": kind, "targets": targets, "n": rnd.randint(2, 3), "price_fen": rnd.randint(500, 3000)}
    if kind == "nth_discount":
        return {"type": kind, "targets": targets, "n": 2, "percent": "50"}
    return {"type": kind, "targets": targets, "buy": rnd.randint(1, 2), "get": 1}


def combines(rnd: random.Random) -> list[str]:
    """Most deals stack; one in five is 'not with 满减' or 'not with coupons' (特价不参与满减)."""
    if rnd.random() < 0.8:
        return list(LAYERS)
    return [layer for layer in LAYERS if layer != rnd.choice(["order", "coupon"])]


def catalog(rnd: random.Random, count: int) -> PromotionCatalog:
    promos = []
    for i in range(count):
        promos.append(parse_promotion({
            "promotion_id": f"P{i:04d}", "name": f"促销{i}", "name_en": f"Promo {i}",
            "valid_from": "2026-01-01T00:00:00Z", "valid_to": "2027-01-01T00:00:00Z",
            "rule": random_rule(rnd, i), "priority": rnd.randint(0, 5),
            "exclusion_group": "ORDER" if i % 100 == 0 else f"G{rnd.randint(1, 20)}" if rnd.random() < 0.05 else None,
            "combines_with": combines(rnd),
        }))
    return PromotionCatalog(promos)


def ticket(rnd: random.Random, lines: int, hot: list[str]) -> list[CartLine]:
    """Half the lines are promoted SKUs (shoppers buy what is on offer), half anything."""
    out = []
    for i in range(lines):
        sku = rnd.choice(hot) if rnd.random() < 0.5 else rnd.choice(SKUS)
        out.append(CartLine(i + 1, sku, category(sku), rnd.choice([1, 1, 1, 2, 3, 4]), rnd.randint(100, 5000)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--promotions", type=int, default=1000)
    ap.add_argument("--lines", type=int, default=50)
    ap.add_argument("--tickets", type=int, default=300)
    args = ap.parse_args()
    rnd = random.Random(15)
    cat = catalog(rnd, args.promotions)
    hot = sorted({s for p in cat.promotions.values() for s in (p.rule.targets.skus | set(p.rule.prices))})
    context = PricingContext(datetime(2026, 6, 1, 4, tzinfo=UTC), datetime(2026, 6, 1, 12, tzinfo=CST), member_tier="gold")
    samples, cpu, applied, candidates = [], [], [], []
    for _ in range(args.tickets):
        lines = ticket(rnd, args.lines, hot)
        started, cpu_started = time.perf_counter(), time.thread_time()
        result = evaluate(lines, cat, context)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)  # what the load on a shared box does not add
        applied.append(len(result.applied))
        candidates.append(len(cat.touching(lines)))
    p, c = percentiles(samples), percentiles(cpu)
    print(f"promotion engine, {args.promotions} promotions, {args.lines}-line tickets: p50 {p['p50']:.2f}  "
          f"p95 {p['p95']:.2f}  p99 {p['p99']:.2f} ms, max {max(samples):.2f} ms; "
          f"promotions touching a ticket {sorted(candidates)[len(candidates) // 2]} (median), "
          f"applied {sorted(applied)[len(applied) // 2]} (median)   ({machine()})")
    print(f"  CPU time of the evaluating thread: p50 {c['p50']:.2f}  p95 {c['p95']:.2f}  p99 {c['p99']:.2f} ms")
    emit({"promotions": args.promotions, "lines": args.lines, "tickets": args.tickets,
          **{f"evaluate_{k}_ms": v for k, v in p.items()},
          **{f"evaluate_cpu_{k}_ms": v for k, v in c.items()}, "evaluate_max_ms": round(max(samples), 3),
          "touching_median": sorted(candidates)[len(candidates) // 2],
          "applied_median": sorted(applied)[len(applied) // 2]})


if __name__ == "__main__":
    main()
