"""Reading claims out of the 情况说明: structure, sentences, figures and patterns."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import pairwise
from typing import Final

import attrs

from govfin.amounts import Unit
from govfin.calc import Direction
from govfin.narrative._claims import (
    AmountClaim,
    ChangeClaim,
    Claim,
    ComparisonClaim,
    CountClaim,
    ExecutionClaim,
    FigureKind,
    Number,
    ResidueClaim,
    Sentence,
    ShareClaim,
    TotalClaim,
    YearClaim,
)
from govfin.report import Narrative, Report, Section
from govfin.tables._vocabulary import ENUMERATOR_RE

__all__ = ["extract", "normalise_name", "sentences", "split_path"]

_NUM: Final = r"\d+(?:,\d{3})*(?:\.\d+)?"
# “项目总预算1720.00万，其中…”: 万 alone, ending its clause, is 万元 (an amount with decimals)
_BARE_WAN: Final = r"(?<=\.\d\d)万(?=[，,。；;、）)]|\s*$|\s*\n)"
# a figure with its unit: _NUM, whose first digit is not after a digit or a point; the
# test written after that digit (``\d(?<![\d.]\d)``, not ``(?<![\d.])\d``) starts the
# pattern with a digit, which lets a search skip to the digits (twice as fast)
_FIG_RE: Final = re.compile(
    r"(?P<num>\d(?<![\d.]\d)\d*(?:,\d{3})*(?:\.\d+)?)"
    rf"\s*(?P<unit>万元|亿元|千元|元|%|％|{_BARE_WAN})"
    r"(?!(?:[（(]含[）)])?以[上下])"
)
_PATH_MARK_RE: Final = re.compile(r"[（(]\s*(?P<code>\d{2,3})?\s*(?P<level>[类款项])\s*[）)]")
_SENTENCE_RE: Final = re.compile(r"[^。！？!?]*(?:[。！？!?]|$)")
_DELIMS: Final = "，,。；;：:、\n"

_EXECUTION_RE: Final = re.compile(
    r"(?P<bword>(?:全年|年初)?预算(?:数)?)\s*(?:为|是)?\s*(?P<budget>FIG)\s*[，,、]?\s*"
    r"(?:支出)?(?P<fword>决算(?:数)?|执行(?:数)?)\s*(?:为|是)?\s*(?P<final>FIG)"
    r"(?:\s*[，,。；;]?\s*(?:(?:完成(?:年初|全年)?预算(?:数)?的\s*(?P<rate>FIG))"
    r"|(?P<undef>无法计算[^，,。；;]{0,12}?百分比)))?"
)
_BARE: Final = r"(?<![\d.])\d+\.\d+(?![\d.]|\s*(?:万|亿|千|元|%|％|个|人|辆|项|年|倍|台|套|次))"
_CHANGE_RE: Final = re.compile(
    r"(?P<against>与上年(?:决算数?|预算数?)?相比|比上年(?:决算数?|预算数?)?|较上年(?:决算数?|预算数?)?"
    r"|同比|比年初预算(?:数)?|与年初预算(?:数)?相比"
    r"|(?:与|比|较)(?P<year>\d{4})年(?:度)?(?:决算数?|预算(?:执行数|数)?)?(?:相比)?)"
    r"(?:\s*(?:的|同期)?\s*(?P<base>FIG)\s*(?:相比)?)?"
    r"\s*[，,]?\s*(?:[^，,。；;\d%％]{1,12}?(?=增加|减少|增长|降低|下降|上升|持平))?"
    r"(?P<aword>增加|减少|增长|降低|下降|上升|持平)?\s*(?:(?P<diff>FIG)|(?P<bare1>BARE))?"
    r"(?:\s*[，,]?\s*(?P<rword>增长|降低|下降|上升|增加|减少)(?:[（(][^）)]{1,4}[）)])?\s*"
    r"(?:(?P<rate>FIG)|(?P<bare2>BARE)))?"
)
_STATED_BASE_RE: Final = re.compile(r"上年(?P<what>预算|决算|执行)?数?\s*(?:为|是)\s*(?P<base>FIG)")
_SHARE_RE: Final = re.compile(r"占\s*(?P<base>[^，,。；;%％\d]{0,24}?)(?:的)?\s*(?P<pct>FIG)")
_COMPARE_RE: Final = re.compile(
    r"(?P<left>决算数|支出决算数?|本年数|执行数)\s*(?:(?P<word>大于|小于|等于|高于|低于|超过|少于|多于)"
    r"\s*(?P<right1>年初预算数|预算数|上年数|上年决算数)|与\s*(?P<right2>年初预算数|预算数|上年数|上年决算数)"
    r"\s*(?P<roughly>基本|大致|大体)?(?P<same>一致|持平|相同|相等))"
)
_COUNT_RE: Final = re.compile(
    r"(?:涉及项目\s*(?P<a>\d+)\s*个|(?:等\s*)?(?P<b>\d+)\s*个(?:项目|重大项目)|项目\s*(?P<c>\d+)\s*个)"
)
_QUOTED_RE: Final = re.compile(r"“([^”]{1,60})”")
# a year not in a bracket (〔2024〕) nor after a digit: the test written after the
# year's first two digits, so that the pattern starts with them (a search skips to them)
_YEAR_RE: Final = re.compile(r"(?P<year>(?:19|20)(?<![\d〔﹝\[［(（]..)\d{2})\s*年(?!\d)")
_AS_OF_RE: Final = re.compile(
    r"(?:截至|截止)(?:到)?\s*(?P<year>(?:19|20)\d{2})\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
)
_BRACKET_YEAR_RE: Final = re.compile(r"[〔﹝\[［(（]\s*(?:19|20)\d{2}\s*[〕﹞\]］)）]")
_RESIDUE_RE: Final = re.compile(
    r"(?:增加|减少|增长|降低|下降|上升|大于|小于)\s*[（(]\s*(?:增加|减少|增长|降低|下降|上升|大于|小于|等于)"
    r"\s*[）)]|[（(]\s*(?:增加|减少|增长|降低|下降|上升)\s*[）)]\s*(?:增加|减少|增长|降低|下降|上升)"
    r"|(?<![A-Za-z])(?:XX+|ＸＸ+|xx+|××+)(?![A-Za-z])"
)
_SUBJECT_PREFIX_RE: Final = re.compile(
    r"^(?:其中[：:，,]?|(?:本|我)(?:部门|单位)(?:[（(](?:单位|部门)[）)])?|开支|共计|共|合计|"
    r"主要用于以下方面[：:]?|"
    r"(?:截至|截止)?(?:19|20)\d{2}\s*年(?:度)?(?:本部门|本单位)?(?:[（(]单位[）)])?)+"
)
_LEADING_YEAR_RE: Final = re.compile(r"^[^，,。；;、\d]{0,30}?(?:19|20)\d{2}\s*年(?:度)?")
_SUBJECT_SUFFIX_RE: Final = re.compile(r"(?:为|是|达到|达|共计|合计为)$")
_SUBJECT_SUFFIX_ENDS: Final = ("为", "是", "到", "达", "计")
"""The last characters of the suffixes (a stripped subject ends with one to lose one)."""

_DIGIT_RE: Final = re.compile(r"\d")
_NAME_NOISE_RE: Final = re.compile(r"[\s“”\"'‘’《》]")
_COUNT_TAIL_RE: Final = re.compile(r"\d+\s*个$")
_COMMA_GAP_RE: Final = re.compile(r"\s*[，,]?\s*")
_DASH_RE: Final = re.compile(r"[-－—]")
_CHANGE_WORD_END_RE: Final = re.compile(r"(?:增加|减少|增长|降低|下降|上升)\s*$")
_LAST_YEAR_END_RE: Final = re.compile(
    r"上年(?:预算|决算|执行)?数?\s*(?:为|是)\s*$|(?:比|较)上年\S{0,4}$"
)
_REMARK_RE: Final = re.compile(r"[（(][^）)]{6,}[）)]")


def _fig(pattern: str) -> re.Pattern[str]:
    return re.compile(
        pattern.replace(
            "FIG",
            rf"(?<![\d.]){_NUM}\s*(?:万元|亿元|千元|元|%|％|{_BARE_WAN})"
            r"(?!(?:[（(]含[）)])?以[上下])",
        ).replace("BARE", _BARE)
    )


_EXECUTION: Final = _fig(_EXECUTION_RE.pattern)
_CHANGE: Final = _fig(_CHANGE_RE.pattern)
_SHARE: Final = _fig(_SHARE_RE.pattern)
_STATED_BASE: Final = _fig(_STATED_BASE_RE.pattern)


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Fold a name for matching: NFKC, no spaces, quotes, 类/款/项 marks or leading numbers.

    >>> normalise_name("一般公共服务（类）支出")
    '一般公共服务支出'
    >>> normalise_name("“三公”经费 ")
    '三公经费'
    """
    text = unicodedata.normalize("NFKC", name)
    text = _PATH_MARK_RE.sub("", text)
    text = _NAME_NOISE_RE.sub("", text)
    text = ENUMERATOR_RE.sub("", text)
    return text.strip("，,。；;：:、.")


@functools.lru_cache(maxsize=1024)
def split_path(text: str) -> tuple[str, ...]:
    """The 类/款/项 names of a code path as printed, or ``()``.

    >>> split_path("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）")
    ('一般公共服务支出', '政府办公厅（室）及相关机构事务', '行政运行')

    Codes printed in the marks (“公共安全支出（204类）法院（05款）行政运行（01项）”)
    are kept before each name, cumulated to the full code of its level:

    >>> split_path("公共安全支出（204类）法院（05款）行政运行（01项）")
    ('204 公共安全支出', '20405 法院', '2040501 行政运行')
    """
    if "类" not in text or "款" not in text:
        return ()  # no 类 mark followed by a 款 mark: no path of two levels
    text = ENUMERATOR_RE.sub("", text).strip()
    parts: list[str] = []
    pos = 0
    code = ""
    for match in _PATH_MARK_RE.finditer(text):
        level = "类款项".index(match.group("level"))
        if level != len(parts):
            return ()
        name = text[pos : match.start()].strip(" 　。.，,")
        digits = match.group("code")
        if digits and (level == 0) == (len(digits) == 3) and (level == 0 or code):
            code += digits
            name = f"{code} {name}".strip()
        else:
            code = ""
        parts.append(name)
        pos = match.end()
    return tuple(p for p in parts if p) if len(parts) >= 2 else ()


def _number(match: re.Match[str], group: str, base: int) -> Number | None:
    text = match.group(group)
    if not text:
        return None
    found = _FIG_RE.search(text)
    if found is None:  # pragma: no cover - the patterns only admit figures
        return None
    return _make_number(found, base + match.start(group))


_UNITS: Final = {**{u.value: u for u in Unit}, "万": Unit.WANYUAN}
"""A figure's unit by its printed text (a bare 万 after decimals is 万元)."""


def _is_percent(found: re.Match[str]) -> bool:
    """Whether a match of ``_FIG_RE`` is a percentage (:func:`_make_number` of it would say)."""
    return found.group("unit") in "%％"


def _make_number(found: re.Match[str], base: int) -> Number:
    num, unit_text = found.group("num", "unit")
    raw = num.replace(",", "")
    value = Decimal(raw)
    decimals = len(raw) - raw.index(".") - 1 if "." in raw else 0
    start, end = found.span()
    if unit_text in "%％":
        return Number(value, decimals, found.group(0), base + start, base + end, FigureKind.PERCENT)
    unit = _UNITS[unit_text]
    return Number(
        value, decimals, found.group(0), base + start, base + end, FigureKind.AMOUNT, unit
    )


def _level(match: re.Match[str]) -> int:
    for i, name in enumerate(("l1", "l2", "l3", "l4"), start=1):
        if match.group(name):
            return i
    return 0  # pragma: no cover


_CUT_RE: Final = re.compile(r"(?:增加|减少|增长|降低|下降|上升|为|达|共计|合计)$")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs: lines, a line ending in a colon joined with the next.

    A line cut before its figure (“…比2024年预算执行数增加” / “24,558.18万元；…”, a
    line break of the PDF) is joined with the next too.
    """
    start = 0
    pos = 0
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        if nl >= 0:  # a line followed by another: maybe run on into it
            after = text.find("\n", nl + 1)
            following = text[nl + 1 : after if after >= 0 else length]
            line = text[pos:nl].rstrip()
            if (
                (
                    line.endswith(("：", ":"))
                    and not _is_heading(text[start:nl])
                    and not ENUMERATOR_RE.match(following)
                )
                or (
                    following[:1].isdigit()
                    and (
                        _CUT_RE.search(line)
                        # “…拟购买服务” / “2555.8万元。”: a line broken before its figure
                        or (
                            line[-1:] not in "。！？!?；;：:"
                            and _FIG_RE.match(following) is not None
                        )
                    )
                )
            ):
                pos = nl + 1
                continue
        end = length if nl < 0 else nl
        if text[start:end].strip():
            if _RUN_IN_HEADING_RE.search(text, start, end) is None:
                yield start, end  # (what _run_in_headings gives where no heading runs in)
            else:
                yield from _run_in_headings(text, start, end)
        if nl < 0:
            break
        pos = start = nl + 1


_RUN_IN_HEADING_RE: Final = re.compile(
    # “一、” or “（一）”, its first character read first (a search skips to those)
    r"[一二三四五六七八九十（(]"
    r"(?:(?<=[一二三四五六七八九十])[一二三四五六七八九十]*、|(?<=[（(])[一二三四五六七八九十]+[）)])"
    r"[^。！？!?；;，,：:\n\d%％]{2,40}?(?:情况说明|情况|说明|概况)[。:：]?[ \t\u3000]*"
    r"(?!说明|情况|概况)(?=[^\s。！？!?；;，,：:）)])"
)
"""A heading run into the text after it (``四、…情况说明2024年度…``): paragraphs lost.

A paragraph break a producer printed as a space (``…原因。 六、…情况说明 2024年度…``)
is a run-in heading too.
"""

_TITLE_END_RE: Final = re.compile(r"(?:情况说明|情况|说明|概况)$")


def _after_title(text: str, pos: int, at: int) -> bool:
    """Whether the text from the last sentence end before *at* is a title (no figure, 说明 last)."""
    cut = max(text.rfind(mark, pos, at) for mark in "。！？!?；;") + 1
    before = text[max(cut, pos) : at].rstrip()
    return (
        0 < len(before) <= 40
        and _TITLE_END_RE.search(before) is not None
        and not _FIG_RE.search(before)
    )


def _run_in_headings(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraph *start*–*end*, split before and after each heading run into its text.

    A document whose paragraph breaks were lost (printed as one run of text,
    or pasted) still reads ``四、财政拨款收入支出决算总体情况说明`` as the
    heading of what follows it, where a heading may stand: at the start of
    the paragraph or after a sentence's end.

    >>> t = "一、收入情况说明2024年度收入5.00万元。二、支出情况说明支出4.00万元。"
    >>> [t[a:b] for a, b in _run_in_headings(t, 0, len(t))]
    ['一、收入情况说明', '2024年度收入5.00万元。', '二、支出情况说明', '支出4.00万元。']
    >>> t = "收入5.00万元。 二、支出情况说明 支出4.00万元。"
    >>> [t[a:b] for a, b in _run_in_headings(t, 0, len(t))]
    ['收入5.00万元。', '二、支出情况说明', '支出4.00万元。']
    """
    pos = start
    for match in _RUN_IN_HEADING_RE.finditer(text, start, end):
        at = match.start()
        before = text[pos:at].rstrip()  # (a paragraph break printed as a space)
        if before and before[-1] not in "。！？!?；;" and not _after_title(text, pos, at):
            continue
        rest = text[match.end() : end]
        if "。" not in rest and not _FIG_RE.search(rest):
            continue  # no body text follows: the whole is a heading (“…情况说明”)
        if before:
            yield pos, pos + len(before)
        yield at, at + len(match.group().rstrip())
        pos = match.end()
    if pos < end:
        yield pos, end


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or _FIG_RE.search(stripped):
        return False
    return len(stripped) <= 80 and ENUMERATOR_RE.match(stripped) is not None


def sentences(
    section: Section | str,
    *,
    offset: int = 0,
    heading: str | None = None,
    parents: tuple[str, ...] = (),
) -> tuple[Sentence, ...]:
    r"""Split a section's text into sentences, each with its offsets and enclosing headings.

    Heading lines (``一、…``, ``（二）…``, ``1、…`` without a figure) are
    sentences too, and set the headings of what follows them; *parents* are
    headings of enclosing sections (``五、…`` above a section ``（一）…``).

    >>> s = sentences("一、收入\n收入972.81万元。其中：财政拨款972.81万元。")
    >>> [(x.text, x.start, x.end, x.headings) for x in s[1:]]  # doctest: +NORMALIZE_WHITESPACE
    [('收入972.81万元。', 5, 16, ('一、收入',)),
     ('其中：财政拨款972.81万元。', 16, 32, ('一、收入',))]
    """
    text = section if isinstance(section, str) else section.text
    name = heading if heading is not None else ("" if isinstance(section, str) else section.heading)
    return _sentences(text, name, offset, parents)


@functools.lru_cache(maxsize=512)
def _paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of :func:`_paragraphs` of *text*, read once (claims and sentences both ask)."""
    return tuple(_paragraphs(text))


@functools.lru_cache(maxsize=512)
def _sentences(text: str, name: str, offset: int, parents: tuple[str, ...]) -> tuple[Sentence, ...]:
    """:func:`sentences` of a section's *text* headed *name*: read once per run of the rules."""
    stack: list[tuple[int, str]] = []
    stacked = parents  # the headings of the stack, made again only when it changes
    out: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        para = text[p_start:p_end]
        first_line = para.strip()
        enum_match = ENUMERATOR_RE.match(first_line)
        heads = stacked
        if enum_match is not None and _is_heading(first_line):
            level = _level(enum_match)
            stack = [(lv, h) for lv, h in stack if lv < level]
            stack.append((level, first_line))
            stacked = parents + tuple(h for _, h in stack)
        elif not enum_match and len(first_line) <= 40 and not _FIG_RE.search(first_line):
            stack = []  # a title line such as “2024年度部门决算情况说明”
            stacked = parents
        inner = heads
        for chunk in _SENTENCE_RE.finditer(para):
            whole = chunk.group(0)
            body = whole.strip()
            if body:
                lead = len(whole) - len(whole.lstrip())
                start = p_start + chunk.start() + lead
                # an item run on in the paragraph (“…。2、…（类）…（项）。”) starts afresh
                run_on = chunk.start() > 0 and ENUMERATOR_RE.match(body) is not None
                if run_on:
                    inner = heads
                out.append(Sentence(body, start, start + len(body), name, inner, number, offset))
                if inner is heads and (enum_match is not None or run_on) and split_path(body):
                    # “1、…（类）…（款）…（项）。主要用于……”: the item names what follows
                    inner = (*heads, body)
    return tuple(out)


_LAST_DELIM_RE: Final = re.compile(rf"(?s:.*)[{_DELIMS}]")
"""Up to the last delimiter (a match backs from its end to it: no reading char by char)."""


def _clause_start(text: str, end: int, floor: int) -> int:
    """Where the clause ending at *end* starts: after the delimiter before it, or *floor*."""
    start = end
    while start > floor:
        found = _LAST_DELIM_RE.match(text, floor, start)
        if found is None:
            return floor
        start = found.end()  # after the last delimiter before the old start
        if not (
            text[max(start - 2, 0) : start + 1] == "收、支"
            # a line broken inside the clause (“支持企业协同化发展\n180.00万”) goes on
            or (text[start - 1] == "\n" and start >= 2 and text[start - 2] not in _DELIMS + "。")
        ):
            return start
        start -= 1
    return start


def _subject(text: str, end: int, floor: int = 0) -> str:
    """The words naming what the figure ending the clause at *end* is about."""
    start = _clause_start(text, end, floor)
    words = ENUMERATOR_RE.sub("", text[start:end]).replace("\n", "").strip()
    # (each pattern tried only where its key word is: most subjects hold none)
    if "年" in words:
        words = _LEADING_YEAR_RE.sub("", words)
    if "个" in words:
        # “一般公共预算项目8个246.42万元”: drop a count glued before the amount
        words = _COUNT_TAIL_RE.sub("", words).strip()
    previous = None
    named = words
    while previous != words:
        previous = words
        words = _SUBJECT_PREFIX_RE.sub("", words).strip()
        if words.endswith(_SUBJECT_SUFFIX_ENDS):
            words = _SUBJECT_SUFFIX_RE.sub("", words).strip()
    if not words and named.startswith(("合计", "总计", "共计")):
        return named[:2]  # “…，合计1170.00万”: the list's total, named so
    return words


_ALLOCATED: Final = re.compile(
    r"^(?:年初)?(?:预算|安排|预算安排|安排预算|预算金额|预算资金|安排资金|资金|金额)(?:数)?$"
)


def _named_before(text: str, end: int, floor: int) -> str:
    """The clause before *end* (back to the previous delimiter), when it names an item."""
    pos = end
    while pos > floor and text[pos - 1] in _DELIMS + " ":
        pos -= 1
    if pos <= floor:
        return ""
    words = _subject(text, pos, floor)
    if not words or _DIGIT_RE.search(words) or _ALLOCATED.match(words) or _GENERIC.match(words):
        return ""
    return words


def _named_heading(sentence: Sentence) -> str:
    """The innermost heading of an item (“1.法院信息化建设项目”) above the sentence."""
    if not sentence.headings:
        return ""
    head = sentence.headings[-1]
    enum = ENUMERATOR_RE.match(head)
    if enum is None or _level(enum) < 2:
        return ""
    return normalise_name(head)[:40]


def _item_heading(sentence: Sentence) -> tuple[str, tuple[str, ...]]:
    for head in reversed(sentence.headings):
        path = split_path(head)
        if path:
            return head, path
    return "", ()


_GENERIC: Final = re.compile(
    r"^(?:支出|支出决算数?|决算数?|年初预算数?|预算数?|全年预算数?|执行数|金额|实际支出)$"
)


def _claims_of(  # noqa: PLR0915 - one pass over the patterns, in their order of priority
    sentence: Sentence, para_text: str, para_start: int
) -> Iterator[Claim]:
    """Every claim of one sentence (figures consumed by one pattern are not reused)."""
    text = sentence.text
    base = sentence.start
    if not _DIGIT_RE.search(text):  # no figure, no year: only words to check
        if _may_compare(text):
            yield from _comparisons(sentence)
        if _may_have_residue(text):
            yield from _residue(sentence)
        return
    used: list[tuple[int, int]] = []
    changes_with_year: list[tuple[int, int]] = []
    item_head, item_path = _item_heading(sentence)

    def free(a: int, b: int) -> bool:
        return not used or all(b <= u0 or a >= u1 for u0, u1 in used)

    def subject_at(pos: int) -> str:
        floor = 0
        for fm in _FIG_RE.finditer(text, 0, pos - base):
            floor = fm.end()
        words = _subject(text, pos - base, floor)
        generic = _GENERIC.match(words) is not None
        if (not words or generic) and item_head:
            return normalise_name(item_path[-1])
        if generic or _ALLOCATED.match(words):
            # “法院信息化建设项目，预算安排300万元”: the item named just before
            named = _named_before(text, pos - base - len(words), floor) or _named_heading(sentence)
            if named:
                return named
        return words

    # cheap word tests first: the patterns only run where their key word is
    may_execute = "预算" in text and ("决算" in text or "执行" in text)
    for m in _EXECUTION.finditer(text) if may_execute else ():
        budget, final = _number(m, "budget", base), _number(m, "final", base)
        if budget is None or final is None:
            continue
        used.append((base + m.start(), base + m.end()))
        subject = subject_at(base + m.start("bword"))
        yield ExecutionClaim(
            sentence=sentence,
            subject=subject,
            path=_path_for(subject, item_path),
            start=base + m.start(),
            end=base + m.end(),
            budget=budget,
            final=final,
            rate=_number(m, "rate", base),
            undefined_stated=bool(m.group("undef")),
            budget_word=m.group("bword"),
        )
    for m in _CHANGE.finditer(text) if ("比" in text or "与" in text or "较" in text) else ():
        if not (m.group("diff") or m.group("rate") or m.group("aword")):
            continue
        if not free(base + m.start(), base + m.end()):
            continue
        used.append((base + m.start(), base + m.end()))
        # “比2024年预算（执行数）” and “比上年预算” name last year's budget: a change on last year
        against = "年初预算" if "年初预算" in m.group("against") and not m.group("year") else "上年"
        current = _latest_amount(para_text, para_start, base + m.start())
        difference = _number(m, "diff", base)
        amount_word, rate_word = m.group("aword"), m.group("rword")
        rate = _number(m, "rate", base)
        unmarked = False
        if rate is None and m.group("bare2"):
            rate, unmarked = _bare(m, "bare2", base), True
        if difference is not None and difference.kind is FigureKind.PERCENT and rate is None:
            # “比上年增长8.96%”: a rate, not a change amount
            rate, rate_word, difference, amount_word = difference, amount_word, None, None
        elif (
            difference is None and rate is None and m.group("bare1") and amount_word in _RATE_WORDS
        ):
            rate, rate_word, amount_word, unmarked = (
                _bare(m, "bare1", base),
                amount_word,
                None,
                True,
            )
        stated_base = _number(m, "base", base)
        if stated_base is None:
            stated_base = _stated_base(para_text, para_start, sentence)
        subject = _subject(para_text, (current.start if current else base + m.start()) - para_start)
        if (not subject or _GENERIC.match(subject)) and item_head:
            subject = normalise_name(item_path[-1])
        yield ChangeClaim(
            sentence=sentence,
            subject=subject,
            path=_path_for(subject, item_path),
            start=base + m.start(),
            end=base + m.end(),
            against=against,
            current=current,
            difference=difference,
            amount_word=amount_word,
            rate=rate,
            rate_word=rate_word,
            base=stated_base,
            rate_unmarked=unmarked,
        )
        if m.group("year"):
            changes_with_year.append((base + m.start("year"), base + m.end("year")))
            yield YearClaim(
                sentence=sentence,
                subject=m.group("against"),
                start=base + m.start("year"),
                end=base + m.end("year"),
                year=int(m.group("year")),
                relation="previous",
            )
    for m in _SHARE.finditer(text) if "占" in text else ():
        if not free(base + m.start(), base + m.end()):
            continue
        pct = _number(m, "pct", base)
        if pct is None or pct.kind is not FigureKind.PERCENT:
            continue
        # the amount the share is of: the last free amount of the clause before 占
        amount = None
        clause_start = m.start()
        for fm in _FIG_RE.finditer(text, 0, m.start()):
            n = _make_number(fm, base)
            gap = text[fm.end() : m.start()]
            if (
                n.kind is FigureKind.AMOUNT
                and free(n.start, n.end)
                and _COMMA_GAP_RE.fullmatch(gap)
            ):
                amount = n
                clause_start = fm.start()
        start = amount.start if amount is not None else base + m.start()
        subject = subject_at(base + clause_start)
        used.append((start, base + m.end()))
        yield ShareClaim(
            sentence=sentence,
            subject=subject,
            path=_path_for(subject, item_path),
            start=start,
            end=base + m.end(),
            share=pct,
            amount=amount,
            base=m.group("base").strip(),
        )
    if _may_compare(text):
        yield from _comparisons(sentence)
    for m in _COUNT_RE.finditer(text) if "个" in text else ():
        group = next(g for g in ("a", "b", "c") if m.group(g))
        value = Decimal(m.group(group))
        listed: tuple[str, ...] = ()
        if m.group(0).startswith("等"):
            listed = tuple(q.strip() for q in _QUOTED_RE.findall(text[: m.start()]))
        yield CountClaim(
            sentence=sentence,
            subject="项目",
            start=base + m.start(),
            end=base + m.end(),
            count=Number(
                value, 0, m.group(0), base + m.start(group), base + m.end(group), FigureKind.COUNT
            ),
            noun="项目",
            listed=listed,
        )
    if _may_have_residue(text):
        yield from _residue(sentence)
    masked = _BRACKET_YEAR_RE.sub(_hashed, text) if "年" in text else ""
    for m in _YEAR_RE.finditer(masked):
        if changes_with_year and any(c0 <= base + m.start() < c1 for c0, c1 in changes_with_year):
            continue  # read with the change above
        if _AS_OF_RE.match(masked, max(m.start() - 3, 0)) or _AS_OF_RE.match(
            masked, max(m.start() - 2, 0)
        ):
            continue  # 截至2024年底: read as the date of a stock below
        yield YearClaim(
            sentence=sentence,
            subject=text[m.start() : m.end() + 1],
            start=base + m.start(),
            end=base + m.end(),
            year=int(m.group("year")),
        )
    for m in _AS_OF_RE.finditer(text) if "截" in text else ():
        yield YearClaim(
            sentence=sentence,
            subject=m.group(0),
            start=base + m.start("year"),
            end=base + m.end("year"),
            year=int(m.group("year")),
            relation="as_of",
        )
    if "上年" in text:  # last year's figure (“上年预算数为Y万元”) is not an amount of this year
        used.extend(
            (base + m.start("base"), base + m.end("base")) for m in _STATED_BASE.finditer(text)
        )
    for fm in _FIG_RE.finditer(text):
        if _is_percent(fm) or not free(base + fm.start(), base + fm.end()):
            continue
        n = _make_number(fm, base)
        subject = subject_at(n.start)
        yield AmountClaim(
            sentence=sentence,
            subject=subject,
            start=n.start,
            end=n.end,
            amount=n,
            path=_path_for(subject, item_path),
        )


def _hashed(match: re.Match[str]) -> str:
    """The match's text hidden: as many ``#``."""
    return "#" * len(match.group(0))


def _may_compare(text: str) -> bool:
    """Whether *text* may hold a comparison (each left word of ``_COMPARE_RE`` has one of these)."""
    return "数" in text or "支出决算" in text


def _may_have_residue(text: str) -> bool:
    """Whether *text* may hold template residue (a cheap test before ``_RESIDUE_RE``).

    Each match of the pattern holds a direction word after a bracket, or a run of
    placeholder letters; this pattern starts with a bracket, so its search skips to them.
    """
    return (
        _RESIDUE_HINT_RE.search(text) is not None
        or "XX" in text
        or "ＸＸ" in text
        or "xx" in text
        or "××" in text
    )


_RESIDUE_HINT_RE: Final = re.compile(r"[（(]\s*(?:增加|减少|增长|降低|下降|上升|大于|小于|等于)")


def _comparisons(sentence: Sentence) -> Iterator[ComparisonClaim]:
    """The comparisons of a sentence (read only where :func:`_may_compare`)."""
    text, base = sentence.text, sentence.start
    for m in _COMPARE_RE.finditer(text):
        word = m.group("word") or ("约等于" if m.group("roughly") else "等于")
        word = {"高于": "大于", "超过": "大于", "多于": "大于", "低于": "小于", "少于": "小于"}.get(
            word, word
        )
        yield ComparisonClaim(
            sentence=sentence,
            subject=m.group("left"),
            start=base + m.start(),
            end=base + m.end(),
            word=word,
            left=m.group("left"),
            right=m.group("right1") or m.group("right2"),
        )


def _residue(sentence: Sentence) -> Iterator[ResidueClaim]:
    """The template residue of a sentence (read only where :func:`_may_have_residue`)."""
    text, base = sentence.text, sentence.start
    for m in _RESIDUE_RE.finditer(text):
        yield ResidueClaim(
            sentence=sentence,
            subject=m.group(0),
            start=base + m.start(),
            end=base + m.end(),
            residue=m.group(0),
        )


_ONE_CLASS_RE: Final = re.compile(r"^(?P<name>[^（(]+?)\s*[（(]\s*类\s*[）)]\s*(?:支出)?$")
_DASH_PATH_RE: Final = re.compile(
    r"^[“\"]?(?P<path>[^-－—“”\"]+(?:\s*[-－—]\s*[^-－—“”\"]+){1,2})[”\"]?\s*(?:科目)?$"
)


def _path_for(subject: str, item_path: tuple[str, ...]) -> tuple[str, ...]:
    """The 类/款/项 path of a subject: its own, or the item heading's when it names that item.

    Besides the （类）（款）（项） marks, a quoted path joined by dashes is read
    (“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目).

    >>> _path_for("“卫生健康支出-行政事业单位医疗-行政单位医疗”科目", ())
    ('卫生健康支出', '行政事业单位医疗', '行政单位医疗')
    """
    own = split_path(subject)
    if own:
        return own
    one = _ONE_CLASS_RE.match(subject.strip()) if "类" in subject else None
    if one is not None:  # “其他支出（类）”: a functional 类, never the 经济分类 line of that name
        return (one.group("name").strip(),)
    dashed = _DASH_PATH_RE.match(subject.strip()) if _DASH_RE.search(subject) else None
    if dashed:
        return tuple(p.strip() for p in _DASH_RE.split(dashed.group("path")))
    if item_path and subject == normalise_name(item_path[-1]):
        return item_path
    return ()


_RATE_WORDS: Final = frozenset({"增长", "降低", "下降", "上升"})


def _bare(match: re.Match[str], group: str, base: int) -> Number:
    """A rate printed without “%” (“增长13.95”), read as a percentage."""
    raw = match.group(group)
    value = Decimal(raw)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return Number(
        value, decimals, raw, base + match.start(group), base + match.end(group), FigureKind.PERCENT
    )


def _stated_base(para_text: str, para_start: int, sentence: Sentence) -> Number | None:
    """Last year's figure stated in the sentence (“上年预算数为Y万元”), if any."""
    lo, hi = sentence.start - para_start, sentence.end - para_start
    for m in _STATED_BASE.finditer(para_text, max(lo, 0), hi):
        return _number(m, "base", para_start)
    return None


def _latest_amount(para_text: str, para_start: int, before: int) -> Number | None:
    """The latest amount before *before* that is not itself a change (for 比上年增加…)."""
    found: re.Match[str] | None = None
    for fm in _FIG_RE.finditer(para_text, 0, before - para_start):
        if _is_percent(fm):
            continue
        lead = para_text[max(fm.start() - 12, 0) : fm.start()]
        if _CHANGE_WORD_END_RE.search(lead):
            continue
        if _LAST_YEAR_END_RE.search(lead):
            continue  # last year's figure, stated as the base of the change
        found = fm
    return _make_number(found, para_start) if found is not None else None


_TOTAL_WORD_RE: Final = re.compile(
    r"(?:^|[，,；;、。：:\s])(?:合计|总计|共计|小计|总额)(?:为|是)?\s*$"
)


def _restates_total(item: AmountClaim) -> bool:
    """“…，合计1170.00万”: the list's total said again at its end, not one of its items."""
    s = item.sentence
    return _TOTAL_WORD_RE.search(s.text[: item.start - s.start]) is not None


def _totals(sentence: Sentence, found: list[Claim]) -> Iterator[TotalClaim]:
    """A total followed by “其中” and two or more items, in one sentence."""
    idx = sentence.text.find("其中")
    if idx < 0:
        return
    pos = sentence.start + idx
    items = _items_of(found)
    before = [a for a in items if a.end <= pos]
    remark = _REMARK_RE.search(sentence.text, idx)
    stop = sentence.start + remark.start() if remark else sentence.end
    listed = [a for a in items if pos < a.start < stop]
    after = [a for a in listed if not _restates_total(a)]
    if not before or len(after) < 2:
        return
    total = before[-1]
    yield TotalClaim(
        sentence=sentence,
        subject=total.subject,
        start=total.start,
        end=after[-1].end,
        total=total.amount,
        parts=tuple(after),
    )
    for again in (a for a in listed if _restates_total(a) and a.start > after[-1].start):
        yield TotalClaim(  # “…，合计1170.00万”: the items add up to it too
            sentence=sentence,
            subject=total.subject,
            start=again.start,
            end=again.end,
            total=again.amount,
            parts=tuple(after),
        )


_BALANCE: Final = _fig(
    r"(?:金额|资金|预算数?|安排)\s*(?:为|是)?\s*(?P<a>FIG)\s*[，,]\s*(?:实际)?(?:支出|执行)数?"
    r"\s*(?:为|是)?\s*(?P<b>FIG)\s*[，,]\s*(?:结余结转|结转结余|结余|结转)(?:资金)?\s*(?:为|是)?"
    r"\s*(?P<c>FIG)"
)


def _balances(sentence: Sentence, found: list[Claim]) -> Iterator[TotalClaim]:
    """“金额X万元，实际支出Y万元，结余结转Z万元”: X = Y + Z."""
    if "结" not in sentence.text:
        return
    amounts = {c.start: c for c in found if isinstance(c, AmountClaim)}
    for m in _BALANCE.finditer(sentence.text):
        numbers = [_number(m, g, sentence.start) for g in ("a", "b", "c")]
        claims = [amounts.get(n.start) if n is not None else None for n in numbers]
        if any(c is None for c in claims):
            continue
        total, spent, left = (c for c in claims if c is not None)
        yield TotalClaim(
            sentence=sentence,
            subject=total.subject,
            start=total.start,
            end=left.end,
            total=total.amount,
            parts=(spent, left),
            what="结余",
        )


def _sections(
    source: Report | Narrative | Section | str,
) -> Iterator[tuple[Section, int, tuple[str, ...]]]:
    """Each section, where its text starts in the narrative, and its parent headings."""
    if isinstance(source, Report):
        source = source.narrative
    if isinstance(source, str):
        yield Section("", source), 0, ()
        return
    if isinstance(source, Section):
        yield source, 0, ()
        return
    pos = 0
    parents: list[tuple[int, str]] = []
    for section in source.sections:
        head = len(section.heading) + 1 if section.heading else 0
        match = ENUMERATOR_RE.match(section.heading)
        level = _level(match) if match else 0
        if level:
            parents = [(lv, h) for lv, h in parents if lv < level]
        elif section.heading:
            parents = []
        yield section, pos + head, tuple(h for _, h in parents)
        if level:
            parents.append((level, section.heading))
        pos += head + len(section.text) + 1


def extract(source: Report | Narrative | Section | str) -> tuple[Claim, ...]:
    """Every claim of the prose of *source*, in document order.

    *source* may be a report (its narrative is read), a narrative, one section
    or plain text.  Offsets are kept per section and for the whole narrative.

    >>> claims = extract("2024年度收入合计972.81万元。与上年相比，减少48.67万元，降低4.76%。")
    >>> [c.kind for c in claims]
    ['year', 'amount', 'change']
    >>> change = claims[2]
    >>> change.current.text, change.difference.text, change.rate.text, change.rate_word
    ('972.81万元', '48.67万元', '4.76%', '降低')
    """
    out: list[Claim] = []
    for section, offset, parents in _sections(source):
        if section.heading:
            head = Sentence(
                section.heading,
                0,
                len(section.heading),
                section.heading,
                parents,
                -1,
                offset - len(section.heading) - 1,
                in_heading=True,
            )
            out.extend(
                c
                for c in _claims_of(head, section.heading, 0)
                if isinstance(c, YearClaim | ResidueClaim)
            )
        sents = sentences(section, offset=offset, parents=parents)
        text = section.text
        spans = dict(enumerate(_paragraph_spans(text)))
        # the “其中” sentence whose total is the previous sentence's last amount
        previous_last: AmountClaim | None = None
        previous_para = -1
        section_claims: list[Claim] = []
        executions: list[ExecutionClaim] = []
        for sentence in sents:
            if sentence.paragraph != previous_para:
                executions = [e for e in executions if e.sentence.paragraph == sentence.paragraph]
            p_start, p_end = spans[sentence.paragraph]
            found = list(_claims_of(sentence, text[p_start:p_end], p_start))
            if not found:
                continue  # no totals, lists or amounts to carry on (most sentences)
            if len(found) > 1:
                found.sort(key=lambda c: (c.start, _ORDER.get(type(c), 9)))
            if "其中" in sentence.text:  # (the words each needs)
                found.extend(_totals(sentence, found))
            if "结" in sentence.text:
                found.extend(_balances(sentence, found))
            executions.extend(c for c in found if isinstance(c, ExecutionClaim))
            if executions:
                found = [_named_change(c, executions) for c in found]
            if (
                sentence.text.startswith("其中")
                and previous_last is not None
                and previous_para == sentence.paragraph
                and not any(isinstance(c, TotalClaim) for c in found)
            ):
                items = _items_of(found)
                if len(items) >= 2:
                    found.append(
                        TotalClaim(
                            sentence=sentence,
                            subject=previous_last.subject,
                            start=previous_last.start,
                            end=items[-1].end,
                            total=previous_last.amount,
                            parts=tuple(items),
                        )
                    )
            last = _last_amount(found)
            if last is not None:
                previous_last = last
                previous_para = sentence.paragraph
            section_claims.extend(found)
        out.extend(section_claims)
        out.extend(_change_components(section_claims))
        out.extend(_execution_lists(section_claims))
        out.extend(_item_lists(section_claims, text, spans))
    return tuple(out)


_REASON_RE: Final = re.compile(r"^\s*(?:主要(?:原因)?(?:是|为|系)|原因(?:是|为)|主要原因[：:])")
_COMPONENT: Final = _fig(
    r"(?P<word>增加|减少|增长|下降|降低|上升)[^，,。；;\d%％]{0,30}?\s*(?P<fig>FIG)"
)


def _change_components(claims: list[Claim]) -> Iterator[TotalClaim]:
    """“增加D万元…主要原因是基本支出增加A万元、项目支出减少B万元”: D = A − B.

    The sentence giving the reasons follows the change in its paragraph; each
    reason is a change of a part, signed by its own word.
    """
    last: ChangeClaim | None = None
    for claim in claims:
        if isinstance(claim, ChangeClaim):
            last = claim
            continue
        s = claim.sentence
        if (
            last is None
            or last.difference is None
            or last.direction not in (Direction.UP, Direction.DOWN)
            or last.sentence.paragraph != s.paragraph
            or last.sentence.start >= s.start
            or not _REASON_RE.match(s.text)
            or claim is not next(c for c in claims if c.sentence == s)
        ):
            continue
        total = last.difference
        parts: list[AmountClaim] = []
        for m in _COMPONENT.finditer(s.text):
            n = _number(m, "fig", s.start)
            if n is None or n.kind is not FigureKind.AMOUNT or n.unit is not total.unit:
                parts = []
                break
            same = Direction.parse(m.group("word")) is last.direction
            signed = n if same else attrs.evolve(n, value=-n.value, text=f"−{n.text}")
            parts.append(
                AmountClaim(
                    sentence=s,
                    subject=_subject(s.text, m.start("fig")) or m.group("word"),
                    start=n.start,
                    end=n.end,
                    amount=signed,
                )
            )
        if len(parts) >= 2:
            yield TotalClaim(
                sentence=s,
                subject=last.subject,
                path=last.path,
                start=parts[0].start,
                end=parts[-1].end,
                total=total,
                parts=tuple(parts),
                what="增减额",
            )
        last = None


_LIST_LEAD_RE: Final = re.compile(
    r"(?:其中|以下(?:几个)?方面|如下|包括|主要(?:用于|有|是)|具体(?:为|是|情况))\s*[：:]\s*$"
)


def _execution_lists(claims: list[Claim]) -> Iterator[TotalClaim]:
    """“年初预算为X万元，支出决算为Y万元，…，其中：” and the execution items that follow it.

    The items are the execution claims of the following paragraphs nested under
    item headings (“1、…（项）”); their budgets add up to the total's budget and
    their finals to its final.
    """
    executions = [c for c in claims if isinstance(c, ExecutionClaim)]
    for i, total in enumerate(executions):
        s = total.sentence
        rest = s.text[total.end - s.start :]
        if "其中" not in rest or _FIG_RE.search(rest):
            continue
        depth = len(s.headings)
        items: list[ExecutionClaim] = []
        for item in executions[i + 1 :]:
            if item.sentence.paragraph <= s.paragraph or len(item.sentence.headings) <= depth:
                break
            if item.sentence.headings[:depth] != s.headings:
                break
            items.append(item)
        if len(items) < 2:
            continue
        for what, total_number, numbers in (
            ("年初预算", total.budget, [(x, x.budget) for x in items]),
            ("支出决算", total.final, [(x, x.final) for x in items]),
        ):
            yield TotalClaim(
                sentence=s,
                subject=total.subject,
                path=total.path,
                start=total_number.start,
                end=total_number.end,
                total=total_number,
                parts=tuple(
                    AmountClaim(
                        sentence=x.sentence,
                        subject=x.subject,
                        start=n.start,
                        end=n.end,
                        amount=n,
                        path=x.path,
                    )
                    for x, n in numbers
                ),
                what=what,
            )


def _run_on_items(text: str, p_start: int, p_end: int, level: int) -> list[int]:
    """Where the items of *level* start in the paragraph ``text[p_start:p_end]``.

    The paragraph's own start, and each sentence after it that opens with an
    enumeration of the same level (an item run on when the breaks were lost).

    >>> text = "1、甲支出1.00万元。2、乙支出2.00万元。（1）丙1.00万元。"
    >>> _run_on_items(text, 0, len(text), _level(ENUMERATOR_RE.match("1、")))
    [0, 12]
    """
    starts = [p_start]
    for chunk in _SENTENCE_RE.finditer(text, p_start, p_end):
        body = chunk.group(0).lstrip()
        if chunk.start() == p_start or not body:
            continue
        enum = ENUMERATOR_RE.match(body)
        if enum is not None and _level(enum) == level:
            starts.append(chunk.end() - len(body))
    return starts


def _item_lists(
    claims: list[Claim], text: str, spans: dict[int, tuple[int, int]]
) -> Iterator[TotalClaim]:
    """A total ending in “其中：”/“主要用于以下方面：” and the enumerated paragraphs after it.

    Each following paragraph that starts with an enumeration of the first item's
    level (“1、”, “（一）”, “(1)”) gives its first amount as an item; the list ends
    at the first paragraph that does not.
    """
    by_para: dict[int, list[AmountClaim]] | None = None  # made when a list lead is met
    seen: set[int] = set()
    read: set[int] = set()  # the sentences read (one reading per sentence, not per claim)
    for claim in claims:
        s = claim.sentence
        if id(s) in read:
            continue
        read.add(id(s))
        if s.in_heading or s.paragraph in seen or not _LIST_LEAD_RE.search(s.text):
            continue
        if by_para is None:
            by_para = {}
            for c in _items_of(claims):
                by_para.setdefault(c.sentence.paragraph, []).append(c)
        # the total: the last amount of the sentence, or of its paragraph before it
        # (“（一）收入预算总计X万元。包括：”)
        own = [a for a in by_para.get(s.paragraph, []) if a.start < s.end]
        if not own:
            continue
        seen.add(s.paragraph)
        total = own[-1]
        items: list[AmountClaim] = []
        level = 0
        complete = True
        number = s.paragraph + 1
        while number in spans:
            p_start, p_end = spans[number]
            enum = ENUMERATOR_RE.match(text[p_start:p_end].strip())
            if enum is None:
                break
            if level and _level(enum) != level:
                if _level(enum) < level:
                    break
                number += 1
                continue  # a sub-item of the last item
            level = _level(enum)
            amounts = [a for a in by_para.get(number, []) if not _restates_total(a)]
            # items run on in one paragraph (its breaks lost: “1、…。2、…。”) are items too
            starts = [*_run_on_items(text, p_start, p_end, level), p_end]
            firsts = [
                next((a for a in amounts if lo <= a.start < hi), None)
                for lo, hi in pairwise(starts)
            ]
            if None in firsts:
                complete = False
                break  # an item without an amount: the list cannot be summed
            items.extend(a for a in firsts if a is not None)
            number += 1
        if len(items) < 2 or not complete:
            continue
        yield TotalClaim(
            sentence=s,
            subject=total.subject,
            path=total.path,
            start=total.start,
            end=total.end,
            total=total.amount,
            parts=tuple(items),
        )


def _named_change(claim: Claim, executions: list[ExecutionClaim]) -> Claim:
    """Name a change after the execution claim whose final amount it changes."""
    if not isinstance(claim, ChangeClaim) or claim.current is None:
        return claim
    if claim.subject and not _GENERIC.match(claim.subject) and "决算" not in claim.subject:
        return claim
    for e in reversed(executions):
        if e.final.start == claim.current.start:
            return attrs.evolve(claim, subject=e.subject, path=e.path)
    return claim


_ORDER: Final[dict[type[Claim], int]] = {
    ExecutionClaim: 0,
    ChangeClaim: 1,
    ShareClaim: 2,
    ComparisonClaim: 3,
    CountClaim: 4,
}
"""Which claim comes first of those starting at one place, by kind (others last)."""


def _items_of(found: Iterable[Claim]) -> list[AmountClaim]:
    items: list[AmountClaim] = []
    for c in found:
        if isinstance(c, AmountClaim):
            items.append(c)
        elif isinstance(c, ShareClaim) and c.amount is not None:
            items.append(
                AmountClaim(
                    sentence=c.sentence,
                    subject=c.subject,
                    start=c.amount.start,
                    end=c.amount.end,
                    amount=c.amount,
                )
            )
    return items


def _last_amount(found: list[Claim]) -> AmountClaim | None:
    """The last of :func:`_items_of` *found* (the others not made)."""
    for c in reversed(found):
        if isinstance(c, AmountClaim) or (isinstance(c, ShareClaim) and c.amount is not None):
            return _items_of((c,))[0]
    return None
