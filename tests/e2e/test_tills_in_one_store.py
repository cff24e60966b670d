"""Two tills of one store, each its own process and SQLite, and the platform process between them.

Every till syncs with the platform directly (no store server): receipt numbers stay per till, and
the stock a till shows is the platform's level plus its own sales the platform has not counted yet,
so a sale on till A reaches till B's displayed stock once A has pushed and B has pulled."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sync_platform_proc import PlatformProcess

from pos_app.commands.sync_cmds import demo_catalog_payload
from pos_app.services.demo_catalog import gtin13

TILL_PROCESS = Path(__file__).with_name("till_process.py")
# Each step is a till process of its own (start, open the database, sync): a dozen of them per test
# outlast the suite's 5-minute hang guard on a loaded machine.
pytestmark = pytest.mark.timeout(900)
COLA_GTIN = gtin13("690000000001")


def start_platform(tmp_path: Path, *extra: str) -> PlatformProcess:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(demo_catalog_payload(), ensure_ascii=False), encoding="utf-8")
    return PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log",
                           ["--demo", "--demo-catalog", str(catalog), *extra]).start()


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    yield proc
    proc.stop()


@pytest.fixture
def short_claims(tmp_path):
    """A platform whose pickup claims run out after 3 s unless released."""
    proc = start_platform(tmp_path, "--pickup-claim-ttl", "3")
    yield proc
    proc.stop()


class Till:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def __call__(self, *args: str) -> dict:
        done = subprocess.run([sys.executable, str(TILL_PROCESS), str(self.data_dir), *args],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def stock(self, sku: str) -> Decimal:
        return Decimal(self("stock", sku)["stock"])


def paired_tills(platform: PlatformProcess, tmp_path: Path) -> list[Till]:
    out = []
    for till_id in ("T01", "T02"):
        till = Till(tmp_path / till_id)
        till("setup", platform.url, platform.pairing_code("S001", till_id), till_id)
        out.append(till)
    return out


@pytest.fixture
def tills(platform, tmp_path):
    return paired_tills(platform, tmp_path)


def cola_sku() -> str:
    return next(p["sku"] for p in demo_catalog_payload() if COLA_GTIN in p["gtins"])


def test_a_sale_on_one_till_reaches_the_other_tills_stock_and_receipt_numbers_never_clash(platform, tills):
    a, b = tills
    sku = cola_sku()
    platform.admin("PUT", f"/admin/stores/S001/stock/{sku}", {"quantity": "50"})
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a.stock(sku) == b.stock(sku) == Decimal(50)

    sold_a = a("sell", COLA_GTIN, "3")["receipts"]
    assert a.stock(sku) == Decimal(47)  # its own sales count at once, before the platform knows
    assert b.stock(sku) == Decimal(50)
    assert a("sync")["pushed"] == 3
    assert b.stock(sku) == Decimal(50)  # B has not pulled yet
    assert b("sync")["ok"]
    assert b.stock(sku) == Decimal(47) == a.stock(sku)

    sold_b = b("sell", COLA_GTIN, "2")["receipts"]  # offline from A's point of view: the same sequence start
    assert b.stock(sku) == Decimal(45)
    assert b("sync")["pushed"] == 2 and a("sync")["ok"]
    assert a.stock(sku) == b.stock(sku) == Decimal(45)
    assert sold_a == ["S001-T01-000001", "S001-T01-000002", "S001-T01-000003"]
    assert sold_b == ["S001-T02-000001", "S001-T02-000002"]
    received = platform.admin("GET", "/admin/stores/S001/sales")["items"]
    assert sorted(r["receipt_no"] for r in received) == sorted(sold_a + sold_b)


def create_order(platform, order_no: str) -> str:
    cola = next(p for p in demo_catalog_payload() if COLA_GTIN in p["gtins"])
    return platform.admin("POST", "/admin/stores/S001/pickup-orders", {
        "order_no": order_no, "customer_name": "王小明", "customer_phone": "13812345678", "payment": "paid_online",
        "pickup_deadline": (datetime.now(UTC) + timedelta(hours=3)).isoformat(),
        "lines": [{"line_id": "L1", "sku": cola["sku"], "name": cola["name"], "quantity": "2", "unit": "pcs",
                   "price_fen": 300}]})["order"]["order_id"]


def test_an_order_picked_at_one_till_is_refused_at_the_other_until_a_manager_takes_it_over(platform, tills):
    a, b = tills
    order_id = create_order(platform, "PU7001")
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a("pick", order_id) == {"status": "picking"}
    assert b("sync")["ok"]
    assert b("order", order_id)["picked_elsewhere"] == "T01 (陈静 Chen Jing)"
    refused = b("pick", order_id)
    assert refused["refused"] == "pickup.claimed_elsewhere" and "till T01 (陈静 Chen Jing)" in refused["message"]
    assert b("order", order_id)["status"] == "new"  # nothing changed at B
    assert b("pick", order_id, "takeover") == {"status": "picking"}
    assert a("sync")["ok"]
    assert a("order", order_id)["picked_elsewhere"] == "T02 (陈静 Chen Jing)"


def test_an_order_picked_at_two_tills_offline_is_a_conflict_the_manager_sees_not_a_merge(platform, tills):
    a, b = tills
    order_id = create_order(platform, "PU7002")
    assert a("sync")["ok"] and b("sync")["ok"]
    platform.stop()
    assert a("pick", order_id) == {"status": "picking"}  # offline: picked without a claim
    assert b("pick", order_id) == {"status": "picking"}
    platform.start()
    assert a("sync")["pushed"] == 1
    b("sync")
    [conflict] = b("conflicts")["conflicts"]
    assert (conflict["order_no"], conflict["code"]) == ("PU7002", "picked_elsewhere")
    assert "till T01" in conflict["message"] and "till T02 picking it too while offline" in conflict["message"]
    assert a("sync")["ok"]  # the feed tells A, which held the order, and A's manager sees it too
    [seen_at_a] = a("conflicts")["conflicts"]
    assert (seen_at_a["order_no"], seen_at_a["code"]) == ("PU7002", "picked_elsewhere")
    assert "also picked at till T02 while offline" in seen_at_a["message"]


def test_the_claim_ends_when_the_picking_till_finishes_and_the_other_till_sees_it_free(platform, tills):
    a, b = tills
    order_id = create_order(platform, "PU7003")
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a("pick", order_id) == {"status": "picking"}
    assert b("sync")["ok"] and b("order", order_id)["picked_elsewhere"] == "T01 (陈静 Chen Jing)"
    assert a("ready", order_id, COLA_GTIN, COLA_GTIN) == {"status": "ready"}
    assert a("sync")["pushed"] == 2  # picking and ready, in one batch
    assert platform.admin("GET", f"/admin/stores/S001/pickup-orders/{order_id}")["claimed_by"] is None
    assert b("sync")["ok"]
    assert b("order", order_id) == {"status": "ready", "picked_elsewhere": ""}  # no other till holds it


def claim_of(platform, order_id: str) -> tuple[str, str | None]:
    order = platform.admin("GET", f"/admin/stores/S001/pickup-orders/{order_id}")
    return order["status"], (order["claimed_by"] or {}).get("till_id")


def test_stopping_picking_releases_the_claim_through_the_outbox_and_the_other_till_may_pick(platform, tills):
    a, b = tills
    order_id = create_order(platform, "PU7004")
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a("pick", order_id) == {"status": "picking"}
    assert a("unpick", order_id) == {"status": "new"}  # at A at once, offline or not
    assert claim_of(platform, order_id) == ("new", "T01")  # no side call: the release waits in A's outbox
    refused = b("pick", order_id)
    assert refused["refused"] == "pickup.claimed_elsewhere", refused
    assert a("sync")["pushed"] == 2  # picking, then the release: in outbox order
    assert claim_of(platform, order_id) == ("new", None)
    assert b("sync")["ok"] and b("order", order_id) == {"status": "new", "picked_elsewhere": ""}
    assert b("pick", order_id) == {"status": "picking"}  # no manager needed
    assert claim_of(platform, order_id) == ("new", "T02")
    assert a("conflicts")["conflicts"] == [] and b("conflicts")["conflicts"] == []


def test_a_claim_runs_out_and_another_till_picks_the_order_without_a_manager(short_claims, tmp_path):
    platform = short_claims
    a, b = paired_tills(platform, tmp_path)
    order_id = create_order(platform, "PU7005")
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a("pick", order_id) == {"status": "picking"}
    assert a("sync")["pushed"] == 1 and claim_of(platform, order_id) == ("picking", "T01")
    assert b("sync")["ok"] and b("order", order_id)["status"] == "picking"  # being picked at A
    deadline = datetime.fromisoformat(
        platform.admin("GET", f"/admin/stores/S001/pickup-orders/{order_id}")["claimed_by"]["expires_at"])
    while datetime.now(UTC) <= deadline:  # A's clerk walked away: the claim runs out
        time.sleep(0.2)
    assert b("pick", order_id) == {"status": "picking"}  # granted without a manager
    assert claim_of(platform, order_id) == ("picking", "T02")


def test_a_manager_takes_over_an_order_another_till_reported_picking_and_its_late_release_changes_nothing(
    platform, tills
):
    a, b = tills
    order_id = create_order(platform, "PU7006")
    assert a("sync")["ok"] and b("sync")["ok"]
    assert a("pick", order_id) == {"status": "picking"}
    assert a("sync")["pushed"] == 1 and b("sync")["ok"]
    assert b("order", order_id) == {"status": "picking", "picked_elsewhere": "T01 (陈静 Chen Jing)"}
    assert b("pick", order_id)["refused"] == "pickup.claimed_elsewhere"
    assert b("pick", order_id, "takeover") == {"status": "picking"}
    assert b("sync")["pushed"] == 1 and claim_of(platform, order_id) == ("picking", "T02")
    assert a("unpick", order_id) == {"status": "new"}  # A's clerk gives up after all
    assert a("sync")["pushed"] == 1  # accepted: nothing of it was A's to release any more
    assert claim_of(platform, order_id) == ("picking", "T02")
    assert a("conflicts")["conflicts"] == [] and b("conflicts")["conflicts"] == []
