"""search: two-letter pinyin initials from any character or word start

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from pos_app.store.pinyin import start_pairs

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "product_initial_pairs",
        sa.Column("pair", sa.String(length=2), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_initial_pairs_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pair", "product_id", name=op.f("pk_product_initial_pairs")),
    )
    # Existing catalogs get their rows now; the catalog repository keeps them in step afterwards.
    bind = op.get_bind()
    table = sa.table("product_initial_pairs", sa.column("pair"), sa.column("product_id"))
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, name FROM products WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            break
        values = [{"pair": p, "product_id": pid} for pid, name in rows for p in start_pairs(name)]
        if values:
            bind.execute(table.insert(), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_table("product_initial_pairs")
