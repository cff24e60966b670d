"""Promotions feed: one strict model per rule type (the domain engine prices a ticket with them)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import (
    AwareDatetime,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from sync.protocol.types import Code, Fen, Name, Text, WireModel

#: A percent with at most 2 decimals as a string: "50", "12.5" (100 only where a rule allows it).
Percent = Annotated[str, StringConstraints(strict=True, pattern=r"^(100|[1-9]?[0-9])(\.[0-9]{1,2})?$")]
#: A wall-clock time in the store: "14:00".
ClockTime = Annotated[str, StringConstraints(strict=True, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
ItemCount = Annotated[StrictInt, Field(ge=1, le=999)]
PromotionLayer = Literal["price", "item", "order", "coupon"]


class PromotionTargets(WireModel):
    """The items a rule looks at: SKUs and/or categories (the string ``"all"`` means every item)."""

    skus: list[Code] = Field(default_factory=list, max_length=5000)
    categories: list[Code] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _names_something(self) -> PromotionTargets:
        if not self.skus and not self.categories:
            raise ValueError("targets name no SKU and no category")
        return self


Targets = Literal["all"] | PromotionTargets


class FixedPriceRule(WireModel):
    """限时特价: the targets sell at ``price_fen`` (per kg for weighed items)."""

    type: Literal["fixed_price"]
    targets: Targets
    price_fen: Fen


class PercentOffRule(WireModel):
    type: Literal["percent_off"]
    targets: Targets
    percent: Percent


class MemberPriceRule(WireModel):
    """Member prices per SKU (member-only unless ``member_only`` is false)."""

    type: Literal["member_price"]
    prices: dict[Code, Fen] = Field(min_length=1, max_length=5000)


class NForXRule(WireModel):
    """N for ¥X: any ``n`` of the targets for ``price_fen``."""

    type: Literal["n_for_x"]
    targets: Targets
    n: Annotated[StrictInt, Field(ge=2, le=999)]
    price_fen: Fen


class NthDiscountRule(WireModel):
    """第二件半价: of every ``n`` targets the cheapest is ``percent`` off."""

    type: Literal["nth_discount"]
    targets: Targets
    n: Annotated[StrictInt, Field(ge=2, le=999)]
    percent: Percent


class BuyXGetYRule(WireModel):
    """买赠: buy ``buy`` of the targets, get ``get`` (the cheapest) of ``get_targets`` (or the same) free."""

    type: Literal["buy_x_get_y"]
    targets: Targets
    buy: ItemCount
    get: ItemCount
    get_targets: Targets | None = None


class ThresholdOffRule(WireModel):
    """满减: ``off_fen`` off at ``threshold_fen``; ``repeat`` for every ``threshold_fen`` (no cap: 上不封顶)."""

    type: Literal["threshold_off"]
    targets: Targets = "all"
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    off_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    repeat: StrictBool = False
    max_times: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ThresholdOffRule:
        if self.off_fen >= self.threshold_fen:
            raise ValueError("off_fen must be below threshold_fen")
        if self.max_times is not None and not self.repeat:
            raise ValueError("max_times needs repeat")
        return self


class ThresholdPercentRule(WireModel):
    """满折: ``percent`` off the targets' total from ``threshold_fen``."""

    type: Literal["threshold_percent"]
    targets: Targets = "all"
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    percent: Percent


class PromotionTier(WireModel):
    threshold_fen: Annotated[StrictInt, Field(ge=1, le=10**9)]
    off_fen: Annotated[StrictInt, Field(ge=1, le=10**9)] | None = None
    percent: Percent | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> PromotionTier:
        if (self.off_fen is None) == (self.percent is None):
            raise ValueError("a tier has exactly one of off_fen, percent")
        if self.off_fen is not None and self.off_fen >= self.threshold_fen:
            raise ValueError("a tier's off_fen must be below its threshold_fen")
        return self


class TieredRule(WireModel):
    """Tiered thresholds: the highest tier reached applies."""

    type: Literal["tiered"]
    targets: Targets = "all"
    tiers: list[PromotionTier] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _rising(self) -> TieredRule:
        thresholds = [t.threshold_fen for t in self.tiers]
        if thresholds != sorted(set(thresholds)):
            raise ValueError("tiers must have strictly rising thresholds")
        return self


PromotionRule = Annotated[
    FixedPriceRule | PercentOffRule | MemberPriceRule | NForXRule | NthDiscountRule | BuyXGetYRule
    | ThresholdOffRule | ThresholdPercentRule | TieredRule,
    Field(discriminator="type"),
]


class Promotion(WireModel):
    """A promotion (feed ``promotions``; key ``promotion_id``). A rule of an unknown ``type`` or with
    unknown fields fails validation, so the whole page is refused rather than the promotion ignored.

    ``weekdays`` 1 = Monday; ``daily_start``/``daily_end`` store-local; empty ``stores`` = every
    store; ``combines_with`` names the layers this promotion stacks with; ``member_only`` defaults to
    true for member prices. The till's engine: pos_app/domain/promotions (worked examples in
    tests/data/promotion_examples.json)."""

    KEY_FIELD: ClassVar[str] = "promotion_id"
    promotion_id: Code
    name: Name
    name_en: Text = ""
    rule: PromotionRule
    valid_from: AwareDatetime
    valid_to: AwareDatetime
    weekdays: list[Annotated[StrictInt, Field(ge=1, le=7)]] = Field(default=[1, 2, 3, 4, 5, 6, 7], min_length=1,
                                                                    max_length=7)
    daily_start: ClockTime | None = None
    daily_end: ClockTime | None = None
    priority: Annotated[StrictInt, Field(ge=-1000, le=1000)] = 0
    stores: list[Code] = Field(default_factory=list, max_length=10_000)
    channels: list[Code] = Field(default=["store"], min_length=1, max_length=10)
    member_only: StrictBool | None = None
    member_tiers: list[Code] = Field(default_factory=list, max_length=50)
    exclusion_group: Code | None = None
    combines_with: list[PromotionLayer] = Field(max_length=4)
    per_ticket_cap: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None
    per_member_daily_cap: Annotated[StrictInt, Field(ge=1, le=10**6)] | None = None
    return_rule: Literal["own_share"] = "own_share"

    @model_validator(mode="after")
    def _consistent(self) -> Promotion:
        if self.valid_to <= self.valid_from:
            raise ValueError("valid_to must be after valid_from")
        if (self.daily_start is None) != (self.daily_end is None):
            raise ValueError("daily_start and daily_end come together")
        if self.daily_start is not None and self.daily_end is not None and self.daily_end <= self.daily_start:
            raise ValueError("daily_end must be after daily_start")
        return self
