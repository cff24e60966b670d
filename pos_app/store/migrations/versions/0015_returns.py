"""returns: return documents with their own gapless numbers, lines, refund tenders; the
refundable-quantity ledger (`sale_line_refunds`) becomes immutable like the sales it refers to;
exchanges staged on an open ticket

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

IMMUTABLE = ("returns", "return_lines", "sale_line_refunds")


def upgrade() -> None:
    with op.batch_alter_table("tills", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_return_seq", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "returns",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("return_no", sa.String(length=40), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("original_sale_id", sa.String(length=32), nullable=True),
        sa.Column("original_receipt_no", sa.String(length=40), nullable=True),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("exchange_sale_id", sa.String(length=32), nullable=True),
        sa.Column("shift_id", sa.String(length=32), nullable=True),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("cashier_id", sa.String(length=32), nullable=False),
        sa.Column("approver_id", sa.String(length=32), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("refund_fen", sa.Integer(), nullable=False),
        sa.Column("rounding_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("to_cash", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["cashier_id"], ["users.id"], name=op.f("fk_returns_cashier_id_users")),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_returns_till_id_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("return_no", name=op.f("uq_returns_return_no")),
        sa.UniqueConstraint("till_id", "seq", name=op.f("uq_returns_till_id")),
    )
    with op.batch_alter_table("returns", schema=None) as batch_op:
        for column in ("business_date", "completed_at", "original_receipt_no", "original_sale_id", "shift_id"):
            batch_op.create_index(batch_op.f(f"ix_returns_{column}"), [column], unique=False)
    op.create_table(
        "return_lines",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("return_id", sa.String(length=32), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sale_line_id", sa.String(length=40), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("tax_rate", sa.String(length=8), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("damaged", sa.Boolean(), nullable=False),
        sa.Column("promotions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_return_lines_product_id_products")),
        sa.ForeignKeyConstraint(["return_id"], ["returns.id"], name=op.f("fk_return_lines_return_id_returns")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_lines")),
    )
    with op.batch_alter_table("return_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_lines_return_id"), ["return_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_lines_sale_line_id"), ["sale_line_id"], unique=False)
    op.create_table(
        "return_tenders",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("return_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("refund_no", sa.String(length=32), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["returns.id"], name=op.f("fk_return_tenders_return_id_returns")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_tenders")),
        sa.UniqueConstraint("refund_no", name=op.f("uq_return_tenders_refund_no")),
    )
    with op.batch_alter_table("return_tenders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_tenders_return_id"), ["return_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_tenders_state"), ["state"], unique=False)
    op.create_table(
        "staged_exchanges",
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=False),
        sa.Column("picks", sa.Text(), nullable=False),
        sa.Column("credit_fen", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_staged_exchanges")),
    )
    for table in IMMUTABLE:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, '{table} rows are immutable'); END")


def downgrade() -> None:
    for table in IMMUTABLE:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb.lower()}")
    op.drop_table("staged_exchanges")
    with op.batch_alter_table("return_tenders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_tenders_state"))
        batch_op.drop_index(batch_op.f("ix_return_tenders_return_id"))
    op.drop_table("return_tenders")
    with op.batch_alter_table("return_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_lines_sale_line_id"))
        batch_op.drop_index(batch_op.f("ix_return_lines_return_id"))
    op.drop_table("return_lines")
    with op.batch_alter_table("returns", schema=None) as batch_op:
        for column in ("shift_id", "original_sale_id", "original_receipt_no", "completed_at", "business_date"):
            batch_op.drop_index(batch_op.f(f"ix_returns_{column}"))
    op.drop_table("returns")
    with op.batch_alter_table("tills", schema=None) as batch_op:
        batch_op.drop_column("last_return_seq")
