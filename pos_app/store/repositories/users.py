"""Staff accounts: PIN hashes, badges, failed-attempt counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pos_app.store.models import User
from pos_app.store.records import UserRecord


def _record(u: User) -> UserRecord:
    return UserRecord(
        id=u.id, name=u.name, role=u.role, pin_hash=u.pin_hash, badge_code=u.badge_code,
        active=u.active, failed_attempts=u.failed_attempts, locked_until=u.locked_until,
        pin_change_required=bool(u.pin_change_required),
    )


class UserRepository:
    def __init__(self, session: Session):
        self.s = session

    def add(self, user_id: str, name: str, role: str, pin_hash: str, badge_code: str | None = None) -> None:
        self.s.add(User(id=user_id, name=name, role=role, pin_hash=pin_hash, badge_code=badge_code,
                        active=True, failed_attempts=0))
        self.s.flush()

    def get(self, user_id: str) -> UserRecord | None:
        u = self.s.get(User, user_id)
        return _record(u) if u else None

    def by_badge(self, code: str) -> UserRecord | None:
        u = self.s.scalars(select(User).where(User.badge_code == code, User.active.is_(True))).first()
        return _record(u) if u else None

    def active(self, roles: tuple[str, ...] | None = None) -> list[UserRecord]:
        stmt = select(User).where(User.active.is_(True)).order_by(User.role, User.name)
        if roles:
            stmt = stmt.where(User.role.in_(roles))
        return [_record(u) for u in self.s.scalars(stmt)]

    def set_attempts(self, user_id: str, failed: int, locked_until: datetime | None) -> None:
        self.s.execute(update(User).where(User.id == user_id)
                       .values(failed_attempts=failed, locked_until=locked_until))

    def set_pin(self, user_id: str, pin_hash: str) -> str | None:
        """The person's own PIN (a one-time PIN is used up); returns the hash the platform last
        sent for them (None for a person the platform does not know), so the change can go up."""
        user = self.s.get(User, user_id)
        replaced = user.platform_pin_hash if user is not None else None
        self.s.execute(update(User).where(User.id == user_id)
                       .values(pin_hash=pin_hash, pin_change_required=False, failed_attempts=0, locked_until=None))
        return replaced

    def count(self) -> int:
        from sqlalchemy import func

        return self.s.scalar(select(func.count()).select_from(User)) or 0
