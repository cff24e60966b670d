"""Checking a customer's pickup code (核销) at the till: the signed QR, or the typed 6 digits.

* QR ``O2OPU:{order_no}:{token}``: the token is the platform's Ed25519 signature of the order,
  checked offline with the platform's public key (kept in `platform_keys`; fetched again when a QR
  names a key this till does not have).
* Typed code: the platform checks it when it can be reached (`PickupPlatform`); offline the till
  compares it with the order's Argon2id hash. A typed code with no order selected is tried
  against the orders waiting on the shelf.

Every wrong answer counts: against the order (locks it at the limit) or, for a bare code that
matches no order, against the till (locks typed codes without an order). The slow parts (Argon2id,
HTTP) run between a read and a write transaction, never inside the write lock.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, Protocol

from pos_app.domain.errors import (
    PickupBareCodesLocked,
    PickupBareCodeWrong,
    PickupCodeMalformed,
    PickupCodeNeedsPlatform,
    PickupCodeUsed,
    PickupCodeWrong,
    PickupOrderLocked,
    PickupOrderNotFound,
    PickupOrderNotReady,
    PickupQrNoKey,
)
from pos_app.domain.permissions import ManagerApproval
from pos_app.domain.pickup import PickupStatus
from pos_app.services.pickup_views import PickupOrderView
from pos_app.store.sync_models import PickupOrder
from pos_app.store.uow import Database, UnitOfWork
from sync import pickup_codes as C
from sync import protocol as P

if TYPE_CHECKING:
    from pos_app.services.pickup import PickupService

log = logging.getLogger(__name__)

KIND_QR, KIND_CODE = "pickup", "pickup_code"
_QR = re.compile(rf"^{P.PICKUP_QR_PREFIX}:([A-Za-z0-9][A-Za-z0-9_.-]{{0,63}}):({C.TOKEN_PATTERN})$")
_S = PickupStatus
_ON_SHELF = ("ready", "partially_collected")


class PickupPlatform(Protocol):
    """What the code check asks the platform (`SyncService` implements it); None = unreachable."""

    def check_pickup_code(self, store_id: str, code: str, order_id: str | None) -> P.PickupCodeAnswer | None: ...

    def platform_keys(self) -> list[P.PlatformKey] | None: ...


class PickupClaims(Protocol):
    """Which till picks an order (`SyncService` implements it); None = the platform cannot be asked."""

    def claim_pickup(self, store_id: str, order_id: str, staff_name: str,
                     takeover: bool = False) -> P.PickupClaimAnswer | None: ...


def match_qr(code: str) -> tuple[str, str] | None:
    """Code kind ``pickup``: (order_no, token) of a customer's QR; a damaged one is refused."""
    if not code.startswith(P.PICKUP_QR_PREFIX + ":"):
        return None
    m = _QR.match(code)
    if m is None:
        raise PickupCodeMalformed(code=code)
    return m.group(1), m.group(2)


def match_bare_code(code: str) -> tuple[None, str] | None:
    """Code kind ``pickup_code`` (pickup screen only): six typed digits."""
    return (None, code) if len(code) == 6 and code.isascii() and code.isdigit() else None


def save_platform_keys(db: Database, keys: Sequence[P.PlatformKey]) -> None:
    """Keep the platform's public keys (from the pairing answer or `GET /keys`) in the database."""
    with db.uow() as uow:
        uow.pickup.save_platform_keys([(k.key_id, k.purpose, k.algorithm, k.public_key) for k in keys])
        uow.commit()


class PickupCodeChecker:
    def __init__(self, pickup: PickupService):
        self.pickup = pickup
        self.platform: PickupPlatform | None = None  # bootstrap wires the sync service in

    # -- the check ------------------------------------------------------------------------
    def verify(self, parsed: tuple[str | None, str], order_id: str | None) -> PickupOrderView:
        pk = self.pickup
        user = pk.require()
        order_no, secret = parsed
        limit = pk.wrong_code_limit
        with pk.db.uow(read_only=True) as uow:  # 1. who is asked about, and may they still try
            if order_no is not None:
                row = uow.pickup.by_order_no(order_no)
                if row is None:
                    raise PickupOrderNotFound(order=order_no)
            else:
                row = pk.get(uow, order_id) if order_id is not None else None
            if row is not None and row.wrong_code_attempts >= limit:
                raise PickupOrderLocked(order_no=row.order_no)
            if row is None and self._bare_attempts(uow) >= limit:
                raise PickupBareCodesLocked()
            target = (row.order_id, row.order_no, row.code_argon2) if row is not None else None
            shelf = [(r.order_id, r.code_argon2) for r in uow.pickup.orders(statuses=_ON_SHELF) if r.code_argon2]
            keys = uow.pickup.platform_keys()
        if order_no is not None:  # 2. the slow part, outside any transaction
            assert target is not None
            matched = self._qr_order(target[0], order_no, secret, keys)
        else:
            matched = self._typed_order(secret, target, shelf)
        with pk.db.uow() as uow:  # 3. record the answer
            if matched is None:
                self._count_wrong(uow, target[0] if target else None, user.user_id, secret)
            row = pk.get(uow, matched)
            return self._verified(uow, row, user.user_id)

    def _qr_order(self, order_id: str, order_no: str, token: str, keys: dict[str, str]) -> str | None:
        parts = C.split_token(token)
        if parts is not None and parts[0] not in keys:
            keys = self.refresh_keys() or keys
        if not keys:
            raise PickupQrNoKey()
        ok = C.verify_pickup_token(keys, token, self.pickup.config.store_id, order_id, order_no)
        return order_id if ok else None

    def _typed_order(self, code: str, target: tuple[str, str, str] | None,
                     shelf: list[tuple[str, str]]) -> str | None:
        answer = self._ask_platform(code, target[0] if target else None)
        if answer is not None:
            if target is not None:
                return target[0] if answer.matches else None
            return answer.order_id if answer.matches else None
        if target is not None:  # offline: one Argon2id run for the selected order
            if not target[2]:
                raise PickupCodeNeedsPlatform(order_no=target[1])
            return target[0] if C.code_matches(target[2], code) else None
        return next((oid for oid, phc in shelf if C.code_matches(phc, code)), None)

    def _ask_platform(self, code: str, order_id: str | None) -> P.PickupCodeAnswer | None:
        if self.platform is None:
            return None
        try:
            return self.platform.check_pickup_code(self.pickup.config.store_id, code, order_id)
        except Exception:  # an unreachable or confused platform: fall back to the offline check
            log.exception("online pickup code check failed")
            return None

    def _count_wrong(self, uow: UnitOfWork, order_id: str | None, user_id: str, code: str) -> NoReturn:
        """Count the wrong code (order or till), commit, and raise what the clerk is told."""
        pk = self.pickup
        limit = pk.wrong_code_limit
        if order_id is not None:
            row = pk.get(uow, order_id)
            row.wrong_code_attempts += 1
            uow.audit.add(pk.till_key, "pickup.wrong_code", user_id, ref_id=row.order_id,
                          details={"order_no": row.order_no, "attempts": row.wrong_code_attempts})
            uow.commit()
            left = limit - row.wrong_code_attempts
            if left <= 0:
                raise PickupOrderLocked(order_no=row.order_no)
            raise PickupCodeWrong(order_no=row.order_no, attempts_left=left)
        guard = uow.pickup.code_guard(pk.till_key)
        guard.wrong_attempts += 1
        guard.updated_at = pk.clock()
        uow.audit.add(pk.till_key, "pickup.wrong_bare_code", user_id, details={"attempts": guard.wrong_attempts})
        uow.commit()
        left = limit - guard.wrong_attempts
        if left <= 0:
            raise PickupBareCodesLocked()
        raise PickupBareCodeWrong(code=code, attempts_left=left)

    def _verified(self, uow: UnitOfWork, row: PickupOrder, user_id: str) -> PickupOrderView:
        pk = self.pickup
        state = uow.pickup.state(row)
        state.check_live()
        if row.code_used_at is not None or state.status is _S.COLLECTED:
            raise PickupCodeUsed(order_no=row.order_no)
        if state.status not in (_S.READY, _S.PARTIALLY_COLLECTED):
            raise PickupOrderNotReady(order_no=row.order_no, status=row.status)
        row.verified_at, row.verified_by, row.wrong_code_attempts = pk.clock(), user_id, 0
        uow.audit.add(pk.till_key, "pickup.code_verified", user_id, ref_id=row.order_id,
                      details={"order_no": row.order_no})
        return pk.commit_view(uow, row)

    def _bare_attempts(self, uow: UnitOfWork) -> int:
        return uow.pickup.bare_code_attempts(self.pickup.till_key)

    # -- keys and the lock ----------------------------------------------------------------
    def refresh_keys(self) -> dict[str, str] | None:
        """Ask the platform for its public keys and keep them; None if it cannot be reached."""
        if self.platform is None:
            return None
        try:
            keys = self.platform.platform_keys()
        except Exception:
            log.exception("fetching the platform's keys failed")
            return None
        if keys is None:
            return None
        self.save_keys(keys)
        return {k.key_id: k.public_key for k in keys if k.purpose == "pickup_qr"}

    def save_keys(self, keys: list[P.PlatformKey]) -> None:
        save_platform_keys(self.pickup.db, keys)

    def bare_codes_locked(self, uow: UnitOfWork) -> bool:
        return self._bare_attempts(uow) >= self.pickup.wrong_code_limit

    def unlock_bare_codes(self, approval: ManagerApproval | None) -> None:
        """A manager lets the clerk type codes without selecting an order again."""
        pk = self.pickup
        user = pk.require()
        approval = pk.require_manager(approval)
        with pk.db.uow() as uow:
            guard = uow.pickup.code_guard(pk.till_key)
            before, guard.wrong_attempts = guard.wrong_attempts, 0
            guard.updated_at = pk.clock()
            uow.audit.add(pk.till_key, "pickup.bare_codes_unlocked", user.user_id, approver_id=approval.approver_id,
                          details={"attempts": before})
            uow.commit()
