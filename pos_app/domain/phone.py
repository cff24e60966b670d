"""Phone numbers masked the same way everywhere: logs, screens, receipts, command output.

``138****5678`` is enough for a clerk to match a customer and not enough to call them. The till
sees numbers written many ways (``+86 138 1234 5678``, ``86-138-1234-5678``, ``(+86)13812345678``,
``0086 13812345678``, landlines like ``021-6123 4567``), alone or inside longer text; every one of
them is masked, and other numbers (GTINs, receipt numbers, amounts) are left alone.
"""

from __future__ import annotations

import re

_SEP = r"[ \t\u00a0\u3000-]?"
_PREFIX = rf"(?:(?:\(\s*)?(?:\+|00)?86(?:\s*\))?{_SEP})?"
_MOBILE = re.compile(rf"(?<![\d+])({_PREFIX}1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}})(?!\d)")
#: Landlines need their area code separated (021-61234567, 0755 8123 4567), so bare digit runs such
#: as barcodes are not mistaken for them.
_LANDLINE = re.compile(rf"(?<![\d+])({_PREFIX}\(?0\d{{2,3}}\)?[ -]\d{{3,4}}{_SEP}\d{{4}})(?!\d)")
_WHOLE_NUMBER = re.compile(r"^\+?[\d ()-]{5,24}$")


def _masked(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****"


def mask_phone(text: str) -> str:
    """``text`` with every phone number in it masked; a value that is a number is masked whole."""
    if _WHOLE_NUMBER.match(text.strip()) and sum(c.isdigit() for c in text) >= 5:
        return _masked(text)
    text = _MOBILE.sub(lambda m: _masked(m.group(1)), text)
    return _LANDLINE.sub(lambda m: _masked(m.group(1)), text)
