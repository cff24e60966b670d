"""shifts, cash management and end of day

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

IMMUTABLE_TABLES = ("cash_events", "shift_counts", "z_reports", "sale_discounts")


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", sa.String(length=32), nullable=False),
        sa.Column("float_fen", sa.Integer(), nullable=False),
        sa.Column("float_counts", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("close_count_id", sa.String(length=32), nullable=True),
        sa.Column("close_reason", sa.String(length=200), nullable=True),
        sa.Column("close_approver_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name=op.f("fk_shifts_opened_by_users")),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_shifts_till_id_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index("ix_shifts_till_business_date", ["till_id", "business_date"], unique=False)
        batch_op.create_index("uq_shifts_open_till", ["till_id"], unique=True,
                              sqlite_where=sa.text("status = 'open'"))

    op.create_table(
        "cash_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("shift_id", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("approver_id", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_cash_events_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_events")),
    )
    with op.batch_alter_table("cash_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cash_events_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "shift_counts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("shift_id", sa.String(length=32), nullable=False),
        sa.Column("attempt_no", sa.Integer(), nullable=False),
        sa.Column("counted_by", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("cash_counts", sa.Text(), nullable=False),
        sa.Column("counted", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_shift_counts_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_counts")),
        sa.UniqueConstraint("shift_id", "attempt_no", name=op.f("uq_shift_counts_shift_id")),
    )
    with op.batch_alter_table("shift_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_counts_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "z_reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("till_id", sa.String(length=24), nullable=False),
        sa.Column("z_no", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("approver_id", sa.String(length=32), nullable=True),
        sa.Column("sale_count", sa.Integer(), nullable=False),
        sa.Column("gross_sales_fen", sa.Integer(), nullable=False),
        sa.Column("discounts_fen", sa.Integer(), nullable=False),
        sa.Column("net_sales_fen", sa.Integer(), nullable=False),
        sa.Column("tax_fen", sa.Integer(), nullable=False),
        sa.Column("cash_expected_fen", sa.Integer(), nullable=False),
        sa.Column("cash_counted_fen", sa.Integer(), nullable=False),
        sa.Column("over_short_fen", sa.Integer(), nullable=False),
        sa.Column("first_receipt_no", sa.String(length=40), nullable=True),
        sa.Column("last_receipt_no", sa.String(length=40), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"], name=op.f("fk_z_reports_till_id_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_z_reports")),
        sa.UniqueConstraint("till_id", "business_date", name="uq_z_reports_till_id_business_date"),
        sa.UniqueConstraint("till_id", "z_no", name="uq_z_reports_till_id_z_no"),
    )

    op.create_table(
        "sale_discounts",
        sa.Column("sale_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], name=op.f("fk_sale_discounts_sale_id_sales")),
        sa.PrimaryKeyConstraint("sale_id", "kind", name=op.f("pk_sale_discounts")),
    )

    # Money records are immutable: corrections are new rows (a recount, a new event), never edits.
    for table in IMMUTABLE_TABLES:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, '{table} rows are immutable'); END"
            )
    # A shift changes once (open -> closed) and is frozen afterwards; shifts are never deleted.
    op.execute(
        "CREATE TRIGGER shifts_closed_no_update BEFORE UPDATE ON shifts WHEN old.status = 'closed' BEGIN "
        "SELECT RAISE(ABORT, 'closed shifts are immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts BEGIN "
        "SELECT RAISE(ABORT, 'shifts rows are immutable'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS shifts_no_delete")
    op.execute("DROP TRIGGER IF EXISTS shifts_closed_no_update")
    for table in IMMUTABLE_TABLES:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    op.drop_table("sale_discounts")
    op.drop_table("z_reports")
    with op.batch_alter_table("shift_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_counts_shift_id"))
    op.drop_table("shift_counts")
    with op.batch_alter_table("cash_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_events_shift_id"))
    op.drop_table("cash_events")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index("uq_shifts_open_till")
        batch_op.drop_index("ix_shifts_till_business_date")
    op.drop_table("shifts")
