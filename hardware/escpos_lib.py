"""python-escpos, imported without its side effects, and private copies of its profiles.

Importing ``escpos`` calls ``logging.basicConfig()`` (a library must never configure the
application's logging), and its profiles are class-level dicts shared by every instance.
"""

from __future__ import annotations

import copy
import functools
import importlib
import logging
from types import ModuleType
from typing import Any


def _import_quietly(*names: str) -> list[ModuleType]:
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    try:
        return [importlib.import_module(name) for name in names]
    finally:
        for handler in list(root.handlers):
            if handler not in handlers_before:
                root.removeHandler(handler)


@functools.cache
def _modules() -> tuple[ModuleType, ...]:
    """escpos.printer, .capabilities, .constants: loaded on first use, not at start-up (loading
    the capabilities database takes a good part of a second, and only printing needs it)."""
    return tuple(_import_quietly("escpos.printer", "escpos.capabilities", "escpos.constants"))


def __getattr__(name: str) -> Any:
    """`Dummy` and `QR_ECLEVEL_M`, resolved on first use (PEP 562)."""
    if name == "Dummy":
        return _modules()[0].Dummy
    if name == "QR_ECLEVEL_M":
        return _modules()[2].QR_ECLEVEL_M
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def private_profile(width_dots: int, dpi: int = 203) -> Any:  # escpos.capabilities.Profile
    """A python-escpos default profile whose data is our own copy, with the paper width set."""
    profile = _modules()[1].get_profile("default")
    data = copy.deepcopy(profile.profile_data)
    data["media"] = {"width": {"pixels": width_dots, "mm": "Unknown"}, "dpi": dpi}
    profile.profile_data = data
    return profile
