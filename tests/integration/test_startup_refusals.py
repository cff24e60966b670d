"""Broken configs and damaged data dirs stop the till with one line that says what and where
(issue 22, points 6 and 13); nothing is changed, and no traceback reaches the installer."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.config import ConfigError, parse_config


@pytest.fixture
def pos_app(capsys):
    """The `pos-app` command in this process (a traceback would fail the test): (exit code, stderr)."""
    def run(*args: str, data_dir: Path, config: Path) -> tuple[int, str]:
        code = main(["--config", str(config), "--data-dir", str(data_dir), *args])
        return code, capsys.readouterr().err
    return run


def one_line(result: tuple[int, str]) -> str:
    code, err = result
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("toml", "key"), [
    ('prices_include_tax = "no"', "prices_include_tax"),
    ('max_quantity = "10"', "max_quantity"),
    ("max_quantity = 10.0", "max_quantity"),
    ('idle_lock_minutes = true', "idle_lock_minutes"),
    ('[platform]\nurl = "ftp://platform.example"', "platform.url"),
    ('[platform]\nurl = "http://platform.example"', "platform.url"),  # plain http off this machine
    ('[platform]\nread_timeout_s = "20"', "platform.read_timeout_s"),
    ("[receipt]\nheader = 2026-11-23", "receipt.header"),
    ('[devices]\ndrawer_pin = "2"', "devices.drawer_pin"),
])
def test_a_wrong_type_or_url_is_refused_in_one_line_naming_the_key(pos_app, tmp_path: Path, toml: str,
                                                                   key: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    for command in ("init", "selfcheck"):
        line = one_line(pos_app(command, data_dir=tmp_path / "data", config=config))
        assert f"'{key}'" in line and str(config) in line
    assert not (tmp_path / "data" / "till.db").exists()


def test_types_that_fit_are_still_accepted() -> None:
    config = parse_config({"max_quantity": 10, "prices_include_tax": False,
                           "platform": {"url": "https://platform.example/", "read_timeout_s": 20}}, "x.toml")
    assert (config.max_quantity, config.prices_include_tax, config.platform.url) == (
        10, False, "https://platform.example")
    with pytest.raises(ConfigError, match="key 'prices_include_tax'"):
        parse_config({"prices_include_tax": "no"}, "x.toml")


def test_till_db_that_is_a_folder_is_named(pos_app, tmp_path: Path) -> None:
    (tmp_path / "data" / "till.db").mkdir(parents=True)
    line = one_line(pos_app("init", data_dir=tmp_path / "data", config=tmp_path / "config.toml"))
    assert "till.db is a folder" in line


@pytest.fixture
def used_data_dir(pos_app, tmp_path: Path) -> Path:
    """A data dir of a till that has run: its database, its logs, a backup of the database."""
    data = tmp_path / "data"
    assert pos_app("init", data_dir=data, config=tmp_path / "config.toml")[0] == 0
    (data / "logs").mkdir(exist_ok=True)
    (data / "logs" / "till.log").write_text("2026-11-23 sold S001-T01-000042\n", encoding="utf-8")
    (data / "backups").mkdir()
    shutil.copy(data / "till.db", data / "backups" / "till-2026-11-23.db")
    return data


@pytest.mark.parametrize("damage", ["zero_bytes", "no_schema"])
def test_an_empty_database_where_a_till_has_run_is_refused(pos_app, tmp_path: Path, used_data_dir: Path,
                                                         damage: str) -> None:
    db = used_data_dir / "till.db"
    for side in used_data_dir.glob("till.db-*"):
        side.unlink()
    db.unlink()
    if damage == "zero_bytes":
        db.touch()
    else:
        sqlite3.connect(db).close()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    before = db.read_bytes()
    line = one_line(pos_app("init", data_dir=used_data_dir, config=tmp_path / "config.toml"))
    assert "has been used before" in line and str(used_data_dir / "backups" / "till-2026-11-23.db") in line
    assert db.read_bytes() == before  # nothing was changed


def test_a_new_install_still_starts_from_nothing(pos_app, tmp_path: Path) -> None:
    code, err = pos_app("init", data_dir=tmp_path / "data", config=tmp_path / "config.toml")
    assert code == 0, err
