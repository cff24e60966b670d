"""Pickup orders end to end: the reference platform as a real process on 127.0.0.1, the till's own
SyncService, and the clerk's pickup screen (real Qt widgets offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pickup_support import COLA, PEPSI
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableWidget
from sync_platform_proc import STORE, TILL, PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.config import Config, PlatformConfig
from pos_app.domain import errors as E
from pos_app.domain.errors import ReasonRequired
from pos_app.services.pickup_codes import save_platform_keys
from sync.credentials import Credentials
from sync.pairing import pair
from tests_support import user_id


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


@pytest.fixture
def till(platform: PlatformProcess, demo_dir: Path, memory_keyring):
    """The till on a seeded database, paired with the platform through a pairing code."""
    paired = pair(platform.url, platform.pairing_code(), Credentials(platform.url), STORE, TILL)
    ctx = build_app(Config(language="en", platform=PlatformConfig(url=platform.url, read_timeout_s=5,
                                                                  connect_timeout_s=2)), demo_dir)
    save_platform_keys(ctx.db, paired.platform_keys)  # what `pos-app pair` does with the answer
    ctx.pickup.set_user(ctx.auth.login(user_id(ctx, "Chen Jing"), "3333"))
    yield ctx
    ctx.close()


def create_order(platform: PlatformProcess, order_no: str, payment: str = "paid_online") -> dict:
    return platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders", {
        "order_no": order_no, "customer_name": "王小明", "customer_phone": "13812345678", "payment": payment,
        "pickup_deadline": (datetime.now(UTC) + timedelta(hours=3)).isoformat(),
        "lines": [{"line_id": "L1", "sku": COLA[0], "name": COLA[2], "quantity": "2", "unit": "pcs", "price_fen": 300},
                  {"line_id": "L2", "sku": PEPSI[0], "name": PEPSI[2], "quantity": "1", "unit": "pcs",
                   "price_fen": 350}]})


def platform_status(platform: PlatformProcess, order_id: str) -> str:
    return platform.admin("GET", f"/admin/stores/{STORE}/pickup-orders/{order_id}")["status"]


def pickup_pushes(platform: PlatformProcess) -> list[dict]:
    return platform.admin("GET", "/admin/received", params={"kind": "pickup_event"})["items"]


def test_order_from_platform_picked_on_screen_ready_and_collected(qtbot, qapp, platform, till):
    from pos_app.ui.pickup_screen import PickupScreen

    created = create_order(platform, "PU5001")
    order_id, code = created["order"]["order_id"], created["pickup_code"]
    report = till.sync.run_once()
    assert report.online and report.pulled["pickup_orders"] == 1

    screen = PickupScreen(till)
    qtbot.addWidget(screen)
    screen.show()
    screen.activate()
    table = screen.findChild(QTableWidget, "pickupQueue")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(0, 1)).center())
    qtbot.waitUntil(lambda: screen.selected_id == order_id, timeout=2000)
    field = screen.findChild(QLineEdit, "pickupScanInput")

    def press(name: str) -> None:
        QTest.mouseClick(screen.findChild(QPushButton, name), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not screen._runner.busy, timeout=5000)

    def scan(text: str) -> None:
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen._runner.busy, timeout=5000)

    press("pickupStart")
    for gtin in (COLA[1], COLA[1], PEPSI[1]):
        scan(gtin)
    press("pickupReady")
    till.sync.run_once()
    assert platform_status(platform, order_id) == "ready"

    scan(created["qr_payload"])
    assert "Code correct" in screen.notices.text
    press("pickupHandOver")
    till.sync.run_once()
    assert platform_status(platform, order_id) == "collected"
    assert pickup_pushes(platform)[-1]["body"]["lines"] == [{"line_id": "L1", "quantity": "2"},
                                                           {"line_id": "L2", "quantity": "1"}]
    scan(code)
    assert "already used" in screen.notices.text
    screen.detach()


def test_cancelled_online_during_picking(platform, till):
    created = create_order(platform, "PU5002")
    order_id = created["order"]["order_id"]
    till.sync.run_once()
    till.pickup.start_picking(order_id)
    till.pickup.scan(COLA[1], order_id)
    platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders/{order_id}/cancel")
    seen = []
    till.pickup.listeners.append(seen.extend)
    report = till.sync.run_once()  # the till's "picking" meets the cancel: a conflict, then the feed
    assert report.conflicts == 1 and till.pickup.order(order_id).status == "cancelled"
    assert [(c.order_no, c.code) for c in till.pickup.conflicts()] == [("PU5002", "order_cancelled")]
    assert [(n.kind, n.order_no) for n in seen] == [("cancelled", "PU5002")]
    with pytest.raises(E.PickupOrderCancelled):
        till.pickup.scan(COLA[1], order_id)
    with pytest.raises(E.PickupOrderCancelled):
        till.pickup.verify_code(created["pickup_code"], order_id)


def test_offline_collection_is_delivered_once_and_a_late_cancel_is_a_conflict(platform, till):
    first, second = create_order(platform, "PU5003"), create_order(platform, "PU5004")
    till.sync.run_once()
    for created in (first, second):
        oid = created["order"]["order_id"]
        till.pickup.start_picking(oid)
        for gtin in (COLA[1], COLA[1], PEPSI[1]):
            till.pickup.scan(gtin, oid)
        till.pickup.mark_ready(oid)
    till.sync.run_once()
    platform.stop()  # the network is gone: everything below is local
    for created in (first, second):
        till.pickup.scan(created["qr_payload"])
        till.pickup.hand_over(created["order"]["order_id"])
    report = till.sync.run_once()
    assert not report.online and till.sync.state().pending == 2
    platform.start()
    platform.admin("POST", f"/admin/stores/{STORE}/pickup-orders/{second['order']['order_id']}/cancel")
    report = till.sync.run_once()
    assert report.pushed == 1 and report.conflicts == 1
    till.sync.run_once()
    assert platform_status(platform, first["order"]["order_id"]) == "collected"
    pushes = [p for p in pickup_pushes(platform) if p["body"]["status"] == "collected"]
    assert len(pushes) == 2 and len({p["idempotency_key"] for p in pushes}) == 2  # once each
    conflicts = till.pickup.conflicts()
    assert [(c.order_no, c.code, c.order_status) for c in conflicts] == [("PU5004", "order_cancelled", "cancelled")]
    approval = till.auth.approve("8888", "pickup_manage", "goods were handed over before the cancel")
    with pytest.raises(ReasonRequired):
        till.pickup.resolve_conflict(conflicts[0].conflict_id, approval, " ")
    till.pickup.resolve_conflict(conflicts[0].conflict_id, approval, "refund handled by head office")
    assert till.pickup.conflicts() == []
    with pytest.raises(E.PickupConflictNotFound):
        till.pickup.resolve_conflict(conflicts[0].conflict_id, approval, "again")


def test_typed_codes_are_checked_by_the_platform_when_it_answers(platform, till):
    """Online, the platform decides: the till's own Argon2id hash is removed to prove it; a wrong
    answer still counts toward the order's lock. Offline the till has nothing to check against."""
    created = create_order(platform, "PU5005")
    oid, code = created["order"]["order_id"], created["pickup_code"]
    till.sync.run_once()
    till.pickup.start_picking(oid)
    for gtin in (COLA[1], COLA[1], PEPSI[1]):
        till.pickup.scan(gtin, oid)
    till.pickup.mark_ready(oid)
    with till.db.uow() as uow:
        uow.pickup.get(oid).code_argon2 = ""
        uow.commit()
    with pytest.raises(E.PickupCodeWrong):
        till.pickup.verify_code(f"{(int(code) + 1) % 10**6:06d}", oid)
    assert till.pickup.scan(code).order.order_id == oid  # a bare code: the platform names the order
    platform.stop()
    with pytest.raises(E.PickupCodeNeedsPlatform):
        till.pickup.verify_code(code, oid)
    assert till.pickup.order(oid).wrong_code_attempts == 0  # reset by the right code, not counted offline
