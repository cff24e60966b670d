"""The customer screen's slides: the `media` feed's rows, and their image files in the data dir.

Images are fetched (by `fetch`, the platform client) only after the feed announced them, into
`<data dir>/media/<sha256>`: the download stops as soon as it passes the announced size or the
till's own limit (`customer_screen.media_max_kb`), the bytes must hash to the announced sha256, and
the file appears under its name only complete (written aside, fsynced, renamed). The whole cache
stays under `customer_screen.media_cache_mb`; files no slide names any more are removed. Whether
the bytes are an image the screen can show is checked by the UI with Qt's image reader, in a
worker, which reports a bad one through `skip`. Every refusal is one log line and a `reason`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pos_app.config import CustomerScreenConfig
from pos_app.store.media_models import MediaRow
from pos_app.store.uow import Database

log = logging.getLogger(__name__)

#: (media_id, largest number of bytes wanted) -> the file's bytes in chunks; raises on failure.
Fetch = Callable[[str, int], Iterable[bytes]]


@dataclass(frozen=True)
class Slide:
    media_id: str
    text: str
    text_en: str
    image: Path | None  # a complete, checked file; None for a text slide
    seconds: int | None


class MediaService:
    def __init__(self, db: Database, data_dir: Path, settings: CustomerScreenConfig,
                 fetch: Fetch | None = None) -> None:
        self.db = db
        self.folder = data_dir / "media"
        self.max_bytes = settings.media_max_kb * 1024
        self.cache_bytes = settings.media_cache_mb * 1024 * 1024
        self.fetch = fetch

    def slides(self) -> list[Slide]:
        """The ready slides in the platform's order (text slides, and images whose file is here)."""
        with self.db.uow(read_only=True) as uow:
            rows = uow.session.scalars(select(MediaRow).where(MediaRow.status == "ready")
                                       .order_by(MediaRow.position, MediaRow.media_id)).all()
            out = []
            for row in rows:
                path = self.folder / row.sha256 if row.kind == "image" and row.sha256 else None
                if path is not None and not path.is_file():
                    continue  # removed behind the till's back: fetched again by the next refresh
                out.append(Slide(row.media_id, row.text, row.text_en, path, row.seconds))
            return out

    def refresh(self) -> list[Slide]:
        """Fetch what is pending (one by one, each in its own short transaction), drop files no
        slide needs, and return the slides. Runs in a worker: it does network and file I/O."""
        with self.db.uow(read_only=True) as uow:
            rows = uow.session.scalars(select(MediaRow).where(MediaRow.kind == "image")).all()
            pending = [(r.media_id, r.sha256, r.size) for r in rows if r.status == "pending"]
            needed = {r.sha256 for r in rows if r.status != "skipped"}
            used = sum(r.size for r in rows if r.status == "ready")
        self._remove_unneeded(needed)
        for media_id, sha256, size in pending:
            if sha256 is None:
                continue
            reason = self._download(media_id, sha256, size, used)
            if reason is None:
                used += size
            self._set(media_id, "ready" if reason is None else "skipped", reason or "")
        return self.slides()

    def skip(self, media_id: str, reason: str) -> None:
        """The screen could not show this image (not an image, too many pixels): never again,
        until the platform sends a different file."""
        log.warning("media %s skipped: %s", media_id, reason)
        self._set(media_id, "skipped", reason)

    # -- files -----------------------------------------------------------------------------
    def _download(self, media_id: str, sha256: str, size: int, used: int) -> str | None:
        """None when the file is here and checked; else why it was refused (also logged)."""
        target = self.folder / sha256
        if target.is_file() and target.stat().st_size == size:
            return None
        reason = None
        if size > self.max_bytes:
            reason = f"{size} bytes is over the limit of {self.max_bytes} (customer_screen.media_max_kb)"
        elif used + size > self.cache_bytes:
            reason = f"the media cache is full ({used} of {self.cache_bytes} bytes used)"
        elif self.fetch is None:
            return "no platform to fetch it from"  # not a refusal of the file: stays pending
        else:
            reason = self._store(self.fetch, media_id, sha256, size, target)
        if reason is not None:
            log.warning("media %s skipped: %s", media_id, reason)
        return reason

    def _store(self, fetch: Fetch, media_id: str, sha256: str, size: int, target: Path) -> str | None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        digest, got = hashlib.sha256(), 0
        try:
            with partial.open("wb") as out:
                for chunk in fetch(media_id, size + 1):  # one byte more tells "too long"
                    got += len(chunk)
                    if got > size:
                        return f"the platform sent more than the {size} bytes announced"
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if got != size:
                return f"the platform sent {got} of the {size} bytes announced"
            if digest.hexdigest() != sha256:
                return "the file's sha256 is not the one announced"
            partial.replace(target)
            return None
        except Exception as exc:  # a network or disk failure: this file only, the next refresh retries
            log.warning("media %s not fetched: %s", media_id, exc)
            return f"not fetched: {exc}"
        finally:
            partial.unlink(missing_ok=True)

    def _remove_unneeded(self, needed: set[str | None]) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in needed:
                path.unlink(missing_ok=True)

    def _set(self, media_id: str, status: str, reason: str) -> None:
        if status == "skipped" and reason.startswith("not fetched") or reason == "no platform to fetch it from":
            return  # stays pending: tried again on the next refresh
        with self.db.uow() as uow:
            row = uow.session.get(MediaRow, media_id)
            if row is not None:
                row.status, row.reason = status, reason[:200]
                if status == "skipped" and row.sha256:
                    (self.folder / row.sha256).unlink(missing_ok=True)
            uow.commit()
