"""Pickup claims: which till is picking an order, so two tills of a store never pick it twice.

A till that starts picking asks ``POST /stores/{store}/pickup-orders/{order_id}/claim``. The
platform grants the claim (for ``CLAIM_TTL``) unless another till holds an unexpired one; then
it answers ``granted=false`` with the holder's claim, which the till shows ("being picked at
T01 (Li Na)"). A manager may take the order over (``takeover``). The claim travels in the
``pickup_orders`` feed (``PickupOrder.claimed_by``), so every till sees it after its next pull,
and it ends when the claiming till's next status event (ready, handed over, cancelled) arrives.
Offline, a till may pick without a claim; its ``picking`` event then meets the other till's
claim and the platform answers the conflict ``picked_elsewhere``, which the manager sees.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AwareDatetime, Field, StrictBool

from sync.protocol.types import Code, Text, WireModel

CLAIM_TTL = dt.timedelta(minutes=30)

StaffName = Annotated[str, Field(strict=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]


class PickupClaimRequest(WireModel):
    """This till (the device's own) starts picking; ``takeover``: a manager takes it from another till."""

    staff_name: StaffName
    takeover: StrictBool = False


class PickupClaim(WireModel):
    """Who is picking an order, until when."""

    till_id: Code
    staff_name: Text
    expires_at: AwareDatetime


class PickupClaimAnswer(WireModel):
    """``granted``: the claim is this till's now; otherwise ``claim`` is the other till's."""

    order_id: Code
    granted: StrictBool
    claim: PickupClaim
