"""Wire contract of members at the till: ledger entries (points and stored value), sign-ups,
online holds, and the store's member terms.

Every balance change is a :class:`MemberLedgerEntry` whose ``entry_id`` is its idempotency key,
made from (till, sale, kind): the platform applies each entry id once, and a ``void`` entry
cancels another by id whether it arrives before or after it.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AwareDatetime, Field, StrictBool, StrictInt, StringConstraints, model_validator

from sync.protocol.types import ClientId, Code, Fen, Text, WireModel

#: An entry id: UUID5 of (till, sale or return, kind), the Idempotency-Key of its push.
EntryId = ClientId
SignedCount = Annotated[StrictInt, Field(ge=-(10**12), le=10**12)]
#: A mainland mobile number, 11 digits.
Mobile = Annotated[str, StringConstraints(strict=True, pattern=r"^1[3-9][0-9]{9}$")]
PointsRate = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{1,4}(\.[0-9]{1,4})?$")]

EntryKind = Literal["points_earn", "points_redeem", "points_reverse", "top_up", "spend", "refund", "void"]
#: The sign each kind's deltas must have: (points, stored value); 0: must be zero, None: either.
ENTRY_SIGNS: dict[str, tuple[int | None, int | None]] = {
    "points_earn": (1, 0), "points_redeem": (-1, 0), "points_reverse": (None, 0),
    "top_up": (0, 1), "spend": (0, -1), "refund": (0, 1), "void": (0, 0),
}


class MemberLedgerEntry(WireModel):
    """A signed movement of one member's points and/or stored value (push kind ``member_ledger``).

    ``hold_id``: the online reservation/hold this entry captures (made before the sale completed).
    ``offline``: taken with no platform answer; the platform may refuse it (``insufficient_*``)
    and the till shows that to the manager. ``override_by``: the manager who let it pass a cap.
    """

    entry_id: EntryId
    store_id: Code
    till_id: Code
    member_id: Code
    kind: EntryKind
    points_delta: SignedCount = 0
    stored_value_delta_fen: SignedCount = 0
    voids: EntryId | None = None
    hold_id: ClientId | None = None
    ref_id: ClientId | None = None  # the sale or return
    offline: StrictBool = False
    override_by: Code | None = None
    at: AwareDatetime

    @model_validator(mode="after")
    def _signs(self) -> MemberLedgerEntry:
        for value, sign, name in zip((self.points_delta, self.stored_value_delta_fen), ENTRY_SIGNS[self.kind],
                                     ("points_delta", "stored_value_delta_fen"), strict=True):
            if sign == 0 and value != 0 or sign is not None and value * sign < 0:
                raise ValueError(f"{self.kind} entry: {name} has the wrong sign")
        if (self.kind == "void") != (self.voids is not None):
            raise ValueError("exactly void entries name the entry they void (voids)")
        return self


class MemberSignup(WireModel):
    """A member signed up at the till (push kind ``member_signup``). The platform creates the
    member or merges with the existing member of that phone; the till learns the member id from
    the members feed. ``consent_at``: when the customer ticked the membership terms (PIPL)."""

    signup_id: ClientId
    store_id: Code
    till_id: Code
    phone: Mobile
    name: Text = ""
    consent_terms: Code
    consent_at: AwareDatetime
    at: AwareDatetime


class MemberHold(WireModel):
    """Reserve points or hold stored value for a sale in progress (``POST .../members/{id}/holds``);
    the same ``hold_id`` again answers the first result."""

    hold_id: ClientId
    till_id: Code
    kind: Literal["points", "stored_value"]
    amount: Annotated[StrictInt, Field(ge=1, le=10**12)]


class MemberHoldAnswer(WireModel):
    hold_id: ClientId
    status: Literal["held", "captured", "released", "expired"]  # expired: its time ran out, nothing held
    available_points: Fen
    available_stored_value_fen: Fen


class TierRate(WireModel):
    tier: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_.-]{0,64}$")]  # "": every other tier
    points_per_yuan: PointsRate


class MemberTerms(WireModel):
    """The store's member rules (``GET /stores/{store}/member-terms``): how points are earned and
    redeemed, and what a till may take offline. Amounts in fen."""

    earn: list[TierRate] = Field(default_factory=lambda: [TierRate(tier="", points_per_yuan="1")], max_length=50)
    excluded_categories: list[Code] = Field(default_factory=list, max_length=500)
    fen_per_point: Annotated[StrictInt, Field(ge=1, le=10_000)] = 1
    min_redeem_points: Annotated[StrictInt, Field(ge=1)] = 100
    max_redeem_points: Annotated[StrictInt, Field(ge=1)] = 50_000
    offline_points_allowance: Annotated[StrictInt, Field(ge=0)] = 500
    offline_member_cap_fen: Fen = 20_000
    offline_till_daily_fen: Fen = 200_000
    terms_version: Code = "v1"
    #: Seconds an online hold lasts unless the till asks for it again (a till gone mid-sale).
    hold_ttl_s: Annotated[StrictInt, Field(ge=1, le=86_400)] = 900


class MemberAccount(WireModel):
    """A member's balances now (``GET /stores/{store}/members/{id}``), held amounts taken off."""

    member_id: Code
    points: Fen
    stored_value_fen: Fen
    held_points: Fen
    held_stored_value_fen: Fen


class MemberAllowance(WireModel):
    """What one member may spend at one till with no network (feed ``member_allowances``, scoped to
    the till; key ``member_id``): points to redeem and stored value (fen) that the platform has not
    seen yet. The platform grants it per member and till; a member with none has the store's terms
    (``offline_points_allowance``, ``offline_member_cap_fen``)."""

    KEY_FIELD: ClassVar[str] = "member_id"
    member_id: Code
    points: Annotated[StrictInt, Field(ge=0, le=10**12)]
    stored_value_fen: Fen
