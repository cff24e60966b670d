"""Promotion definitions as the platform sends them, parsed strictly into frozen objects.

A rule body the till does not understand is refused whole (:class:`InvalidPromotion` with the
reason): a promotion applied online but silently ignored at the till would charge two prices.
Money is integer fen; percents are decimal strings with at most 2 places (``"12.5"`` = 12.5 %).

Layers, applied in this order (``LAYERS``):

* ``price``  — item price: ``fixed_price``, ``percent_off`` (限时特价), ``member_price``;
* ``item``   — multi-buy: ``n_for_x`` (N for ¥X), ``nth_discount`` (第二件半价),
  ``buy_x_get_y`` (买赠, same or different SKU, the cheapest units free);
* ``order``  — ``threshold_off`` (满减, ``repeat`` = every ¥N, ``max_times`` = cap; repeat with no
  cap is 上不封顶), ``threshold_percent`` (满折), ``tiered``;
* ``coupon`` — coupons from the coupons feed (amount or percent off over a minimum spend).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import InvalidPromotion

LAYERS = ("price", "item", "order", "coupon")
TYPE_LAYER = {
    "fixed_price": "price",
    "percent_off": "price",
    "member_price": "price",
    "n_for_x": "item",
    "nth_discount": "item",
    "buy_x_get_y": "item",
    "threshold_off": "order",
    "threshold_percent": "order",
    "tiered": "order",
    "coupon_amount": "coupon",
    "coupon_percent": "coupon",
}
RETURN_RULES = ("own_share",)  # the platform may add rules; the till refuses ones it lacks
MAX_FEN = 10**9
MAX_COUNT = 999


@dataclass(frozen=True)
class Targets:
    """Which items a rule looks at; empty ``skus`` and ``categories`` with ``all_items`` = all."""

    skus: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    all_items: bool = False

    def matches(self, sku: str, category: str | None) -> bool:
        return self.all_items or sku in self.skus or (category is not None and category in self.categories)


ALL_ITEMS = Targets(all_items=True)


@dataclass(frozen=True)
class Tier:
    threshold_fen: int
    off_fen: int = 0
    percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class Rule:
    """One rule body; only the fields of its ``type`` are meaningful (see the module docstring)."""

    type: str
    targets: Targets = ALL_ITEMS
    price_fen: int = 0
    percent: Decimal = Decimal(0)
    prices: Mapping[str, int] = field(default_factory=dict)
    n: int = 0
    get_targets: Targets | None = None  # buy_x_get_y: None = the same items
    get_count: int = 0
    threshold_fen: int = 0
    off_fen: int = 0
    repeat: bool = False
    max_times: int | None = None
    tiers: tuple[Tier, ...] = ()

    @property
    def layer(self) -> str:
        return TYPE_LAYER[self.type]


@dataclass(frozen=True)
class Schedule:
    """When a promotion runs: UTC validity window, then local weekdays (1 = Monday) and daily time."""

    valid_from: datetime
    valid_to: datetime
    weekdays: frozenset[int] = frozenset(range(1, 8))
    daily_start: time | None = None
    daily_end: time | None = None

    def failure(self, now: datetime, local_now: datetime) -> tuple[str, dict[str, Any]] | None:
        if now < self.valid_from:
            return "not_started", {"start": self.valid_from.isoformat()}
        if now >= self.valid_to:
            return "ended", {"end": self.valid_to.isoformat()}
        if local_now.isoweekday() not in self.weekdays:
            return "weekday", {"weekdays": sorted(self.weekdays)}
        if self.daily_start is not None and self.daily_end is not None:
            clock = local_now.time()
            if not self.daily_start <= clock < self.daily_end:
                return "time_of_day", {"start": self.daily_start.isoformat("minutes"),
                                       "end": self.daily_end.isoformat("minutes")}
        return None


@dataclass(frozen=True)
class Promotion:
    promotion_id: str
    name: str
    name_en: str
    rule: Rule
    schedule: Schedule
    priority: int = 0
    stores: frozenset[str] = frozenset()  # empty: every store
    channels: frozenset[str] = frozenset({"store"})
    member_only: bool = False
    member_tiers: frozenset[str] = frozenset()  # empty: any member (when member_only)
    exclusion_group: str | None = None
    combines_with: frozenset[str] = frozenset(LAYERS)
    per_ticket_cap: int | None = None  # times the rule may apply in one ticket
    per_member_daily_cap: int | None = None
    return_rule: str = "own_share"
    layer: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "layer", self.rule.layer)

    def combines(self, layer: str) -> bool:
        return layer in self.combines_with


# --- parsing ------------------------------------------------------------------------------------


def parse_promotion(data: Mapping[str, Any]) -> Promotion:
    """A promotion from its wire/JSON shape; anything unknown or inconsistent is refused whole."""
    pid = str(data.get("promotion_id", "?")) if isinstance(data, Mapping) else "?"
    try:
        return _parse(data)
    except InvalidPromotion:
        raise
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError) as exc:
        reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc) or type(exc).__name__
        raise InvalidPromotion(promotion_id=pid, reason=reason) from None


def _parse(data: Mapping[str, Any]) -> Promotion:
    data = _present(data)
    pid = _text(data["promotion_id"], "promotion_id")
    known = {"promotion_id", "name", "name_en", "rule", "valid_from", "valid_to", "weekdays",
             "daily_start", "daily_end", "priority", "stores", "channels", "member_only",
             "member_tiers", "exclusion_group", "combines_with", "per_ticket_cap",
             "per_member_daily_cap", "return_rule"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    valid_from, valid_to = _when(data["valid_from"]), _when(data["valid_to"])
    if valid_to <= valid_from:
        raise ValueError("valid_to must be after valid_from")
    start, end = _clock(data.get("daily_start")), _clock(data.get("daily_end"))
    if (start is None) != (end is None) or (start is not None and end is not None and end <= start):
        raise ValueError("daily_start and daily_end come together, start before end")
    weekdays = frozenset(_int(d, "weekday", 1, 7) for d in data.get("weekdays", range(1, 8)))
    if not weekdays:
        raise ValueError("weekdays is empty")
    combines = frozenset(_text(x, "combines_with") for x in data["combines_with"])
    if not combines <= set(LAYERS):
        raise ValueError(f"combines_with holds unknown layer(s) {sorted(combines - set(LAYERS))}")
    return_rule = data.get("return_rule", "own_share")
    if return_rule not in RETURN_RULES:
        raise ValueError(f"unknown return_rule {return_rule!r}")
    rule = parse_rule(data["rule"])
    return Promotion(
        promotion_id=pid,
        name=_text(data["name"], "name"),
        name_en=_text(data.get("name_en") or data["name"], "name_en"),
        rule=rule,
        schedule=Schedule(valid_from, valid_to, weekdays, start, end),
        priority=_int(data.get("priority", 0), "priority", -1000, 1000),
        stores=frozenset(_text(s, "stores") for s in data.get("stores", ())),
        channels=frozenset(_text(s, "channels") for s in data.get("channels", ("store",))),
        member_only=_bool(data.get("member_only", rule.type == "member_price"), "member_only"),
        member_tiers=frozenset(_text(s, "member_tiers") for s in data.get("member_tiers", ())),
        exclusion_group=_opt_text(data.get("exclusion_group")),
        combines_with=combines,
        per_ticket_cap=_opt_int(data.get("per_ticket_cap"), "per_ticket_cap"),
        per_member_daily_cap=_opt_int(data.get("per_member_daily_cap"), "per_member_daily_cap"),
        return_rule=return_rule,
    )


def parse_rule(body: Mapping[str, Any]) -> Rule:
    if not isinstance(body, Mapping):
        raise ValueError("rule must be an object")
    body = _present(body)
    kind = body.get("type")
    if kind not in TYPE_LAYER or TYPE_LAYER[kind] == "coupon":
        raise ValueError(f"unknown promotion type {kind!r}")
    allowed = {"type", *_FIELDS[kind]}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ValueError(f"{kind}: unknown field(s) {', '.join(unknown)}")
    return _BUILDERS[kind](body)


def _targets(value: Any) -> Targets:
    if value == "all":
        return ALL_ITEMS
    if not isinstance(value, Mapping) or set(value) - {"skus", "categories"}:
        raise ValueError("targets must be 'all' or {skus, categories}")
    skus = frozenset(_text(s, "sku") for s in value.get("skus", ()))
    cats = frozenset(_text(s, "category") for s in value.get("categories", ()))
    if not skus and not cats:
        raise ValueError("targets name no SKU and no category")
    return Targets(skus, cats)


def _fixed_price(b: Mapping[str, Any]) -> Rule:
    return Rule("fixed_price", _targets(b["targets"]), price_fen=_fen(b["price_fen"], "price_fen"))


def _percent_off(b: Mapping[str, Any]) -> Rule:
    return Rule("percent_off", _targets(b["targets"]), percent=_percent(b["percent"]))


def _member_price(b: Mapping[str, Any]) -> Rule:
    prices = {_text(k, "sku"): _fen(v, "price_fen") for k, v in b["prices"].items()}
    if not prices:
        raise ValueError("member_price has no prices")
    return Rule("member_price", Targets(frozenset(prices)), prices=prices)


def _n_for_x(b: Mapping[str, Any]) -> Rule:
    return Rule("n_for_x", _targets(b["targets"]), n=_int(b["n"], "n", 2, MAX_COUNT),
                price_fen=_fen(b["price_fen"], "price_fen"))


def _nth_discount(b: Mapping[str, Any]) -> Rule:
    return Rule("nth_discount", _targets(b["targets"]), n=_int(b["n"], "n", 2, MAX_COUNT),
                percent=_percent(b["percent"], allow_100=True))


def _buy_x_get_y(b: Mapping[str, Any]) -> Rule:
    get = b.get("get_targets")
    return Rule("buy_x_get_y", _targets(b["targets"]), n=_int(b["buy"], "buy", 1, MAX_COUNT),
                get_targets=None if get is None else _targets(get),
                get_count=_int(b["get"], "get", 1, MAX_COUNT))


def _threshold_off(b: Mapping[str, Any]) -> Rule:
    threshold, off = _fen(b["threshold_fen"], "threshold_fen", 1), _fen(b["off_fen"], "off_fen", 1)
    if off >= threshold:
        raise ValueError("off_fen must be below threshold_fen")
    repeat = _bool(b.get("repeat", False), "repeat")
    max_times = _opt_int(b.get("max_times"), "max_times")
    if max_times is not None and not repeat:
        raise ValueError("max_times needs repeat")
    return Rule("threshold_off", _targets(b.get("targets", "all")), threshold_fen=threshold, off_fen=off,
                repeat=repeat, max_times=max_times)


def _threshold_percent(b: Mapping[str, Any]) -> Rule:
    return Rule("threshold_percent", _targets(b.get("targets", "all")),
                threshold_fen=_fen(b["threshold_fen"], "threshold_fen", 1), percent=_percent(b["percent"]))


def _tiered(b: Mapping[str, Any]) -> Rule:
    tiers = []
    for raw in map(_present, b["tiers"]):
        if set(raw) - {"threshold_fen", "off_fen", "percent"} or ("off_fen" in raw) == ("percent" in raw):
            raise ValueError("a tier has threshold_fen and exactly one of off_fen, percent")
        threshold = _fen(raw["threshold_fen"], "threshold_fen", 1)
        if "off_fen" in raw:
            off = _fen(raw["off_fen"], "off_fen", 1)
            if off >= threshold:
                raise ValueError("a tier's off_fen must be below its threshold_fen")
            tiers.append(Tier(threshold, off_fen=off))
        else:
            tiers.append(Tier(threshold, percent=_percent(raw["percent"])))
    if not tiers or [t.threshold_fen for t in tiers] != sorted({t.threshold_fen for t in tiers}):
        raise ValueError("tiers must be non-empty with strictly rising thresholds")
    return Rule("tiered", _targets(b.get("targets", "all")), tiers=tuple(tiers))


_BUILDERS = {
    "fixed_price": _fixed_price,
    "percent_off": _percent_off,
    "member_price": _member_price,
    "n_for_x": _n_for_x,
    "nth_discount": _nth_discount,
    "buy_x_get_y": _buy_x_get_y,
    "threshold_off": _threshold_off,
    "threshold_percent": _threshold_percent,
    "tiered": _tiered,
}
_FIELDS = {
    "fixed_price": {"targets", "price_fen"},
    "percent_off": {"targets", "percent"},
    "member_price": {"prices"},
    "n_for_x": {"targets", "n", "price_fen"},
    "nth_discount": {"targets", "n", "percent"},
    "buy_x_get_y": {"targets", "buy", "get", "get_targets"},
    "threshold_off": {"targets", "threshold_fen", "off_fen", "repeat", "max_times"},
    "threshold_percent": {"targets", "threshold_fen", "percent"},
    "tiered": {"targets", "tiers"},
}


# --- scalar checks ------------------------------------------------------------------------------


def _present(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields that are set: an optional field sent as null means its default."""
    if not isinstance(data, Mapping):
        raise ValueError("expected an object")
    return {k: v for k, v in data.items() if v is not None}


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValueError(f"{name} must be non-empty text")
    return value.strip()


def _opt_text(value: Any) -> str | None:
    return None if value in (None, "") else _text(value, "exclusion_group")


def _int(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return value


def _opt_int(value: Any, name: str) -> int | None:
    return None if value is None else _int(value, name, 1, 10**6)


def _fen(value: Any, name: str, low: int = 0) -> int:
    return _int(value, name, low, MAX_FEN)


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false")
    return value


def _percent(value: Any, *, allow_100: bool = False) -> Decimal:
    if not isinstance(value, str):
        raise ValueError("percent must be a decimal string such as \"15\" or \"12.5\"")
    pct = Decimal(value.strip())
    top = Decimal(100)
    if not pct.is_finite() or not (0 < pct < top or (allow_100 and pct == top)):
        raise ValueError(f"percent {value} must be above 0 and below 100")
    if pct != pct.quantize(Decimal("0.01")):
        raise ValueError(f"percent {value} has more than 2 decimals")
    return pct


def _when(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("a date-time must be ISO 8601 text")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{value} has no time zone")
    return moment


def _clock(value: Any) -> time | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a time of day must be HH:MM text")
    return time.fromisoformat(value)


@dataclass(frozen=True)
class CouponTerms:
    """A coupon as the ticket keeps it (from the synced coupons table)."""

    code: str
    kind: str  # amount_off | percent_off
    value_fen: int
    percent_off: int
    min_spend_fen: int
    valid_from: datetime
    valid_to: datetime

    def promotion(self) -> Promotion:
        return coupon_promotion(self.code, self.kind, self.value_fen, self.percent_off, self.min_spend_fen,
                                self.valid_from, self.valid_to)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "value_fen": self.value_fen, "percent_off": self.percent_off,
                "min_spend_fen": self.min_spend_fen, "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CouponTerms:
        return cls(str(data["code"]), str(data["kind"]), int(data["value_fen"]), int(data["percent_off"]),
                   int(data["min_spend_fen"]), _when(data["valid_from"]), _when(data["valid_to"]))


def coupon_promotion(
    code: str, kind: str, value_fen: int, percent_off: int, min_spend_fen: int,
    valid_from: datetime, valid_to: datetime, *, name: str = "优惠券", name_en: str = "Coupon",
) -> Promotion:
    """A scanned coupon as a promotion of the ``coupon`` layer (it combines with every layer; the
    other promotions' ``combines_with`` decide whether they stack with it)."""
    if kind == "amount_off":
        rule = Rule("coupon_amount", ALL_ITEMS, threshold_fen=min_spend_fen, off_fen=value_fen)
    elif kind == "percent_off":
        rule = Rule("coupon_percent", ALL_ITEMS, threshold_fen=min_spend_fen, percent=Decimal(percent_off))
    else:
        raise InvalidPromotion(promotion_id=f"coupon:{code}", reason=f"unknown coupon kind {kind!r}")
    return Promotion(
        promotion_id=f"coupon:{code}", name=f"{name} {code}", name_en=f"{name_en} {code}", rule=rule,
        schedule=Schedule(valid_from, valid_to),
    )
