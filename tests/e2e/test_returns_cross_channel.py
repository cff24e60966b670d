"""Returns of sales this till does not hold, against the reference platform as a process: a sale of
another till looked up by its receipt number, an online order by its order number, the platform's
ledger shown by its admin API, two till processes racing for the last unit (one wins), and the
clear refusal while offline (local returns still work)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from returns_platform_support import ledger, sell_and_push
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.domain import errors as E
from pos_app.services.demo_catalog import gtin13
from sync.credentials import DemoTokenFile
from sync.pairing import pair
from tests_support import open_shift

COLA = gtin13("690000000001")
CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "return_race_child.py"


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


def till_dir(demo_dir: Path, platform, till: str) -> Path:
    """A till's own data dir (a copy of the demo database) paired as ``till``."""
    data = demo_dir.parent / f"till-{till}"
    data.mkdir()
    shutil.copy(demo_dir / "till.db", data / "till.db")
    pair(platform.url, platform.pairing_code(till=till), DemoTokenFile(platform.url, data / "token.json"),
         "S001", till)
    return data


def open_till(platform, data: Path, till: str):
    config = Config(language="en", till_id=till, platform=PlatformConfig(url=platform.url, read_timeout_s=10))
    ctx = build_app(config, data)
    ctx.sync.repoint(config.platform, DemoTokenFile(platform.url, data / "token.json"))
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    return ctx


def test_a_sale_of_another_till_is_returned_against_the_platforms_ledger(platform, demo_dir):
    first = open_till(platform, till_dir(demo_dir, platform, "T01"), "T01")
    second = open_till(platform, till_dir(demo_dir, platform, "T02"), "T02")
    try:
        receipt = sell_and_push(first, COLA, COLA)
        original = second.returns.find(receipt)
        assert original.remote and original.lines[0].refundable_quantity == 2
        line_id = original.lines[0].line_id
        done = second.returns.complete(second.checkout.user, receipt, [(line_id, 1, "changed_mind")])
        assert done.refund_fen == 300 and [(t.kind, t.reference) for t in done.tenders] == [("card", "SLIP7")]
        assert ledger(platform, receipt) == [("1", "0")]
        assert second.sync.run_once().online  # the return event reaches the platform and is accepted
        assert second.sync.state().pending == 0 and not second.sync.dead_letters()
        assert first.returns.find(receipt).lines[0].refundable_quantity == 1  # the platform's return counts there
        platform.stop()
        with pytest.raises(E.ReturnNeedsNetwork):
            second.returns.find(receipt)
        local = sell_and_push_offline(second, COLA)
        line = second.returns.find(local).lines[0]
        assert second.returns.complete(second.checkout.user, local, [(line.line_id, 1, "changed_mind")]).refund_fen
    finally:
        first.close()
        second.close()


def sell_and_push_offline(ctx, code) -> str:
    ctx.checkout.scan(code)
    ctx.checkout.add_tender("cash", str(ctx.checkout.current().total))
    return ctx.checkout.complete().receipt_no


def test_two_tills_returning_the_last_unit_at_once_one_wins(platform, demo_dir, tmp_path):
    seller = open_till(platform, till_dir(demo_dir, platform, "T01"), "T01")
    try:
        receipt = sell_and_push(seller, COLA)
    finally:
        seller.close()
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(CHILD), str(till_dir(demo_dir, platform, till)), platform.url,
                               till, receipt, str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for till in ("T02", "T03")]
    for proc in procs:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    go.touch()
    outcomes = sorted(proc.stdout.readline().split() for proc in procs)
    for proc in procs:
        proc.wait(30)
    assert [o[0] for o in outcomes] == ["REFUSED", "WON"]
    assert outcomes[0][1] == "return.taken_elsewhere"
    assert ledger(platform, receipt) == [("1", "0")]


def test_an_unknown_number_is_refused_by_the_platform(platform, demo_dir):
    till = open_till(platform, till_dir(demo_dir, platform, "T02"), "T02")
    try:
        with pytest.raises(E.ReturnSaleNotFound):
            till.returns.find("S009-T09-000001")
        with pytest.raises(E.ReturnSaleNotFound):
            till.returns.find("WEB20261201001")
    finally:
        till.close()


def test_an_online_order_is_returned_in_store_by_its_number_or_its_qr(platform, demo_dir):
    import datetime as dt
    import uuid

    from sync import protocol as P
    from sync.client import PlatformClient

    data = till_dir(demo_dir, platform, "T02")
    deadline = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    created = platform.admin("POST", "/admin/stores/S001/pickup-orders", {
        "order_no": "WEB20261201001", "customer_name": "张三", "customer_phone": "13800000000",
        "payment": "paid_online", "pickup_deadline": deadline,
        "lines": [{"line_id": "L1", "sku": "100001", "name": "可口可乐", "quantity": "2", "unit": "pcs",
                   "price_fen": 300}]})
    order_id = created["order"]["order_id"]
    token = DemoTokenFile(platform.url, data / "token.json").require_token()
    with PlatformClient(platform.url, token) as client:  # picked up at the store (collected)
        for status, lines in (("ready", []), ("collected", [{"line_id": "L1", "quantity": "2"}])):
            event = P.PickupEvent.model_validate({
                "event_id": uuid.uuid4().hex, "order_id": order_id, "store_id": "S001", "status": status,
                "lines": lines, "at": dt.datetime.now(dt.UTC).isoformat(), "till_id": "T02", "user_id": "C01"})
            assert client.push("pickup_event", uuid.uuid4().hex, event).status == "accepted"
    till = open_till(platform, data, "T02")
    try:
        by_qr = till.returns.find(created["qr_payload"])
        by_number = till.returns.find("WEB20261201001")
        assert by_qr.sale_id == by_number.sale_id == order_id and by_number.remote
        line = by_number.lines[0]
        done = till.returns.complete(till.checkout.user, "WEB20261201001", [(line.line_id, 1, "changed_mind")])
        assert [(t.kind, t.amount_fen, t.method) for t in done.tenders] == [("online", 300, "platform")]
        assert ledger(platform, "WEB20261201001") == [("1", "0")]
        assert till.sync.run_once().online and not till.sync.dead_letters()
    finally:
        till.close()


def test_units_the_selling_till_returned_itself_cannot_be_returned_again_elsewhere(platform, demo_dir):
    first = open_till(platform, till_dir(demo_dir, platform, "T01"), "T01")
    second = open_till(platform, till_dir(demo_dir, platform, "T02"), "T02")
    try:
        receipt = sell_and_push(first, COLA, COLA)
        line = first.returns.find(receipt).lines[0]
        first.returns.complete(first.checkout.user, receipt, [(line.line_id, 1, "changed_mind")])  # its own ledger
        assert first.sync.run_once().online and not first.sync.dead_letters()  # counts in the chain's ledger
        assert ledger(platform, receipt) == [("1", "0")]
        original = second.returns.find(receipt)
        assert original.lines[0].refundable_quantity == 1
        assert [(t.kind, t.amount_fen) for t in original.tenders] == [("card", 300)]  # 3.00 went back to the card
        with pytest.raises(E.ReturnExceedsRefundable):
            second.returns.complete(second.checkout.user, receipt, [(original.lines[0].line_id, 2, "changed_mind")])
        done = second.returns.complete(second.checkout.user, receipt, [(original.lines[0].line_id, 1, "changed_mind")])
        assert done.refund_fen == 300 and ledger(platform, receipt) == [("2", "0")]
    finally:
        first.close()
        second.close()
