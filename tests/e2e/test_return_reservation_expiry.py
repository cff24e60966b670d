"""Refund reservations on the platform process lapse when the till never confirms: a till killed
after reserving leaves the units refundable again after the TTL (and nothing in its own database);
a till that confirms late, or reserves again, keeps them while nobody else took them, and is told
`reservation_lapsed` when somebody did."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sync_platform_proc import PlatformProcess
from test_returns_cross_channel import COLA, ledger, open_till, sell_and_push, till_dir

from pos_app.bootstrap import build_app
from pos_app.config import Config
from pos_app.domain import errors as E
from pos_app.store.return_models import ReturnDoc
from sync.errors import Rejected
from sync.protocol import RefundReservation, ReservedLine

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "return_reserve_kill_child.py"
TTL_S = 3


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log",
                           ["--refund-reservation-ttl", str(TTL_S)]).start()
    yield proc
    proc.stop()


def wait_for_ledger(platform, number: str, want: list[tuple[str, str]]) -> None:
    """Poll the platform's admin ledger until it shows ``want`` (the reservation lapsed)."""
    deadline = time.monotonic() + 60
    while ledger(platform, number) != want:
        assert time.monotonic() < deadline, ledger(platform, number)
        time.sleep(0.5)


def test_a_till_killed_after_reserving_leaves_the_units_refundable_after_the_ttl(platform, demo_dir):
    seller = open_till(platform, till_dir(demo_dir, platform, "T01"), "T01")
    try:
        receipt = sell_and_push(seller, COLA)
    finally:
        seller.close()
    killed_dir = till_dir(demo_dir, platform, "T02")
    child = subprocess.Popen([sys.executable, str(CHILD), str(killed_dir), platform.url, "T02", receipt],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "RESERVED", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    assert ledger(platform, receipt) == [("0", "1")]
    other = open_till(platform, till_dir(demo_dir, platform, "T03"), "T03")
    try:
        line = other.returns.find(receipt).lines[0]
        with pytest.raises(E.ReturnExceedsRefundable):  # held by the killed till's reservation
            other.returns.complete(other.checkout.user, receipt, [(line.line_id, 1, "changed_mind")])
        wait_for_ledger(platform, receipt, [("0", "0")])
        line = other.returns.find(receipt).lines[0]
        assert other.returns.complete(other.checkout.user, receipt, [(line.line_id, 1, "changed_mind")]).refund_fen
        assert ledger(platform, receipt) == [("1", "0")]
    finally:
        other.close()
    killed = build_app(Config(language="en", till_id="T02"), killed_dir)  # restarted after the kill
    try:
        with killed.db.uow(read_only=True) as uow:
            assert uow.session.query(ReturnDoc).count() == 0  # the kill left no return behind
    finally:
        killed.close()


def test_a_late_confirm_or_a_new_reserve_keeps_free_units_and_is_refused_when_they_are_gone(platform, demo_dir):
    till = open_till(platform, till_dir(demo_dir, platform, "T01"), "T01")
    other = open_till(platform, till_dir(demo_dir, platform, "T02"), "T02")
    try:
        receipt = sell_and_push(till, COLA, COLA)
        line_id = other.returns.find(receipt).lines[0].line_id
        one = RefundReservation(number=receipt, lines=[ReservedLine(line_id=line_id, quantity="1", amount_fen=300)])
        first, second = uuid.uuid4().hex, uuid.uuid4().hex
        with other.sync.client() as client:
            assert client.reserve_refund("S001", first, one).status == "reserved"
        wait_for_ledger(platform, receipt, [("0", "0")])
        with other.sync.client() as client:
            assert client.reserve_refund("S001", first, one).status == "reserved"  # the same PUT reserves again
            assert ledger(platform, receipt) == [("0", "1")]
            assert client.reserve_refund("S001", second, one).status == "reserved"
        wait_for_ledger(platform, receipt, [("0", "0")])
        with other.sync.client() as client:
            assert client.settle_refund("S001", first, True).status == "confirmed"  # late, the unit was free
        assert ledger(platform, receipt) == [("1", "0")]
        third = open_till(platform, till_dir(demo_dir, platform, "T03"), "T03")
        try:
            line = third.returns.find(receipt).lines[0]
            third.returns.complete(third.checkout.user, receipt, [(line.line_id, 1, "changed_mind")])
        finally:
            third.close()
        with other.sync.client() as client, pytest.raises(Rejected) as refused:
            client.settle_refund("S001", second, True)
        assert refused.value.error_code == "reservation_lapsed"
        assert ledger(platform, receipt) == [("2", "0")]
    finally:
        till.close()
        other.close()
