"""Pinyin initials of product names: Chinese cashiers type `kkkl` to find 可口可乐.

pypinyin segments each run of Chinese characters on its own (a phrase never spans a space, a
digit or a Latin word), so the first letters of a run are cached: a chain catalog repeats brand
and product words in thousands of names, and a 200,000-product pull would otherwise spend most of
its time in pypinyin (about 0.1 ms per name).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_KEEP = re.compile(r"[a-z0-9]")
_WORDS = re.compile(r"[A-Za-z]+|[0-9]+")


@lru_cache(maxsize=1)
def _han_runs() -> re.Pattern[str]:
    from pypinyin.constants import RE_HANS  # its dictionaries take ~0.3 s to load: not at start-up

    return re.compile(RE_HANS.pattern.removeprefix("^").removesuffix("$"))


@lru_cache(maxsize=100_000)
def _run_letters(run: str) -> tuple[str, ...]:
    """First letters of one run of Chinese characters (as pypinyin segments it), one part per character."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(run, style=Style.FIRST_LETTER, errors=_chars))


def _parts(name: str) -> list[tuple[bool, str]]:
    """The name as (is_chinese_run, text) pieces, in order."""
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in _han_runs().finditer(name):
        if m.start() > pos:
            out.append((False, name[pos:m.start()]))
        out.append((True, m.group()))
        pos = m.end()
    if pos < len(name):
        out.append((False, name[pos:]))
    return out


_DROP = re.compile(r"[^a-z0-9]+")


def _chars(text: str) -> Any:  # pypinyin takes a list from its `errors` hook; its stubs say str
    return list(text)


@lru_cache(maxsize=100_000)
def _run_initials(run: str) -> str:
    return "".join(_DROP.sub("", part.lower()) for part in _run_letters(run))


def initials(name: str) -> str:
    """First letter of each Chinese syllable, plus Latin letters and digits as typed, lower case."""
    return "".join(_run_initials(text) if han else _DROP.sub("", text.lower()) for han, text in _parts(name))


def start_pairs(name: str) -> set[str]:
    """Every two initials in a row, each at a character or word start: 伊利牛奶 → yl, lc, cn, nn.

    Two letters are too short for the trigram index, so these rows let `nn` find 伊利牛奶 and
    `sp` find 乐事薯片 (initials typed from the middle of a name); longer initials go to FTS.
    """
    starts = []
    for han, text in _parts(name):
        for part in (_run_letters(text) if han else _WORDS.findall(text)):
            if part and _KEEP.match(part[0].lower()):
                starts.append(part[0].lower())
    return {a + b for a, b in zip(starts, starts[1:], strict=False)}


@lru_cache(maxsize=100_000)
def _run_starts(run: str) -> tuple[str, ...]:
    """The initials of one run of Chinese characters that count as starts for `start_pairs`."""
    return tuple(part[0].lower() for part in _run_letters(run) if part and _KEEP.match(part[0].lower()))


def initials_and_pairs(name: str) -> tuple[str, set[str]]:
    """``initials(name)`` and ``start_pairs(name)`` in one pass over the name (a catalog pull
    computes both for every product: a Chinese run's share of both is cached)."""
    letters: list[str] = []
    starts: list[str] = []
    for han, text in _parts(name):
        if han:
            letters.append(_run_initials(text))
            starts.extend(_run_starts(text))
        else:
            letters.append(_DROP.sub("", text.lower()))
            starts.extend(word[0].lower() for word in _WORDS.findall(text))  # ASCII: always kept
    return "".join(letters), {a + b for a, b in zip(starts, starts[1:], strict=False)}


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility ideographs)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def initials_and_keys(name: str) -> tuple[str, str]:
    """``initials(name)`` and the name's short-query keys (``products.search_keys``): its distinct
    Chinese characters and its initial pairs (`start_pairs`), space-separated, so the FTS5 table
    ``product_fts_keys`` (tokenizer unicode61: each character and each pair is one token) answers
    1-2 character queries (牛奶, 鱼) and 2-letter initials from mid-name (sp → 乐事薯片)."""
    letters, pairs = initials_and_pairs(name)
    return letters, " ".join([*dict.fromkeys(_CJK.findall(name)), *sorted(pairs)])


def search_keys(name: str) -> str:
    return initials_and_keys(name)[1]
