"""A named Windows mutex held while the till window runs, so the installer cannot replace files
under a running till (Inno Setup's `AppMutex`, installer/o2o-till.iss). No-op elsewhere."""

from __future__ import annotations

import sys

#: Must match `AppMutex` in installer/o2o-till.iss. The Global\ name is seen from other sessions.
MUTEX_NAMES = ("O2OTillRunning", "Global\\O2OTillRunning")


def hold_app_mutex() -> list[int]:
    """Create the mutexes; they live until the process exits (the handles are never closed)."""
    if sys.platform != "win32":  # (sys.platform, not os.name: mypy skips the rest off Windows)
        return []
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    handles = [kernel32.CreateMutexW(None, False, name) for name in MUTEX_NAMES]
    return [h for h in handles if h]
