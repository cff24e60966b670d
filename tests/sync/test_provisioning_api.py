"""The reference platform's provisioning feeds and admin API: per-store and per-till scopes,
feed counts, staff PIN rules."""

from __future__ import annotations

from argon2 import PasswordHasher
from sync_platform_proc import PlatformProcess

from sync.client import PlatformClient
from sync.credentials import Credentials
from sync.pairing import pair
from sync.protocol import Staff


def device(platform: PlatformProcess, store: str, till: str) -> PlatformClient:
    creds = Credentials(platform.url)
    pair(platform.url, platform.pairing_code(store, till), creds, store, till)
    return PlatformClient(platform.url, creds.require_token())


def test_devices_are_per_till_and_staff_per_store(platform: PlatformProcess, memory_keyring) -> None:
    platform.admin("PUT", "/admin/stores/S001/tills/T01/devices", {"till_id": "T01", "receipt_printer": "preview://"})
    platform.admin("POST", "/admin/stores/S001/staff", {"staff_id": "E1", "display_name": "周敏", "role": "cashier",
                                                        "pin": "4701"})
    with device(platform, "S001", "T01") as t01, device(platform, "S001", "T02") as t02, \
            device(platform, "S002", "T01") as other_store:
        assert [i.key for i in t01.feed("device_settings", None).items] == ["T01"]
        assert t02.feed("device_settings", None).items == []
        assert t01.counts().counts["staff"] == 1 and t02.counts().counts["staff"] == 1
        assert other_store.feed("staff", None).items == [] and other_store.counts().counts["staff"] == 0
        [item] = t02.feed("staff", None).items
        assert isinstance(item.data, Staff) and item.data.pin_change_required
        assert PasswordHasher().verify(item.data.pin_hash, "4701")  # only the hash travels


def test_staff_pin_rules(platform: PlatformProcess) -> None:
    body = {"staff_id": "E2", "display_name": "吴磊", "role": "clerk"}
    assert platform.admin("POST", "/admin/stores/S001/staff", body, expect=422)["error"] == "pin_required"
    both = {**body, "pin": "4702", "pin_hash": PasswordHasher().hash("4702")}
    assert platform.admin("POST", "/admin/stores/S001/staff", both, expect=422)["error"] == "pin_ambiguous"
    weak = {**body, "pin": "12"}
    assert platform.admin("POST", "/admin/stores/S001/staff", weak, expect=422)["error"] == "invalid_request"
    bcrypt = {**body, "pin_hash": "$2b$12$" + "a" * 53}
    assert platform.admin("POST", "/admin/stores/S001/staff", bcrypt, expect=422)["error"] == "invalid_request"
    kept = platform.admin("POST", "/admin/stores/S001/staff", {**body, "pin_hash": PasswordHasher().hash("4702")})
    assert kept["pin_change_required"] is False
    reset = platform.admin("POST", "/admin/stores/S001/staff/E2/reset-pin", {"pin": "8080"})
    assert reset["pin_change_required"] is True and reset["pin_hash"] != kept["pin_hash"]
    assert platform.admin("POST", "/admin/stores/S001/staff/NOPE/reset-pin", {"pin": "8080"}, expect=404)
    assert platform.admin("DELETE", "/admin/stores/S001/staff/E2")["count"] == 1
