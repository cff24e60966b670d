"""Applies the `media` feed to `media_items`: a changed image goes back to pending (its file is
fetched and checked again), a text slide is ready at once, a tombstone removes the slide."""

from __future__ import annotations

from sqlalchemy import delete

from pos_app.store.media_models import MediaRow
from pos_app.store.models import utcnow
from pos_app.store.uow import UnitOfWork
from sync.protocol import MediaItem


def upsert_media(uow: UnitOfWork, item: MediaItem, changed: list[str]) -> None:
    row = uow.session.get(MediaRow, item.media_id)
    status, reason = "pending", ""
    if row is not None and row.sha256 == item.sha256 and row.status != "pending":
        status, reason = row.status, row.reason  # the same file: checked already
    if item.kind == "text":
        status, reason = "ready", ""
    uow.session.merge(MediaRow(
        media_id=item.media_id, kind=item.kind, text=item.text, text_en=item.text_en,
        content_type=item.content_type, size=item.size, sha256=item.sha256, position=item.position,
        seconds=item.seconds, status=status, reason=reason, updated_at=utcnow()))
    changed.append(item.media_id)


def delete_media(uow: UnitOfWork, key: str) -> None:
    uow.session.execute(delete(MediaRow).where(MediaRow.media_id == key))
