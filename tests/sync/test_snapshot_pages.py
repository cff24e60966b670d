"""A 410 snapshot read in pages (sync.protocol.Snapshot): each answer stays under the till's
response cap, the pages share one cursor, and the till applies them at once.

On the till's own storage (`TillSyncStorage`, a `StagingStorage`) each page is staged as it arrives
and the snapshot is swapped in at the end in one transaction: the catalog is never half old, half new,
and a till killed mid-snapshot keeps its old catalog whole and resumes the snapshot on its next run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import requests
from sync_platform_proc import PlatformProcess, product
from sync_sqlite_storage import SqliteSyncStorage
from test_engine import engine_for

from pos_app.bootstrap import open_database
from pos_app.services.demo_catalog import gtin13
from pos_app.store import sync_snapshot
from pos_app.store.sync_store import TillSyncStorage
from pos_app.store.uow import Database
from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.errors import ProtocolError

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "snapshot_child.py"


def get(platform: PlatformProcess, device_token: str, **params: object) -> requests.Response:
    return requests.get(platform.url + "/snapshots/catalog", params=params,
                        headers={"Authorization": f"Bearer {device_token}"}, timeout=10)


def test_pages_by_key_share_the_cursor_and_a_change_meanwhile_comes_in_the_feed(
    platform: PlatformProcess, token: str
) -> None:
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 26)])
    platform.admin("DELETE", "/admin/products/SKU000003")
    first = get(platform, token, limit=10).json()
    assert len(first["items"]) == 10 and first["next_token"]
    platform.admin("PUT", "/admin/prices/SKU000020", {"price_fen": 777, "member_price_fen": None})  # meanwhile
    pages, token_ = [first], first["next_token"]
    while token_:
        pages.append(get(platform, token, limit=10, token=token_).json())
        token_ = pages[-1]["next_token"]
    skus = [p["sku"] for page in pages for p in page["items"]]
    assert len(pages) == 3 and skus == sorted(skus) and len(set(skus)) == 24 and "SKU000003" not in skus
    assert {page["cursor"] for page in pages} == {first["cursor"]}
    feed = requests.get(platform.url + "/feeds/catalog", params={"cursor": first["cursor"]},
                        headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert [(i["key"], i["data"]["price_fen"]) for i in feed["items"]] == [("SKU000020", 777)]
    whole = get(platform, token).json()  # no limit: the whole snapshot in one answer, as before
    assert len(whole["items"]) == 24 and whole["next_token"] is None


def test_a_token_of_another_feed_or_from_before_a_compaction_is_refused(platform: PlatformProcess, token: str) -> None:
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 6)])
    page = get(platform, token, limit=2).json()
    for bad in ("Zm9v", page["cursor"]):
        resp = get(platform, token, limit=2, token=bad)
        assert resp.status_code == 400 and resp.json()["error"] == "bad_snapshot_token", resp.text
    platform.admin("DELETE", "/admin/products/SKU000001")
    platform.admin("POST", "/admin/feeds/catalog/compact")
    expired = get(platform, token, limit=2, token=page["next_token"])
    assert expired.status_code == 410 and expired.json()["error"] == "snapshot_expired"


def test_a_snapshot_larger_than_the_response_cap_arrives_in_pages(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage
) -> None:
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 1201)])
    engine = engine_for(paired, storage, resources=["catalog"])
    engine.run_once()
    for i in range(1, 11):
        platform.admin("DELETE", f"/admin/products/SKU{i:06d}")
    platform.admin("PUT", "/admin/prices/SKU001200", {"price_fen": 4321, "member_price_fen": None})
    platform.admin("POST", "/admin/feeds/catalog/compact")
    cap = 100_000  # the whole snapshot is ~400 kB: refused in one answer, fine in pages of 200
    with PlatformClient(platform.url, Credentials(platform.url).require_token(), max_body_bytes=cap) as small:
        try:
            small.snapshot("catalog")
            raise AssertionError("one answer should exceed the cap")
        except ProtocolError as exc:
            assert "larger than the limit" in str(exc)
        report = engine_for(small, storage, resources=["catalog"], snapshot_page_limit=200).run_once()
    assert report.snapshots == ["catalog"] and report.ok, report
    assert storage.item_count("catalog") == 1190 and storage.item("catalog", "SKU000001") is None
    assert storage.item("catalog", "SKU001200")["price_fen"] == 4321


def test_a_large_page_is_written_in_parts_each_with_the_platforms_cursor(
    platform: PlatformProcess, paired: PlatformClient, storage: SqliteSyncStorage, token: str
) -> None:
    """Feed checkpoints: a request of 250 items comes with a cursor after every 100; the till stores
    each part with its own cursor, and the feed goes on right after a part."""
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 251)])
    page = requests.get(platform.url + "/feeds/catalog", params={"limit": 250, "checkpoint_every": 100},
                        headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert [c["after"] for c in page["checkpoints"]] == [100, 200]
    after_100 = requests.get(platform.url + "/feeds/catalog", params={"cursor": page["checkpoints"][0]["cursor"]},
                             headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert after_100["items"][0]["key"] == page["items"][100]["key"]

    cursors: list[str] = []
    apply_page = storage.apply_page

    def recording(resource, items, new_cursor):  # the real storage; the test notes each transaction's cursor
        cursors.append(new_cursor)
        return apply_page(resource, items, new_cursor)

    storage.apply_page = recording  # type: ignore[method-assign]
    report = engine_for(paired, storage, resources=["catalog"], page_limit=100, fetch_limit=250).run_once()
    assert report.ok and report.pulled["catalog"] == 250 and storage.item_count("catalog") == 250
    assert cursors == [c["cursor"] for c in page["checkpoints"]] + [page["next_cursor"]]
    assert storage.get_cursor("catalog") == page["next_cursor"]


# -- on the till's own storage: staged page by page, swapped in at once --------------------------

def till_product(i: int, price_fen: int = 100) -> dict[str, Any]:
    """A platform product the demo till can store (its category and tax class exist there)."""
    return {**product(i, price_fen), "gtins": [gtin13(f"694{i:09d}")], "category_code": "DRINK",
            "category_name": "饮料", "category_name_en": "Drinks"}


@pytest.fixture
def till_db(demo_dir: Path):
    db = open_database(demo_dir)
    yield db
    db.dispose()


def catalog(db: Database) -> dict[str, tuple[int, bool]]:
    """The platform's products as the till holds them: SKU -> (price, active)."""
    con = sqlite3.connect(db.path)
    try:
        return {sku: (price, bool(active)) for sku, price, active in
                con.execute("SELECT sku, price_fen, active FROM products WHERE sku LIKE 'SKU%'")}
    finally:
        con.close()


def staged(db: Database) -> tuple[int, int]:
    """(staged keys, snapshots in progress)."""
    con = sqlite3.connect(db.path)
    try:
        return (con.execute("SELECT count(*) FROM snapshot_rows").fetchone()[0],
                con.execute("SELECT count(*) FROM snapshot_progress").fetchone()[0])
    finally:
        con.close()


def pulled_then_compacted(platform: PlatformProcess, paired: PlatformClient, db: Database, n: int) -> None:
    """The till holds n products; then the platform deletes the first 10, re-prices the last and
    forgets its tombstones: the till's cursor is answered 410."""
    platform.admin("PUT", "/admin/products", [till_product(i) for i in range(1, n + 1)])
    assert engine_for(paired, TillSyncStorage(db), resources=["catalog"]).run_once().ok
    for i in range(1, 11):
        platform.admin("DELETE", f"/admin/products/SKU{i:06d}")
    platform.admin("PUT", f"/admin/prices/SKU{n:06d}", {"price_fen": 4321, "member_price_fen": None})
    platform.admin("POST", "/admin/feeds/catalog/compact")


def old_whole(db: Database, n: int) -> bool:
    return catalog(db) == {f"SKU{i:06d}": (100, True) for i in range(1, n + 1)}


def new_whole(db: Database, n: int) -> bool:
    return catalog(db) == {f"SKU{i:06d}": (4321 if i == n else 100, i > 10) for i in range(1, n + 1)}


def test_the_till_stages_each_snapshot_page_as_it_arrives_and_swaps_the_whole_in_at_once(
    platform: PlatformProcess, paired: PlatformClient, till_db: Database
) -> None:
    pulled_then_compacted(platform, paired, till_db, 1000)
    storage = TillSyncStorage(till_db)
    pages: list[int] = []
    stage = storage.stage_snapshot_page

    def watching(resource, items, cursor, next_token, first):  # the real storage; the test looks between pages
        assert old_whole(till_db, 1000), "the live catalog changed before the swap"
        pages.append(len(items))
        stage(resource, items, cursor, next_token, first)
        assert staged(till_db) == (sum(pages), 1)

    storage.stage_snapshot_page = watching  # type: ignore[method-assign]
    report = engine_for(paired, storage, resources=["catalog"], snapshot_page_limit=150).run_once()
    assert report.ok and report.snapshots == ["catalog"], report
    assert pages == [150] * 6 + [90]  # never more than a page in hand (990 live items)
    assert new_whole(till_db, 1000) and staged(till_db) == (0, 0)
    assert engine_for(paired, storage, resources=["catalog"]).run_once().pulled == {"catalog": 0}  # feed goes on


def test_a_till_killed_mid_snapshot_keeps_its_old_catalog_whole_and_resumes_the_snapshot(
    platform: PlatformProcess, paired: PlatformClient, till_db: Database, token: str
) -> None:
    pulled_then_compacted(platform, paired, till_db, 1000)
    child = subprocess.Popen([sys.executable, str(CHILD), str(till_db.path.parent), platform.url, "100", "4"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONUNBUFFERED": "1", "SNAPSHOT_TOKEN": token})
    fourth = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "PAGE 4":
                fourth.set()

    threading.Thread(target=read, daemon=True).start()
    assert fourth.wait(60), child.stderr.read() if child.poll() is not None else "no fourth page"
    child.send_signal(signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    assert old_whole(till_db, 1000) and staged(till_db) == (400, 1)  # four pages staged, nothing live changed

    asked: list[str | None] = []
    snapshot = paired.snapshot

    def recording(resource, limit=None, token_=None):  # the real client; the test notes each page's token
        asked.append(token_)
        return snapshot(resource, limit, token_)

    paired.snapshot = recording  # type: ignore[method-assign]
    report = engine_for(paired, TillSyncStorage(till_db), resources=["catalog"], snapshot_page_limit=100).run_once()
    assert report.ok and report.snapshots == ["catalog"] and report.pulled["catalog"] == 590, report
    assert len(asked) == 6 and None not in asked  # resumed at page five: no page asked twice
    assert new_whole(till_db, 1000) and staged(till_db) == (0, 0)


def test_a_resumed_snapshot_the_platform_no_longer_serves_starts_again(
    platform: PlatformProcess, paired: PlatformClient, till_db: Database
) -> None:
    pulled_then_compacted(platform, paired, till_db, 500)
    storage = TillSyncStorage(till_db)

    def crash(resource: str, items: int) -> None:
        raise KeyboardInterrupt  # the till stops after its first staged page

    with pytest.raises(KeyboardInterrupt):
        engine_for(paired, storage, resources=["catalog"], snapshot_page_limit=100, on_page=crash).run_once()
    assert old_whole(till_db, 500) and staged(till_db) == (100, 1)
    with till_db.uow(read_only=True) as uow:
        assert sync_snapshot.progress(uow.session, "catalog").pages == 1
    platform.admin("DELETE", "/admin/products/SKU000011")
    platform.admin("POST", "/admin/feeds/catalog/compact")  # the snapshot's next token expires (410)
    report = engine_for(paired, storage, resources=["catalog"], snapshot_page_limit=100).run_once()
    assert report.ok and report.snapshots == ["catalog"], report
    assert catalog(till_db)["SKU000011"] == (100, False) and catalog(till_db)["SKU000500"] == (4321, True)
    assert staged(till_db) == (0, 0)


def test_a_page_staged_only_in_part_is_fetched_again_and_a_snapshot_without_a_whole_page_starts_again(
    platform: PlatformProcess, paired: PlatformClient, till_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are written in parts of `STAGE_ROWS` (short write transactions); the token moves on with
    a page's last part only, so a crash between parts fetches that page again."""
    pulled_then_compacted(platform, paired, till_db, 500)
    monkeypatch.setattr(sync_snapshot, "STAGE_ROWS", 60)
    storage = TillSyncStorage(till_db)
    parts: list[int] = []
    stage_rows = sync_snapshot.stage_rows

    def dying(s, resource, staged, cursor, first):  # the real writer; the till dies after the 5th part
        if len(parts) == 5:
            raise KeyboardInterrupt
        parts.append(len(staged))
        stage_rows(s, resource, staged, cursor, first)

    monkeypatch.setattr(sync_snapshot, "stage_rows", dying)
    with pytest.raises(KeyboardInterrupt):
        engine_for(paired, storage, resources=["catalog"], snapshot_page_limit=100).run_once()
    assert parts == [60, 40, 60, 40, 60] and old_whole(till_db, 500)  # pages 1, 2 whole; page 3 in part
    assert staged(till_db) == (260, 1)
    with till_db.uow(read_only=True) as uow:
        assert sync_snapshot.progress(uow.session, "catalog").pages == 2
    monkeypatch.setattr(sync_snapshot, "stage_rows", stage_rows)
    report = engine_for(paired, storage, resources=["catalog"], snapshot_page_limit=100).run_once()
    assert report.ok and report.pulled["catalog"] == 290, report  # page 3 again, then on
    assert new_whole(till_db, 500) and staged(till_db) == (0, 0)
