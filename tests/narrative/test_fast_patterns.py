"""The extraction's faster patterns and helpers read exactly as their plain forms.

Each pattern written to start with a character a search can skip to (a lookbehind
moved after the first characters), each cheap word test before a pattern, and the
clause start found by one match back, against the plain form it replaces, on
generated text made of the characters that matter (and cut anywhere).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.narrative import _extract as ex

_PLAIN_FIG = re.compile(
    rf"(?<![\d.])(?P<num>{ex._NUM})\s*(?P<unit>万元|亿元|千元|元|%|％|{ex._BARE_WAN})"
    r"(?!(?:[（(]含[）)])?以[上下])"
)
_PLAIN_YEAR = re.compile(r"(?<![\d〔﹝\[［(（])(?P<year>(?:19|20)\d{2})\s*年(?!\d)")
_PLAIN_RUN_IN_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
    r"[^。！？!?；;，,：:\n\d%％]{2,40}?(?:情况说明|情况|说明|概况)[。:：]?"
    r"(?!说明|情况|概况)(?=[^\s。！？!?；;，,：:）)])"
)


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=16).map("".join)


_FIGURES = _texts(
    [*"0123456789１.,万元亿千%％（）()含以上下 \n，。；、", "12.34", "5.00万", "2.50万3.00万元"]
)
_YEARS = _texts([*"0123456789〔﹝[［(（年 \n，。", "2024", "19", "20"])
_HEADINGS = _texts(
    [*"一二三十、（）()收入支出情况说明概况。：:，\n 2", "情况说明", "一、", "（二）", "2024年"]
)
_WORDS = _texts(
    [*"（）() 增加减少长降低上升大于小于等XxＸ×数决算支出本年执行", "增加（减少）", "（增加）"]
)
_CLAUSES = _texts([*"收、支，,。；;：:\n ab12", "收、支", "\n\n", "。\n"])


def _spans(pattern: re.Pattern[str], text: str, pos: int, end: int) -> list[object]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos, end)]


@settings(max_examples=300, deadline=None)
@given(_FIGURES, st.data())
def test_figure_pattern_reads_as_the_plain_one(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    assert _spans(ex._FIG_RE, text, 0, len(text)) == _spans(_PLAIN_FIG, text, 0, len(text))
    assert _spans(ex._FIG_RE, text, pos, end) == _spans(_PLAIN_FIG, text, pos, end)


@settings(max_examples=300, deadline=None)
@given(_YEARS)
def test_year_pattern_reads_as_the_plain_one(text: str) -> None:
    assert _spans(ex._YEAR_RE, text, 0, len(text)) == _spans(_PLAIN_YEAR, text, 0, len(text))


@settings(max_examples=300, deadline=None)
@given(_HEADINGS, st.data())
def test_run_in_heading_pattern_reads_as_the_plain_one(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    fast, plain = ex._RUN_IN_HEADING_RE, _PLAIN_RUN_IN_HEADING
    assert _spans(fast, text, pos, end) == _spans(plain, text, pos, end)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_word_tests_pass_wherever_the_patterns_match(text: str) -> None:
    if ex._RESIDUE_RE.search(text):
        assert ex._may_have_residue(text)
    if ex._COMPARE_RE.search(text):
        assert ex._may_compare(text)


def _plain_clause_start(text: str, end: int, floor: int) -> int:
    start = end
    while start > floor and (
        text[start - 1] not in ex._DELIMS
        or text[max(start - 2, 0) : start + 1] == "收、支"
        or (text[start - 1] == "\n" and start >= 2 and text[start - 2] not in ex._DELIMS + "。")
    ):
        start -= 1
    return start


@settings(max_examples=300, deadline=None)
@given(_CLAUSES, st.data())
def test_clause_start_reads_as_char_by_char(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, end))
    assert ex._clause_start(text, end, floor) == _plain_clause_start(text, end, floor)
