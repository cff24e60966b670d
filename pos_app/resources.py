"""Where the till finds its translations, style sheet and icons (no Qt here: selfcheck uses it).

Looked up in order: `POS_RESOURCES_DIR` (an override for tests and odd installs), then
`pos_app/_resources/` inside the installed package (a wheel build compiles the `.qm` files there,
see `buildtools/resources_hook.py`; a frozen bundle carries the same folder), then the
checkout's `resources/` (a development tree, where `make translations` builds the `.qm`).
"""

from __future__ import annotations

import os
from pathlib import Path

SUPPORTED_LANGUAGES = ("zh_CN", "en")
TRANSLATION_BASENAME = "o2o_till"
PACKAGE_RESOURCES = Path(__file__).resolve().with_name("_resources")
SOURCE_RESOURCES = Path(__file__).resolve().parents[1] / "resources"
#: The first 16 bytes of every compiled Qt translation.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


def resource_dirs() -> list[Path]:
    env = os.environ.get("POS_RESOURCES_DIR")
    return [Path(env)] if env else [PACKAGE_RESOURCES, SOURCE_RESOURCES]


def find_resource(relative: str) -> Path | None:
    """The first existing `relative` path (e.g. `styles/till.qss`) in the resource dirs."""
    for folder in resource_dirs():
        path = folder / relative
        if path.is_file():
            return path
    return None


def translation_file(language: str) -> Path | None:
    return find_resource(f"translations/{TRANSLATION_BASENAME}_{language}.qm")


def check_translation(language: str) -> str | None:
    """Why the translation for `language` cannot be loaded, or None when it can."""
    path = translation_file(language)
    if path is None:
        where = ", ".join(str(d / "translations") for d in resource_dirs())
        return (f"no compiled translation {TRANSLATION_BASENAME}_{language}.qm in {where}; the till would "
                f"show English only. Reinstall the package, or run `make translations` in a checkout")
    with path.open("rb") as fh:
        head = fh.read(len(QM_MAGIC) + 1)
    if not head.startswith(QM_MAGIC) or len(head) <= len(QM_MAGIC):
        return f"{path} is not a compiled Qt translation (empty or damaged); rebuild it"
    return None
