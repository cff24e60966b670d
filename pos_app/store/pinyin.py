"""Pinyin initials of product names: Chinese cashiers type `kkkl` to find 可口可乐."""

from __future__ import annotations

import re
from typing import Any

_KEEP = re.compile(r"[a-z0-9]")


def _chars(text: str) -> Any:  # pypinyin takes a list from its `errors` hook; its stubs say str
    return list(text)


def initials(name: str) -> str:
    """First letter of each Chinese syllable, plus Latin letters and digits as typed, lower case."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.3 s to load: not at start-up

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=_chars)
    return "".join(ch for part in parts for ch in part.lower() if _KEEP.match(ch))


_WORDS = re.compile(r"[A-Za-z]+|[0-9]+")


def _words(text: str) -> Any:  # as `_chars`
    return _WORDS.findall(text)


def start_pairs(name: str) -> set[str]:
    """Every two initials in a row, each at a character or word start: 伊利牛奶 → yl, lc, cn, nn.

    Two letters are too short for the trigram index, so these rows let `nn` find 伊利牛奶 and
    `sp` find 乐事薯片 (initials typed from the middle of a name); longer initials go to FTS.
    """
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=_words)
    starts = [part[0].lower() for part in parts if part and _KEEP.match(part[0].lower())]
    return {a + b for a, b in zip(starts, starts[1:], strict=False)}
