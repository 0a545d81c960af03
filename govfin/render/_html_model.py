"""Where each finding shows in the HTML report: element ids, states and homes.

Nothing here judges a figure: a finding's *state* is read off its severity and
outcome (error → ``error``, warning → ``warning``, info with a rounding or
truncation residue → ``residue``, info not evaluated → ``unchecked``, other
info → ``info``, a pass record → ``ok``).  The index maps each finding's
locations to the ids of the elements that show them (a table cell, row, column
header or whole table, or a sentence of the prose) and picks the finding's home
(where its full entry is listed): the first of its locations that is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from govfin.report import Report, Section, Table
from govfin.rules import Finding, Location, Outcome, Severity

__all__ = [
    "STATES",
    "Index",
    "Mark",
    "Place",
    "build_index",
    "cell_id",
    "column_id",
    "heading_id",
    "row_id",
    "state_of",
    "table_id",
]

STATES: Final = ("error", "warning", "residue", "info", "unchecked", "ok")
"""Display states, worst first."""

_RANK: Final = {state: len(STATES) - i for i, state in enumerate(STATES)}

_SAFE: Final = re.compile(r"[^A-Za-z0-9_-]")


def state_of(finding: Finding) -> str:
    """The display state of *finding* (see the module docstring).

    >>> from govfin.rules import Finding, Outcome, Severity
    >>> state_of(Finding("X-1", Severity.INFO, Outcome.ROUNDING_RESIDUE, "尾数误差"))
    'residue'
    """
    if finding.outcome is Outcome.EXACT:
        return "ok"
    if finding.severity is Severity.ERROR:
        return "error"
    if finding.severity is Severity.WARNING:
        return "warning"
    if finding.outcome in (Outcome.ROUNDING_RESIDUE, Outcome.TRUNCATION_RESIDUE):
        return "residue"
    if finding.outcome is Outcome.NOT_EVALUATED:
        return "unchecked"
    return "info"


def worst(states: Iterable[str]) -> str:
    """The worst of *states* (``ok`` when there is none)."""
    return max(states, key=lambda s: _RANK[s], default="ok")


def rank(state: str) -> int:
    """How bad *state* is (higher is worse)."""
    return _RANK[state]


def _safe(text: str) -> str:
    return _SAFE.sub(lambda m: f"_{ord(m.group()):x}", text)


def table_id(ti: int) -> str:
    """The element id of the *ti*-th table (0-based)."""
    return f"t{ti}"


def row_id(ti: int, ri: int) -> str:
    """The element id of row *ri* of table *ti*."""
    return f"t{ti}-r{ri}"


def cell_id(ti: int, ri: int, column: str) -> str:
    """The element id of the cell in *column* of row *ri* of table *ti*.

    >>> cell_id(2, 0, "total"), cell_id(2, 0, "决算")
    ('t2-r0-total', 't2-r0-_51b3_7b97')
    """
    return f"t{ti}-r{ri}-{_safe(column)}"


def column_id(ti: int, column: str) -> str:
    """The element id of the header of *column* in table *ti*."""
    return f"t{ti}-h-{_safe(column)}"


@attrs.frozen
class Place:
    """Where one location of a finding shows: an element id, and what kind of element.

    *kind* is ``cell``, ``row``, ``column``, ``table``, ``narrative`` or ``heading``; *table*
    is the table's index (``None`` for the prose); *section* and *span* place a
    sentence (the section's index and ``[start, end)`` in its text).
    """

    element: str
    kind: str
    table: int | None = None
    section: int | None = None
    span: tuple[int, int] | None = None


@attrs.define
class Mark:
    """A marked stretch of one section's text and the findings (and passes) it carries."""

    section: int
    start: int
    end: int
    element: str = ""
    findings: list[tuple[str, Finding]] = attrs.Factory(list)

    @property
    def state(self) -> str:
        """The worst state of its findings."""
        return worst(state_of(f) for _, f in self.findings)


@attrs.define
class Index:
    """Every finding's places and home, and the highlighted elements with their findings."""

    findings: list[tuple[str, Finding]]
    places: dict[str, list[Place | None]]
    home: dict[str, tuple[str, int | None]]
    elements: dict[str, list[tuple[str, Finding]]]
    marks: dict[int, list[Mark]]
    rows: list[dict[str, int]]
    main: set[str] = attrs.Factory(set)
    """The elements that are the main (first shown) place of some finding."""

    def state(self, element: str) -> str | None:
        """The worst state of the findings shown on *element*, or ``None`` when none is."""
        found = self.elements.get(element)
        return worst(state_of(f) for _, f in found) if found else None

    def at_home(self, where: str, index: int | None = None) -> list[tuple[str, Finding]]:
        """The findings listed in full at *where* (``table``, ``narrative`` or ``report``)."""
        return [(fid, f) for fid, f in self.findings if self.home[fid] == (where, index)]

    def touching(self, table: int) -> list[tuple[str, Finding]]:
        """The findings with a place in *table* whose home is elsewhere."""
        return [
            (fid, f)
            for fid, f in self.findings
            if self.home[fid] != ("table", table)
            and any(p is not None and p.table == table for p in self.places[fid])
        ]

    def located(self, fid: str) -> list[Place]:
        """The places of finding *fid* that are shown, in the order of its locations."""
        return [p for p in self.places[fid] if p is not None]


def _find_table(report: Report, loc: Location) -> int | None:
    tables = report.tables
    if loc.table is None and loc.table_label is None:
        return None
    label = loc.table_label
    both = [
        i
        for i, t in enumerate(tables)
        if (t.schema or None) == (loc.table or None) and (label is None or t.label == label)
    ]
    if both:
        return both[0]
    if label:
        by_label = [i for i, t in enumerate(tables) if t.label == label]
        if by_label:
            return by_label[0]
    if loc.table:
        by_schema = [i for i, t in enumerate(tables) if t.schema == loc.table]
        if by_schema:
            return by_schema[0]
    return None


def heading_id(si: int) -> str:
    """The element id of the heading of section *si*."""
    return f"s{si}-h"


def _find_heading(sections: Sequence[Section], loc: Location) -> int | None:
    """The section whose heading is the sentence of *loc* (a finding about a heading)."""
    if loc.start is not None or not loc.sentence or loc.sentence != (loc.section or loc.sentence):
        return None
    found = [i for i, s in enumerate(sections) if s.heading == loc.sentence]
    # a heading printed twice (the table of contents, then the body): the body's
    return max(found, key=lambda i: len(sections[i].text), default=None)


def _find_section(sections: Sequence[Section], loc: Location) -> tuple[int, int, int] | None:
    sentence = loc.sentence or ""
    candidates = [i for i, s in enumerate(sections) if s.heading == (loc.section or "")]
    if loc.start is not None and loc.end is not None:
        for i in candidates:
            if sections[i].text[loc.start : loc.end] == sentence:
                return i, loc.start, loc.end
    if not sentence:
        return None
    for i in candidates + [i for i in range(len(sections)) if i not in candidates]:
        at = sections[i].text.find(sentence)
        if at >= 0:
            return i, at, at + len(sentence)
    return None


def _table_place(table: Table, ti: int, rows: dict[str, int], loc: Location) -> Place:
    ri = rows.get(loc.row) if loc.row is not None else None
    if ri is not None and loc.column is not None:
        return Place(cell_id(ti, ri, loc.column), "cell", ti)
    if ri is not None:
        return Place(row_id(ti, ri), "row", ti)
    if loc.column is not None and table.column(loc.column) is not None:
        return Place(column_id(ti, loc.column), "column", ti)
    return Place(table_id(ti), "table", ti)


def _locate(
    report: Report, rows: Sequence[dict[str, int]], loc: Location, *, tables: bool
) -> Place | None:
    """Where *loc* shows (``None`` when nowhere); table places only when *tables*."""
    sections = report.narrative.sections
    if loc.kind == "narrative":
        heading = _find_heading(sections, loc)
        if heading is not None:
            return Place(heading_id(heading), "heading", section=heading)
        found = _find_section(sections, loc)
        if found is None:
            return None
        return Place("", "narrative", section=found[0], span=found[1:])
    at = _find_table(report, loc) if tables else None
    if at is None:
        return None
    return _table_place(report.tables[at], at, rows[at], loc)


def build_index(
    report: Report, findings: Sequence[Finding], passes: Sequence[Finding] = ()
) -> Index:
    """Map every finding (``f1`` …) and narrative pass (``p1`` …) to the elements showing it.

    Passes are kept only when they point at a sentence (a verified claim);
    table cells are highlighted for findings only.
    """
    rows: list[dict[str, int]] = [{} for _ in report.tables]
    for ti, table in enumerate(report.tables):
        for ri, row in enumerate(table.rows):
            rows[ti].setdefault(row.key, ri)
    numbered = [(f"f{n}", f) for n, f in enumerate(findings, 1)]
    numbered += [
        (f"p{n}", f)
        for n, f in enumerate(passes, 1)
        if any(loc.kind == "narrative" for loc in f.locations)
    ]
    places: dict[str, list[Place | None]] = {}
    home: dict[str, tuple[str, int | None]] = {}
    elements: dict[str, list[tuple[str, Finding]]] = {}
    spans: dict[tuple[int, int, int], list[tuple[str, Finding]]] = {}
    for fid, finding in numbered:
        mine = [_locate(report, rows, loc, tables=fid.startswith("f")) for loc in finding.locations]
        for place in mine:
            if place is None:
                continue
            if place.kind == "narrative" and place.section is not None and place.span:
                spans.setdefault((place.section, *place.span), []).append((fid, finding))
            elif all(other != fid for other, _ in elements.get(place.element, [])):
                elements.setdefault(place.element, []).append((fid, finding))
        places[fid] = mine
        first = next((p for p in mine if p is not None), None)
        if first is None:
            home[fid] = ("report", None)
        elif first.table is None:
            home[fid] = ("narrative", None)
        else:
            home[fid] = ("table", first.table)
    marks = _merge(spans)
    for si, section_marks in marks.items():
        for k, mark in enumerate(section_marks, 1):
            mark.element = f"s{si}-m{k}"
            elements[mark.element] = list(mark.findings)
    for fid, mine in places.items():
        fixed: list[Place | None] = []
        for p in mine:
            if p is not None and p.kind == "narrative" and p.section is not None and p.span:
                element = _mark_of(marks[p.section], p.span)
                fixed.append(attrs.evolve(p, element=element))
            else:
                fixed.append(p)
        places[fid] = fixed
    main = {
        first.element
        for fid, mine in places.items()
        if fid.startswith("f")
        and (first := next((p for p in mine if p is not None), None)) is not None
        and first.element
    }
    return Index(
        findings=[(fid, f) for fid, f in numbered if fid.startswith("f")],
        places=places,
        home=home,
        elements=elements,
        marks=marks,
        rows=rows,
        main=main,
    )


def _mark_of(marks: Sequence[Mark], span: tuple[int, int]) -> str:
    for mark in marks:
        if mark.start <= span[0] < mark.end or (span[0] == span[1] == mark.start):
            return mark.element
    return ""


def _merge(spans: dict[tuple[int, int, int], list[tuple[str, Finding]]]) -> dict[int, list[Mark]]:
    """Join overlapping sentence spans of a section into one mark each."""
    out: dict[int, list[Mark]] = {}
    for (si, start, end), found in sorted(spans.items(), key=lambda kv: kv[0]):
        section_marks = out.setdefault(si, [])
        last = section_marks[-1] if section_marks else None
        if last is not None and start < last.end:
            last.end = max(last.end, end)
            last.findings.extend(found)
        else:
            section_marks.append(Mark(si, start, max(end, start), findings=list(found)))
    return out
