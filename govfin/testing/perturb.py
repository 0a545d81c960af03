"""Perturbations of consistent reports: a row under the wrong parent, a claim's word flipped.

With :func:`~govfin.testing.perturbations` (one figure changed beyond its
rounding allowance), these make the three kinds of defect govfin must find:

* :func:`misplaced_rows` prints a 款 or 项 row (with the rows under it) under
  a parent that is not its own: under another 类 or 款, or above its own
  parent.  Sums are untouched; the nesting rule ``GF-R004`` must report it.
* :func:`flipped_claims` flips the word of a claim in the 情况说明 that checked
  clean (增加 ↔ 减少, 增长 ↔ 降低, 大于 ↔ 小于, 与预算数一致 → 大于预算数) and
  leaves every number alone; the narrative checks must report that sentence.

:func:`narrated` gives a 决算 the 情况说明 :func:`govfin.narrative.draft`
writes for it, and :func:`narrated_reports` draws such reports, so the flip
has a text to work on.

>>> from hypothesis import given, settings, strategies as st
>>> from govfin.rules import REGISTRY, check
>>> from govfin.testing import final_reports
>>> @settings(max_examples=5, deadline=None)
... @given(final_reports(), st.data())
... def test(report, data):
...     move, bad = data.draw(misplaced_rows(report))
...     found = check(bad, REGISTRY.select("GF-R004")).errors
...     assert any(f.locations[0].row == move.row for f in found)
>>> test()
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

import attrs
from hypothesis import strategies as st

from govfin.narrative import draft
from govfin.report import Narrative, Report, ReportKind, Row, Section, Table
from govfin.rules import Finding, Outcome, assess
from govfin.testing.reports import final_reports

__all__ = [
    "FLIPS",
    "Flip",
    "Misplacement",
    "flip",
    "flipped_claims",
    "misplace",
    "misplaced_rows",
    "narrated",
    "narrated_reports",
]

# ---------------------------------------------------------------- rows under the wrong parent


@attrs.frozen
class Misplacement:
    """A code row printed under the wrong parent.

    Attributes:
        table: the schema id of the table.
        row: the code of the row moved (with the rows under it).
        parent: the code of its true parent.
        after: the key of the row it is now printed right after: another 类
            or 款 (it reads as that row's child), or the row above its own
            parent (it is printed above its parent).
    """

    table: str
    row: str
    parent: str
    after: str


def _block(rows: Sequence[Row], index: int) -> int:
    """The index just past the row at *index* and the rows under it."""
    code = rows[index].code or ""
    end = index + 1
    while end < len(rows) and (rows[end].code or "").startswith(code) and rows[end].code != code:
        end += 1
    return end


def _moves(table: Table) -> Iterator[Misplacement]:
    rows = list(table.rows)
    present = {r.code: i for i, r in enumerate(rows) if r.code}
    for row in rows:
        code = row.code
        if code is None or len(code) <= 3 or code[:-2] not in present:
            continue
        parent = code[:-2]
        for other in rows:
            if other.code is not None and len(other.code) == len(parent) and other.code != parent:
                yield Misplacement(table.schema or table.title, code, parent, other.key)
        at = present[parent]
        if at > 0:
            yield Misplacement(table.schema or table.title, code, parent, rows[at - 1].key)


def misplace(report: Report, move: Misplacement) -> Report:
    """A copy of *report* with the row ``move.row`` (and the rows under it) after ``move.after``.

    Raises:
        KeyError: when the table or a row is missing.
    """
    table = report.table(move.table)
    rows = list(table.rows)
    start = next(i for i, r in enumerate(rows) if r.key == move.row)
    end = _block(rows, start)
    block, rest = rows[start:end], rows[:start] + rows[end:]
    anchor = next((i for i, r in enumerate(rest) if r.key == move.after), None)
    if anchor is None:
        raise KeyError(f"{table.label}: no row {move.after!r}")
    moved = (*rest[: anchor + 1], *block, *rest[anchor + 1 :])
    new = attrs.evolve(table, rows=moved)
    return report.evolve(tables=tuple(new if t is table else t for t in report.tables))


@st.composite
def misplaced_rows(draw: st.DrawFn, report: Report) -> tuple[Misplacement, Report]:
    """A 款 or 项 row of *report* printed under the wrong parent, and the changed report.

    The row keeps its code and figures, so only the nesting is wrong.

    Raises:
        ValueError: (at draw time) when no table of *report* has a 款 or 项 row
            under its parent.
    """
    moves = [m for t in report.tables if t.schema is not None for m in _moves(t)]
    if not moves:
        raise ValueError("the report has no 款 or 项 row to move")
    move = draw(st.sampled_from(moves))
    return move, misplace(report, move)


# ---------------------------------------------------------------- claims' words flipped

FLIPS: Final[tuple[tuple[str, str], ...]] = (
    ("与年初预算数一致", "大于年初预算数"),
    ("与预算数一致", "大于预算数"),
    ("与上年数一致", "大于上年数"),
    ("大于", "小于"),
    ("小于", "大于"),
    ("高于", "低于"),
    ("低于", "高于"),
    ("增加", "减少"),
    ("减少", "增加"),
    ("增长", "降低"),
    ("降低", "增长"),
    ("下降", "增长"),
)
"""The words :func:`flipped_claims` flips, longest first: (as printed, flipped)."""

_FLIP_RE: Final = re.compile("|".join(re.escape(old) for old, _ in FLIPS))
_FLIPPED: Final = dict(FLIPS)
_FLIP_RULES: Final = frozenset({"GF-N003", "GF-N005"})


@attrs.frozen
class Flip:
    """A word of the 情况说明 flipped.

    Attributes:
        section: the index of the section in :attr:`govfin.report.Narrative.sections`.
        start: where the word starts in that section's text.
        old: the word as printed.
        new: the word that replaces it.
        sentence: the sentence it is in, as printed before the flip.
    """

    section: int
    start: int
    old: str
    new: str
    sentence: str

    @property
    def end(self) -> int:
        """Where the flipped word ends in the changed section's text."""
        return self.start + len(self.new)


def flip(report: Report, change: Flip) -> Report:
    """A copy of *report* whose narrative has ``change.old`` replaced by ``change.new``.

    Raises:
        ValueError: when the text at ``change.start`` is not ``change.old``.
    """
    sections = list(report.narrative.sections)
    section = sections[change.section]
    text = section.text
    if text[change.start : change.start + len(change.old)] != change.old:
        raise ValueError(f"no {change.old!r} at {change.start} of section {change.section}")
    new_text = text[: change.start] + change.new + text[change.start + len(change.old) :]
    sections[change.section] = attrs.evolve(section, text=new_text)
    return report.evolve(narrative=Narrative(tuple(sections)))


def _section_of(report: Report, finding: Finding) -> int | None:
    """The index of the section that holds the finding's sentence where it says."""
    loc = finding.location
    if loc is None or loc.sentence is None or loc.start is None or loc.end is None:
        return None
    for i, section in enumerate(report.narrative.sections):
        if section.heading == (loc.section or "") and (
            section.text[loc.start : loc.end] == loc.sentence
        ):
            return i
    return None


def _flips(report: Report, findings: Sequence[Finding]) -> list[Flip]:
    found: dict[tuple[int, int], Flip] = {}
    for v in findings:
        if v.rule not in _FLIP_RULES or v.outcome in (Outcome.NOT_EVALUATED, Outcome.INCONSISTENT):
            continue
        loc = v.location
        index = _section_of(report, v)
        if index is None or loc is None or loc.figure is None or loc.sentence is None:
            continue
        text = report.narrative.sections[index].text
        for m in _FLIP_RE.finditer(text, *loc.figure):
            key = (index, m.start())
            found.setdefault(key, Flip(index, m.start(), m[0], _FLIPPED[m[0]], loc.sentence))
    return [found[k] for k in sorted(found)]


@st.composite
def flipped_claims(draw: st.DrawFn, report: Report) -> tuple[Flip, Report]:
    """One word of a claim of *report*'s 情况说明 flipped, and the changed report.

    Only words of claims that checked consistent are flipped (a change's
    增加/减少/增长/降低, a comparison's 大于/小于/一致), and no number is touched,
    so the narrative checks must now report the sentence.

    Raises:
        ValueError: (at draw time) when the prose has no such claim.
    """
    candidates = _flips(report, assess(report))
    if not candidates:
        raise ValueError("the report's prose has no checked change or comparison to flip")
    change = draw(st.sampled_from(candidates))
    return change, flip(report, change)


def narrated(report: Report) -> Report:
    """*report* with the 情况说明 :func:`govfin.narrative.draft` writes for it (决算 only).

    Raises:
        ValueError: when *report* is not a 决算.
    """
    if report.kind is not ReportKind.FINAL:
        raise ValueError("only a 决算 has a drafted 情况说明")
    return report.evolve(narrative=Narrative((Section("", draft(report)),)))


def narrated_reports(
    *, max_classes: int = 4, precision: int = 2, year: int = 2024
) -> st.SearchStrategy[Report]:
    """Consistent 决算 reports (:func:`~govfin.testing.final_reports`) with their drafted 情况说明.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(narrated_reports())
    ... def test(report):
    ...     assert "情况说明" in report.narrative.text
    >>> test()
    """
    return final_reports(max_classes=max_classes, precision=precision, year=year).map(narrated)
