"""Pickup (BOPIS, 门店自提) order states and the transitions a clerk or the platform may make.

::

    new ──► picking ──► ready ──► collected
     │         │          │  └──► partially_collected ──► collected
     │         │          │              │ (more partial collections stay here)
     └─────────┴──────────┴──────────────┴──► cancelled
     new, ready, partially_collected ──► expired (not collected in time)

collected, cancelled and expired are final.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InvalidPickupTransition, UnknownPickupStatus


class PickupStatus(StrEnum):
    NEW = "new"
    PICKING = "picking"
    READY = "ready"
    PARTIALLY_COLLECTED = "partially_collected"
    COLLECTED = "collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


_S = PickupStatus
TRANSITIONS: dict[PickupStatus, frozenset[PickupStatus]] = {
    _S.NEW: frozenset({_S.PICKING, _S.CANCELLED, _S.EXPIRED}),
    _S.PICKING: frozenset({_S.READY, _S.CANCELLED}),
    _S.READY: frozenset({_S.COLLECTED, _S.PARTIALLY_COLLECTED, _S.CANCELLED, _S.EXPIRED}),
    _S.PARTIALLY_COLLECTED: frozenset({_S.PARTIALLY_COLLECTED, _S.COLLECTED, _S.CANCELLED, _S.EXPIRED}),
    _S.COLLECTED: frozenset(),
    _S.CANCELLED: frozenset(),
    _S.EXPIRED: frozenset(),
}


def parse_status(value: str) -> PickupStatus:
    try:
        return PickupStatus(value)
    except ValueError:
        raise UnknownPickupStatus(status=value) from None


def is_final(status: PickupStatus) -> bool:
    return not TRANSITIONS[status]


def can_transition(current: PickupStatus, target: PickupStatus) -> bool:
    return target in TRANSITIONS[current]


def transition(current: PickupStatus, target: PickupStatus) -> PickupStatus:
    """Return ``target`` if the move is allowed, else raise InvalidPickupTransition."""
    if not can_transition(current, target):
        raise InvalidPickupTransition(current=current.value, target=target.value)
    return target
