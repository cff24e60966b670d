"""The points a return moves, pushed to the reference platform process: the points redeemed in the
sale come back and the points it earned go, once, however often the push is retried because the
platform's answer was lost."""

from __future__ import annotations

import pytest
from member_platform_support import COLA, account, make_till, start_platform
from sync_platform_proc import DroppingProxy

from pos_app.domain.members import EntryKind, entry_id


@pytest.fixture
def platform(tmp_path):
    proc = start_platform(tmp_path)
    yield proc
    proc.stop()


def test_a_returns_points_count_once_however_often_it_is_pushed(platform, demo_dir, tmp_path, memory_keyring):
    proxy = DroppingProxy(platform.port)
    till = make_till(platform, demo_dir, tmp_path, "T01", url=proxy.url)
    try:
        before = account(platform, "M0002")["points"]
        till.members.identify("8800000002")  # M0002: silver, 1 point per yuan
        for _ in range(4):
            till.checkout.scan(COLA)  # 12.00
        till.member_tenders.pay_with_points(200)
        till.checkout.add_tender("cash", str(till.checkout.current().cash_due))
        sale = till.checkout.complete()
        assert till.sync.run_once().online
        assert account(platform, "M0002")["points"] < before  # redeemed more than it earned
        line = till.returns.find(sale.receipt_no).lines[0]
        done = till.returns.complete(till.checkout.user, sale.receipt_no, [(line.line_id, 4, "changed_mind")])
        assert [t.method for t in done.tenders][0] == "points"
        proxy.drop = 2  # the platform applies the return's entries, the till never hears: it sends again
        for _ in range(3):
            till.sync.run_once()
        assert proxy.dropped == 2 and till.sync.state().pending == 0
        assert account(platform, "M0002")["points"] == before  # all redeemed back, all earned taken: once
        entry = entry_id("T01", done.return_id, EntryKind.POINTS_REVERSE)
        received = platform.admin("GET", "/admin/received", params={"kind": "member_ledger"})
        assert [r["idempotency_key"] for r in received["items"]].count(entry) == 1
    finally:
        till.close()
        proxy.close()


def test_another_tills_member_sale_credits_the_member_once_never_cash(platform, demo_dir, tmp_path,
                                                                      memory_keyring):
    """A till returning another till's member sale (the platform's lookup names the member, what the
    sale earned and redeemed) gives the stored value and the redeemed points back to that member and
    takes the earned points back, over two partial returns, once however often the push is retried."""
    platform.admin("PUT", "/admin/members/M0002/stored-value", {"stored_value_fen": 10_000})
    proxy = DroppingProxy(platform.port)  # its own address: its own device token in the keyring
    seller = make_till(platform, demo_dir, tmp_path, "T01")
    other = make_till(platform, demo_dir, tmp_path, "T02", url=proxy.url)
    try:
        before = account(platform, "M0002")
        seller.members.identify("8800000002")
        for _ in range(4):
            seller.checkout.scan(COLA)  # 12.00: 1.00 in points, 5.00 stored value, 6.00 cash
        seller.member_tenders.pay_with_points(100)
        seller.member_tenders.pay_with_stored_value("5.00")
        seller.checkout.add_tender("cash", str(seller.checkout.current().cash_due))
        sale = seller.checkout.complete()
        assert seller.sync.run_once().online
        sold = account(platform, "M0002")
        assert sold["stored_value_fen"] == before["stored_value_fen"] - 500 and sold["points"] != before["points"]

        original = other.returns.find(sale.receipt_no)
        assert original.remote and original.member.member_id == "M0002"
        assert sorted((t.kind, t.amount_fen) for t in original.tenders) == [
            ("cash", 600), ("points", 100), ("stored_value", 500)]
        line = original.lines[0]
        first = other.returns.complete(other.checkout.user, sale.receipt_no, [(line.line_id, 1, "changed_mind")])
        share = (100 * 300 + 600) // 1200  # the cola's part of the points tender, half up
        assert [(t.method, t.amount_fen) for t in first.tenders] == [("points", share), ("stored_value", 300 - share)]
        rest = other.returns.find(sale.receipt_no)  # the platform knows what went back to each tender
        assert sorted((t.kind, t.amount_fen) for t in rest.tenders) == [
            ("cash", 600), ("points", 100 - share), ("stored_value", 500 - (300 - share))]
        second = other.returns.complete(other.checkout.user, sale.receipt_no, [(line.line_id, 3, "changed_mind")])
        assert [(t.method, t.amount_fen) for t in second.tenders] == [
            ("points", 100 - share), ("stored_value", 500 - (300 - share)), ("cash", 900 - (100 - share) - (500 - (300 - share)))]
        proxy.drop = 2  # the platform applies the entries, the till never hears: it sends them again
        for _ in range(3):
            other.sync.run_once()
        assert proxy.dropped == 2 and other.sync.state().pending == 0 and not other.sync.dead_letters()
        after = account(platform, "M0002")
        # all the stored value back, all redeemed points back, all earned points taken back: once
        assert (after["stored_value_fen"], after["points"]) == (before["stored_value_fen"], before["points"])
    finally:
        seller.close()
        other.close()
        proxy.close()
