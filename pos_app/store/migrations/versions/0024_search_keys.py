"""search: 1-2 character and initial-pair keys in one FTS5 table instead of two row-per-key tables

A 200,000-product pull wrote 2.4 million `product_chars` and `product_initial_pairs` rows (half the
pull's database time). Now each product has one `search_keys` text (its Chinese characters and
initial pairs, space-separated) indexed by `product_fts_keys` (FTS5, unicode61: one token each),
filled per statement by triggers like `product_fts`.

Revision ID: 0024
Revises: 0025
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from pos_app.store.pinyin import search_keys, start_pairs

revision = "0024"
down_revision = "0025"  # chained after syncrest's 0025 at the merge of main
branch_labels = None
depends_on = None

BATCH = 5000


def _each_product(bind: sa.Connection) -> "list[tuple[int, str]]":
    return [(pid, name) for pid, name in bind.execute(sa.text("SELECT id, name FROM products ORDER BY id"))]


def upgrade() -> None:
    # ALTER TABLE in place: a batch rebuild of `products` would drop the FTS triggers on it.
    op.add_column("products", sa.Column("search_keys", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    rows = _each_product(bind)
    for start in range(0, len(rows), BATCH):
        bind.execute(sa.text("UPDATE products SET search_keys = :k WHERE id = :id"),
                     [{"id": pid, "k": search_keys(name)} for pid, name in rows[start:start + BATCH]])
    op.execute(
        "CREATE VIRTUAL TABLE product_fts_keys USING fts5(search_keys, content='products', "
        "content_rowid='id', tokenize='unicode61', detail='none')"
    )
    op.execute("INSERT INTO product_fts_keys(product_fts_keys) VALUES ('rebuild')")
    op.execute(
        "CREATE TRIGGER products_keys_ai AFTER INSERT ON products BEGIN "
        "INSERT INTO product_fts_keys(rowid, search_keys) VALUES (new.id, new.search_keys); END"
    )
    op.execute(
        "CREATE TRIGGER products_keys_ad AFTER DELETE ON products BEGIN "
        "INSERT INTO product_fts_keys(product_fts_keys, rowid, search_keys) "
        "VALUES ('delete', old.id, old.search_keys); END"
    )
    op.execute(
        "CREATE TRIGGER products_keys_au AFTER UPDATE OF search_keys ON products BEGIN "
        "INSERT INTO product_fts_keys(product_fts_keys, rowid, search_keys) "
        "VALUES ('delete', old.id, old.search_keys); "
        "INSERT INTO product_fts_keys(rowid, search_keys) VALUES (new.id, new.search_keys); END"
    )
    op.drop_table("product_chars")
    op.drop_table("product_initial_pairs")


def downgrade() -> None:
    for name, key, length in (("product_chars", "ch", 1), ("product_initial_pairs", "pair", 2)):
        op.create_table(
            name,
            sa.Column(key, sa.String(length=length), nullable=False),
            sa.Column("product_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f(f"fk_{name}_product_id_products"),
                                    ondelete="CASCADE"),
            sa.PrimaryKeyConstraint(key, "product_id", name=op.f(f"pk_{name}")),
        )
    bind = op.get_bind()
    chars = sa.table("product_chars", sa.column("ch"), sa.column("product_id"))
    pairs = sa.table("product_initial_pairs", sa.column("pair"), sa.column("product_id"))
    rows = _each_product(bind)
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        if values := [{"ch": c, "product_id": pid} for pid, name in batch for c in {c for c in name if not c.isspace()}]:
            bind.execute(chars.insert(), values)
        if values := [{"pair": p, "product_id": pid} for pid, name in batch for p in start_pairs(name)]:
            bind.execute(pairs.insert(), values)
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS products_keys_{suffix}")
    op.execute("DROP TABLE IF EXISTS product_fts_keys")
    op.execute("ALTER TABLE products DROP COLUMN search_keys")  # in place (SQLite >= 3.35, db.MIN_SQLITE), as above
