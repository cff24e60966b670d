"""Text at the edge: whatever `clean_line`/`clean_note` lets through fits the wire contract and a receipt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from hardware.receipt.document import Document, Text
from hardware.receipt.escpos_render import render
from hardware.receipt.profile import PrinterProfile
from pos_app.domain.errors import PosError, TextRequired, TextTooLong
from pos_app.domain.text import LINE_MAX, NOTE_MAX, clean_line, clean_note, fit_line
from sync import protocol as P

#: Every code point, surrogates and control characters included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=300)
WIRE_LINE = TypeAdapter(P.Text)
WIRE_NOTE = TypeAdapter(P.LongText)
PROFILE = PrinterProfile(columns=48, encoding="gb18030")


def prints(text: str) -> bytes:
    return render(Document((Text(text),)), PROFILE)


@given(ANY_TEXT)
def test_an_accepted_line_fits_the_contract_and_prints(value: str) -> None:
    try:
        text = clean_line(value, "reference")
    except PosError as exc:
        assert isinstance(exc, TextTooLong)
        return
    assert WIRE_LINE.validate_python(text) == text
    assert prints(text)
    assert text == text.strip() and "  " not in text
    assert clean_line(text, "reference") == text  # normalising twice changes nothing


@given(st.text(st.characters(exclude_categories=()), max_size=2500))
def test_an_accepted_note_fits_the_contract_and_prints(value: str) -> None:
    try:
        text = clean_note(value, "note")
    except TextTooLong:
        return
    assert WIRE_NOTE.validate_python(text) == text
    assert prints(text)


@given(ANY_TEXT, st.integers(1, 300))
def test_composed_text_is_cut_never_refused(value: str, maximum: int) -> None:
    text = fit_line(value, maximum)
    assert len(text) <= min(maximum, LINE_MAX)
    assert WIRE_LINE.validate_python(text) == text


@pytest.mark.parametrize(("raw", "clean"), [
    ("\x1d0112345678901231\x1d21ABC", "0112345678901231 21ABC"),  # a scanned GS1 card slip
    ("REF\t42", "REF 42"),
    ("\x1b@REF42", "@REF42"),  # ESC (printer reset) dropped
    ("  A\r\nB  ", "A B"),
    ("A\u200bB\u202eC", "ABC"),  # zero-width space, bidi override
    ("A\u3000B", "A B"),  # ideographic space
    ("\x00\x7f\x9b", ""),
    ("e\u0301", "\u00e9"),  # NFC
])
def test_separators_become_spaces_and_controls_go(raw: str, clean: str) -> None:
    assert clean_line(raw, "reference") == clean


def test_too_long_is_refused_not_cut() -> None:
    with pytest.raises(TextTooLong) as err:
        clean_line("x" * (LINE_MAX + 1), "reason")
    assert err.value.params == {"field": "reason", "maximum": LINE_MAX, "length": LINE_MAX + 1}
    assert clean_line("x" * 65, "reference", maximum=64 + 1) == "x" * 65
    with pytest.raises(TextTooLong):
        clean_note("x" * (NOTE_MAX + 1), "note")


def test_required_text_that_cleans_to_nothing_is_refused() -> None:
    with pytest.raises(TextRequired):
        clean_line("\t\x1d \u200b", "reason", required=True)
    assert clean_line(None, "reason") == ""


def test_a_note_keeps_its_lines() -> None:
    assert clean_note("line 1\r\n\tline 2\n\n\n\nend\x1b", "note") == "line 1\nline 2\n\nend"
