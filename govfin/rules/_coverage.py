"""Coverage: what a check actually read and checked, so that nothing unread looks clean."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from govfin.amounts import CellState
from govfin.report import Report, ReportKind, Table
from govfin.tables import BUDGET_IDS, FINAL_IDS
from govfin.tables.registry import get_schema, recognise
from govfin.tables.schema import normalise_title

__all__ = [
    "CONTENTS",
    "SCHEMA_SET",
    "Coverage",
    "expected_tables",
    "listed_tables",
    "measure_coverage",
]

CONTENTS: Final = "contents"
""":attr:`Coverage.expected_from` when the document's 目录 lists the tables it holds."""

SCHEMA_SET: Final = "schema set"
""":attr:`Coverage.expected_from` when there is no 目录: the standard set of the report's kind."""

_LEADER_RE: Final = re.compile(r"\s*(?:[.．·…⋯_]{2,}|…+|-{3,})\s*\d*\s*$|\s+\d+\s*$")
_ORDINAL_RE: Final = re.compile(
    r"^\s*(?:[（(][0-9一二三四五六七八九十]+[）)]\s*|[0-9一二三四五六七八九十]+\s*[.．、:：)）]\s*"
    r"|(?:公开|附|预算|决算)?表\s*[0-9一二三四五六七八九十]+(?:-[0-9]+)?\s*[.．、:：]?\s*"
    r"|(?:公开|预算|决算|附)?[0-9]+(?:-[0-9]+)?表\s*)+"
)
_PART_RE: Final = re.compile(r"^第[0-9一二三四五六七八九十]+(?:部分|章|篇)")
_GROUP_RE: Final = re.compile(r"(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报)?表(?:格)?$")
_TABLE_WORDS_RE: Final = re.compile(r"收|支|拨款|经费|采购|资产|基金|资本|绩效|明细")
_PAREN_RE: Final = re.compile(r"\([^()]*\)$")
_OWNER_RE: Final = re.compile(r"(?:年度?|部门|单位|本级|汇总)$")
_SIMILAR: Final = 0.85
_ENTRY_LENGTH: Final = 40  # a 目录 entry is short; a longer line is prose


def _core(line: str) -> str:
    """A 目录 line without dot leaders, page number and leading number (公开表一, 1., 一、)."""
    text = unicodedata.normalize("NFKC", line).strip()
    text = _LEADER_RE.sub("", text).strip()
    return _ORDINAL_RE.sub("", text).strip()


def _is_table_entry(line: str) -> bool:
    text = unicodedata.normalize("NFKC", line).strip()
    if _PART_RE.match(text):
        return False  # 第二部分 2018年度部门预算表: the heading of the part, not a table
    core = _core(line)
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

    >>> from govfin.report import Narrative, Section
    >>> r = Report(ReportKind.BUDGET, (), narrative=Narrative((Section("目录", "\n".join([
    ...     "第一部分 部门概况", "第二部分 2018年度部门预算表", "公开表一 收支预算总表 ........ 5",
    ...     "2.收入预算总表", "五、部门预算表", "第三部分 情况说明"])),)))
    >>> listed_tables(r)
    ('公开表一 收支预算总表', '2.收入预算总表')
    """
    best: list[str] = []
    for lines in _contents_lists(report):
        out: list[str] = []
        seen: set[str] = set()
        for line in lines:
            if _is_table_entry(line) and _core(line) not in seen:
                seen.add(_core(line))
                out.append(_LEADER_RE.sub("", unicodedata.normalize("NFKC", line).strip()).strip())
        if len(out) > len(best):
            best = out
    return tuple(best)


def _contents_lists(report: Report) -> Iterator[list[str]]:
    """The lines of each 目录 section, with those of the short sections right after it.

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
        yield lines


def _norm(text: str) -> str:
    return _PAREN_RE.sub("", normalise_title(_core(text))).strip()


def _match(entries: Sequence[str], report: Report) -> list[Table | None]:
    """The table of *report* each 目录 entry names (``None`` when not found), one-to-one.

    First by schema (the entry's title recognised as the schema of a table
    present) or by equal titles; then, among the tables left, a title printed
    with a department or year before it, or a shorter or slightly different
    wording of the same title (``政府性基金财政拨款支出预算表`` for
    ``政府性基金预算财政拨款支出预算表``); last, by position (:func:`_by_position`).
    """
    out: list[Table | None] = [None] * len(entries)
    used: set[int] = set()
    norms = [_norm(t.title) for t in report.tables]
    wants = [_norm(e) for e in entries]
    for i, entry in enumerate(entries):
        schema = recognise(_core(entry), kind=report.kind)
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


def _figures(report: Report) -> int:
    return sum(
        1
        for table in report.tables
        for row in table.rows
        for cell in row.cells.values()
        if cell.state is CellState.NUMBER
    )


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class Coverage:
    """What a check actually read and checked of a report (or of several, added with ``+``).

    *tables_expected* is the number of tables the report should hold: those its
    目录 lists (*expected_from* ``"contents"``) or, without a 目录, the standard
    set of its kind (``"schema set"``: the nine 决算 公开表 or the 预算 set).
    *tables_found* of them were found in the document, *tables_recognised*
    tables were bound to a standard schema (and so checked), and
    *tables_unrecognised* were kept as printed without a check.  *missing*
    names the expected tables that were not found.  *figures_read* counts the
    numeric cells read, *figures_checked* the comparisons the rules ran
    (exact, residues and inconsistencies; not those of the load and structure
    rules), *parts_unreadable* the error-level problems met while loading (a
    cell that could not be read, a column lost).

    The coverage is :attr:`complete` when a standard table was recognised,
    every expected table was found and nothing was unreadable; otherwise
    :meth:`shortfalls` says why, and rule ``GF-S004`` reports it as an error.

    >>> c = Coverage(tables_expected=9, tables_found=9, tables_recognised=9,
    ...              figures_read=412, figures_checked=187)
    >>> c.complete, c.line()
    (True, 'coverage: 9/9 tables recognised (schema set), 412 figures read, 187 checked')
    >>> Coverage(tables_expected=12, expected_from="contents", missing=("收支预算总表",)).line(
    ...     checked=False)
    'coverage: 0/12 tables recognised (contents), 1 missing: 收支预算总表, 0 figures read'
    """

    tables_expected: int = 0
    tables_found: int = 0
    tables_recognised: int = 0
    tables_unrecognised: int = 0
    expected_from: str = SCHEMA_SET
    missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    figures_read: int = 0
    figures_checked: int = 0
    parts_unreadable: int = 0
    reports: int = 1

    @property
    def complete(self) -> bool:
        """Whether everything expected was read: no :meth:`shortfalls`."""
        return not self.shortfalls()

    def shortfalls(self) -> tuple[str, ...]:
        """Why the coverage is not complete, one Chinese sentence each (empty when complete)."""
        out: list[str] = []
        if self.tables_recognised == 0:
            out.append(
                f"未识别出任何标准公开表（应有{self.tables_expected}张），未能核对任何数字"
                "（表格如在另一文件中发布，请与之作为一份报告读取：--one-report）"
            )
        if self.missing and self.tables_found:
            where = "目录所列" if self.expected_from == CONTENTS else "应公开的"
            out.append(
                f"{where}{self.tables_expected}张表中有{len(self.missing)}张未找到："
                + "、".join(self.missing[:12])
                + ("等" if len(self.missing) > 12 else "")
            )
        if self.parts_unreadable:
            out.append(f"有{self.parts_unreadable}处内容未能读取")
        return tuple(out)

    def line(self, *, checked: bool = True) -> str:
        """One line for a verdict: ``coverage: 7/9 tables recognised (contents), …``.

        *checked* false leaves out the number of figures checked (for a rule
        that runs before the others have counted theirs).
        """
        recognised = f"{self.tables_recognised}/{self.tables_expected} tables recognised"
        parts = [f"coverage: {recognised} ({self.expected_from})"]
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (", …" if len(self.missing) > 5 else "")
            parts.append(f"{len(self.missing)} missing: {shown}")
        if self.tables_unrecognised:
            parts.append(f"{self.tables_unrecognised} not recognised")
        if self.parts_unreadable:
            parts.append(f"{self.parts_unreadable} unreadable")
        parts.append(
            f"{self.figures_read} figures read"
            + (f", {self.figures_checked} checked" if checked else "")
        )
        if self.reports != 1:
            parts.append(f"{self.reports} reports")
        return ", ".join(parts)

    def describe(self) -> str:
        """The :meth:`line`, followed by the :meth:`shortfalls` when there are any."""
        gaps = self.shortfalls()
        return self.line() + ("" if not gaps else " — " + "；".join(gaps))

    def as_dict(self) -> dict[str, Any]:
        """The coverage as a JSON object (every field, plus ``complete``)."""
        out = attrs.asdict(self)
        out["missing"] = list(self.missing)
        out["complete"] = self.complete
        return out

    def __add__(self, other: Coverage) -> Coverage:
        both = {self.expected_from, other.expected_from}
        return Coverage(
            tables_expected=self.tables_expected + other.tables_expected,
            tables_found=self.tables_found + other.tables_found,
            tables_recognised=self.tables_recognised + other.tables_recognised,
            tables_unrecognised=self.tables_unrecognised + other.tables_unrecognised,
            expected_from=both.pop() if len(both) == 1 else "mixed",
            missing=self.missing + other.missing,
            figures_read=self.figures_read + other.figures_read,
            figures_checked=self.figures_checked + other.figures_checked,
            parts_unreadable=self.parts_unreadable + other.parts_unreadable,
            reports=self.reports + other.reports,
        )


def _schema_name(schema_id: str) -> str:
    try:
        titles = get_schema(schema_id).titles
    except KeyError:
        return schema_id
    return titles[0] if titles else schema_id


def expected_tables(report: Report) -> Iterator[tuple[str, Table | None]]:
    """Each table the report should hold (its name) and the table found for it, or ``None``.

    The tables its 目录 lists (:func:`listed_tables`), else the standard set of
    its kind (:data:`~govfin.tables.FINAL_IDS` or :data:`~govfin.tables.BUDGET_IDS`);
    a report that holds tables of another set (another region's) and no 目录 is
    expected to hold the standard tables it holds.
    """
    listed = listed_tables(report)
    if listed:
        yield from zip((_core(e) for e in listed), _match(listed, report), strict=True)
        return
    wanted = FINAL_IDS if report.kind is ReportKind.FINAL else BUDGET_IDS
    present = {t.schema for t in report.tables if t.schema is not None}
    if present - set(wanted):
        # Another region's table set (江苏 2017: 收入预算总表 by source …): without a
        # 目录 what it should hold is not known, so only what was found is expected.
        for table in report.tables:
            if table.schema is not None:
                yield _schema_name(table.schema), table
        return
    for schema in wanted:
        yield _schema_name(schema), report.get_table(schema)


def measure_coverage(report: Report, *, figures_checked: int = 0) -> Coverage:
    """The :class:`Coverage` of *report*: expected tables found, recognised, figures read.

    *figures_checked* is filled in by :func:`govfin.rules.check` (the
    comparisons its rules ran).

    >>> from govfin.io import load_example
    >>> c = measure_coverage(load_example())
    >>> c.tables_recognised, c.tables_expected, c.expected_from, c.complete
    (9, 9, 'schema set', True)
    """
    expected = list(expected_tables(report))
    missing = tuple(name for name, table in expected if table is None)
    return Coverage(
        tables_expected=len(expected),
        tables_found=len(expected) - len(missing),
        tables_recognised=len({t.schema for t in report.tables if t.schema is not None}),
        tables_unrecognised=len(report.unrecognised),
        expected_from=CONTENTS if listed_tables(report) else SCHEMA_SET,
        missing=missing,
        figures_read=_figures(report),
        figures_checked=figures_checked,
        parts_unreadable=sum(1 for p in report.problems if p.severity == "error"),
    )
