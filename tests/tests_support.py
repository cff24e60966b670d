"""Helpers shared by test modules (importable, unlike conftest.py)."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend


def user_id(app, name: str) -> str:
    """The demo user whose name contains `name` (see pos_app.services.demo.DEMO_USERS)."""
    return next(u.user_id for u in app.auth.list_users() if name in u.name)



def open_shift(ctx, float_counts: dict | None = None):
    """Open a shift as the demo cashier (selling needs one); returns the shift."""
    session = ctx.auth.login_badge("STAFF-0001")
    return ctx.shifts.open_shift(session, float_counts or {"note_100": 2})


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (the test machines have no OS keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such password")
