""""Back up now" from the manager menu: an online copy of the till database, old copies pruned.

Runs in a worker (the copy of a large catalog takes seconds); the till keeps selling meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from pos_app.domain.errors import BackupFailed
from pos_app.store import backup
from pos_app.store.db import DatabaseError


class BackupService:
    def __init__(self, db_path: Path, keep: int):
        self.db_path = db_path
        self.keep = keep

    def back_up_now(self, reason: str = "manual") -> Path:
        """Copy the database to `<data dir>/backups/`; keep the `keep` newest copies."""
        data_dir = self.db_path.parent
        try:
            target = backup.copy_database(self.db_path, backup.new_backup_path(data_dir, reason))
        except DatabaseError as exc:
            raise BackupFailed(reason=str(exc)) from None
        backup.prune_backups(data_dir, self.keep)
        return target
