"""Binding's shortcuts on text are exact: what they pass over would have read as nothing.

The narrative asks whether a paragraph is the 目录 heading only when it holds 录;
a text column's cell of CJK ideographs alone is not tried as an amount.
"""

from __future__ import annotations

import sys
import unicodedata

from govfin.amounts import parse_cell
from govfin.errors import AmountError
from govfin.tables._bind_document import _CONTENTS_MARK
from govfin.tables._bind_table import _IDEOGRAPHS_RE
from govfin.tables._vocabulary import CONTENTS_RE


def test_no_other_character_normalises_to_the_mark() -> None:
    """NFKC makes 录 of no other character (nor composes it): a text without it has none."""
    makes = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if _CONTENTS_MARK in unicodedata.normalize("NFKC", chr(c))
    ]
    assert makes == [_CONTENTS_MARK]
    assert unicodedata.decomposition(_CONTENTS_MARK) == ""  # (no composite: never composed)


def test_every_contents_heading_holds_the_mark() -> None:
    for heading in ("目录", "目 录", "目\u3000录", "\u2f6c录", " 目  录 "):
        assert CONTENTS_RE.match(unicodedata.normalize("NFKC", heading).strip())
        assert _CONTENTS_MARK in heading


def test_ideographs_alone_are_no_amount() -> None:
    """A text of CJK ideographs alone is refused as an amount: binding need not try to read it."""
    for c in range(0x4E00, 0xA000):
        text = chr(c)
        assert _IDEOGRAPHS_RE.fullmatch(text)
        assert unicodedata.normalize("NFKC", text) == text
        try:
            parse_cell(text)
        except AmountError:
            continue
        raise AssertionError(text)
