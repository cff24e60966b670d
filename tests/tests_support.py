"""Helpers shared by test modules (importable, unlike conftest.py)."""

from __future__ import annotations


def user_id(app, name: str) -> str:
    """The demo user whose name contains `name` (see pos_app.services.demo.DEMO_USERS)."""
    return next(u.user_id for u in app.auth.list_users() if name in u.name)
