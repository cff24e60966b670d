"""Pinyin initials cached per run of Chinese characters equal pypinyin on the whole name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from pos_app.store.pinyin import initials, initials_and_pairs, start_pairs

_KEEP = re.compile(r"[a-z0-9]")
_WORDS = re.compile(r"[A-Za-z]+|[0-9]+")


def whole_name_initials(name: str) -> str:
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(ch for part in parts for ch in part.lower() if _KEEP.match(ch))


def whole_name_pairs(name: str) -> set[str]:
    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: _WORDS.findall(s))
    starts = [part[0].lower() for part in parts if part and _KEEP.match(part[0].lower())]
    return {a + b for a, b in zip(starts, starts[1:], strict=False)}


# Polyphonic characters whose reading depends on the phrase (银行 hang, 行走 xing; 长城, 长大), Latin,
# digits, full-width letters, punctuation and a character outside the BMP.
NAMES = st.text(alphabet="银行走长城大重庆乐事可口可乐牛奶 abcXYZ019-_·ＡＢ〇𠀀İß", max_size=14)


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_initials_and_pairs_match_pypinyin_on_the_whole_name(name):
    assert initials(name) == whole_name_initials(name)
    assert start_pairs(name) == whole_name_pairs(name)


def test_phrases_are_read_as_phrases():
    assert initials("中国银行 长城干红") == "zgyh ccgh".replace(" ", "")
    assert {"yh", "hc"} <= start_pairs("中国银行 长城干红")


@pytest.mark.parametrize("name", ["可口可乐 500ml", "伊利牛奶", "乐事薯片 Lays 70g", "Coca Cola 330", "", "农夫山泉2L装"])
def test_initials_and_pairs_in_one_pass_agree_with_each(name: str) -> None:
    assert initials_and_pairs(name) == (initials(name), start_pairs(name))
