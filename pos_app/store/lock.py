"""One till process per database: an exclusive lock on `<data_dir>/till.lock`.

Two processes selling from one database would interleave receipt numbers and both run a sync
worker; the second one is refused with the pid of the first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO


class AlreadyRunning(Exception):
    pass


class DataDirLock:
    def __init__(self, data_dir: Path):
        self.path = data_dir / "till.lock"
        self._fh: TextIO | None = None

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


if sys.platform == "win32":  # pragma: no cover - exercised on Windows tills (mypy reads sys.platform)
    import msvcrt

    def _lock(fh: TextIO) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(fh: TextIO) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
