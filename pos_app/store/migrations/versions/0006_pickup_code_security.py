"""pickup code security: Argon2id code hashes, platform public keys, bare-code attempt guard

The salted SHA-256 columns are dropped (ALTER TABLE DROP COLUMN, no table rebuild, so the order
lines' foreign key is never touched) and the pickup feed's cursor is forgotten, so the next sync
pulls a snapshot carrying the Argon2id hashes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_keys",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("algorithm", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_platform_keys")),
    )
    op.create_table(
        "pickup_code_guards",
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("wrong_attempts", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("till_id", name=op.f("pk_pickup_code_guards")),
    )
    op.add_column("pickup_orders", sa.Column("code_argon2", sa.Text(), nullable=False, server_default=""))
    op.execute("ALTER TABLE pickup_orders DROP COLUMN code_salt")
    op.execute("ALTER TABLE pickup_orders DROP COLUMN code_hash")
    op.execute("DELETE FROM sync_cursors WHERE resource = 'pickup_orders'")


def downgrade() -> None:
    op.add_column("pickup_orders", sa.Column("code_hash", sa.String(length=64), nullable=False, server_default=""))
    op.add_column("pickup_orders", sa.Column("code_salt", sa.String(length=64), nullable=False, server_default=""))
    op.execute("ALTER TABLE pickup_orders DROP COLUMN code_argon2")
    op.drop_table("pickup_code_guards")
    op.drop_table("platform_keys")
