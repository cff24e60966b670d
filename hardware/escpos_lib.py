"""python-escpos, imported without its side effects, and private copies of its profiles.

Importing ``escpos`` calls ``logging.basicConfig()`` (a library must never configure the
application's logging), and its profiles are class-level dicts shared by every instance.
"""

from __future__ import annotations

import copy
import importlib
import logging


def _import_quietly(*names: str) -> list:
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    try:
        return [importlib.import_module(name) for name in names]
    finally:
        for handler in list(root.handlers):
            if handler not in handlers_before:
                root.removeHandler(handler)


_printer, _capabilities, _constants = _import_quietly(
    "escpos.printer", "escpos.capabilities", "escpos.constants"
)
Dummy = _printer.Dummy
QR_ECLEVEL_M = _constants.QR_ECLEVEL_M


def private_profile(width_dots: int, dpi: int = 203):
    """A python-escpos default profile whose data is our own copy, with the paper width set."""
    profile = _capabilities.get_profile("default")
    data = copy.deepcopy(profile.profile_data)
    data["media"] = {"width": {"pixels": width_dots, "mm": "Unknown"}, "dpi": dpi}
    profile.profile_data = data
    return profile
