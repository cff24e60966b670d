"""The `media` feed: images and short texts the platform pushes for the customer screen's slideshow.

A feed item describes a slide; an image's bytes are fetched separately (`GET
/stores/{store}/media/{media_id}/content`) and must match the declared `size` and `sha256`, so the
till can refuse a file that is not the one announced before it keeps a byte of it.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from sync.protocol.types import WireModel

MediaId = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Sha256 = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
#: Largest image the contract allows; a till refuses smaller ones by its own config.
MAX_MEDIA_BYTES = 64 * 1024 * 1024
SlideText = Annotated[str, StringConstraints(strict=True, max_length=120)]


class MediaItem(WireModel):
    """One slide: an image (with an optional caption) or a short text."""

    KEY_FIELD: ClassVar[str] = "media_id"

    media_id: MediaId
    kind: Literal["image", "text"]
    text: SlideText = ""
    text_en: SlideText = ""
    content_type: Literal["image/png", "image/jpeg", ""] = ""
    size: Annotated[int, Field(ge=0, le=MAX_MEDIA_BYTES)] = 0
    sha256: Sha256 | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] = 0
    #: How long the slide stays; None: the till's `customer_screen.slide_seconds`.
    seconds: Annotated[int, Field(ge=2, le=600)] | None = None

    @model_validator(mode="after")
    def _complete(self) -> MediaItem:
        if self.kind == "image" and (self.sha256 is None or self.size < 1 or not self.content_type):
            raise ValueError("an image needs its content_type, size and sha256")
        if self.kind == "text" and not (self.text or self.text_en):
            raise ValueError("a text slide needs a text")
        return self
