"""The printed grid of a table, before it is bound to a schema.

Every loader (plain text, PDF, Excel) produces a :class:`RawDocument`: the
tables as grids of :class:`RawCell` texts with their provenance, and the prose
paragraphs.  :mod:`govfin.tables` then recognises each table by its title and
header and binds it into a typed :class:`~govfin.report.Table`.  Keeping this
step shared means the recognition and binding rules are the same whatever the
file format.
"""

from __future__ import annotations

import attrs

from govfin.report import Problem, Provenance

__all__ = ["RawCell", "RawDocument", "RawParagraph", "RawTable"]


@attrs.frozen
class RawCell:
    """A cell's text exactly as printed, and where it was."""

    text: str
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class RawTable:
    """A table as printed: title, number, unit caption, every row (headers included), notes.

    *rows* holds the grid top to bottom, header rows first, each a tuple of
    cells left to right; merged header cells are repeated or left empty as the
    source has them.  *captions* are the lines between title and grid
    (``部门：…``, ``单位：万元``).
    """

    title: str
    rows: tuple[tuple[RawCell, ...], ...]
    number: str | None = None
    captions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class RawParagraph:
    """A paragraph of prose, and where it starts."""

    text: str
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class RawDocument:
    """Everything a loader read from one file, in document order.

    *problems* are what the loader met and repaired or doubted (a folded nested
    table, an unreadable page); binding adds its own and keeps these.
    """

    source: str | None
    tables: tuple[RawTable, ...]
    paragraphs: tuple[RawParagraph, ...] = ()
    problems: tuple[Problem, ...] = ()
