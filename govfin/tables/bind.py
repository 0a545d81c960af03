"""Binding: a printed grid (:class:`~govfin.tables.raw.RawTable`) becomes a typed table.

Shared by every loader.  For each table:

1. **Header.**  The header rows run down to the 栏次 row (or, when there is
   none, to the first row holding a code or a number).  Rows printed short
   of cells (merged cells, as Word's text export gives them) are spread over
   the grid: a ``项目`` / ``栏次`` cell over the label columns, a cell whose
   neighbour below is empty over one column, any other over the cells below it
   up to where their pattern repeats (``收入 | 支出`` over ``项目 行次 金额 |
   项目 行次 …``).  Each column gets its *leaf* title (the lowest header text)
   and the *groups* above it.
2. **Columns.**  Two-sided tables are split into 收入 and 支出 sides where
   ``项目`` repeats; paneled tables into panels where the code column repeats.
   Each printed column is matched to a :class:`~govfin.tables.schema.ColumnSpec`
   by its title and groups, never by position.  An unknown column is kept with
   a generated key (``col7``) and reported; a missing required column is
   reported as an error.
3. **Rows.**  A row is keyed by its classification code (``"2010301"``), else by
   the fixed line its label names (``"income.total"``), else, for a row with no
   label, by the 行次 of the national template.  Codes and 行次 stay text;
   only amount columns are parsed, exactly, keeping blank, dash and number
   apart.  A cell that is not a number is kept as printed and reported as an
   error naming file, line or page, table, row and column (or raises
   :class:`~govfin.errors.LoadError` in strict mode).

:func:`bind_document` binds every table of a :class:`~govfin.tables.raw.RawDocument`
and infers the report's department, region, year, kind and scope, and the
narrative sections.

>>> from govfin.report import Provenance
>>> from govfin.tables.raw import RawCell, RawTable
>>> grid = [["项目", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
...          "对附属单位补助支出"],
...         ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
...         ["栏次", "1", "2", "3", "4", "5", "6"],
...         ["合计", "10.5", "10.5", "0", "-", "", ""],
...         ["201", "一般公共服务支出", "10.5", "10.5", "0", "", "", ""]]
>>> raw = RawTable("支出决算表", tuple(tuple(RawCell(t) for t in r) for r in grid),
...                captions=("单位：万元",))
>>> table, problems = bind_table(raw)
>>> table.schema, [c.key for c in table.columns], problems
('final.expenditure', ['total', 'basic', 'project', 'upper_remit', 'business', 'subsidiary'], ())
>>> table.row("201").value("basic"), table.row("total").cell("upper_remit").state.value
(Decimal('10.5'), 'dash')
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from govfin.amounts import CellState, Unit
from govfin.errors import AmountError, LoadError, UnitError
from govfin.report import (
    Cell,
    Column,
    Narrative,
    Problem,
    Provenance,
    Report,
    ReportKind,
    Row,
    Scope,
    Section,
    Table,
)
from govfin.tables._vocabulary import (
    CAPTION_SPLIT_RE,
    CONTENTS_RE,
    DEPARTMENT_CAPTION_RE,
    LEADER_RE,
    NUMBERED_RE,
    SECTION_HEADING_RE,
    STATED_UNIT_RE,
    UNIT_CAPTION_RE,
)
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable
from govfin.tables.registry import recognise
from govfin.tables.schema import (
    ColumnKind,
    ColumnSpec,
    Layout,
    LineSpec,
    RowKeyKind,
    Side,
    TableSchema,
    normalise_label,
    normalise_title,
)

__all__ = ["bind_document", "bind_table", "narrative_from_paragraphs"]

_CODE_RE: Final = re.compile(r"^[0-9]{3}(?:[0-9]{2}){0,3}$")
_CODE_NAME_RE: Final = re.compile(r"^([0-9]{3}(?:[0-9]{2}){0,3})\s+(\S.*)$")
_LABEL_HEADERS: Final = frozenset({"项目", "栏次"})
_CODE_PARTS: Final = ("类", "款", "项")
_CODE_PART_SPECS: Final = tuple(
    ColumnSpec(f"code.{i + 1}", part, kind=ColumnKind.CODE, required=False)
    for i, part in enumerate(_CODE_PARTS)
)
"""The code printed in parts, one column per level (科目编码: 类 | 款 | 项)."""
_EMPTY: Final = RawCell("")
_SUBNAME: Final = ColumnSpec(
    "name.sub", "", kind=ColumnKind.NAME, required=False, description="second label column"
)
"""An untitled text column right of the label column (项目名称 printed over two levels)."""


def _norm_code(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _is_code(text: str) -> bool:
    return bool(_CODE_RE.match(_norm_code(text)))


def _is_number(text: str) -> bool:
    try:
        return Cell.parse(text).is_number
    except AmountError:
        return False


def _is_numbering_row(row: Sequence[RawCell]) -> bool:
    texts = [c.text for c in row]
    if texts and normalise_label(texts[0]) == "栏次":
        return True
    numbers = [t.strip() for t in texts if t.strip()]
    if len(numbers) < 2 or not all(n.isdigit() for n in numbers):
        return False
    return [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


@attrs.define
class _Slot:
    text: str
    cell: RawCell
    covered: bool = False  # continuation of a horizontally merged cell


def _expand(
    row: Sequence[RawCell], below: list[_Slot] | None, width: int, label_width: int | None
) -> list[_Slot]:
    """Spread a row printed with fewer cells than the grid over *width* columns."""
    n = len(row)
    if n >= width:
        return [_Slot(c.text, c) for c in row]
    out: list[_Slot] = []
    j = 0
    for idx, cell in enumerate(row):
        parents_left = n - idx
        cols_left = width - j
        if parents_left == 1:
            span = cols_left
        elif parents_left >= cols_left:
            span = 1
        elif normalise_label(cell.text) in _LABEL_HEADERS and label_width:
            span = label_width
        elif below is None:
            span = cols_left - parents_left + 1 if idx == 0 else 1
        elif not (below[j].text or below[j].covered):
            span = 1
        else:
            run = 1
            while (
                j + run < width
                and (below[j + run].text or below[j + run].covered)
                and not (below[j].text and below[j + run].text == below[j].text)
            ):
                run += 1
            span = run
        span = max(1, min(span, cols_left - (parents_left - 1)))
        out.append(_Slot(cell.text, cell))
        out.extend(_Slot("", cell, covered=True) for _ in range(span - 1))
        j += span
    return out


def _label_and_amounts(
    mapping: dict[int, ColumnSpec | str],
) -> tuple[list[int], list[int]]:
    labels = [
        j
        for j, s in mapping.items()
        if isinstance(s, ColumnSpec) and s.kind in (ColumnKind.CODE, ColumnKind.NAME)
    ]
    amounts = [j for j, s in mapping.items() if isinstance(s, ColumnSpec) and s.is_amount]
    return labels, amounts


def _join_spanning_total(
    cells: list[RawCell], seg_specs: Sequence[tuple[Side | None, dict[int, ColumnSpec | str]]]
) -> list[RawCell]:
    """A 支出 total printed once across the sides' parts (当年支出小计 | | | 13,649.07).

    When one part of a side prints a label and no figure and the next part of the
    same side prints a figure and no label, the figure belongs to the label.
    """
    out = list(cells)
    for (side_a, map_a), (side_b, map_b) in itertools.pairwise(seg_specs):
        if side_a is not side_b:
            continue
        labels_a, amounts_a = _label_and_amounts(map_a)
        labels_b, amounts_b = _label_and_amounts(map_b)
        if not (labels_a and amounts_a and amounts_b):
            continue
        if (
            any(out[j].text.strip() for j in labels_a)
            and not any(out[j].text.strip() for j in amounts_a)
            and not any(out[j].text.strip() for j in labels_b)
            and sum(1 for j in amounts_b if out[j].text.strip()) == 1
        ):
            src = next(j for j in amounts_b if out[j].text.strip())
            out[amounts_a[0]], out[src] = out[src], _EMPTY
    return out


def _expand_body(row: Sequence[RawCell], width: int) -> list[RawCell]:
    """A data row short of cells: its first cell (a label) spans the missing columns."""
    if len(row) >= width or not row:
        return list(row) + [_EMPTY] * (width - len(row))
    return [row[0], *([_EMPTY] * (width - len(row))), *row[1:]]


@attrs.frozen
class _Header:
    rows: int  # index of the first body row
    leaf: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    numbers: tuple[str, ...]
    mixed: bool = False  # the first body row also carries header titles (see _read_header)


def _label_width(numbering: Sequence[RawCell] | None, width: int) -> int | None:
    if numbering is None:
        return None
    texts = [c.text.strip() for c in numbering]
    if len(texts) < width:
        return width - len(texts) + 1
    for k, t in enumerate(texts):
        if t.isdigit():
            return k or None
    return None


def _starts_body(row: Sequence[RawCell], is_line: Callable[[str], bool]) -> bool:
    """Whether a row holds data: a code or a number, or a fixed line's label first."""
    if any(_is_code(c.text) or _is_number(c.text) for c in row):
        return True
    first = next((c.text for c in row if c.text.strip()), "")
    return bool(first) and is_line(first)


def _code_part_prefix(row: Sequence[RawCell]) -> int:
    """How many leading cells read 类, 款, 项 in order (a header line on a data row)."""
    n = 0
    while n < min(len(row), 3) and normalise_label(row[n].text) == _CODE_PARTS[n]:
        n += 1
    return n if n >= 2 else 0


def _is_mixed(row: Sequence[RawCell]) -> bool:
    """A label followed by two or more texts that are neither numbers nor codes."""
    if _code_part_prefix(row):
        return True
    texts = [c.text for c in row if c.text.strip()]
    words = [t for t in texts[1:] if not (_is_code(t) or _is_number(t))]
    return len(words) >= 2 and len(words) == len(texts) - 1


def _split_mixed(row: Sequence[RawCell]) -> tuple[list[RawCell], list[RawCell]]:
    """The header part and the data part of a row carrying both."""
    parts = _code_part_prefix(row)
    if parts:
        head = [c if k < parts else _EMPTY for k, c in enumerate(row)]
        data = [_EMPTY if k < parts else c for k, c in enumerate(row)]
        return head, data
    first = next(k for k, c in enumerate(row) if c.text.strip())
    head = [_EMPTY if k == first else c for k, c in enumerate(row)]
    data = [c if k == first else _EMPTY for k, c in enumerate(row)]
    return head, data


def _read_header(
    rows: Sequence[Sequence[RawCell]],
    width: int,
    is_line: Callable[[str], bool] = lambda _: False,
) -> _Header:
    numbering_at = next((i for i, r in enumerate(rows[:10]) if _is_numbering_row(r)), None)
    mixed = False
    if numbering_at is not None:
        header_rows = list(rows[:numbering_at])
        numbering: Sequence[RawCell] | None = rows[numbering_at]
        body_start = numbering_at + 1
    else:
        body_start = 0
        for r in rows:
            if _starts_body(r, is_line):
                break
            body_start += 1
        if body_start == len(rows):  # a blank template: every row with text is header
            body_start = max(
                (i + 1 for i, r in enumerate(rows) if any(c.text for c in r)), default=0
            )
        header_rows = list(rows[:body_start])
        numbering = None
        if body_start < len(rows) and _is_mixed(rows[body_start]):
            # A PDF grid can put a header's last line on the 合计 row (合计 | … | 合计 基本支出
            # 项目支出): its titles go to the header, its label stays in the body.
            header_rows.append(_split_mixed(rows[body_start])[0])
            mixed = True
    lw = _label_width(numbering, width)
    below: list[_Slot] | None = None
    if numbering is not None:
        below = _expand(numbering, None, width, lw)
    elif body_start < len(rows):
        below = [_Slot(c.text, c) for c in _expand_body(rows[body_start], width)]
    expanded: list[list[_Slot]] = []
    for r in reversed(header_rows):
        slots = _expand(r, below, width, lw)
        slots += [_Slot("", _EMPTY)] * (width - len(slots))
        expanded.insert(0, slots)
        below = slots
    leaf: list[str] = []
    groups: list[tuple[str, ...]] = []
    for j in range(width):
        at = next((i for i in range(len(expanded) - 1, -1, -1) if expanded[i][j].text), None)
        leaf.append(expanded[at][j].text if at is not None else "")
        above: list[str] = []
        for i in range(at if at is not None else 0):
            k = j
            while k > 0 and not expanded[i][k].text:
                k -= 1
            if expanded[i][k].text:
                above.append(expanded[i][k].text)
        groups.append(tuple(above))
    nums = (
        [s.text.strip() for s in _expand(numbering, None, width, lw)]
        if numbering is not None
        else []
    )
    nums += [""] * (width - len(nums))
    return _Header(body_start, tuple(leaf), tuple(groups), tuple(nums[:width]), mixed)


def _best_spec(specs: Sequence[ColumnSpec], path: Sequence[str]) -> ColumnSpec | None:
    """The spec whose title is deepest in the header *path*, with its groups above or below.

    Regions print the same column either as 预算数 › 合计 or as 合计 › 预算数
    (上海's 三公 table), so the groups may sit anywhere else in the path.
    """
    best: tuple[int, int] | None = None
    found: ColumnSpec | None = None
    for spec in specs:
        at = next((i for i in range(len(path) - 1, -1, -1) if spec.matches(path[i])), None)
        if at is None or not spec.matches_groups(p for k, p in enumerate(path) if k != at):
            continue
        score = (at, len(spec.groups))
        if best is None or score > best:
            best, found = score, spec
    return found


@attrs.define
class _Binder:
    raw: RawTable
    schema: TableSchema | None
    strict: bool
    problems: list[Problem] = attrs.field(factory=list)
    group: str = ""  # the upper label level of a two-level label column
    outline_rows: int = 0  # rows keyed by position (RowKeyKind.OUTLINE)

    @property
    def label(self) -> str:
        number = self.raw.number
        return f"{number} {self.raw.title}" if number else self.raw.title

    def problem(
        self,
        message: str,
        severity: str,
        *,
        row: str | None = None,
        column: str | None = None,
        provenance: Provenance | None = None,
    ) -> None:
        prov = provenance or self.raw.provenance
        if self.strict and severity == "error":
            raise LoadError(
                message,
                file=prov.file if prov else None,
                page=prov.page if prov else None,
                line=prov.line if prov else None,
                table=self.label,
                row=row,
                column=column,
            )
        self.problems.append(
            Problem(message, severity, table=self.label, row=row, column=column, provenance=prov)
        )

    def unit(self) -> Unit:
        for caption in (*self.raw.captions, self.raw.title):
            # not 编制单位：/ 预算单位：/ 填报单位：, which name the publisher
            m = UNIT_CAPTION_RE.search(unicodedata.normalize("NFKC", caption))
            if m:
                try:
                    return Unit.parse(m.group(1))
                except UnitError:
                    self.problem(f"unknown unit in caption {caption!r}", "warning")
        default = self.schema.unit if self.schema else Unit.WANYUAN
        self.problem(f"no unit caption; {default.value} assumed", "info")
        return default

    def parse_cell(self, cell: RawCell, row: str, column: str, title: str) -> Cell:
        try:
            return Cell.parse(cell.text, cell.provenance)
        except AmountError as exc:
            self.problem(
                f"column {title!r}: {exc.reason}: {cell.text!r}",
                "error",
                row=row,
                column=column,
                provenance=cell.provenance,
            )
            return Cell(cell.text, CellState.BLANK, None, cell.provenance)

    def bind(self) -> Table:
        rows = [list(r) for r in self.raw.rows]
        width = max((len(r) for r in rows), default=0)
        unit = self.unit()
        if self.schema is None:
            return self.bind_unknown(rows, width, unit)
        schema = self.schema
        labelled = any(c.kind in (ColumnKind.CODE, ColumnKind.NAME) for c in schema.columns)
        header = _read_header(
            rows, width, lambda text: labelled and schema.match_line(text) is not None
        )
        segments = self.segments(header, width)
        columns: dict[str, Column] = {}
        seg_specs: list[tuple[Side | None, dict[int, ColumnSpec | str]]] = []
        body = rows[header.rows :]
        if header.mixed:
            body[0] = _split_mixed(body[0])[1]
            self.problem(
                "header titles printed on the first data row were moved to the header", "info"
            )
        for side, cols in segments:
            mapping = self.match_columns(side, cols, header, body, width)
            seg_specs.append((side, mapping))
            for j, spec in mapping.items():
                if isinstance(spec, str):
                    columns.setdefault(spec, Column(spec, header.leaf[j], precision=None))
                elif spec.kind in (ColumnKind.AMOUNT, ColumnKind.TEXT):
                    columns.setdefault(
                        spec.key, Column(spec.key, header.leaf[j] or spec.title, spec.precision)
                    )
        out_rows: list[Row] = []
        keys: Counter[str] = Counter()
        used_lines: set[str] = set()
        for r in body:
            if self.schema.layout is Layout.PANELED and self.pair_row(r, out_rows, used_lines):
                continue
            cells = _expand_body(r, width)
            if len(seg_specs) > 2:
                cells = _join_spanning_total(cells, seg_specs)
            for side, mapping in seg_specs:
                row = self.make_row(cells, side, mapping, used_lines)
                if row is None:
                    continue
                keys[row.key] += 1
                if keys[row.key] > 1:
                    new_key = f"{row.key}#{keys[row.key]}"
                    self.problem(
                        f"row {row.key!r} printed more than once; kept as {new_key!r}",
                        "warning",
                        row=new_key,
                        provenance=row.provenance,
                    )
                    row = attrs.evolve(row, key=new_key)
                out_rows.append(row)
        if self.schema.layout is Layout.PANELED:  # panel by panel, in code order
            out_rows.sort(key=lambda rw: (rw.code is None, rw.code or ""))
        elif self.schema.layout is Layout.TWO_SIDED:  # the 收入 side, then the 支出 side
            out_rows.sort(key=lambda rw: rw.side != Side.INCOME.value)
        for line in self.schema.lines:
            if line.required and line.key not in used_lines:
                self.problem(f"line {line.label!r} not found", "warning", row=line.key)
        return Table(
            schema=self.schema.id,
            title=self.raw.title,
            unit=unit,
            columns=tuple(columns.values()),
            rows=tuple(out_rows),
            number=self.raw.number,
            notes=self.raw.notes,
            provenance=self.raw.provenance,
        )

    def segments(self, header: _Header, width: int) -> list[tuple[Side | None, list[int]]]:
        assert self.schema is not None
        layout = self.schema.layout
        if layout is Layout.SIMPLE:
            return [(None, list(range(width)))]
        if layout is Layout.TWO_SIDED:
            item = next(c for c in self.schema.columns if c.kind is ColumnKind.NAME)
            starts = [j for j in range(width) if item.matches(header.leaf[j])]
            if len(starts) >= 2:
                # 收入 | 支出, or 收入 | 支出 by 功能分类 | 支出 by 用途 (江苏): every repeat
                # of the item column after the first starts a part of the 支出 side.
                bounds = [0, *starts[1:], width]
                return [
                    (Side.INCOME if k == 0 else Side.EXPENDITURE, list(range(a, b)))
                    for k, (a, b) in enumerate(itertools.pairwise(bounds))
                ]
            self.problem("cannot tell the 收入 side from the 支出 side", "error")
            return [(Side.INCOME, list(range(width)))]
        code = next(c for c in self.schema.columns if c.kind is ColumnKind.CODE)
        starts = [
            j
            for j in range(width)
            if code.matches(header.leaf[j]) or normalise_label(header.leaf[j]) == _CODE_PARTS[0]
        ] or [0]
        starts[0] = 0
        bounds = [*starts, width]
        return [(None, list(range(a, b))) for a, b in itertools.pairwise(bounds)]

    def match_columns(
        self,
        side: Side | None,
        cols: list[int],
        header: _Header,
        body: Sequence[Sequence[RawCell]],
        width: int,
    ) -> dict[int, ColumnSpec | str]:
        assert self.schema is not None
        specs = [c for c in self.schema.columns if side is None or c.side in (None, side)]
        used: set[str] = set()
        mapping: dict[int, ColumnSpec | str] = {}
        for j in cols:
            leaf = header.leaf[j]
            part = next((p for p in _CODE_PART_SPECS if p.matches(leaf)), None)
            if part is not None and part.key not in used:
                used.update({part.key, *(c.key for c in specs if c.kind is ColumnKind.CODE)})
                mapping[j] = part
                continue
            best = _best_spec([s for s in specs if s.key not in used], (*header.groups[j], leaf))
            if best is not None:
                used.add(best.key)
                mapping[j] = best
                continue
            has_data = any(j < len(r) and r[j].text.strip() for r in body)
            if not leaf and not has_data:
                continue
            prev = mapping.get(j - 1)
            if (
                not leaf
                and isinstance(prev, ColumnSpec)
                and prev.kind is ColumnKind.NAME
                and prev is not _SUBNAME
                and not any(
                    j < len(r) and (_is_number(r[j].text) or _is_code(r[j].text)) for r in body
                )
            ):
                mapping[j] = _SUBNAME  # the label's second level (一般公共预算资金 | 小计)
                continue
            key = f"col{j + 1}" if side is None else f"{side.value}_col{j + 1}"
            mapping[j] = key
            self.problem(
                f"unknown column {leaf!r} kept as {key!r}" if leaf else f"untitled column {key!r}",
                "warning",
                column=key,
            )
        for s in specs:
            if s.required and s.key not in used:
                self.problem(f"missing column {s.title!r}", "error", column=s.key)
        return mapping

    def pair_row(self, r: Sequence[RawCell], out: list[Row], used: set[str]) -> bool:
        """A row of ``label value label value`` (人员经费合计 340.64 公用经费合计 385.74)."""
        assert self.schema is not None
        cells = [c for c in r if c.text.strip()]
        if not any(self.schema.match_line(c.text) for c in cells):
            return False
        amount = next((c for c in self.schema.amount_columns), None)
        col = amount.key if amount else "amount"
        k = 0
        while k < len(cells):
            spec = self.schema.match_line(cells[k].text)
            if spec is None:
                self.problem(f"unexpected text {cells[k].text!r}", "warning", row=None)
                k += 1
                continue
            used.add(spec.key)
            value = cells[k + 1] if k + 1 < len(cells) else _EMPTY
            is_value = k + 1 < len(cells) and self.schema.match_line(value.text) is None
            cell = self.parse_cell(value, spec.key, col, col) if is_value else Cell.blank()
            out.append(Row(spec.key, cells[k].text, {col: cell}, provenance=cells[k].provenance))
            k += 2 if is_value else 1
        return True

    def line_for(
        self, label: str, line_no: str | None, side: Side | None, used: set[str]
    ) -> LineSpec | None:
        assert self.schema is not None
        sides = (None, side)
        if normalise_label(label):
            for spec in self.schema.lines:
                if spec.key not in used and spec.side in sides and spec.matches(label):
                    return spec
            return None
        if line_no:
            for spec in self.schema.lines:
                if spec.key not in used and spec.side in sides and spec.line_no == line_no:
                    return spec
        return None

    def line_key(
        self,
        label_text: str,
        line_no: str,
        side: Side | None,
        mapping: dict[int, ColumnSpec | str],
        used_lines: set[str],
        *,
        has_values: bool,
        first: RawCell,
        alternatives: Sequence[str] = (),
        outline: bool = False,
    ) -> str | None:
        """The key of a row that has no code: its fixed line, else a generated key.

        *alternatives* are shorter readings of a two-level label (the lower level alone).
        """
        assert self.schema is not None
        line = self.line_for(label_text, line_no or None, side, used_lines)
        for alt in alternatives:
            if line is not None:
                break
            line = self.line_for(alt, None, side, used_lines)
        has_labels = any(
            isinstance(s, ColumnSpec) and s.kind in (ColumnKind.CODE, ColumnKind.NAME)
            for s in mapping.values()
        )
        if line is None and not has_labels and has_values:
            # A table with no label column (公开09表): its one data line.
            line = next((ln for ln in self.schema.lines if ln.key not in used_lines), None)
        if line is not None:
            used_lines.add(line.key)
            return line.key
        if self.schema.row_key is RowKeyKind.OUTLINE:
            if not has_values and not normalise_label(label_text) and not outline:
                return None
            self.outline_rows += 1
            return f"r{self.outline_rows}"
        prefix = f"{side.value}." if side else ""
        if normalise_label(label_text):
            key = f"{prefix}{normalise_label(label_text)}"
            self.problem(
                f"unknown line {label_text!r}", "warning", row=key, provenance=first.provenance
            )
            return key
        if not has_values and not line_no:
            return None
        key = f"{prefix}{line_no}" if line_no else f"{prefix}row{len(used_lines)}"
        if has_values:
            self.problem("row without a label", "warning", row=key, provenance=first.provenance)
        return key

    def make_row(  # noqa: PLR0915 - one pass over the cells of a printed row
        self,
        cells: Sequence[RawCell],
        side: Side | None,
        mapping: dict[int, ColumnSpec | str],
        used_lines: set[str],
    ) -> Row | None:
        assert self.schema is not None
        code_text = name = label_text = line_no = sub = ""
        parts: list[str] = []
        amount_cols: list[tuple[int, str, str, bool]] = []
        for j, spec in mapping.items():
            text = cells[j].text
            if isinstance(spec, str):
                amount_cols.append((j, spec, spec, False))
            elif spec.kind is ColumnKind.CODE and spec.key.startswith("code."):
                parts.append(_norm_code(text))
            elif spec.kind is ColumnKind.CODE:
                code_text = text
            elif spec is _SUBNAME:
                sub = text
            elif spec.kind is ColumnKind.NAME:
                name = text
            elif spec.kind is ColumnKind.LINE_NO:
                line_no = unicodedata.normalize("NFKC", text).strip()  # ６２ is 62
            else:
                amount_cols.append((j, spec.key, spec.title, spec.is_amount))
        if parts and parts[0]:
            code_text = "".join(p for p in parts if p)
        elif parts:
            code_text = "\n".join(p for p in parts if p)
        seg = sorted(mapping)
        first = cells[seg[0]] if seg else _EMPTY
        has_values = any(cells[j].text.strip() for j, *_ in amount_cols)
        code: str | None = None
        m = _CODE_NAME_RE.match(unicodedata.normalize("NFKC", code_text).strip())
        if _is_code(code_text):
            code = _norm_code(code_text)
            label_text = name
        elif m and not name:
            code, label_text = m.group(1), m.group(2)
        else:
            label_text = "\n".join(t for t in (code_text, name) if t.strip())
        alternatives: tuple[str, ...] = ()
        if _SUBNAME in mapping.values():
            # two label levels: the upper one (printed once) holds for the rows below
            if name.strip():
                self.group = name.strip()
            group = self.group if not name.strip() else name.strip()
            if sub.strip():
                label_text = f"{group}\n{sub.strip()}" if group else sub.strip()
                alternatives = (sub.strip(),) if group else ()
        key = (
            code
            if code is not None
            else self.line_key(
                label_text,
                line_no,
                side,
                mapping,
                used_lines,
                has_values=has_values,
                first=first,
                alternatives=alternatives,
                outline=any(
                    cells[j].text.strip() for j, _k, _t, is_amount in amount_cols if not is_amount
                ),
            )
        )
        if not label_text.strip() and self.schema.row_key is RowKeyKind.OUTLINE:
            label_text = next(
                (
                    cells[j].text
                    for j, _k, _t, is_amount in amount_cols
                    if not is_amount and cells[j].text.strip()
                ),
                "",
            )
        if key is None:
            return None  # nothing printed in this row
        line = self.schema.line(key) if code is None else None
        if line is not None:
            code = line.code
            label_text = label_text or line.label
        values: dict[str, Cell] = {}
        for j, col_key, title, is_amount in amount_cols:
            cell = cells[j]
            if is_amount:
                values[col_key] = self.parse_cell(cell, key, col_key, title)
            else:
                values[col_key] = _text_cell(cell)
        return Row(
            key,
            label_text.strip(),
            values,
            code=code,
            line_no=line_no or None,
            side=side.value if side else None,
            provenance=first.provenance,
        )

    def bind_unknown(self, rows: list[list[RawCell]], width: int, unit: Unit) -> Table:
        header = _read_header(rows, width) if rows else _Header(0, (), (), ())
        columns = tuple(Column(f"col{j + 1}", header.leaf[j], None) for j in range(width))
        out: list[Row] = []
        for i, r in enumerate(rows[header.rows :], start=1):
            cells = _expand_body(r, width)
            if not any(c.text.strip() for c in cells):
                continue
            code = next((_norm_code(c.text) for c in cells[:2] if _is_code(c.text)), None)
            label = next((c.text for c in cells if c.text.strip() and not _is_number(c.text)), "")
            values = {f"col{j + 1}": _text_cell(c) for j, c in enumerate(cells)}
            out.append(Row(f"r{i}", label, values, code=code, provenance=cells[0].provenance))
        self.problem(
            f"table not recognised: {self.label!r}; kept as printed ({len(out)} rows)", "warning"
        )
        return Table(
            schema=None,
            title=self.raw.title,
            unit=unit,
            columns=columns,
            rows=tuple(out),
            number=self.raw.number,
            notes=self.raw.notes,
            provenance=self.raw.provenance,
        )


def _text_cell(cell: RawCell) -> Cell:
    """A cell of a column govfin does not know: a number if it reads as one, else text."""
    try:
        return Cell.parse(cell.text, cell.provenance)
    except AmountError:
        return Cell(cell.text, CellState.BLANK, None, cell.provenance)


def _header_rows(rows: Sequence[Sequence[RawCell]]) -> Sequence[Sequence[RawCell]]:
    """The rows above the first one holding a figure or a code (the header, for recognition).

    Row labels below the header (事业收入, 其他收入 …) must not vote for a schema
    whose columns bear those names.
    """
    for i, r in enumerate(rows):
        if any(_is_code(c.text) or _is_number(c.text) for c in r):
            return rows[:i] if i else rows[:1]
    return rows


def bind_table(
    raw: RawTable, schema: TableSchema | None = None, *, strict: bool = False
) -> tuple[Table, tuple[Problem, ...]]:
    """Bind a printed table to *schema* (recognised from title and header when ``None``).

    Returns:
        The typed table (``schema=None`` when unrecognised, every row kept) and
        the problems met, each naming the table, row, column and provenance.

    Raises:
        LoadError: in *strict* mode, at the first cell that is not a number or
            the first missing column.
    """
    if schema is None:
        header_texts = [c.text for r in _header_rows(raw.rows[:6]) for c in r]
        schema = recognise(raw.title or " ".join(raw.captions), header_texts)
    binder = _Binder(raw, schema, strict)
    table = binder.bind()
    return table, tuple(binder.problems)


def _is_heading(text: str) -> bool:
    t = text.strip()
    if len(t) > 40 or t.endswith(("。", "；", "：", ":", ";")):
        return False
    return bool(SECTION_HEADING_RE.match(t))


def _entry_key(text: str) -> str:
    """A contents entry or heading without dot leaders, page number and spaces."""
    text = LEADER_RE.sub("", unicodedata.normalize("NFKC", text).strip())
    return re.sub(r"\s+", "", text)


def _is_entry(text: str) -> bool:
    """A line shaped like a contents entry: a heading, ``1.…``, or ending in leaders."""
    t = text.strip()
    return _is_heading(LEADER_RE.sub("", t)) or bool(NUMBERED_RE.match(t) or LEADER_RE.search(t))


def _is_contents_line(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(LEADER_RE.sub("", t)) <= 60 and not re.search(r"[。；;]", t)


def narrative_from_paragraphs(paragraphs: Sequence[RawParagraph]) -> Narrative:
    """Group paragraphs into sections under headings like ``一、…``, ``（一）…``, ``第三部分``.

    Text before the first heading is a section with an empty heading.  The
    entries of a contents list (after a ``目录`` line) are one section headed
    ``目录``, one entry a line, not empty sections of their own: the list ends
    where a listed heading recurs, or where body text begins (a title line just
    before the body text belongs to the body).

    >>> n = narrative_from_paragraphs([RawParagraph("一、收入决算情况说明"),
    ...                                RawParagraph("收入合计972.81万元。")])
    >>> n.find("收入决算").text
    '收入合计972.81万元。'
    >>> n = narrative_from_paragraphs([RawParagraph(t) for t in (
    ...     "目 录", "一、收入决算情况说明 ……… 3", "二、支出决算情况说明 ……… 4",
    ...     "一、收入决算情况说明", "收入合计972.81万元。")])
    >>> [s.heading for s in n.sections], n.find("收入决算").text
    (['目录', '一、收入决算情况说明'], '收入合计972.81万元。')
    """
    sections: list[Section] = []
    heading: str = ""
    prov: Provenance | None = None
    body: list[str] = []
    started = False
    contents: list[str] | None = None  # the entries, while reading a contents list
    listed: set[str] = set()
    for p in paragraphs:
        if contents is not None:
            key = _entry_key(p.text)
            if _is_heading(p.text) and key in listed:
                sections.append(Section("目录", "\n".join(contents), prov))
                contents = None
            elif _is_contents_line(p.text):
                contents.append(p.text.strip())
                if _is_entry(p.text):
                    listed.add(key)
                continue
            else:  # body text: the title lines just before it are the body's
                tail: list[str] = []
                while contents and not _is_entry(contents[-1]):
                    tail.insert(0, contents.pop())
                sections.append(Section("目录", "\n".join(contents), prov))
                contents = None
                heading, prov, body, started = "", p.provenance, [*tail, p.text], True
                continue
        if CONTENTS_RE.match(unicodedata.normalize("NFKC", p.text).strip()):
            if started or body:
                sections.append(Section(heading, "\n".join(body), prov))
            heading, prov, body, started = "", p.provenance, [], False
            contents, listed = [], set()
        elif _is_heading(p.text):
            if started or body:
                sections.append(Section(heading, "\n".join(body), prov))
            heading, prov, body, started = p.text.strip(), p.provenance, [], True
        else:
            if not started and prov is None:
                prov = p.provenance
            body.append(p.text)
    if contents is not None:
        sections.append(Section("目录", "\n".join(contents), prov))
    elif started or body:
        sections.append(Section(heading, "\n".join(body), prov))
    return Narrative(tuple(sections))


_REGION_RE: Final = re.compile(
    r"^((?:[^省市区县旗州盟]{1,7}(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|旗))+)"
)
_YEAR_RE: Final = re.compile(r"(20[0-9]{2})\s*年")
_COVER_RE: Final = re.compile(
    r"^(?!第)(\S{2,40}?)\s*20[0-9]{2}\s*年度?\s*(?:部门|单位)?\s*(?:预算|决算)(?:公开)?$"
)


def _department(raw: RawDocument) -> str | None:
    found: Counter[str] = Counter()
    for t in raw.tables:
        for caption in t.captions:
            m = DEPARTMENT_CAPTION_RE.match(unicodedata.normalize("NFKC", caption).strip())
            if m and m.group(1) and "单位:" not in m.group(1):
                found[m.group(1)] += 1
    if found:
        return found.most_common(1)[0][0]
    for p in raw.paragraphs[:20]:  # a cover line: 上海市普陀区财政局2024年度部门决算
        m = _COVER_RE.match(unicodedata.normalize("NFKC", p.text).strip())
        if m:
            return m.group(1).strip()
    return None


def _year(raw: RawDocument) -> int | None:
    texts = [t.title for t in raw.tables] + [p.text for p in raw.paragraphs[:80]]
    found: Counter[int] = Counter()
    for text in texts:
        if ("决算" in text or "预算" in text) and len(text) <= 80:
            for m in _YEAR_RE.finditer(text):
                found[int(m.group(1))] += 1
    return found.most_common(1)[0][0] if found else None


def _kind(tables: Sequence[Table], raw: RawDocument) -> ReportKind:
    from govfin.tables.registry import get_schema  # noqa: PLC0415

    kinds = Counter(get_schema(t.schema).kind for t in tables if t.schema)
    if kinds:
        return kinds.most_common(1)[0][0]
    text = " ".join([t.title for t in raw.tables] + [p.text for p in raw.paragraphs[:20]])
    return ReportKind.BUDGET if text.count("预算") > text.count("决算") else ReportKind.FINAL


def _scope(raw: RawDocument) -> Scope:
    """单位 when the titles say 单位 (单位预算, 预算单位…) more often than 部门."""
    titles = [t.title for t in raw.tables if t.title]
    unit = sum("单位" in t for t in titles)
    dept = sum("部门" in t for t in titles)
    if unit == dept:  # the titles do not say: look at the headings
        heads = [p.text for p in raw.paragraphs[:30] if len(p.text) < 60]
        unit = sum(len(re.findall(r"单位(?:预算|决算)|预算单位", h)) for h in heads)
        dept = sum(len(re.findall(r"部门(?:预算|决算)", h)) for h in heads)
    return Scope.UNIT if unit > dept else Scope.DEPARTMENT


def _header_texts(rt: RawTable) -> list[str]:
    return [c.text for r in _header_rows(rt.rows[:6]) for c in r]


def _page(item: RawTable | RawParagraph) -> int | None:
    return item.provenance.page if item.provenance is not None else None


def _with_stray_titles(raw: RawDocument) -> list[RawTable]:
    """The tables, each with its title and unit caption where the loader left them as prose.

    A title that wraps (``…培训费支出预`` / ``算表``), or that shares its line with
    ``部门：…`` and ``单位：万元``, can reach binding as a paragraph of the table's
    page (or the end of the page before).  A table whose own title is not
    recognised takes the first such paragraph (alone, or joined to the printed
    fragment) that names a schema no other table of the document has; a unit
    caption on the same page comes with it.
    """
    tables = list(raw.tables)
    taken = {
        s.id
        for rt in tables
        if (s := recognise(rt.title or " ".join(rt.captions), _header_texts(rt)))
    }
    by_page: dict[int, list[str]] = {}
    for p in raw.paragraphs:
        page = _page(p)
        if page is not None:
            by_page.setdefault(page, []).append(unicodedata.normalize("NFKC", p.text).strip())
    first_on_page: set[int] = set()
    seen_pages: set[int | None] = set()
    for i, rt in enumerate(tables):
        if _page(rt) not in seen_pages:
            first_on_page.add(i)
            seen_pages.add(_page(rt))
    for i, rt in enumerate(tables):
        page = _page(rt)
        if page is None or recognise(rt.title or " ".join(rt.captions), _header_texts(rt)):
            continue
        texts = list(reversed(by_page.get(page, [])))
        if i in first_on_page:
            texts += list(reversed(by_page.get(page - 1, [])[-3:]))
        for text in texts:
            head = CAPTION_SPLIT_RE.split(text)[0].strip()
            if not head or len(head) > 60:
                continue
            for title in (f"{head}{rt.title}", head):
                schema = recognise(title, _header_texts(rt))
                if schema is None or schema.id in taken:
                    continue
                captions = rt.captions
                if not any(STATED_UNIT_RE.search(c) for c in captions):
                    unit = next(
                        (
                            m.group(0)
                            for t in by_page.get(page, [])
                            if (m := STATED_UNIT_RE.search(t))
                        ),
                        None,
                    )
                    captions = (*captions, unit) if unit else captions
                tables[i] = attrs.evolve(rt, title=title, captions=captions)
                taken.add(schema.id)
                break
            else:
                continue
            break
    return tables


def _width(rt: RawTable) -> int:
    return max((len(r) for r in rt.rows), default=0)


def _recognised(rt: RawTable) -> bool:
    return recognise(rt.title or " ".join(rt.captions), _header_texts(rt)) is not None


def _join_continuations(tables: Sequence[RawTable]) -> tuple[list[RawTable], list[Problem]]:
    """Tables continued on the next page, joined to the table they continue.

    A table that is the first of its page, has as many columns as a recognised
    table ending the page before, and either repeats its title or is not
    recognised and has no caption, continues it: its rows (less a repeated
    header) are appended.  A "title" the loader
    took from the continued grid's first line is put back as a row when it
    splits into one text per column, else kept as a problem (never dropped).
    """
    out: list[RawTable] = []
    problems: list[Problem] = []
    last_page: int | None = None
    for rt in tables:
        page = _page(rt)
        first = page is not None and page != last_page
        last_page = page if page is not None else last_page
        prev = out[-1] if out else None
        repeated = (
            prev is not None
            and bool(normalise_title(rt.title))
            and normalise_title(rt.title) == normalise_title(prev.title)
        )
        if (
            prev is None
            or not first
            or page is None
            or _page(prev) is None
            or page - (_page(prev) or 0) != 1
            or (not repeated and (rt.captions or _recognised(rt)))
            or not _recognised(prev)
            or _width(rt) != _width(prev)
        ):
            out.append(rt)
            continue
        rows = list(rt.rows)
        header = [tuple(c.text for c in r) for r in prev.rows[:3]]
        while rows and tuple(c.text for c in rows[0]) in header:
            rows.pop(0)
        title = "" if repeated else rt.title.strip()
        if title:
            tokens = title.split()
            if len(tokens) == _width(prev) and any(_is_number(t) or _is_code(t) for t in tokens):
                rows.insert(0, tuple(RawCell(t, rt.provenance) for t in tokens))
            else:
                problems.append(
                    Problem(
                        f"text {title!r} printed above the continuation of the table on page "
                        f"{page} could not be placed in its grid",
                        "warning",
                        table=prev.title,
                        provenance=rt.provenance,
                    )
                )
        out[-1] = attrs.evolve(prev, rows=(*prev.rows, *rows), notes=(*prev.notes, *rt.notes))
    return out, problems


def bind_document(raw: RawDocument, *, strict: bool = False) -> Report:
    """Bind every table of a loaded document and build the :class:`~govfin.report.Report`.

    The department comes from the ``部门：`` captions, the year from the titles
    and headings, the kind (决算 / 预算) from the recognised tables, the scope
    (部门 / 单位) from the titles; the narrative from the paragraphs.  Problems
    of the loader and of binding are kept in :attr:`Report.problems`.

    Raises:
        LoadError: in *strict* mode, at the first unreadable cell or missing column.
    """
    tables: list[Table] = []
    problems: list[Problem] = list(raw.problems)
    joined, notes = _join_continuations(_with_stray_titles(raw))
    problems.extend(notes)
    for rt in joined:
        table, found = bind_table(rt, strict=strict)
        tables.append(table)
        problems.extend(found)
    department = _department(raw)
    region = None
    if department:
        m = _REGION_RE.match(department)
        region = m.group(1) if m else None
    return Report(
        kind=_kind(tables, raw),
        tables=tuple(tables),
        department=department,
        region=region,
        year=_year(raw),
        scope=_scope(raw),
        narrative=narrative_from_paragraphs(raw.paragraphs),
        source=raw.source,
        problems=tuple(problems),
    )
