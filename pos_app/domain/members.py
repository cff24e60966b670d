"""Members at the till: who the customer is, what the screen may show of them, and the two
balances they carry (points and stored value, 储值) as ledgers of signed entries.

Balances only ever move by entries. Each entry has an id derived from (till, sale, kind), so the
platform, which applies deltas, can never apply the same one twice however often it is pushed;
a ``void`` entry cancels another by id. The rules here are pure: what a code says, how a phone
number is checked and masked, how many points a sale earns, what may be spent offline.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from .errors import (
    InsufficientPoints,
    InsufficientStoredValue,
    MemberLast4Invalid,
    MemberNameInvalid,
    MemberPhoneInvalid,
    PointsAboveMaximum,
    PointsAmountUneven,
    PointsBelowMinimum,
    PointsNeedNetwork,
    StoredValueOfflineCap,
    StoredValueTillCap,
)
from .money import from_minor
from .phone import mask_phone

#: The app's dynamic member code: ``O2OMB:{member_id}:{expires (unix s)}:{key_id}.{signature}``.
MEMBER_QR_PREFIX = "O2OMB"
_CODE = re.compile(rf"^{MEMBER_QR_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}}):([0-9]{{9,11}}):(\S{{1,160}})$")
#: A mainland mobile number: 11 digits, 13x-19x.
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_NAME_MAX = 40


@dataclass(frozen=True)
class MemberCode:
    """What a member code claims; the service checks the token's signature and the expiry."""

    member_id: str
    expires_at: int  # unix seconds
    token: str


def parse_member_code(text: str) -> MemberCode | None:
    """The parts of a member QR ("O2OMB:M0001:1767225600:pk1a2b.sig"), else None."""
    m = _CODE.match(text.strip())
    return MemberCode(m.group(1), int(m.group(2)), m.group(3)) if m else None


def normalize_mobile(text: str) -> str:
    """``text`` as 11 digits (spaces, dashes, +86/0086 removed), or :class:`MemberPhoneInvalid`."""
    digits = re.sub(r"[\s\-()]", "", text.strip())
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix):]
    if not _MOBILE.match(digits):
        raise MemberPhoneInvalid(phone=mask_phone(text) if text.strip() else "''")
    return digits


def phone_query(text: str) -> tuple[str, str]:
    """``("full", number)`` or ``("last4", digits)``: the only two ways to look a member up by
    phone (no prefix or substring search, so a list of numbers can't be browsed)."""
    digits = re.sub(r"[\s\-]", "", text.strip())
    if len(digits) == 4 and digits.isascii() and digits.isdigit():
        return "last4", digits
    if len(digits) <= 6:
        raise MemberLast4Invalid()
    return "full", normalize_mobile(text)


def clean_name(text: str) -> str:
    """An optional sign-up name: trimmed, at most 40 characters, no control characters."""
    name = text.strip()
    if len(name) > _NAME_MAX or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise MemberNameInvalid(max=_NAME_MAX)
    return name


def mask_name(name: str) -> str:
    """王芳 → 王*, 欧阳娜娜 → 欧***, Alice → A****: enough to greet, not to identify."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


# --- ledgers ---------------------------------------------------------------------------------


class EntryKind(StrEnum):
    POINTS_EARN = "points_earn"
    POINTS_REDEEM = "points_redeem"
    POINTS_REVERSE = "points_reverse"  # a return takes earned points back (or gives redeemed ones back)
    TOP_UP = "top_up"
    SPEND = "spend"
    REFUND = "refund"  # a return pays back to stored value
    VOID = "void"  # cancels the entry named in ``voids``


_ENTRY_NAMESPACE = uuid.UUID("5b0f6c1e-6d1a-4f43-9a53-0a2e6f2b8c11")


def entry_id(till_id: str, ref_id: str, kind: EntryKind) -> str:
    """The entry's idempotency key, 32 hex like every id the till makes: the same (till, sale or
    return, kind) always gives the same id (UUID5), so a re-pushed sale can't count twice."""
    return uuid.uuid5(_ENTRY_NAMESPACE, f"{till_id}\n{ref_id}\n{kind.value}").hex


@dataclass(frozen=True)
class LedgerEntry:
    """One signed movement of a member's balances."""

    entry_id: str
    member_id: str
    kind: EntryKind
    points: int = 0
    stored_value_fen: int = 0
    voids: str | None = None

    def __post_init__(self) -> None:
        signs = {EntryKind.POINTS_EARN: (1, 0), EntryKind.POINTS_REDEEM: (-1, 0), EntryKind.TOP_UP: (0, 1),
                 EntryKind.SPEND: (0, -1), EntryKind.REFUND: (0, 1)}
        want = signs.get(self.kind)
        if want is not None:
            for value, sign in ((self.points, want[0]), (self.stored_value_fen, want[1])):
                if (sign == 0 and value != 0) or value * sign < 0:
                    raise ValueError(f"{self.kind} entry has the wrong sign or balance")
        if (self.kind == EntryKind.VOID) != (self.voids is not None):
            raise ValueError("exactly void entries name the entry they void")

    def reversed(self) -> LedgerEntry:
        return replace(self, points=-self.points, stored_value_fen=-self.stored_value_fen)


@dataclass(frozen=True)
class Balances:
    points: int = 0
    stored_value_fen: int = 0

    def after(self, points: int, stored_value_fen: int) -> Balances:
        """Balances after a movement; a balance never goes below zero."""
        new = Balances(self.points + points, self.stored_value_fen + stored_value_fen)
        if new.points < 0:
            raise InsufficientPoints(available=self.points, wanted=-points)
        if new.stored_value_fen < 0:
            raise InsufficientStoredValue(available=from_minor(self.stored_value_fen),
                                          wanted=from_minor(-stored_value_fen))
        return new


# --- points ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointsRules:
    """From the platform: earn rate per tier (points per yuan actually paid), categories that earn
    nothing, and the redemption terms (fen per point, minimum and maximum per ticket)."""

    earn_per_yuan: Mapping[str, Decimal] = field(default_factory=lambda: {"": Decimal(1)})
    excluded_categories: frozenset[str] = frozenset()
    fen_per_point: int = 1
    min_redeem: int = 100
    max_redeem: int = 50_000

    def rate(self, tier: str) -> Decimal:
        return self.earn_per_yuan.get(tier, self.earn_per_yuan.get("", Decimal(0)))


def points_earned(rules: PointsRules, tier: str, lines: Iterable[tuple[str | None, int]],
                  not_earning_fen: int = 0) -> int:
    """Points for a sale: ``lines`` are (category, net paid fen); ``not_earning_fen`` is what was
    paid with points (points earn no points), taken off the eligible amount, floored per sale."""
    eligible = sum(fen for category, fen in lines if category not in rules.excluded_categories)
    eligible = max(eligible - not_earning_fen, 0)
    return int((Decimal(eligible) / 100 * rules.rate(tier)).to_integral_value(ROUND_FLOOR))


def points_for(rules: PointsRules, amount_fen: int, per_ticket_so_far: int = 0) -> int:
    """The points that pay ``amount_fen``, checked against the per-ticket minimum and maximum."""
    if amount_fen <= 0 or amount_fen % rules.fen_per_point:
        raise PointsAmountUneven(amount=from_minor(amount_fen), fen=rules.fen_per_point)
    points = amount_fen // rules.fen_per_point
    if points < rules.min_redeem:
        raise PointsBelowMinimum(minimum=rules.min_redeem)
    if per_ticket_so_far + points > rules.max_redeem:
        raise PointsAboveMaximum(maximum=rules.max_redeem)
    return points


def check_offline_points(points: int, allowance_left: int) -> None:
    """Offline, only what the platform granted this member on this till may be redeemed."""
    if points > allowance_left:
        raise PointsNeedNetwork(wanted=points, allowance=max(allowance_left, 0))


# --- stored value offline ----------------------------------------------------------------------


@dataclass(frozen=True)
class OfflineCaps:
    """Stored value a till may take with no network: per member (what the platform can't see yet)
    and per till per business day. Defaults ¥200 / ¥2,000; the platform sends the store's."""

    member_fen: int = 20_000
    till_daily_fen: int = 200_000


def check_offline_spend(caps: OfflineCaps, amount_fen: int, member_offline_fen: int, till_today_fen: int) -> None:
    """Refuses an offline stored-value spend above either cap (a manager may override)."""
    if member_offline_fen + amount_fen > caps.member_fen:
        raise StoredValueOfflineCap(cap=from_minor(caps.member_fen),
                                    left=from_minor(max(caps.member_fen - member_offline_fen, 0)))
    if till_today_fen + amount_fen > caps.till_daily_fen:
        raise StoredValueTillCap(cap=from_minor(caps.till_daily_fen),
                                 left=from_minor(max(caps.till_daily_fen - till_today_fen, 0)))


def fold(entries: Iterable[LedgerEntry], start: Balances = Balances()) -> Balances:
    """Balances after the distinct entries (by id), voided ones cancelled, in any order.
    (What the platform computes; the till uses it for its own pending entries.)"""
    seen: dict[str, LedgerEntry] = {}
    voided: set[str] = set()
    for e in entries:
        if e.kind == EntryKind.VOID:
            voided.add(e.voids or "")
        seen.setdefault(e.entry_id, e)
    points = sum(e.points for k, e in seen.items() if k not in voided and e.kind != EntryKind.VOID)
    fen = sum(e.stored_value_fen for k, e in seen.items() if k not in voided and e.kind != EntryKind.VOID)
    return Balances(start.points + points, start.stored_value_fen + fen)
