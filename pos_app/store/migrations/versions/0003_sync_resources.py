"""sync resources

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coupons",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=False),
        sa.Column("percent_off", sa.Integer(), nullable=False),
        sa.Column("min_spend_fen", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("valid_to", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_coupons")),
    )
    op.create_table(
        "members",
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("card_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=False),
        sa.Column("tier", sa.String(length=64), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_members")),
        sa.UniqueConstraint("card_no", name=op.f("uq_members_card_no")),
    )
    op.create_table(
        "pickup_orders",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("customer_phone", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("platform_status", sa.String(length=24), nullable=False),
        sa.Column("payment", sa.String(length=16), nullable=False),
        sa.Column("pickup_deadline", sa.DateTime(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("code_salt", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("wrong_code_attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_pickup_orders")),
        sa.UniqueConstraint("order_no", name=op.f("uq_pickup_orders_order_no")),
    )
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pickup_orders_pickup_deadline"), ["pickup_deadline"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pickup_orders_status"), ["status"], unique=False)

    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("order_status", sa.String(length=24), nullable=True),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_event_id"), ["event_id"], unique=False)

    op.create_table(
        "pickup_order_lines",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("picked", sa.String(length=24), nullable=False),
        sa.Column("handed_over", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["pickup_orders.order_id"],
            name=op.f("fk_pickup_order_lines_order_id_pickup_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("order_id", "line_id", name=op.f("pk_pickup_order_lines")),
    )


def downgrade() -> None:
    op.drop_table("pickup_order_lines")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_event_id"))

    op.drop_table("sync_conflicts")
    with op.batch_alter_table("pickup_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_orders_status"))
        batch_op.drop_index(batch_op.f("ix_pickup_orders_pickup_deadline"))

    op.drop_table("pickup_orders")
    op.drop_table("members")
    op.drop_table("coupons")
