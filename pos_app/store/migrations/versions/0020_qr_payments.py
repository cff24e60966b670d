"""qr payments: a payment intent's method (code | qr) and the QR order's URL

Revision ID: 0020
Revises: 0014
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("payment_intents") as batch:
        batch.add_column(sa.Column("method", sa.String(length=8), server_default="code", nullable=False))
        batch.add_column(sa.Column("qr_url", sa.String(length=512), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("payment_intents") as batch:
        batch.drop_column("qr_url")
        batch.drop_column("method")
