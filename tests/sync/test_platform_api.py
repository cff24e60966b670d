"""The reference platform over real HTTP: pairing, auth, feeds, idempotent pushes, admin, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sync_platform_proc import REPO, STORE, TILL, PlatformProcess, product, sale

from sync import pickup_codes
from sync.protocol import CatalogPage, PickupOrder, PlatformKeys, PushResult


def h(token: str, key: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return headers


def post_sale(platform: PlatformProcess, token: str, body: dict, key: str | None) -> requests.Response:
    return requests.post(f"{platform.url}/stores/{STORE}/sales", json=body, headers=h(token, key), timeout=10)


def test_pairing_code_is_one_time(platform: PlatformProcess) -> None:
    code = platform.pairing_code()
    first = requests.post(platform.url + "/pairing", json={"code": code, "store_id": STORE}, timeout=10)
    assert first.status_code == 200 and first.json()["till_id"] == TILL
    again = requests.post(platform.url + "/pairing", json={"code": code}, timeout=10)
    assert again.status_code == 400 and again.json()["error"] == "pairing_code_invalid"
    other = requests.post(platform.url + "/pairing", json={"code": platform.pairing_code(), "store_id": "S999"},
                          timeout=10)
    assert other.status_code == 400 and other.json()["error"] == "pairing_mismatch"


def test_bad_and_revoked_tokens_get_401(platform: PlatformProcess, token: str) -> None:
    assert requests.get(platform.url + "/feeds/catalog", timeout=10).status_code == 401
    assert requests.get(platform.url + "/feeds/catalog", headers=h("nope"), timeout=10).status_code == 401
    assert requests.get(platform.url + "/feeds/catalog", headers=h(token), timeout=10).status_code == 200
    assert platform.admin("POST", f"/admin/stores/{STORE}/tills/{TILL}/revoke") == {"count": 1}
    resp = requests.get(platform.url + "/feeds/catalog", headers=h(token), timeout=10)
    assert resp.status_code == 401 and "revoked" in resp.json()["message"]
    wrong_admin = requests.get(platform.url + "/admin/received", headers=h("x"), timeout=10)
    assert wrong_admin.status_code == 401 and wrong_admin.json()["error"] == "unauthorized"


def test_feed_pages_tombstones_and_expiry(platform: PlatformProcess, token: str) -> None:
    platform.admin("PUT", "/admin/products", [product(i) for i in range(1, 26)])
    platform.admin("DELETE", "/admin/products/SKU000003")
    keys, cursor, pages = [], None, 0
    while True:
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        resp = requests.get(platform.url + "/feeds/catalog", params=params, headers=h(token), timeout=10)
        page = CatalogPage.model_validate_json(resp.content)
        keys += [(i.key, i.deleted) for i in page.items]
        cursor, pages = page.next_cursor, pages + 1
        if not page.has_more:
            break
    assert pages == 3 and len(keys) == 25
    assert keys[-1] == ("SKU000003", True)  # the deletion is the newest change
    platform.admin("PUT", "/admin/prices/SKU000007", {"price_fen": 999, "member_price_fen": 900})
    resp = requests.get(platform.url + "/feeds/catalog", params={"cursor": cursor}, headers=h(token), timeout=10)
    page = CatalogPage.model_validate_json(resp.content)
    assert [(i.key, i.data.price_fen) for i in page.items] == [("SKU000007", 999)]
    platform.admin("POST", "/admin/feeds/catalog/compact")
    expired = requests.get(platform.url + "/feeds/catalog", params={"cursor": cursor}, headers=h(token), timeout=10)
    assert expired.status_code == 410 and expired.json()["error"] == "cursor_expired"
    snap = requests.get(platform.url + "/snapshots/catalog", headers=h(token), timeout=10).json()
    assert len(snap["items"]) == 24 and "SKU000003" not in {p["sku"] for p in snap["items"]}
    fresh = requests.get(platform.url + "/feeds/catalog", params={"cursor": snap["cursor"]}, headers=h(token),
                         timeout=10)
    assert fresh.status_code == 200 and fresh.json()["items"] == []


def test_foreign_or_garbled_cursor_is_400(platform: PlatformProcess, token: str) -> None:
    stock_cursor = requests.get(platform.url + "/feeds/stock", headers=h(token), timeout=10).json()["next_cursor"]
    for cursor in (stock_cursor, "Zm9v", "not_base64"):
        resp = requests.get(platform.url + "/feeds/catalog", params={"cursor": cursor}, headers=h(token), timeout=10)
        assert resp.status_code == 400 and resp.json()["error"] == "bad_cursor", resp.text


def test_push_idempotency_rules(platform: PlatformProcess, token: str) -> None:
    body, key = sale(1), uuid.uuid4().hex
    missing = post_sale(platform, token, body, None)
    assert missing.status_code == 400 and missing.json()["error"] == "missing_idempotency_key"
    first = post_sale(platform, token, body, key)
    assert first.status_code == 200 and first.json()["status"] == "accepted"
    replay = post_sale(platform, token, body, key)
    assert replay.json() == first.json() and replay.headers["Idempotent-Replayed"] == "true"
    other = post_sale(platform, token, {**body, "cashier_id": "C02"}, key)
    assert other.status_code == 422 and other.json()["error"] == "idempotency_key_reused"
    same_sale_new_key = post_sale(platform, token, body, uuid.uuid4().hex)
    assert same_sale_new_key.json()["conflict_code"] == "duplicate_sale"
    assert platform.sale_ids() == [body["sale_id"]]
    stock = platform.admin("GET", f"/admin/stores/{STORE}/stock/SKU000001")
    assert stock["quantity"] == "-2"  # the sale's movement, applied once


def test_key_in_flight_is_409(platform: PlatformProcess, token: str) -> None:
    platform.admin("PUT", "/admin/faults", {"delay_next": 1, "delay_s": 1.5, "delay_phase": "before_commit"})
    body, key = sale(1), uuid.uuid4().hex
    slow: list[requests.Response] = []
    thread = threading.Thread(target=lambda: slow.append(post_sale(platform, token, body, key)))
    thread.start()
    time.sleep(0.5)  # the first request is now sleeping inside the platform, before its commit
    concurrent = post_sale(platform, token, body, key)
    thread.join(timeout=10)
    assert concurrent.status_code == 409 and concurrent.json()["error"] == "idempotency_key_in_flight"
    assert concurrent.headers["Retry-After"] == "1"
    assert slow[0].status_code == 200 and platform.sale_ids() == [body["sale_id"]]


def test_invalid_push_changes_nothing(platform: PlatformProcess, token: str) -> None:
    bad = {**sale(1), "total_fen": "300"}
    resp = post_sale(platform, token, bad, uuid.uuid4().hex)
    assert resp.status_code == 422 and resp.json()["error"] == "invalid_request"
    assert any("total_fen" in d for d in resp.json()["details"])
    wrong_store = requests.post(f"{platform.url}/stores/S002/sales", json=sale(2, store="S002"),
                                headers=h(token, uuid.uuid4().hex), timeout=10)
    assert wrong_store.status_code == 403 and wrong_store.json()["error"] == "wrong_store"
    assert platform.sale_ids() == [] and platform.admin("GET", "/admin/received")["count"] == 0


def test_pickup_event_conflicts_when_cancelled_online(platform: PlatformProcess, token: str) -> None:
    created = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "customer_name": "陈静", "customer_phone": "13900139001", "payment": "paid_online",
        "pickup_deadline": "2030-01-01T10:00:00Z",
        "lines": [{"line_id": "L1", "sku": "A1", "name": "苹果", "quantity": "1.000", "unit": "kg", "price_fen": 1298}],
    })
    order, code = created["order"], created["pickup_code"]
    assert PickupOrder.model_validate(order).code_matches(code)
    event = {"event_id": uuid.uuid4().hex, "order_id": order["order_id"], "store_id": STORE, "status": "ready",
             "lines": [], "at": "2026-01-01T10:00:00Z", "till_id": TILL, "user_id": "U1"}
    url = f"{platform.url}/stores/{STORE}/pickup-events"
    ok = requests.post(url, json=event, headers=h(token, uuid.uuid4().hex), timeout=10).json()
    assert ok["status"] == "accepted"
    platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders/{order['order_id']}/cancel")
    handed = {**event, "event_id": uuid.uuid4().hex, "status": "collected",
              "lines": [{"line_id": "L1", "quantity": "1.000"}]}
    answer = PushResult.model_validate(
        requests.post(url, json=handed, headers=h(token, uuid.uuid4().hex), timeout=10).json())
    assert (answer.status, answer.conflict_code, answer.order_status) == ("conflict", "order_cancelled", "cancelled")


def test_z_report_put_is_idempotent(platform: PlatformProcess, token: str) -> None:
    z = {"store_id": STORE, "till_id": TILL, "business_date": "2026-11-23", "z_no": 1,
         "generated_at": "2026-11-23T14:00:00Z", "opened_at": "2026-11-23T01:00:00Z",
         "closed_at": "2026-11-23T14:00:00Z", "sale_count": 2, "return_count": 0, "gross_sales_fen": 600,
         "returns_fen": 0, "net_sales_fen": 600, "tax": [{"tax_rate": "0.13", "tax_fen": 69}],
         "tenders": [{"kind": "cash", "amount_fen": 600}], "cash_expected_fen": 600, "cash_counted_fen": 600,
         "first_receipt_no": "S001-T01-000001", "last_receipt_no": "S001-T01-000002"}
    url = f"{platform.url}/stores/{STORE}/tills/{TILL}/z-reports/2026-11-23"
    first = requests.put(url, json=z, headers=h(token), timeout=10).json()
    assert first["status"] == "accepted"
    assert requests.put(url, json=z, headers=h(token), timeout=10).json() == first
    differs = requests.put(url, json={**z, "cash_counted_fen": 590}, headers=h(token), timeout=10).json()
    assert differs["conflict_code"] == "z_report_differs"
    wrong_date = requests.put(url.replace("2026-11-23", "2026-11-24"), json=z, headers=h(token), timeout=10)
    assert wrong_date.status_code == 422 and wrong_date.json()["error"] == "path_mismatch"
    assert len(platform.admin("GET", f"/admin/stores/{STORE}/z-reports")) == 1


def test_cli_pairing_code_and_demo_seed(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([product(1), product(2)]), encoding="utf-8")
    demo = PlatformProcess(db, tmp_path / "demo.log", ["--demo", "--demo-catalog", str(catalog)]).start()
    try:
        assert sum("demo pickup order" in line for line in demo.stdout_lines) == 3
        out = subprocess.run([sys.executable, "-m", "sync.reference_platform", "pairing-code", "--db", str(db),
                              "--store", STORE, "--till", "T09"], cwd=REPO, capture_output=True, text=True,
                             timeout=30, check=True)
        code = out.stdout.strip()
        resp = requests.post(demo.url + "/pairing", json={"code": code}, timeout=10)
        assert resp.json()["till_id"] == "T09"
        snap = requests.get(demo.url + "/snapshots/catalog", headers=h(resp.json()["token"]), timeout=10).json()
        assert sorted(p["sku"] for p in snap["items"]) == ["SKU000001", "SKU000002"]
        orders = requests.get(demo.url + "/snapshots/pickup_orders", headers=h(resp.json()["token"]), timeout=10)
        assert len(orders.json()["items"]) == 3
    finally:
        demo.stop()


def test_demo_catalog_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([{**product(1), "price_fen": 1.5}]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "sync.reference_platform", "serve", "--port", "0", "--demo",
                          "--db", str(tmp_path / "p.sqlite3"), "--demo-catalog", str(catalog)],
                         cwd=REPO, capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "does not match the Product model" in out.stderr and "price_fen" in out.stderr
    assert not (tmp_path / "p.sqlite3").exists()


@pytest.mark.parametrize("path", ["/feeds/nope", "/stores/S001/tills"])
def test_unknown_routes_answer_error_body(platform: PlatformProcess, token: str, path: str) -> None:
    resp = requests.get(platform.url + path, headers=h(token), timeout=10)
    assert resp.status_code == 404 and resp.json()["error"] == "not_found"


def test_returns_stock_movements_and_loyalty(platform: PlatformProcess, token: str) -> None:
    def push(path: str, body: dict) -> dict:
        resp = requests.post(f"{platform.url}/stores/{STORE}/{path}", json=body,
                             headers=h(token, uuid.uuid4().hex), timeout=10)
        assert resp.status_code == 200, resp.text
        return resp.json()

    original = sale(1)
    ret = {k: v for k, v in sale(2).items() if k != "sale_id"}
    ret |= {"return_id": uuid.uuid4().hex, "original_sale_id": original["sale_id"], "reason": "破损",
            "stock_movements": [{"movement_id": uuid.uuid4().hex, "sku": "SKU000001", "delta": "2"}]}
    assert push("returns", ret)["conflict_code"] == "unknown_original_sale"
    push("sales", original)
    assert push("returns", {**ret, "return_id": uuid.uuid4().hex})["status"] == "accepted"
    push("stock-movements", {"movement_id": uuid.uuid4().hex, "store_id": STORE, "till_id": TILL,
                             "sku": "SKU000001", "delta": "10.5", "reason": "received",
                             "at": "2026-11-23T08:00:00Z", "user_id": "U1"})
    assert platform.admin("GET", f"/admin/stores/{STORE}/stock/SKU000001")["quantity"] == "10.5"

    platform.admin("PUT", "/admin/members", [{"member_id": "M1", "card_no": "8800000001", "name": "张伟",
                                              "phone": "13800138001", "tier": "gold", "points": 100}])
    loyalty = {"loyalty_id": uuid.uuid4().hex, "store_id": STORE, "member_id": "M1", "points_delta": 50,
               "ref": "S001-T01-000001", "at": "2026-11-23T08:00:00Z"}
    assert push("loyalty", loyalty)["status"] == "accepted"
    spend = push("loyalty", {**loyalty, "loyalty_id": uuid.uuid4().hex, "points_delta": -151})
    assert spend["conflict_code"] == "insufficient_points"
    unknown = push("loyalty", {**loyalty, "loyalty_id": uuid.uuid4().hex, "member_id": "M404"})
    assert unknown["conflict_code"] == "unknown_member"
    members = requests.get(platform.url + "/feeds/members", headers=h(token), timeout=10).json()["items"]
    assert members[0]["data"]["points"] == 150


def test_pickup_event_after_the_deadline_finds_the_order_expired(platform: PlatformProcess, token: str) -> None:
    order = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "customer_name": "赵敏", "customer_phone": "13900139003", "payment": "paid_online",
        "pickup_deadline": "2020-01-01T10:00:00Z",
        "lines": [{"line_id": "L1", "sku": "A1", "name": "牛奶", "quantity": "1", "unit": "pcs", "price_fen": 300}],
    })["order"]
    event = {"event_id": uuid.uuid4().hex, "order_id": order["order_id"], "store_id": STORE, "status": "picking",
             "lines": [], "at": "2026-01-01T10:00:00Z", "till_id": TILL, "user_id": "U1"}
    answer = requests.post(f"{platform.url}/stores/{STORE}/pickup-events", json=event,
                           headers=h(token, uuid.uuid4().hex), timeout=10).json()
    assert (answer["conflict_code"], answer["order_status"]) == ("order_expired", "expired")
    assert platform.admin("GET", f"/admin/stores/{STORE}/pickup-orders/{order['order_id']}")["status"] == "expired"
    # The till's manager expiring the same order agrees with the platform: accepted, no conflict.
    expire = {**event, "event_id": uuid.uuid4().hex, "status": "expired"}
    answer = requests.post(f"{platform.url}/stores/{STORE}/pickup-events", json=expire,
                           headers=h(token, uuid.uuid4().hex), timeout=10).json()
    assert (answer["status"], answer["conflict_code"]) == ("accepted", None)


def test_pickup_qr_is_signed_and_typed_codes_are_checked_online(platform: PlatformProcess, token: str) -> None:
    """The till gets the public key (pairing answer and GET /keys) and checks the QR with it; a
    typed code is checked by the platform, for an order or among the store's open orders."""
    spec = {"customer_name": "陈静", "customer_phone": "13900139001", "payment": "paid_online",
            "pickup_deadline": "2030-01-01T10:00:00Z",
            "lines": [{"line_id": "L1", "sku": "A1", "name": "苹果", "quantity": "1", "unit": "pcs", "price_fen": 100}]}
    created = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", spec)
    other = platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", spec)
    order, code = created["order"], created["pickup_code"]
    assert code not in created["qr_payload"] and "pickup_code" not in json.dumps(order).replace("pickup_code_argon2", "")
    keys = PlatformKeys.model_validate(requests.get(f"{platform.url}/keys", headers=h(token), timeout=10).json())
    public = {k.key_id: k.public_key for k in keys.keys}
    assert requests.get(f"{platform.url}/keys", timeout=10).status_code == 401
    paired = requests.post(platform.url + "/pairing", json={"code": platform.pairing_code()}, timeout=10).json()
    assert paired["platform_keys"] == keys.model_dump(mode="json")["keys"]  # a new till has them at once
    prefix, order_no, qr_token = created["qr_payload"].split(":")
    assert (prefix, order_no) == ("O2OPU", order["order_no"])
    assert pickup_codes.verify_pickup_token(public, qr_token, STORE, order["order_id"], order_no)
    assert not pickup_codes.verify_pickup_token(public, qr_token, STORE, other["order"]["order_id"], order_no)

    def check(body: dict, store: str = STORE) -> requests.Response:
        return requests.post(f"{platform.url}/stores/{store}/pickup-codes/check", json=body, headers=h(token),
                             timeout=10)

    assert check({"code": code}).json() == {"matches": True, "order_id": order["order_id"]}
    assert check({"code": code, "order_id": order["order_id"]}).json()["matches"] is True
    assert check({"code": code, "order_id": other["order"]["order_id"]}).json() == {"matches": False,
                                                                                    "order_id": None}
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    if wrong != other["pickup_code"]:
        assert check({"code": wrong}).json() == {"matches": False, "order_id": None}
    assert check({"code": "12ab56"}).status_code == 422
    assert check({"code": code}, store="S999").status_code == 403


def test_the_store_day_lists_every_tills_z_report_and_their_sums(platform: PlatformProcess) -> None:
    def z(till: str, sales: int, net: int) -> dict:
        return {"store_id": STORE, "till_id": till, "business_date": "2026-11-23", "z_no": 1,
                "generated_at": "2026-11-23T14:00:00Z", "opened_at": "2026-11-23T01:00:00Z",
                "closed_at": "2026-11-23T14:00:00Z", "sale_count": sales, "return_count": 0,
                "gross_sales_fen": net, "returns_fen": 0, "net_sales_fen": net, "tax": [],
                "tenders": [{"kind": "cash", "amount_fen": net}], "cash_expected_fen": net, "cash_counted_fen": net,
                "first_receipt_no": f"{STORE}-{till}-000001", "last_receipt_no": f"{STORE}-{till}-{sales:06d}"}

    for till, sales, net in (("T01", 2, 600), ("T02", 5, 1750)):
        code = platform.pairing_code(STORE, till)
        token = requests.post(platform.url + "/pairing", json={"code": code}, timeout=10).json()["token"]
        url = f"{platform.url}/stores/{STORE}/tills/{till}/z-reports/2026-11-23"
        assert requests.put(url, json=z(till, sales, net), headers=h(token), timeout=10).json()["status"] == "accepted"
    day = platform.admin("GET", f"/admin/stores/{STORE}/days/2026-11-23")
    assert [(t["till_id"], t["sale_count"], t["net_sales_fen"]) for t in day["tills"]] == [
        ("T01", 2, 600), ("T02", 5, 1750)]
    assert (day["sale_count"], day["net_sales_fen"]) == (7, 2350)
    assert platform.admin("GET", f"/admin/stores/{STORE}/days/2026-11-24")["tills"] == []
