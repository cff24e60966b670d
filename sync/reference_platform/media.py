"""The `media` feed's images on the reference platform: an admin uploads a slide (its bytes, if an
image), the feed announces it with size and sha256, and a paired till of the store fetches the bytes."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, Response
from pydantic import Field, StringConstraints, ValidationError

from sync.protocol import MAX_MEDIA_BYTES, Code, MediaItem, WireModel
from sync.protocol.media import MediaId, SlideText
from sync.reference_platform import db
from sync.reference_platform.app import ERRORS, DeviceDep, StateDep, StorePath, _check_store, open_db
from sync.reference_platform.state import ApiError

router = APIRouter(responses=ERRORS)


class MediaUpload(WireModel):
    """A slide as an admin uploads it; the platform works out the size and the sha256."""

    kind: Literal["image", "text"]
    text: SlideText = ""
    text_en: SlideText = ""
    content_type: Literal["image/png", "image/jpeg", ""] = ""
    content_base64: Annotated[str, StringConstraints(max_length=MAX_MEDIA_BYTES * 4 // 3 + 4)] = ""
    position: Annotated[int, Field(ge=0, le=10_000)] = 0
    seconds: Annotated[int, Field(ge=2, le=600)] | None = None


@router.get("/stores/{store_id}/media/{media_id}/content", tags=["feeds"],
            responses={200: {"content": {"image/png": {}, "image/jpeg": {}}}})
def media_content(store_id: StorePath, media_id: MediaId, device: DeviceDep, state: StateDep) -> Response:
    """The bytes of an image the `media` feed announced (size and sha256 are in the feed item)."""
    _check_store(device, store_id)
    with open_db(state) as conn:
        row = conn.execute("SELECT content_type, data FROM media_blobs WHERE store_id = ? AND media_id = ?",
                           (store_id, media_id)).fetchone()
    if row is None:
        raise ApiError(404, "unknown_media", f"no media {media_id} in store {store_id}")
    return Response(content=bytes(row[1]), media_type=row[0])


def admin_router() -> APIRouter:
    from sync.reference_platform.admin import Count, require_admin

    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS)

    @admin.put("/stores/{store_id}/media/{media_id}", response_model=MediaItem)
    def put_media(store_id: Code, media_id: MediaId, body: MediaUpload, state: StateDep) -> MediaItem:
        try:
            data = base64.b64decode(body.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(422, "bad_content", "content_base64 is not base64") from None
        if body.kind == "image" and not data:
            raise ApiError(422, "bad_content", "an image needs its content")
        try:
            item = MediaItem(media_id=media_id, kind=body.kind, text=body.text, text_en=body.text_en,
                             content_type=body.content_type, size=len(data) if body.kind == "image" else 0,
                             sha256=hashlib.sha256(data).hexdigest() if body.kind == "image" else None,
                             position=body.position, seconds=body.seconds)
        except ValidationError as exc:  # e.g. a text slide without a text, an image without its type
            raise ApiError(422, "bad_media", "; ".join(e["msg"] for e in exc.errors())) from None
        with open_db(state) as conn, db.write_tx(conn):
            conn.execute("DELETE FROM media_blobs WHERE store_id = ? AND media_id = ?", (store_id, media_id))
            if body.kind == "image":
                conn.execute("INSERT INTO media_blobs (store_id, media_id, content_type, data) VALUES (?, ?, ?, ?)",
                             (store_id, media_id, body.content_type, data))
            db.put_entity(conn, "media", store_id, media_id, item.model_dump(mode="json"))
        return item

    @admin.delete("/stores/{store_id}/media/{media_id}", response_model=Count)
    def delete_media(store_id: Code, media_id: MediaId, state: StateDep) -> Count:
        with open_db(state) as conn, db.write_tx(conn):
            if db.get_entity(conn, "media", store_id, media_id) is None:
                raise ApiError(404, "unknown_media", f"no media {media_id} in store {store_id}")
            conn.execute("DELETE FROM media_blobs WHERE store_id = ? AND media_id = ?", (store_id, media_id))
            db.put_entity(conn, "media", store_id, media_id, None)
        return Count(count=1)

    return admin


def install(app: FastAPI) -> None:
    app.include_router(router)
    app.include_router(admin_router())
