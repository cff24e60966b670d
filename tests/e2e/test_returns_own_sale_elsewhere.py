"""One ledger both ways, against the reference platform as a process with two tills: units another
till returned of this till's sale (through the platform) cannot be returned again here; online a
till reserves its own pushed sale's units on the platform like another till's; offline its return
of its own sale goes ahead on the local ledger, and an over-refund comes back from the push as a
conflict for the manager, never silently accepted; the selling till and another racing for the
last unit (two processes): one wins."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from returns_platform_support import ledger, sell_and_push
from sync_platform_proc import DroppingProxy, PlatformProcess

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


@pytest.fixture
def proxy(platform):
    proxy = DroppingProxy(platform.port)
    yield proxy
    proxy.close()


def open_till(platform, demo_dir: Path, till: str, url: str):
    """A till with its own copy of the demo database, paired as ``till``, reaching the platform at ``url``."""
    data = demo_dir.parent / f"till-{till}"
    data.mkdir()
    shutil.copy(demo_dir / "till.db", data / "till.db")
    pair(url, platform.pairing_code(till=till), DemoTokenFile(url, data / "token.json"), "S001", till)
    config = Config(language="en", till_id=till, platform=PlatformConfig(url=url, read_timeout_s=10,
                                                                         connect_timeout_s=2))
    ctx = build_app(config, data)
    ctx.sync.repoint(config.platform, DemoTokenFile(url, data / "token.json"))
    ctx.checkout.set_user(ctx.auth.login_badge("STAFF-0001"))
    open_shift(ctx)
    return ctx


@pytest.fixture
def tills(platform, proxy, demo_dir):
    seller = open_till(platform, demo_dir, "T01", proxy.url)  # its link can go down
    other = open_till(platform, demo_dir, "T02", platform.url)
    yield seller, other
    seller.close()
    other.close()


def sell_two_and_push(ctx) -> str:
    return sell_and_push(ctx, COLA, COLA)


def return_one_elsewhere(other, receipt: str) -> None:
    line = other.returns.find(receipt).lines[0]
    other.returns.complete(other.checkout.user, receipt, [(line.line_id, 1, "changed_mind")])


def test_units_another_till_returned_are_not_refundable_at_the_selling_till(platform, tills):
    seller, other = tills
    receipt = sell_two_and_push(seller)
    return_one_elsewhere(other, receipt)
    assert ledger(platform, receipt) == [("1", "0")]

    original = seller.returns.find(receipt)
    assert not original.remote and original.lines[0].refundable_quantity == 1
    line_id = original.lines[0].line_id
    with pytest.raises(E.ReturnExceedsRefundable) as refused:
        seller.returns.complete(seller.checkout.user, receipt, [(line_id, 2, "changed_mind")])
    assert refused.value.params["refundable"] == 1
    with seller.db.uow(read_only=True) as uow:  # refused: nothing written
        assert uow.returns.lines_with_ledger(original.sale_id)[0][1] == 0

    done = seller.returns.complete(seller.checkout.user, receipt, [(line_id, 1, "changed_mind")])
    assert done.refund_fen == 300
    assert ledger(platform, receipt) == [("2", "0")]  # reserved and confirmed before its push
    assert seller.sync.run_once().online and seller.sync.state().pending == 0
    assert seller.returns.conflicts() == [] and not seller.sync.dead_letters()
    assert ledger(platform, receipt) == [("2", "0")]  # the return event counts once
    assert seller.returns.find(receipt).lines[0].refundable_quantity == 0


def test_the_selling_tills_own_return_holds_the_units_on_the_platform(platform, tills):
    seller, other = tills
    receipt = sell_two_and_push(seller)
    line_id = seller.returns.find(receipt).lines[0].line_id
    seller.returns.complete(seller.checkout.user, receipt, [(line_id, 2, "changed_mind")])
    assert ledger(platform, receipt) == [("2", "0")]  # before any push: another till sees it at once
    assert other.returns.find(receipt).lines[0].refundable_quantity == 0
    with pytest.raises(E.ReturnExceedsRefundable):
        return_one_elsewhere(other, receipt)


def test_an_offline_over_refund_of_a_local_sale_is_a_conflict_after_the_push(platform, proxy, tills):
    seller, other = tills
    receipt = sell_two_and_push(seller)
    upstream, proxy.upstream_port = proxy.upstream_port, 1  # the selling till loses the platform
    return_one_elsewhere(other, receipt)

    original = seller.returns.find(receipt)  # offline: the local ledger only, the return goes ahead
    assert original.lines[0].refundable_quantity == 2
    done = seller.returns.complete(seller.checkout.user, receipt, [(original.lines[0].line_id, 2, "changed_mind")])
    assert done.refund_fen == 600

    proxy.upstream_port = upstream  # back online: the return event is pushed
    assert seller.sync.run_once().online and seller.sync.state().pending == 0
    [conflict] = seller.returns.conflicts()
    assert conflict.return_no == done.return_no and conflict.code == "over_refunded"
    assert receipt in conflict.message and "1 were still refundable" in conflict.message
    assert ledger(platform, receipt) == [("3", "0")]  # the chain's ledger shows the over-refund as it happened


def test_the_selling_till_and_another_racing_for_the_last_unit_one_wins(platform, demo_dir, tmp_path):
    seller = open_till(platform, demo_dir, "T01", platform.url)
    try:
        seller.checkout.scan(COLA)
        seller.checkout.add_tender("card", str(seller.checkout.current().total), "SLIP7")
        receipt = seller.checkout.complete().receipt_no
        assert seller.sync.run_once().online
    finally:
        seller.close()
    other = open_till(platform, demo_dir, "T02", platform.url)
    other.close()
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(CHILD), str(demo_dir.parent / f"till-{till}"), platform.url,
                               till, receipt, str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for till in ("T01", "T02")]
    for proc in procs:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
    go.touch()
    outcomes = sorted(proc.stdout.readline().split() for proc in procs)
    for proc in procs:
        proc.wait(30)
    assert [o[0] for o in outcomes] == ["REFUSED", "WON"]
    assert outcomes[0][1] in ("return.taken_elsewhere", "return.exceeds_refundable")
    assert ledger(platform, receipt) == [("1", "0")]


def test_a_tender_another_till_refunded_is_not_refunded_again_at_the_selling_till(platform, tills):
    seller, other = tills
    for _ in range(2):
        seller.checkout.scan(COLA)
    seller.checkout.add_tender("card", "3.00", "SLIP7")
    seller.checkout.add_tender("cash", "3.00")
    receipt = seller.checkout.complete().receipt_no
    assert seller.sync.run_once().online
    line = other.returns.find(receipt).lines[0]
    done = other.returns.complete(other.checkout.user, receipt, [(line.line_id, 1, "changed_mind")])
    assert [(t.kind, t.amount_fen) for t in done.tenders] == [("card", 300)]  # the card first, elsewhere

    original = seller.returns.find(receipt)
    assert [(t.kind, t.amount_fen) for t in original.tenders] == [("cash", 300)]
    done = seller.returns.complete(seller.checkout.user, receipt, [(original.lines[0].line_id, 1, "changed_mind")])
    assert [(t.kind, t.amount_fen) for t in done.tenders] == [("cash", 300)]  # not the card a second time


def test_an_exchange_at_the_selling_till_refuses_units_another_till_returned(platform, tills):
    seller, other = tills
    receipt = sell_two_and_push(seller)
    return_one_elsewhere(other, receipt)
    line_id = seller.returns.find(receipt).lines[0].line_id
    seller.checkout.scan(COLA)  # the new goods
    with pytest.raises(E.ReturnExceedsRefundable):
        seller.returns.exchange(seller.checkout.user, receipt, [(line_id, 2, "changed_mind")])
    assert not any(t.kind == "exchange" for t in seller.checkout.current().tenders)  # nothing staged
    snap = seller.returns.exchange(seller.checkout.user, receipt, [(line_id, 1, "changed_mind")])
    assert [(t.kind, str(t.amount)) for t in snap.tenders] == [("exchange", "3.00")]
