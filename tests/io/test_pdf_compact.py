"""The PDF reader's whitespace removal is the regular expression's, character for character."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govfin.io import _pdf_assemble, _pdf_wrap

_WHITESPACE = [chr(c) for c in range(0x3001) if chr(c).isspace()]


@given(st.text(st.one_of(st.characters(), st.sampled_from(_WHITESPACE))))
def test_compact_drops_what_the_pattern_drops(text: str) -> None:
    expected = re.sub(r"\s+", "", text)
    assert _pdf_assemble._compact(text) == expected
    assert _pdf_wrap._compact(text) == expected
