"""Helpers shared by test modules (importable, unlike conftest.py)."""

from __future__ import annotations


def user_id(app, name: str) -> str:
    """The demo user whose name contains `name` (see pos_app.services.demo.DEMO_USERS)."""
    return next(u.user_id for u in app.auth.list_users() if name in u.name)


class MemoryKeyring:
    """A real keyring backend keeping secrets in a dict: the test machines have no OS keyring.

    Built lazily so importing this module does not import keyring for tests that do not need it.
    """

    def __new__(cls):
        from keyring.backend import KeyringBackend

        class _Memory(KeyringBackend):
            priority = 1

            def __init__(self):
                super().__init__()
                self.secrets: dict[tuple[str, str], str] = {}

            def get_password(self, service, username):
                return self.secrets.get((service, username))

            def set_password(self, service, username, password):
                self.secrets[(service, username)] = password

            def delete_password(self, service, username):
                from keyring.errors import PasswordDeleteError

                if self.secrets.pop((service, username), None) is None:
                    raise PasswordDeleteError(username)

        return _Memory()
