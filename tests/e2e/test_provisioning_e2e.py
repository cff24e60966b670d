"""A real store from nothing: head office provisions it on the reference platform (a process),
a never-seeded till pairs, syncs once and everyone signs in; an orphan product is reported."""

from __future__ import annotations

import json
import sqlite3

import pytest
from provision_support import PROFILE, STAFF, STORE, TILL, provision
from sync_platform_proc import PlatformProcess

from pos_app.bootstrap import build_app
from pos_app.cli import main as pos_app
from pos_app.config import Config, load_config
from pos_app.domain.errors import PairingCodeInvalid
from pos_app.services.auth import PinChangeRequired, SamePin, UnknownUser, WrongPin

N_PRODUCTS = 10_000


@pytest.fixture
def platform(tmp_path):
    proc = PlatformProcess(tmp_path / "platform.sqlite3", tmp_path / "platform.log").start()
    yield proc
    proc.stop()


def counts(db_path) -> dict[str, int]:
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("tax_classes", "categories", "products", "users", "stock_levels", "store_profile")}
    finally:
        con.close()


def test_a_never_seeded_till_gets_exactly_the_platforms_store_in_one_cycle(platform, tmp_path, memory_keyring,
                                                                         capsys):
    provision(platform, N_PRODUCTS)
    data_dir, config_file = tmp_path / "till", tmp_path / "config.toml"
    ctx = build_app(Config(language="en"), data_dir, config_file)
    try:
        assert ctx.provisioning.needs_first_run()
        info = ctx.provisioning.connect(platform.url, platform.pairing_code(STORE, TILL))
    finally:
        ctx.close()
    assert (info.store_id, info.till_id, info.demo) == (STORE, TILL, False)
    config = load_config(config_file)  # the wizard took the store and till from the code
    assert (config.store_id, config.till_id, config.platform.url) == (STORE, TILL, platform.url)

    assert pos_app(["--config", str(config_file), "--data-dir", str(data_dir), "sync", "--once"]) == 0
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert report["report"]["pulled"]["catalog"] == N_PRODUCTS + 1
    assert report["report"]["parked"] == {"catalog": 1, "prices": 1}  # the product and its price
    product, price = report["held_back"]
    assert (product["resource"], product["key"]) == ("catalog", "ORPHAN1")
    assert "category 'NOSUCH'" in product["reason"] and price["key"] == "ORPHAN1"
    assert "held back: catalog ORPHAN1" in out.err

    assert counts(data_dir / "till.db") == {"tax_classes": 3, "categories": 5, "products": N_PRODUCTS,
                                            "users": len(STAFF), "stock_levels": 0, "store_profile": 1}
    ctx = build_app(load_config(config_file), data_dir, config_file)
    try:
        assert ctx.sync.state().parked == 2
        assert ctx.config.receipt.header == PROFILE["receipt_header"] and ctx.store_name == PROFILE["name"]
        assert ctx.provisioning.store_profile().business_day_cutoff_hour == 5
        assert ctx.shifts.business_day_cutoff_hour() == 5  # the platform's cut-off, not the config's 4
        assert ctx.provisioning.device_assignment().receipt_printer == "tcp://192.168.1.50:9100"
        assert sorted(u.user_id for u in ctx.auth.list_users()) == [s[0] for s in STAFF]
        for staff_id, _name, role, badge, pin, one_time in STAFF:
            if one_time:
                with pytest.raises(PinChangeRequired):
                    ctx.auth.login(staff_id, pin)
                with pytest.raises(SamePin):
                    ctx.auth.change_pin(staff_id, pin, pin)
                with pytest.raises(WrongPin):
                    ctx.auth.change_pin(staff_id, "0000", "5521")
                assert ctx.auth.change_pin(staff_id, pin, "5521").role == role
                with pytest.raises(WrongPin):
                    ctx.auth.login(staff_id, pin)  # the one-time PIN is used up
                pin = "5521"
            assert ctx.auth.login(staff_id, pin).role == role
            if badge:
                assert ctx.auth.login_badge(badge).user_id == staff_id
    finally:
        ctx.close()


@pytest.fixture
def paired(platform, tmp_path, memory_keyring):
    """A small store provisioned and pulled once by a never-seeded till."""
    provision(platform, 20)
    data_dir, config_file = tmp_path / "till", tmp_path / "config.toml"
    ctx = build_app(Config(language="en"), data_dir, config_file)
    ctx.provisioning.connect(platform.url, platform.pairing_code(STORE, TILL))
    ctx.close()
    ctx = build_app(load_config(config_file), data_dir, config_file)
    assert ctx.sync.run_once().parked == {"catalog": 1, "prices": 1}
    yield ctx
    ctx.close()


def test_a_chosen_pin_survives_syncs_until_head_office_resets_it(platform, paired):
    staff_id, pin = STAFF[3][0], STAFF[3][4]
    paired.auth.change_pin(staff_id, pin, "5521")
    platform.admin("POST", f"/admin/stores/{STORE}/staff", {"staff_id": staff_id, "display_name": "孙浩 Sun Hao",
                                                           "role": "cashier"})  # name changed, PIN kept
    paired.sync.run_once()
    assert paired.auth.login(staff_id, "5521").name == "孙浩 Sun Hao"
    platform.admin("POST", f"/admin/stores/{STORE}/staff/{staff_id}/reset-pin", {"pin": "7788"})
    paired.sync.run_once()
    with pytest.raises(PinChangeRequired):
        paired.auth.login(staff_id, "7788")


def test_deactivated_staff_can_no_longer_sign_in(platform, paired):
    staff_id, _name, _role, badge, pin, _ = STAFF[0]
    platform.admin("DELETE", f"/admin/stores/{STORE}/staff/{staff_id}")
    paired.sync.run_once()
    with pytest.raises(UnknownUser):
        paired.auth.login(staff_id, pin)
    with pytest.raises(UnknownUser):
        paired.auth.login_badge(badge)
    assert staff_id not in {u.user_id for u in paired.auth.list_users()}


def test_the_held_back_product_arrives_once_its_category_does(platform, paired):
    platform.admin("PUT", "/admin/categories", [{"code": "NOSUCH", "name": "新品", "name_en": "New"}])
    report = paired.sync.run_once()
    assert report.ok and report.parked == {}
    assert paired.sync.state().parked == 0 and paired.sync.storage.parked() == []
    assert [p.sku for p in paired.catalog.search("ORPHAN1")] == ["ORPHAN1"]


def test_a_paired_real_till_refuses_the_demo_seed(paired, capsys):
    config_file = paired.config_file
    assert pos_app(["--config", str(config_file), "--data-dir", str(paired.data_dir), "seed-demo"]) == 1
    assert "paired with the platform" in capsys.readouterr().err
    assert {u.user_id for u in paired.auth.list_users()} == {s[0] for s in STAFF}


def test_a_used_pairing_code_is_refused_with_its_own_error(platform, tmp_path, memory_keyring):
    code = platform.pairing_code(STORE, TILL)
    first = build_app(Config(language="en"), tmp_path / "a", tmp_path / "a.toml")
    second = build_app(Config(language="en"), tmp_path / "b", tmp_path / "b.toml")
    try:
        first.provisioning.connect(platform.url, code)
        with pytest.raises(PairingCodeInvalid):
            second.provisioning.connect(platform.url, code)
        assert second.provisioning.pairing() is None and not (tmp_path / "b.toml").exists()
    finally:
        first.close()
        second.close()


def second_till(platform, tmp_path, till_id: str = "T02"):
    """Another till of the same store, paired and pulled once."""
    data_dir, config_file = tmp_path / till_id, tmp_path / f"{till_id}.toml"
    ctx = build_app(Config(language="en"), data_dir, config_file)
    ctx.provisioning.connect(platform.url, platform.pairing_code(STORE, till_id))
    ctx.close()
    ctx = build_app(load_config(config_file), data_dir, config_file)
    ctx.sync.run_once()
    return ctx


def test_a_pin_chosen_at_one_till_signs_in_at_every_till_of_the_store(platform, paired, tmp_path):
    staff_id, one_time = STAFF[3][0], STAFF[3][4]
    paired.auth.change_pin(staff_id, one_time, "5521")
    assert paired.sync.run_once().ok  # the chosen PIN goes up with the cycle's pushes
    other = second_till(platform, tmp_path)
    try:
        assert other.auth.login(staff_id, "5521").user_id == staff_id  # no second one-time PIN to change
        with pytest.raises(WrongPin):
            other.auth.login(staff_id, one_time)
    finally:
        other.close()
    paired.sync.run_once()  # its own change comes back down: still the same PIN
    assert paired.auth.login(staff_id, "5521").user_id == staff_id


def test_a_reset_by_head_office_wins_over_a_pin_chosen_before_it_reached_the_platform(platform, paired):
    staff_id, one_time = STAFF[3][0], STAFF[3][4]
    paired.auth.change_pin(staff_id, one_time, "5521")  # queued, not pushed yet (offline)
    platform.admin("POST", f"/admin/stores/{STORE}/staff/{staff_id}/reset-pin", {"pin": "7788"})
    paired.sync.run_once()
    con = sqlite3.connect(paired.data_dir / "till.db")
    try:  # the platform's answer is kept with the till's sync conflicts (and logged)
        assert con.execute("SELECT kind, code FROM sync_conflicts").fetchall() == [("staff_pin", "pin_reset_since")]
    finally:
        con.close()
    with pytest.raises(PinChangeRequired):
        paired.auth.login(staff_id, "7788")  # head office's newer one-time PIN stands
