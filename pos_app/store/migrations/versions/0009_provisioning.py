"""provisioning from the platform: store profile, device assignments, parked rows, pairing, staff PINs

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_profile",
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=24), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=False),
        sa.Column("receipt_header", sa.Text(), nullable=False),
        sa.Column("receipt_footer", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("business_day_cutoff_hour", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_store_profile")),
    )
    op.create_table(
        "device_assignments",
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("till_id", name=op.f("pk_device_assignments")),
    )
    op.create_table(
        "parked_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("resource", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("parked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parked_rows")),
        sa.UniqueConstraint("resource", "key", name=op.f("uq_parked_rows_resource")),
    )
    op.create_table(
        "till_pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_url", sa.String(length=300), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("till_id", sa.String(length=64), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("paired_at", sa.DateTime(), nullable=False),
        sa.Column("initial_sync_done_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_till_pairing")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pin_change_required", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("platform_pin_hash", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("platform_pin_hash")
        batch_op.drop_column("pin_change_required")
    for table in ("till_pairing", "parked_rows", "device_assignments", "store_profile"):
        op.drop_table(table)
