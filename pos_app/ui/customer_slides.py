"""The idle slideshow: the media service's slides, each image decoded whole before it is shown.

Loading runs in a worker: the media service fetches what is pending, then Qt's image reader checks
each file (format from the content, pixel count before decoding) and decodes it to a `QImage`
(safe off the UI thread, unlike a pixmap). A file the reader refuses, or one with too many pixels,
is skipped with a log line and reported to the service, so it is never tried again; the screen
only ever gets complete images. The slides are loaded again every `RELOAD_MS`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage, QImageReader

from pos_app.ui.workers import TaskRunner

log = logging.getLogger(__name__)

RELOAD_MS = 10 * 60 * 1000
MAX_PIXELS = 4096 * 4096  # a 4K slide; more is a decompression bomb, not an advertisement


@dataclass(frozen=True)
class LoadedSlide:
    media_id: str
    image: QImage | None
    text: str
    text_en: str
    seconds: int | None


def read_image(path: str) -> tuple[QImage | None, str]:
    """The decoded image, or None and why not (Qt's own words where it has them)."""
    reader = QImageReader(path)
    reader.setDecideFormatFromContent(True)  # the bytes decide, not the name
    size = reader.size()
    if not reader.canRead() or not size.isValid():
        return None, f"not an image Qt can read ({reader.errorString()})"
    if size.width() * size.height() > MAX_PIXELS:
        return None, f"{size.width()}x{size.height()} pixels is more than a slide may have"
    image = reader.read()
    if image.isNull():
        return None, f"the image could not be decoded ({reader.errorString()})"
    return image, ""


def load_slides(media: Any) -> list[LoadedSlide]:
    """In a worker: fetch, check and decode; a bad image is skipped for good."""
    loaded = []
    for slide in media.refresh():
        image = None
        if slide.image is not None:
            image, problem = read_image(str(slide.image))
            if image is None:
                media.skip(slide.media_id, problem)
                continue
        loaded.append(LoadedSlide(slide.media_id, image, slide.text, slide.text_en, slide.seconds))
    return loaded


class SlideShow(QObject):
    """Cycles the loaded slides on the customer window's idle page."""

    def __init__(self, media: Any, window: Any, default_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.media = media
        self.window = window
        self.default_seconds = default_seconds
        self.slides: list[LoadedSlide] = []
        self.index = -1
        self._again = False
        self.runner = TaskRunner(self, max_threads=1)
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self.advance)
        self._reload = QTimer(self)
        self._reload.timeout.connect(self.reload)

    def start(self) -> None:
        self.reload()
        self._reload.start(RELOAD_MS)

    def reload(self) -> None:
        """Load the slides again (once more after the load under way, if one is)."""
        if self.media is None:
            return
        if self.runner.busy:
            self._again = True
            return
        self._again = False
        self.runner.submit(load_slides, self.media, on_result=self._loaded,
                           on_error=lambda e: log.warning("slides not loaded: %s", e))

    def _loaded(self, slides: list[LoadedSlide]) -> None:
        if self._again:
            QTimer.singleShot(0, self.reload)  # once this job has finished
        self.slides = slides
        self.index = -1
        self.advance()

    def advance(self) -> None:
        if not self.slides:
            self.window.show_slide(None, "")
            return
        self.index = (self.index + 1) % len(self.slides)
        slide = self.slides[self.index]
        self.window.show_slide(slide.image, self.window.texts.name(slide.text, slide.text_en, "\n"))
        if len(self.slides) > 1:
            self._next.start((slide.seconds or self.default_seconds) * 1000)

    def stop(self) -> None:
        self._next.stop()
        self._reload.stop()
        self.runner.wait(5000)
