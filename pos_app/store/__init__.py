"""Persistence: SQLAlchemy models, Alembic migrations, repositories, unit of work, search."""
