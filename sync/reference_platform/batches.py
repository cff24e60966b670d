"""``POST /stores/{store}/event-batches``: many outbox events in one request and ONE transaction.

Each event is checked and applied on its own (a SAVEPOINT each), exactly as the single push route
would (same idempotency records, same appliers), so an event's answer is the same whichever way it
came, and a key first sent alone is a ``duplicate`` in a batch and the other way round. A refused
event stores nothing; the others commit together, or (the process dies, an unexpected error) none
does and the till sends the batch again.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from sync.protocol import (
    BATCH_KINDS,
    EVENT_MODELS,
    MAX_BATCH_BYTES,
    BatchEventResult,
    BatchResult,
    ErrorBody,
    EventBatch,
    PushResult,
    WireModel,
)
from sync.reference_platform import db
from sync.reference_platform.app import ERRORS, Device, DeviceDep, StateDep, StorePath, open_db
from sync.reference_platform.pushes import APPLIERS, body_hash
from sync.reference_platform.state import ApiError, PlatformState


def _refused(key: str, error: str, message: str, details: list[str] | None = None) -> BatchEventResult:
    return BatchEventResult(idempotency_key=key, outcome="refused",
                            error=ErrorBody(error=error, message=message[:2000], details=details or []))


def _check(device: Device, store_id: str, key: str, kind: str, body: dict[str, Any]) -> WireModel | BatchEventResult:
    """The event's model, or why it is refused (the single push's 4xx answers, per event)."""
    if kind not in BATCH_KINDS:
        return _refused(key, "kind_not_batched", f"{kind} events are not sent in a batch")
    try:
        event = EVENT_MODELS[kind].model_validate(body)
    except ValidationError as exc:
        details = [f"{'.'.join(str(p) for p in e['loc']) or '<body>'}: {e['msg']}"[:500] for e in exc.errors()[:20]]
        return _refused(key, "invalid_event", f"{kind} event does not match the contract", details)
    if getattr(event, "store_id", store_id) != store_id:
        return _refused(key, "store_mismatch", "store_id in the body differs from the store in the path")
    till = getattr(event, "till_id", device.till_id)
    if till != device.till_id:
        return _refused(key, "wrong_till", f"this device is till {device.till_id}; it may not push for till {till}")
    return event


def _apply_one(conn: sqlite3.Connection, device: Device, key: str, kind: str, event: WireModel) -> BatchEventResult:
    digest = body_hash(event)
    row = conn.execute("SELECT body_hash, result FROM pushes WHERE store_id = ? AND idem_key = ?",
                       (device.store_id, key)).fetchone()
    if row is not None:
        if row[0] != digest:
            return _refused(key, "idempotency_key_reused", f"key {key} was already used with a different body")
        return BatchEventResult(idempotency_key=key, outcome="duplicate",
                                result=PushResult.model_validate_json(row[1]))
    conn.execute("SAVEPOINT event")
    try:
        result = APPLIERS[kind](conn, event, key, db.utcnow())
        conn.execute(
            "INSERT INTO pushes (store_id, idem_key, kind, body_hash, body, result, received_at, till_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (device.store_id, key, kind, digest, event.model_dump_json(), result.model_dump_json(),
             result.received_at.isoformat(), device.till_id),
        )
    except ApiError as exc:
        conn.execute("ROLLBACK TO event")
        conn.execute("RELEASE event")
        if exc.status >= 500:
            raise
        return _refused(key, exc.error, exc.message, exc.details)
    conn.execute("RELEASE event")
    return BatchEventResult(idempotency_key=key, outcome="accepted", result=result)


def push_batch(state: PlatformState, device: Device, store_id: str, batch: EventBatch) -> BatchResult:
    if store_id != device.store_id:
        raise ApiError(403, "wrong_store", f"this device belongs to store {device.store_id}, not {store_id}")
    checked = [(e.idempotency_key, e.kind, _check(device, store_id, e.idempotency_key, e.kind, e.body))
               for e in batch.events]
    keys = [key for key, _kind, _ev in checked]
    begun: list[str] = []
    try:
        for key in keys:
            state.begin(device.store_id, key)
            begun.append(key)
        state.apply_fault("before_commit")
        results: list[BatchEventResult] = []
        with open_db(state) as conn, db.write_tx(conn):
            for key, kind, event in checked:
                results.append(event if isinstance(event, BatchEventResult)
                               else _apply_one(conn, device, key, kind, event))
        state.apply_fault("after_commit")
    finally:
        for key in begun:
            state.end(device.store_id, key)
    return BatchResult(results=results)


def install(app: FastAPI) -> None:
    @app.post("/stores/{store_id}/event-batches", response_model=BatchResult, tags=["push"], responses=ERRORS)
    def push_event_batch(store_id: StorePath, body: EventBatch, device: DeviceDep, state: StateDep,
                         request: Request) -> JSONResponse:
        """Up to ``MAX_BATCH_EVENTS`` outbox events (``MAX_BATCH_BYTES`` of JSON) in one transaction,
        each with its own idempotency key and its own answer: accepted, duplicate (the first answer
        again) or refused with the reason (that event alone; the till dead-letters it)."""
        size = request.headers.get("content-length", "")
        if size.isdigit() and int(size) > MAX_BATCH_BYTES:
            raise ApiError(413, "batch_too_large", f"a batch may hold at most {MAX_BATCH_BYTES} bytes")
        return JSONResponse(push_batch(state, device, store_id, body).model_dump(mode="json"))
