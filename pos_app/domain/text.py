"""Text that people or scanners type: normalised at the edge so that the till can print and deliver it.

Anything the till accepts must pass the wire contract (``sync.protocol.Text``/``Name``/``LongText``:
no C0 control characters, no DEL, at most 200 or 2000 characters) and the receipt document (no
C1 control characters either, since printers take them as commands). Every text field a cashier
or a scanner can fill goes through :func:`clean_line` or :func:`clean_note` before it is kept:

* Unicode NFC; separators a scanner or a paste brings in (tab, CR/LF, GS/RS/US of a GS1 slip,
  U+2028/2029) become one space; other control, format (zero-width, bidi override) and surrogate
  code points are dropped; runs of spaces collapse; ends are trimmed.
* what is left longer than the field allows is refused (``text.too_long``), never cut silently.

``tests/unit/test_domain_text.py`` checks these rules against the contract's own types.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import TextRequired, TextTooLong

#: The contract's limits (``sync.protocol.Text``/``Name`` and ``LongText``).
LINE_MAX = 200
NOTE_MAX = 2000

_SEPARATORS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_SPACES = re.compile(r"[^\S\n]+")


def _scrub(value: str, keep_newlines: bool) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", value):
        if ch == "\n" and keep_newlines:
            out.append("\n")
        elif ch == "\r" and keep_newlines:
            continue  # CR LF -> LF
        elif ch in _SEPARATORS or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif unicodedata.category(ch) not in _DROPPED_CATEGORIES:
            out.append(ch)
    return "".join(out)


def _check(text: str, field: str, maximum: int, required: bool) -> str:
    if required and not text:
        raise TextRequired(field=field)
    if len(text) > maximum:
        raise TextTooLong(field=field, maximum=maximum, length=len(text))
    return text


def clean_line(value: object, field: str, *, maximum: int = LINE_MAX, required: bool = False) -> str:
    """One line of text (a reference, a reason, a label): the normalised text, or a PosError."""
    text = value if isinstance(value, str) else ""
    text = _SPACES.sub(" ", _scrub(text, keep_newlines=False)).strip()
    return _check(text, field, min(maximum, LINE_MAX), required)


def clean_note(value: object, field: str, *, maximum: int = NOTE_MAX, required: bool = False) -> str:
    """Free text that may have several lines (notes): like :func:`clean_line`, newlines kept."""
    text = value if isinstance(value, str) else ""
    lines = [_SPACES.sub(" ", line).strip() for line in _scrub(text, keep_newlines=True).split("\n")]
    text = "\n".join(lines).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return _check(text, field, min(maximum, NOTE_MAX), required)


def fit_line(value: object, maximum: int = LINE_MAX) -> str:
    """:func:`clean_line` for text the till composes (joined reasons, labels): cut, not refused."""
    text = value if isinstance(value, str) else ""
    return _SPACES.sub(" ", _scrub(text, keep_newlines=False)).strip()[: min(maximum, LINE_MAX)].rstrip()
