"""Migration 0024 on a till with products: their search keys are filled and indexed, so 1-2
character and mid-name initial searches find the old catalog at once; the downgrade brings the
row-per-key tables back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import Engine

from pos_app.store import migrate
from pos_app.store.db import make_engine

PRODUCTS = [(1, "100001", "乐事薯片 番茄味"), (2, "100002", "伊利纯牛奶 250ml")]


def _to(engine: Engine, revision: str, down: bool = False) -> None:
    cfg = migrate._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def _keys_search(path: Path, token: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute(
            "SELECT p.sku FROM product_fts_keys k JOIN products p ON p.id = k.rowid "
            "WHERE product_fts_keys MATCH ? ORDER BY 1", (f'"{token}"',))]
    finally:
        con.close()


def test_0024_fills_and_indexes_the_keys_of_existing_products_and_goes_back(tmp_path):
    path = tmp_path / "till.db"
    engine = make_engine(path)
    try:
        _to(engine, "0018")
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO tax_classes (code, name, rate) VALUES ('VAT13', 'VAT 13%', '0.13')")
            conn.exec_driver_sql(
                "INSERT INTO products (id, sku, name, name_en, pinyin, unit, sold_by_weight, tax_class, price_fen, "
                "active, updated_at) VALUES (?, ?, ?, '', '', 'pcs', 0, 'VAT13', 100, 1, '2026-12-01 00:00:00')",
                PRODUCTS)
        _to(engine, "0024")
        assert _keys_search(path, "薯") == ["100001"]
        assert _keys_search(path, "sp") == ["100001"]  # 薯片: initials from mid-name
        assert _keys_search(path, "牛") == ["100002"]
        _to(engine, "0018", down=True)
        con = sqlite3.connect(path)
        try:
            assert ("牛", 2) in con.execute("SELECT ch, product_id FROM product_chars").fetchall()
            assert ("sp", 1) in con.execute("SELECT pair, product_id FROM product_initial_pairs").fetchall()
        finally:
            con.close()
    finally:
        engine.dispose()
