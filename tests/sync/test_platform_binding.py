"""The reference platform ties each token to its store and till, pairs idempotently per code and
device key, slows down code guessing, and never shows its admin token on a command line."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import requests
from sync_platform_proc import STORE, PlatformProcess, sale

from pos_app.demo_platform import DemoPlatform
from sync.reference_platform.state import PAIRING_RATE_LIMIT


def z_body(till: str) -> dict:
    now = dt.datetime.now(dt.UTC).isoformat()
    return {"store_id": STORE, "till_id": till, "business_date": "2026-11-23", "z_no": 1, "generated_at": now,
            "opened_at": now, "closed_at": now, "sale_count": 0, "return_count": 0, "gross_sales_fen": 0,
            "returns_fen": 0, "net_sales_fen": 0, "tax": [], "tenders": [], "cash_expected_fen": 0,
            "cash_counted_fen": 0, "first_receipt_no": None, "last_receipt_no": None}


def test_a_token_pushes_and_reports_only_for_its_own_till(platform: PlatformProcess, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}  # a token of T01
    other = requests.post(platform.url + f"/stores/{STORE}/sales", json=sale(1, till="T02"), timeout=10,
                          headers={**auth, "Idempotency-Key": uuid.uuid4().hex})
    assert other.status_code == 403 and other.json()["error"] == "wrong_till"
    z = requests.put(platform.url + f"/stores/{STORE}/tills/T02/z-reports/2026-11-23", json=z_body("T02"),
                     headers={**auth, "Idempotency-Key": uuid.uuid4().hex}, timeout=10)
    assert z.status_code == 403 and z.json()["error"] == "wrong_till"
    own = requests.put(platform.url + f"/stores/{STORE}/tills/T01/z-reports/2026-11-23", json=z_body("T01"),
                       headers={**auth, "Idempotency-Key": uuid.uuid4().hex}, timeout=10)
    assert own.status_code == 200, own.text  # T02's attempt left nothing that refuses T01's real report
    assert platform.sale_ids() == []


def test_a_lost_pairing_answer_can_be_asked_again_and_the_orphan_is_revoked(platform: PlatformProcess) -> None:
    code, key = platform.pairing_code(), uuid.uuid4().hex
    first = requests.post(platform.url + "/pairing", json={"code": code, "device_key": key}, timeout=10)
    again = requests.post(platform.url + "/pairing", json={"code": code, "device_key": key}, timeout=10)
    assert first.status_code == again.status_code == 200
    feed = platform.url + "/feeds/catalog"
    assert requests.get(feed, headers={"Authorization": f"Bearer {first.json()['token']}"},
                        timeout=10).status_code == 401  # the answer that never arrived is revoked
    assert requests.get(feed, headers={"Authorization": f"Bearer {again.json()['token']}"},
                        timeout=10).status_code == 200
    stranger = requests.post(platform.url + "/pairing", json={"code": code, "device_key": uuid.uuid4().hex},
                             timeout=10)
    keyless = requests.post(platform.url + "/pairing", json={"code": code}, timeout=10)
    assert stranger.status_code == keyless.status_code == 400


def test_pairing_attempts_are_rate_limited_per_client(platform: PlatformProcess) -> None:
    answers = [requests.post(platform.url + "/pairing", json={"code": "ZZZZZZ"}, timeout=10)
               for _ in range(PAIRING_RATE_LIMIT + 1)]
    assert [a.status_code for a in answers] == [400] * PAIRING_RATE_LIMIT + [429]
    assert answers[-1].json()["error"] == "too_many_pairing_attempts"
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_the_demo_platform_admin_token_is_not_on_its_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    demo = DemoPlatform(data, port=0)
    url = demo.start()
    try:
        assert demo.proc is not None
        cmdline = Path(f"/proc/{demo.proc.pid}/cmdline").read_bytes().decode()
        assert demo.admin_token not in cmdline
        codes = requests.post(url + "/admin/pairing-codes", json={"store_id": STORE, "till_id": "T01"},
                              headers={"Authorization": f"Bearer {demo.admin_token}"}, timeout=10)
        assert codes.status_code == 200, codes.text
    finally:
        demo.stop()
