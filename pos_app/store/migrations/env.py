"""Alembic environment: runs on the connection `pos_app.store.migrate` hands over.

Batch mode because SQLite cannot ALTER most things; foreign keys are switched off around the
table rebuilds by `migrate.upgrade` and checked with `foreign_key_check` afterwards.
"""

from alembic import context

from pos_app.store.models import Base, include_in_migrations

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_in_migrations,
)
with context.begin_transaction():
    context.run_migrations()
