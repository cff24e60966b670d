"""The platform as the members service asks it: answers, refusals, or None for "offline now".

Each call opens a short-lived client of its own (the sync thread keeps its engine's), like the
pickup code checks; a network fault is "offline", never an error the cashier must read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from sync.client import PlatformClient
from sync.errors import Rejected, SyncError
from sync.members_client import MembersApi
from sync.protocol.members import MemberAccount, MemberHold, MemberHoldAnswer, MemberTerms

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class MemberPlatform(Protocol):
    def terms(self) -> MemberTerms | None: ...
    def account(self, member_id: str) -> MemberAccount | None: ...
    def hold(self, member_id: str, request: MemberHold) -> MemberHoldAnswer | None: ...
    def release(self, member_id: str, hold_id: str) -> MemberHoldAnswer | None: ...


class PlatformRefused(Exception):
    """The platform answered no (``code``: insufficient_points, unknown_member, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ClientMemberPlatform:
    """``MemberPlatform`` over HTTP; ``client`` makes a fresh ``PlatformClient`` (None: unpaired)."""

    def __init__(self, client: Callable[[], PlatformClient | None], store_id: str) -> None:
        self._client = client
        self.store_id = store_id

    def _call(self, what: str, call: Callable[[MembersApi], _T]) -> _T | None:
        client = self._client()
        if client is None:
            return None
        with client:
            try:
                return call(MembersApi(client, self.store_id))
            except Rejected as exc:
                raise PlatformRefused(exc.error_code or "refused", str(exc)) from None
            except SyncError as exc:
                log.info("member %s done offline: %s", what, exc)
                return None

    def terms(self) -> MemberTerms | None:
        return self._call("terms", lambda api: api.terms())

    def account(self, member_id: str) -> MemberAccount | None:
        return self._call("account", lambda api: api.account(member_id))

    def hold(self, member_id: str, request: MemberHold) -> MemberHoldAnswer | None:
        return self._call("hold", lambda api: api.hold(member_id, request))

    def release(self, member_id: str, hold_id: str) -> MemberHoldAnswer | None:
        return self._call("release", lambda api: api.release(member_id, hold_id))
