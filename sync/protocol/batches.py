"""Batch push: many outbox events in one request, each answered on its own.

``POST /stores/{store}/event-batches`` carries up to ``MAX_BATCH_EVENTS`` events (and at most
``MAX_BATCH_BYTES`` of JSON), each with its own idempotency key (the outbox event id, as the
single push's Idempotency-Key header). The platform applies them in order in ONE transaction and
answers one ``BatchEventResult`` per event, in the request's order:

* ``accepted``: applied now; ``result`` is the answer the single push would give (its ``status``
  may be ``conflict``, a final business "no", as there);
* ``duplicate``: the key was received before with the same body; ``result`` is the first answer,
  so a batch re-sent after a lost answer doubles nothing;
* ``refused``: the event is invalid (its body does not match its kind's model, the key was used
  with another body, another store or till); ``error`` says why, nothing of it was stored, and the
  till dead-letters it alone while the rest of the batch flows.

Each body is validated on its own against ``EVENT_MODELS[kind]`` (hence ``body`` is a plain
object here), so one bad event never refuses its neighbours. Z reports keep their own route.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from sync.protocol.events import PushResult
from sync.protocol.pairing import ErrorBody
from sync.protocol.types import EventKind, IdempotencyKey, WireModel

MAX_BATCH_EVENTS = 500
MAX_BATCH_BYTES = 4 * 1024 * 1024
#: Kinds a batch may carry: every pushed kind but the Z report (idempotent per till and day on its own route).
BATCH_KINDS: tuple[EventKind, ...] = (
    "sale", "return", "stock_movement", "pickup_event", "loyalty", "coupon_redemption",
    "staff_pin", "member_ledger", "member_signup",
)


class BatchEvent(WireModel):
    """One outbox event; ``body`` must match ``EVENT_MODELS[kind]`` (checked per event)."""

    idempotency_key: IdempotencyKey
    kind: EventKind
    body: dict[str, Any]


class EventBatch(WireModel):
    """Events in outbox order; a key appears once."""

    events: Annotated[list[BatchEvent], Field(min_length=1, max_length=MAX_BATCH_EVENTS)]

    @model_validator(mode="after")
    def _unique_keys(self) -> EventBatch:
        keys = [e.idempotency_key for e in self.events]
        if len(set(keys)) != len(keys):
            raise ValueError("an idempotency_key appears twice in the batch")
        return self


class BatchEventResult(WireModel):
    """The answer for one event of the batch (see the module's docstring)."""

    idempotency_key: IdempotencyKey
    outcome: Literal["accepted", "duplicate", "refused"]
    result: PushResult | None = None
    error: ErrorBody | None = None

    @model_validator(mode="after")
    def _one_of(self) -> BatchEventResult:
        if (self.outcome == "refused") != (self.error is not None) or (self.result is None) != (self.error is not None):
            raise ValueError("a refused event carries error (and no result); the others a result")
        return self


class BatchResult(WireModel):
    """One result per event of the request, in its order."""

    results: list[BatchEventResult]
