"""The narrative asks whether a paragraph is a 目录 heading only when it holds 录."""

from __future__ import annotations

import sys
import unicodedata

from govfin.tables._bind_document import _CONTENTS_MARK
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
