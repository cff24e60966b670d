"""One till process per database: an exclusive lock on `<data_dir>/till.lock`.

Two processes selling from one database would interleave receipt numbers and both run a sync
worker; the second one is refused with the pid of the first.
"""

from __future__ import annotations

import os
from pathlib import Path


class AlreadyRunning(Exception):
    pass


class DataDirLock:
    def __init__(self, data_dir: Path):
        self.path = data_dir / "till.lock"
        self._fh = None

    def acquire(self) -> None:
        fh = open(self.path, "a+")  # held open for the process lifetime
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            pid = fh.read().strip() or "unknown"
            fh.close()
            raise AlreadyRunning(
                f"Another O2O Till (pid {pid}) is already running on {self.path.parent}. "
                f"Only one till process may use a database; close the other one first."
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


if os.name == "nt":  # pragma: no cover - exercised on Windows tills
    import msvcrt

    def _lock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
