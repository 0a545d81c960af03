"""Binding one printed grid: its header, its columns matched to the schema, its rows keyed.

See :mod:`govfin.tables.bind` for the steps.
"""

from __future__ import annotations

import functools
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
    Problem,
    Provenance,
    Row,
    Table,
)
from govfin.tables._vocabulary import (
    UNIT_CAPTION_RE,
)
from govfin.tables.raw import RawCell, RawTable
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
)

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


@functools.lru_cache(maxsize=8192)
def _norm_code(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@functools.lru_cache(maxsize=8192)
def _is_code(text: str) -> bool:
    return bool(_CODE_RE.match(_norm_code(text)))


@functools.lru_cache(maxsize=8192)  # (a row's cells are asked several times while binding)
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


@attrs.frozen
class _RowPlan:
    """Where a segment's row keeps what :meth:`_Binder.make_row` reads, by column index.

    Worked out once per segment from its column mapping, not once per row.
    """

    parts: tuple[int, ...]
    """The columns of a code printed in parts (类 | 款 | 项), in mapping order."""
    code: int | None
    """The code column (the last, when several)."""
    name: int | None
    sub: int | None
    """The label's second level (:data:`_SUBNAME`)."""
    line_no: int | None
    amounts: tuple[tuple[int, str, str, bool], ...]
    """The value columns: index, key, title, and whether it holds money."""
    first: int | None
    """The segment's first column (the row's provenance)."""
    subname: bool
    """Whether the mapping has a second label level."""
    labelled: bool
    """Whether the mapping has a code or name column."""

    @classmethod
    def of(cls, mapping: dict[int, ColumnSpec | str]) -> _RowPlan:
        parts: list[int] = []
        code = name = sub = line_no = None
        amounts: list[tuple[int, str, str, bool]] = []
        for j, spec in mapping.items():
            if isinstance(spec, str):
                amounts.append((j, spec, spec, False))
            elif spec.kind is ColumnKind.CODE and spec.key.startswith("code."):
                parts.append(j)
            elif spec.kind is ColumnKind.CODE:
                code = j
            elif spec is _SUBNAME:
                sub = j
            elif spec.kind is ColumnKind.NAME:
                name = j
            elif spec.kind is ColumnKind.LINE_NO:
                line_no = j
            else:
                amounts.append((j, spec.key, spec.title, spec.is_amount))
        return cls(
            parts=tuple(parts),
            code=code,
            name=name,
            sub=sub,
            line_no=line_no,
            amounts=tuple(amounts),
            first=min(mapping) if mapping else None,
            subname=_SUBNAME in mapping.values(),
            labelled=any(
                isinstance(s, ColumnSpec) and s.kind in (ColumnKind.CODE, ColumnKind.NAME)
                for s in mapping.values()
            ),
        )

    def code_text(self, cells: Sequence[RawCell]) -> str:
        """The row's code as printed: its parts joined, else the code column's text."""
        if self.parts:
            parts = [_norm_code(cells[j].text) for j in self.parts]
            return ("" if parts[0] else "\n").join(p for p in parts if p)
        return cells[self.code].text if self.code is not None else ""


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
        if self.schema is None or not self.schema.checked:
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
        plans = [(side, _RowPlan.of(mapping)) for side, mapping in seg_specs]
        for r in body:
            if self.schema.layout is Layout.PANELED and self.pair_row(r, out_rows, used_lines):
                continue
            cells = _expand_body(r, width)
            if len(seg_specs) > 2:
                cells = _join_spanning_total(cells, seg_specs)
            for side, plan in plans:
                row = self.make_row(cells, side, plan, used_lines)
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
        labelled: bool,
        used_lines: set[str],
        *,
        has_values: bool,
        first: RawCell,
        alternatives: Sequence[str] = (),
        outline: bool = False,
    ) -> str | None:
        """The key of a row that has no code: its fixed line, else a generated key.

        *alternatives* are shorter readings of a two-level label (the lower level alone);
        *labelled*: whether the row's segment has a code or name column.
        """
        assert self.schema is not None
        line = self.line_for(label_text, line_no or None, side, used_lines)
        for alt in alternatives:
            if line is not None:
                break
            line = self.line_for(alt, None, side, used_lines)
        if line is None and not labelled and has_values:
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
            parts = self.joined_lines(label_text)
            if parts:  # two rows read as one (a wrapped label's rest taken for another's)
                self.problem(
                    f"lines read as one: {label_text!r} ({' + '.join(parts)})",
                    "error",
                    row=key,
                    provenance=first.provenance,
                )
            else:
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

    def joined_lines(self, label: str) -> tuple[str, ...]:
        """The schema's line labels that *label* (as printed) is two or three of, run together.

        ``政府性基金预算财政拨款国有资本经营预算财政拨款``: two lines' labels, read
        as one row's (rows merged by the reading); ``()`` for any other label.
        """
        assert self.schema is not None
        known = {
            normalise_label(text): text
            for line in self.schema.lines
            for text in (line.label, *line.variants)
            if len(normalise_label(text)) >= 2
        }

        def split(rest: str, depth: int) -> tuple[str, ...] | None:
            whole = normalise_label(rest)
            if whole in known and depth > 0:
                return (known[whole],)
            if depth >= 2:
                return None
            for n in range(2, len(rest) - 1):
                head = normalise_label(rest[:n])
                if head in known and (tail := split(rest[n:], depth + 1)) is not None:
                    return (known[head], *tail)
            return None

        found = split(label.strip(), 0)
        return found if found is not None and len(found) >= 2 else ()

    def make_row(
        self,
        cells: Sequence[RawCell],
        side: Side | None,
        plan: _RowPlan,
        used_lines: set[str],
    ) -> Row | None:
        assert self.schema is not None
        code_text = plan.code_text(cells)
        name = cells[plan.name].text if plan.name is not None else ""
        line_no = (  # ６２ is 62
            unicodedata.normalize("NFKC", cells[plan.line_no].text).strip()
            if plan.line_no is not None
            else ""
        )
        amount_cols = plan.amounts
        first = cells[plan.first] if plan.first is not None else _EMPTY
        has_values = any(cells[j].text.strip() for j, *_ in amount_cols)
        code: str | None = None
        if _is_code(code_text):
            code = _norm_code(code_text)
            label_text = name
        elif not name and (m := _CODE_NAME_RE.match(_nfkc_strip(code_text))):
            code, label_text = m.group(1), m.group(2)
        else:
            label_text = "\n".join(t for t in (code_text, name) if t.strip())
        alternatives: tuple[str, ...] = ()
        if plan.subname:
            # two label levels: the upper one (printed once) holds for the rows below
            sub = cells[plan.sub].text if plan.sub is not None else ""
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
                plan.labelled,
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
        kept = self.schema  # a table known by its title, kept as printed, unchecked
        if kept is None:
            self.problem(
                f"table not recognised: {self.label!r}; kept as printed ({len(out)} rows)",
                "warning",
            )
        else:
            self.problem(
                f"known table {self.label!r} kept as printed ({len(out)} rows), not checked",
                "info",
            )
        return Table(
            schema=None if kept is None else kept.id,
            title=self.raw.title,
            unit=unit,
            columns=columns,
            rows=tuple(out),
            number=self.raw.number,
            notes=self.raw.notes,
            provenance=self.raw.provenance,
        )


def _nfkc_strip(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


_IDEOGRAPHS_RE: Final = re.compile(r"[\u4e00-\u9fff]+")
"""CJK ideographs alone (``会议费``): NFKC leaves them, no figure, dash or blank reads so."""


def _text_cell(cell: RawCell) -> Cell:
    """A cell of a column govfin does not know: a number if it reads as one, else text."""
    if _IDEOGRAPHS_RE.fullmatch(cell.text):  # (words: no need to try reading a number)
        return Cell(cell.text, CellState.BLANK, None, cell.provenance)
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
