"""A document's 目录 (table of contents): the tables it lists, and which table each one is.

:func:`listed_tables` reads the entries that name a table from the narrative's
``目录`` section; :func:`match_listed` finds the table each entry names among
those read.  Coverage (:func:`govfin.rules.measure_coverage`) expects the
listed tables, and a report read from several files
(:func:`govfin.io.combine.load_many`) says which listed tables it holds.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Final

from govfin.report import Report, Section, Table
from govfin.tables._vocabulary import LEADER_RE, TABLE_NUMBER
from govfin.tables.registry import recognise
from govfin.tables.schema import normalise_title

__all__ = ["contents_file", "entry_title", "listed_tables", "match_listed"]

_ORDINAL_RE: Final = re.compile(
    r"^\s*(?:[（(][0-9一二三四五六七八九十]+[）)]\s*|[0-9一二三四五六七八九十]+\s*[.．、:：)）]\s*"
    rf"|{TABLE_NUMBER}\s*[.．、:：]?\s*)+"
)
_PART_RE: Final = re.compile(r"^第[0-9一二三四五六七八九十]+(?:部分|章|篇)")
_GROUP_RE: Final = re.compile(r"(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报)?表(?:格)?$")
_TABLE_WORDS_RE: Final = re.compile(r"收|支|拨款|经费|采购|资产|基金|资本|绩效|明细")
_PAREN_RE: Final = re.compile(r"\([^()]*\)$")
_OWNER_RE: Final = re.compile(r"(?:年度?|部门|单位|本级|汇总)$")
_BOOK_BRACKETS: Final = "《》〈〉「」『』"
_SIMILAR: Final = 0.85
_ENTRY_LENGTH: Final = 40  # a 目录 entry is short; a longer line is prose


@functools.lru_cache(maxsize=4096)  # (every rule reading the 目录 asks again)
def entry_title(line: str) -> str:
    """A 目录 line without dot leaders, page number and leading number (公开表一, 1., 一、).

    Book-title brackets around the title are dropped too (``九、《…决算表》``).

    >>> entry_title("公开表一 收支预算总表 ........ 5"), entry_title("2.收入预算总表")
    ('收支预算总表', '收入预算总表')
    >>> entry_title("九、《国有资本经营预算财政拨款收入支出决算表》")
    '国有资本经营预算财政拨款收入支出决算表'
    """
    text = unicodedata.normalize("NFKC", line).strip()
    text = LEADER_RE.sub("", text).strip()
    return _ORDINAL_RE.sub("", text).strip().strip(_BOOK_BRACKETS).strip()


@functools.lru_cache(maxsize=4096)
def _is_table_entry(line: str) -> bool:
    text = unicodedata.normalize("NFKC", line).strip()
    if _PART_RE.match(text):
        return False  # 第二部分 2018年度部门预算表: the heading of the part, not a table
    core = entry_title(line)
    core = _PAREN_RE.sub("", core).strip()
    if not core.endswith("表") or len(core) < 3:
        return False
    # 五、部门预算表 is the heading of the list of tables, not one of them.
    return not (_GROUP_RE.search(core) and not _TABLE_WORDS_RE.search(core))


def listed_tables(report: Report) -> tuple[str, ...]:
    r"""The table titles the report's 目录 (table of contents) lists, as printed, in order.

    Entries are read from the narrative section headed ``目录`` (see
    :func:`govfin.tables.bind.narrative_from_paragraphs`); an entry is a table
    when its title, without numbering (``公开表一``, ``1.``, ``一、``), dot
    leaders and page number, ends in 表 — part headings (``第二部分 …预算表``)
    and the heading of the list itself (``五、部门预算表``) excepted.  Empty when
    the report has no 目录; of several 目录, the one listing most tables.

    >>> from govfin.report import Narrative, ReportKind, Section
    >>> r = Report(ReportKind.BUDGET, (), narrative=Narrative((Section("目录", "\n".join([
    ...     "第一部分 部门概况", "第二部分 2018年度部门预算表", "公开表一 收支预算总表 ........ 5",
    ...     "2.收入预算总表", "五、部门预算表", "第三部分 情况说明"])),)))
    >>> listed_tables(r)
    ('公开表一 收支预算总表', '2.收入预算总表')
    """
    best: list[str] = []
    for _, lines in _contents_lists(report):
        out = _table_entries(lines)
        if len(out) > len(best):
            best = out
    return tuple(best)


def contents_file(report: Report) -> str | None:
    """The file of the 目录 :func:`listed_tables` reads (``None``: no 目录, or no file known)."""
    best: tuple[int, str | None] = (0, None)
    for section, lines in _contents_lists(report):
        count = len(_table_entries(lines))
        if count > best[0]:
            best = (count, section.provenance.file if section.provenance else None)
    return best[1]


def _table_entries(lines: Sequence[str]) -> list[str]:
    """The lines of one 目录 that name a table, as printed without leaders, each once."""
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if _is_table_entry(line) and entry_title(line) not in seen:
            seen.add(entry_title(line))
            out.append(LEADER_RE.sub("", unicodedata.normalize("NFKC", line).strip()).strip())
    return out


def _contents_lists(report: Report) -> Iterator[tuple[Section, list[str]]]:
    """Each 目录 section and its lines, with those of the short sections right after it.

    A 目录 whose entries look like headings can end early in the narrative
    (its entries then become sections with no body of their own): they are
    still entries, up to the first section with a line of prose.  A report
    read from two files can hold two 目录 (the narrative's, the tables'): the
    longest list of tables is the one expected.
    """
    sections = report.narrative.sections
    for i, section in enumerate(sections):
        if section.heading != "目录":
            continue
        lines = section.text.splitlines()
        for after in sections[i + 1 :]:
            body = after.text.splitlines()
            if after.heading == "目录" or any(len(ln.strip()) > _ENTRY_LENGTH for ln in body):
                break
            lines += [after.heading, *body]
        yield section, lines


def _norm(text: str) -> str:
    return _PAREN_RE.sub("", normalise_title(entry_title(text))).strip()


def match_listed(entries: Sequence[str], report: Report) -> list[Table | None]:
    """The table of *report* each 目录 entry names (``None`` when not found), one-to-one.

    First by schema (the entry's title recognised as the schema of a table
    present) or by equal titles; then, among the tables left, a title printed
    with a department or year before it, or a shorter or slightly different
    wording of the same title (``政府性基金财政拨款支出预算表`` for
    ``政府性基金预算财政拨款支出预算表``); last, by position: an entry left
    between two matched ones takes the one table left between theirs.
    """
    out: list[Table | None] = [None] * len(entries)
    used: set[int] = set()
    norms = [_norm(t.title) for t in report.tables]
    wants = [_norm(e) for e in entries]
    for i, entry in enumerate(entries):
        schema = recognise(entry_title(entry), kind=report.kind)
        for j, table in enumerate(report.tables):
            if j in used:
                continue
            if (schema is not None and table.schema == schema.id) or (
                len(wants[i]) >= 3 and norms[j] == wants[i]
            ):
                out[i] = table
                used.add(j)
                break
    for close in (_prefix_match, _similar):
        for i, want in enumerate(wants):
            if out[i] is not None or len(want) < 3:
                continue
            best = max(
                ((close(norms[j], want), j) for j in range(len(norms)) if j not in used),
                default=(0.0, -1),
            )
            if best[0] > 0:
                out[i] = report.tables[best[1]]
                used.add(best[1])
    _by_position(out, used, report)
    return out


def _by_position(out: list[Table | None], used: set[int], report: Report) -> None:
    """An entry still unmatched takes the one table left between its neighbours' tables.

    The 目录 lists the tables in document order: when the entries before and
    after an unmatched one are matched, and exactly one table of the report
    lies unmatched between theirs, it is the entry's table (printed under a
    title worded too differently to match).
    """
    index = {id(t): j for j, t in enumerate(report.tables)}
    for i, found in enumerate(out):
        if found is not None:
            continue
        before = next((index[id(t)] for t in reversed(out[:i]) if t is not None), -1)
        after = next((index[id(t)] for t in out[i + 1 :] if t is not None), len(report.tables))
        between = [j for j in range(before + 1, after) if j not in used]
        if len(between) == 1 and report.tables[between[0]].rows:
            out[i] = report.tables[between[0]]
            used.add(between[0])


def _prefix_match(have: str, want: str) -> float:
    """How well *have* matches *want* with a department or year before one of them."""
    for longer, shorter in ((have, want), (want, have)):
        if len(shorter) >= 3 and longer.endswith(shorter) and longer != shorter:
            prefix = longer[: len(longer) - len(shorter)]
            if _OWNER_RE.search(prefix) or len(shorter) >= 8:
                return len(shorter) / len(longer)
    return 0.0


def _similar(have: str, want: str) -> float:
    """The similarity of two titles when it is high enough to be one table (else 0)."""
    if len(have) < 6 or len(want) < 6:
        return 0.0
    ratio = difflib.SequenceMatcher(None, have, want, autojunk=False).ratio()
    return ratio if ratio >= _SIMILAR else 0.0
