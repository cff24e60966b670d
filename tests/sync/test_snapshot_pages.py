"""A 410 snapshot read in pages (sync.protocol.Snapshot): each answer stays under the till's
response cap, the pages share one cursor, and the till applies them at once."""

from __future__ import annotations

import requests
from sync_platform_proc import PlatformProcess, product
from sync_sqlite_storage import SqliteSyncStorage
from test_engine import engine_for

from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.errors import ProtocolError


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
