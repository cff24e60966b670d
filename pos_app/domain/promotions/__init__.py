"""Promotions and coupons: rules from the platform, the pricing engine, refunds of stored shares."""

from .catalog import PromotionCatalog
from .engine import AppliedPromotion, CartLine, LinePricing, PricingContext, PricingResult, Reason
from .pricing import PlanMemo, evaluate
from .refunds import refund_fen
from .rules import LAYERS, CouponTerms, Promotion, coupon_promotion, parse_promotion

__all__ = [
    "LAYERS",
    "AppliedPromotion",
    "CartLine",
    "CouponTerms",
    "LinePricing",
    "PlanMemo",
    "PricingContext",
    "PricingResult",
    "Promotion",
    "PromotionCatalog",
    "Reason",
    "coupon_promotion",
    "evaluate",
    "parse_promotion",
    "refund_fen",
]
