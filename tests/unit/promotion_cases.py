"""Loads tests/data/promotion_examples.json (the worked examples shared with the platform team)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from pos_app.domain.promotions import (
    CartLine,
    PricingContext,
    PromotionCatalog,
    coupon_promotion,
    parse_promotion,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "promotion_examples.json"
DATA = json.loads(EXAMPLES.read_text(encoding="utf-8"))


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def build(case: dict[str, Any]) -> tuple[list[CartLine], PromotionCatalog, PricingContext]:
    promos = [parse_promotion({**DATA["promotion_defaults"], **p}) for p in case["promotions"]]
    coupons = tuple(
        coupon_promotion(c["code"], c["kind"], c["value_fen"], c["percent_off"], c["min_spend_fen"],
                         when(c["valid_from"]), when(c["valid_to"]))
        for c in case.get("coupons", ())
    )
    ctx = {**DATA["context_defaults"], **case.get("context", {})}
    context = PricingContext(
        now=when(ctx["now"]), local_now=datetime.fromisoformat(ctx["local_now"]), store_id=ctx["store_id"],
        channel=ctx["channel"], member_tier=ctx["member_tier"], coupons=coupons,
    )
    lines = [CartLine(ln["line_id"], ln["sku"], ln.get("category"), ln["units"], ln["unit_price_fen"])
             for ln in case["lines"]]
    return lines, PromotionCatalog(promos), context
