"""The media feed between the reference platform and the till, both real, over loopback HTTP:
slides arrive, images are fetched and checked into the data dir, refusals are skipped with a
reason and never half-written, a removed slide's file goes."""

from __future__ import annotations

import base64
import hashlib
import sqlite3

import pytest
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, CustomerScreenConfig, PlatformConfig
from pos_app.store.media_models import MediaRow
from sync.credentials import Credentials
from sync.pairing import pair

#: A real 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def till(platform, demo_dir, memory_keyring):
    config = Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5, connect_timeout_s=2),
                    customer_screen=CustomerScreenConfig(media_max_kb=16, media_cache_mb=1))
    pair(platform.url, platform.pairing_code(), Credentials(platform.url), "S001", "T01")
    ctx = build_app(config, demo_dir)
    yield ctx
    ctx.close()


def upload(platform, media_id: str, data: bytes | None = None, **fields) -> dict:
    body = {"kind": "image" if data is not None else "text", **fields}
    if data is not None:
        body |= {"content_type": "image/png", "content_base64": base64.b64encode(data).decode()}
    return platform.admin("PUT", f"/admin/stores/S001/media/{media_id}", body)


def rows(ctx) -> dict[str, tuple[str, str]]:
    with ctx.db.uow(read_only=True) as uow:
        return {r.media_id: (r.status, r.reason) for r in uow.session.query(MediaRow).all()}


def test_slides_arrive_in_order_and_an_image_is_fetched_and_checked(platform, till):
    upload(platform, "sale", text="本周特惠", text_en="This week's deals", position=2)
    item = upload(platform, "logo", PNG, position=1, seconds=5)
    assert item["sha256"] == hashlib.sha256(PNG).hexdigest() and item["size"] == len(PNG)
    assert till.sync.run_once().ok
    slides = till.media.refresh()
    assert [(s.media_id, s.text_en, s.seconds) for s in slides] == [("logo", "", 5), ("sale", "This week's deals", None)]
    assert slides[0].image == till.data_dir / "media" / item["sha256"]
    assert slides[0].image.read_bytes() == PNG
    assert [p.name for p in (till.data_dir / "media").iterdir()] == [item["sha256"]]  # no partial file left

    platform.admin("DELETE", "/admin/stores/S001/media/logo")
    assert till.sync.run_once().ok
    assert [s.media_id for s in till.media.refresh()] == ["sale"]
    assert list((till.data_dir / "media").iterdir()) == []


def test_a_file_over_the_limit_is_skipped_with_the_reason_and_never_fetched(platform, till, caplog):
    upload(platform, "huge", PNG + b"\0" * (17 * 1024))  # over media_max_kb = 16
    assert till.sync.run_once().ok
    assert till.media.refresh() == []
    status, reason = rows(till)["huge"]
    assert status == "skipped" and "over the limit" in reason
    assert "media huge skipped" in caplog.text
    assert not (till.data_dir / "media").exists() or list((till.data_dir / "media").iterdir()) == []


def test_bytes_that_are_not_the_announced_file_are_refused_whole(platform, till):
    upload(platform, "logo", PNG)
    with sqlite3.connect(platform.db_path) as conn:  # the stored bytes differ from what the feed announced
        conn.execute("UPDATE media_blobs SET data = ? WHERE media_id = 'logo'", (PNG[:-1] + b"X",))
    assert till.sync.run_once().ok
    assert till.media.refresh() == []
    assert rows(till)["logo"] == ("skipped", "the file's sha256 is not the one announced")
    assert list((till.data_dir / "media").iterdir()) == []


def test_a_platform_that_cannot_be_reached_leaves_the_slide_pending(platform, till):
    upload(platform, "logo", PNG)
    assert till.sync.run_once().ok
    platform.stop()
    assert till.media.refresh() == []
    assert rows(till)["logo"] == ("pending", "")


def test_the_contract_refuses_an_image_without_its_bytes(platform):
    answer = platform.admin("PUT", "/admin/stores/S001/media/x", {"kind": "image", "content_type": "image/png"},
                            expect=422)
    assert answer["error"] == "bad_content"


def test_the_platform_refuses_a_text_slide_without_a_text(platform):
    answer = platform.admin("PUT", "/admin/stores/S001/media/x", {"kind": "text"}, expect=422)
    assert answer["error"] == "bad_media" and "needs a text" in answer["message"]
