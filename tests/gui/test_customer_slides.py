"""The idle slideshow on the real customer window: images fetched into the data dir, checked and
decoded by Qt's image reader in a worker; a broken or huge image is skipped with a log line and
never shown; texts in the screen's language."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from pos_app.store.media_models import MediaRow
from sync import protocol as P


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b6b3a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def feed(ctx, files: dict[str, bytes], texts: dict[str, tuple[str, str]]) -> None:
    """The media feed page as the platform sends it (through the till's sync storage); the image
    bytes are what the platform would answer for each."""
    items = []
    for position, (media_id, data) in enumerate(files.items()):
        items.append(P.MediaItem(media_id=media_id, kind="image", content_type="image/png", size=len(data),
                                 sha256=hashlib.sha256(data).hexdigest(), position=position))
    for media_id, (text, text_en) in texts.items():
        items.append(P.MediaItem(media_id=media_id, kind="text", text=text, text_en=text_en, position=50))
    ctx.sync.storage.apply_page("media", [P.FeedItem[P.MediaItem](key=i.media_id, deleted=False, data=i)
                                          for i in items], "m1")
    ctx.media.fetch = lambda media_id, _most: [files[media_id]]  # the platform's answer, as bytes


def statuses(ctx) -> dict[str, tuple[str, str]]:
    with ctx.db.uow(read_only=True) as uow:
        return {r.media_id: (r.status, r.reason) for r in uow.session.query(MediaRow).all()}


def test_good_slides_show_and_bad_images_are_skipped_for_good(qtbot, till, caplog):
    window = till("en", customer_screen={"screen": "window", "slide_seconds": 2})
    ctx = window.ctx
    broken = b"\x89PNG\r\n\x1a\n" + b"not really an image" * 20
    feed(ctx, {"logo": png(320, 200), "broken": broken, "bomb": png(5000, 4000)},
         {"deal": ("本周特惠", "This week's deals")})
    shows = window.customer.slides
    shows.reload()
    qtbot.waitUntil(lambda: len(shows.slides) == 2, timeout=10000)
    assert [s.media_id for s in shows.slides] == ["logo", "deal"]
    screen = window.customer.window
    assert screen.slide_image.isVisibleTo(screen) and not screen.slide_image.pixmap().isNull()
    assert shows.slides[0].image.size().width() == 320  # decoded whole before it was shown
    qtbot.waitUntil(lambda: screen.slide_text.text() == "This week's deals", timeout=5000)
    assert not screen.slide_image.isVisibleTo(screen)
    found = statuses(ctx)
    assert found["broken"][0] == "skipped" and "not an image" in found["broken"][1]
    assert found["bomb"][0] == "skipped" and "5000x4000 pixels" in found["bomb"][1]
    assert "media broken skipped" in caplog.text and "media bomb skipped" in caplog.text
    files = {p.name for p in (ctx.data_dir / "media").iterdir()}
    assert files == {hashlib.sha256(png(320, 200)).hexdigest()}  # the skipped files are gone


def test_no_slides_leave_the_welcome_and_the_store_name(qtbot, till):
    window = till("zh_CN", customer_screen={"screen": "window"})
    screen = window.customer.window
    qtbot.waitUntil(lambda: not window.customer.slides.runner.busy, timeout=5000)
    assert screen.welcome.text() == "欢迎光临"
    assert not screen.slide_image.isVisibleTo(screen) and not screen.slide_text.isVisibleTo(screen)
