"""Pinyin initials of product names: Chinese cashiers type `kkkl` to find 可口可乐."""

from __future__ import annotations

import re

_KEEP = re.compile(r"[a-z0-9]")


def initials(name: str) -> str:
    """First letter of each Chinese syllable, plus Latin letters and digits as typed, lower case."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.3 s to load: not at start-up

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(ch for part in parts for ch in part.lower() if _KEEP.match(ch))
