"""promotions: the promotions feed, promotion shares per sale line and unit, coupon redemption

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("promotion_id", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("valid_to", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("promotion_id", name=op.f("pk_promotions")),
    )
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promotions_valid_to"), ["valid_to"], unique=False)
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promotion_discount_fen", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("promotions", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("unit_discounts", sa.Text(), nullable=False, server_default="[]"))


    with op.batch_alter_table("coupons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offline_safe", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("stores", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("redeemed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("redeemed_sale_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coupons", schema=None) as batch_op:
        for column in ("redeemed_sale_id", "redeemed_at", "stores", "offline_safe"):
            batch_op.drop_column(column)
    with op.batch_alter_table("sale_lines", schema=None) as batch_op:
        for column in ("unit_discounts", "promotions", "promotion_discount_fen"):
            batch_op.drop_column(column)
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promotions_valid_to"))
    op.drop_table("promotions")
