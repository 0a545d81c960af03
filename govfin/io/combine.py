"""One report from several files: :func:`load_many`, :func:`combine` and :func:`pair`.

Departments often publish one 部门预算/决算 as several files: the narrative
(概况, 情况说明, whose 目录 lists the tables) in one PDF and the tables in
another, or the tables as a workbook beside a Word document.  Checked one by
one, the narrative has no table to resolve its figures against and the tables
have no prose.  :func:`load_many` (also reached as ``govfin.io.load([...])``)
reads each file with its own reader and :func:`combine` makes them one
:class:`~govfin.report.Report`:

* **Tables and prose** are kept in the order of the files; every cell and
  every narrative section keeps the provenance its loader gave it (file, and
  page, line or cell), so a finding names the file it is in.
* **Metadata** must agree.  Files of different years, or whose recognised
  tables are of different kinds (决算 / 预算), are not one report:
  :class:`~govfin.errors.LoadError`.  Department names may be written in full
  in one file and abbreviated in another (中国共产党江苏省委员会办公厅 /
  江苏省委办公厅); an abbreviation takes its characters from the full name in
  order, so a name that is a subsequence of the other is the same department
  (the fuller one is kept).  Two names that are not: a ``warning`` problem
  naming both.
* **The 目录.**  When the narrative's contents list names tables
  (``一、收支预算总表`` …), each entry is matched to a table read from the files
  exactly as coverage matches it (:func:`govfin.tables.contents.listed_tables`
  and :func:`~govfin.tables.contents.match_listed`: by schema or title, then a
  title with a department or year before it or worded slightly differently,
  then by position), each table used once.  The outcome is an ``info`` problem
  when every listed table was found and a ``warning`` naming the entries that
  were not.
* A standard table found in two files is kept twice and reported (``warning``):
  the rules read the first.

Why a separate :func:`load_many` rather than only ``load``: the combination has
its own failure modes (metadata that disagree) and its own inputs (a narrative
file with no table at all is fine here, an error alone), and :func:`combine`
also serves reports already loaded (``load_json`` output, generated reports).

:func:`pair` groups the files of a folder that belong to one report by their
names (``X.pdf`` with ``X-tables.pdf``, ``X表.pdf``, ``X_附表.pdf`` …): a file
whose name is another's plus a tables suffix; and, asked to, by their 目录: a
file with prose and no table pairs with the one file of its folder that holds
(80% of) the tables its 目录 lists.  A file that could pair with several others
is not paired (the ambiguity is reported); the 目录 match of the combined
report then confirms the pairing or warns.

>>> from govfin.io import load_example
>>> seed = load_example()
>>> prose = seed.evolve(tables=())
>>> tables = seed.evolve(narrative=type(seed.narrative)())
>>> one = combine([prose, tables], sources=["narrative.txt", "tables.txt"])
>>> len(one.tables), len(one.narrative.sections) == len(seed.narrative.sections), one.source
(9, True, 'narrative.txt + tables.txt')
>>> [(g, why) for g, why in pair(["a/x.pdf", "a/x-tables.pdf", "a/y.pdf"]).groups]
[(('a/x.pdf', 'a/x-tables.pdf'), 'paired by name'), (('a/y.pdf',), '')]
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import attrs

from govfin.errors import LoadError
from govfin.report import Narrative, Problem, Report, ReportKind, Scope
from govfin.tables.contents import contents_file, listed_tables, match_listed

__all__ = ["TABLE_SUFFIXES", "Pairing", "combine", "load_many", "pair"]

TABLE_SUFFIXES: Final = (
    "-tables",
    "_tables",
    " tables",
    "-table",
    "_table",
    "-附表",
    "_附表",
    "附表",
    "-表",
    "_表",
    "表格",
    "表",
)
"""Name endings that mark the tables file of a report (``X-tables.pdf`` beside ``X.pdf``)."""

_RAW_READERS: Final = {
    "txt": ("govfin.io.text", "parse_text"),
    "text": ("govfin.io.text", "parse_text"),
    "pdf": ("govfin.io.pdf", "read_pdf"),
    "docx": ("govfin.io.docx", "read_docx"),
    "xls": ("govfin.io.xls", "read_xls"),
}
"""Formats read as a printed grid, so that a file with prose only is accepted as a part."""


def _norm(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text))


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _same_name(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    short, long = sorted((a, b), key=len)
    return bool(short) and _is_subsequence(short, long)


def _read_part(path: str, fmt: str | None, strict: bool) -> Report:
    """One file as a report; a file with prose and no table is accepted (see :func:`load_many`)."""
    import importlib  # noqa: PLC0415

    from govfin.io import _format_of, load  # noqa: PLC0415 - avoids an import cycle
    from govfin.tables.bind import bind_document  # noqa: PLC0415

    name = _format_of(path, fmt)
    if name not in _RAW_READERS:
        return load(path, format=fmt, strict=strict)
    module_name, reader = _RAW_READERS[name]
    if module_name == "govfin.io.text":
        from govfin.io.text import _decode, parse_text  # noqa: PLC0415

        try:
            data = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise LoadError("no such file", file=path) from exc
        except OSError as exc:
            raise LoadError(f"cannot read the file ({exc.strerror or exc})", file=path) from exc
        raw = parse_text(_decode(data, path), path)
    else:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:  # the extra is missing: load says which
            return load(path, format=fmt, strict=strict)
        raw = getattr(module, reader)(path)
    return bind_document(raw, strict=strict)


def load_many(
    paths: Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
) -> Report:
    """Read the files of one report (narrative, tables …) into one :class:`~govfin.report.Report`.

    Each file is read by the reader of its suffix (or *format*); a file with
    prose and no table is accepted here (it is the narrative of the report),
    as long as one of the files holds a table.  The reports are then joined
    by :func:`combine`.

    Raises:
        LoadError: for a file that cannot be read, for files that are not one
            report (different years or kinds), and when no file holds a table.
    """
    names = [os.fspath(p) for p in paths]
    if not names:
        raise LoadError("no file given")
    parts = [_read_part(n, format, strict) for n in names]
    report = combine(parts, sources=names)
    if not report.tables:
        raise LoadError(
            "no table found in any of the files: not a budget or final-account disclosure",
            file=" + ".join(names),
        )
    return report


def _pick_department(
    parts: Sequence[Report], names: Sequence[str]
) -> tuple[str | None, list[Problem]]:
    found = [
        (p.department, n, len(p.tables)) for p, n in zip(parts, names, strict=True) if p.department
    ]
    if not found:
        return None, []
    # The department of the file with the most tables (its 部门： captions), else the first.
    best = max(found, key=lambda f: f[2])[0]
    assert best is not None
    others = [(d, n) for d, n, _ in found if d is not None and not _same_name(d, best)]
    if not others:
        longest = max((d for d, _, _ in found if d is not None), key=lambda d: len(_norm(d)))
        return (longest if _same_name(longest, best) else best), []
    listed = "; ".join(f"{d} in {n}" for d, n, _ in found)
    return best, [
        Problem(
            f"the files name different departments ({listed}); check that they are one "
            f"report (taken: {best})",
            "warning",
        )
    ]


def _one(values: Sequence[tuple[object, str]], what: str) -> object | None:
    distinct = {v for v, _ in values}
    if len(distinct) > 1:
        listed = ", ".join(f"{n}: {v}" for v, n in values)
        raise LoadError(f"the files are not one report: their {what}s differ ({listed})")
    return next(iter(distinct), None)


def _match_contents(report: Report) -> Problem | None:
    entries = listed_tables(report)
    if not entries:
        return None
    where = contents_file(report)
    found = match_listed(entries, report)
    files = sorted(
        {t.provenance.file for t in found if t is not None and t.provenance and t.provenance.file}
    )
    missing = [entry for entry, table in zip(entries, found, strict=True) if table is None]
    head = (
        f"目录{f' of {where}' if where else ''} lists {len(entries)} tables; "
        f"{len(entries) - len(missing)} found among the tables read"
        + (f" (in {', '.join(files)})" if files else "")
    )
    if not missing:
        return Problem(head, "info")
    return Problem(f"{head}; not found: {'; '.join(missing)}", "warning")


def _duplicates(report: Report) -> list[Problem]:
    seen: dict[str, str] = {}
    out: list[Problem] = []
    for t in report.tables:
        if not t.schema:
            continue
        file = t.provenance.file if t.provenance and t.provenance.file else "?"
        if t.schema in seen:
            out.append(
                Problem(
                    f"{t.schema} is in two files ({seen[t.schema]}, {file}); "
                    "the rules read the first",
                    "warning",
                    table=t.schema,
                )
            )
        else:
            seen[t.schema] = file
    return out


def combine(reports: Sequence[Report], *, sources: Sequence[str] | None = None) -> Report:
    """Join the reports read from the files of one report (see the module text).

    Args:
        reports: the parts, in reading order (usually the narrative first).
        sources: their file names (default: each report's ``source``); the
            combined :attr:`~govfin.report.Report.source` joins them with ``+``.

    Raises:
        LoadError: when the parts are of different years, or their recognised
            tables of different kinds (决算 / 预算).
    """
    if not reports:
        raise LoadError("no report to combine")
    names = list(sources) if sources is not None else [r.source or "?" for r in reports]
    if len(names) != len(reports):
        raise ValueError("combine: one source name per report")
    if len(reports) == 1:
        return reports[0]
    year = _one([(r.year, n) for r, n in zip(reports, names, strict=True) if r.year], "year")
    kinds = [
        (r.kind, n) for r, n in zip(reports, names, strict=True) if any(t.schema for t in r.tables)
    ]
    kind = _one([(k.value, n) for k, n in kinds], "kind (决算/预算)")
    if kind is None:  # no recognised table: what the texts say, by majority
        kind = Counter(r.kind.value for r in reports).most_common(1)[0][0]
    department, problems = _pick_department(reports, names)
    region = next(
        (r.region for r in reports if r.region and department and r.department == department),
        next((r.region for r in reports if r.region), None),
    )
    with_tables = [r for r in reports if any(t.schema for t in r.tables)] or list(reports)
    scope = Counter(r.scope for r in with_tables).most_common(1)[0][0]
    combined = Report(
        kind=ReportKind(kind),
        tables=tuple(t for r in reports for t in r.tables),
        department=department,
        region=region,
        year=year if isinstance(year, int) else None,
        scope=scope if isinstance(scope, Scope) else Scope.DEPARTMENT,
        narrative=Narrative(tuple(s for r in reports for s in r.narrative.sections)),
        source=" + ".join(names),
        problems=tuple(p for r in reports for p in r.problems),
    )
    problems.extend(_duplicates(combined))
    contents = _match_contents(combined)
    if contents is not None:
        problems.append(contents)
    return combined.evolve(problems=(*combined.problems, *problems))


@attrs.frozen
class Pairing:
    """Files grouped into reports by :func:`pair`.

    *groups* holds, in the order of the files, each report's files with how
    they were grouped (``"paired by name"``, or ``""`` for a file alone);
    *unsure* the files that could have been paired in more than one way, with
    why they were left alone.
    """

    groups: tuple[tuple[tuple[str, ...], str], ...]
    unsure: tuple[tuple[str, str], ...] = ()


def _stem_base(path: str) -> str | None:
    """The name a tables file shares with its narrative (``x`` for ``x-tables.pdf``)."""
    stem = Path(path).stem
    low = stem.lower()
    for suffix in TABLE_SUFFIXES:
        if low.endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)].rstrip(" -_")
    return None


_CONTENTS_SHARE: Final = 0.8
"""The share of a 目录's tables a file must hold to be paired with it by its contents."""


def _by_contents(files: Sequence[str]) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """Narratives paired with the one tables file of their folder that holds their 目录's tables."""
    parts: dict[str, Report] = {}
    for f in files:
        try:
            parts[f] = _read_part(f, None, False)
        except LoadError:
            continue  # unreadable: said when it is checked
    found: dict[str, list[tuple[str, int, int]]] = {}
    for n, narrative in parts.items():
        entries = listed_tables(narrative)
        if narrative.tables or not entries:
            continue
        for t, tables in parts.items():
            if t == n or not tables.tables or Path(t).parent != Path(n).parent:
                continue
            if narrative.year and tables.year and narrative.year != tables.year:
                continue
            hits = sum(t is not None for t in match_listed(entries, tables))
            if hits >= max(2, _CONTENTS_SHARE * len(entries)):
                found.setdefault(n, []).append((t, hits, len(entries)))
    claimed = Counter(t for options in found.values() for t, _, _ in options)
    decided: dict[str, tuple[str, str]] = {}
    unsure: list[tuple[str, str]] = []
    for n, options in found.items():
        if len(options) == 1 and claimed[options[0][0]] == 1:
            t, hits, listed = options[0]
            decided[n] = (t, f"paired by 目录: {hits} of its {listed} tables in {Path(t).name}")
        else:
            listed_files = ", ".join(t for t, _, _ in options)
            unsure.append((n, f"its 目录 fits several files ({listed_files}); not paired"))
    return decided, unsure


def pair(paths: Sequence[str | os.PathLike[str]], *, contents: bool = False) -> Pairing:
    """Group the files of one report by their names, and optionally by their 目录.

    ``X.pdf`` pairs with the one file in the same folder named ``X`` plus a
    tables suffix (:data:`TABLE_SUFFIXES`: ``X-tables.pdf``, ``X表.xlsx``,
    ``X_附表.pdf`` …), narrative first.  With *contents*, the files left alone
    are read: a file with prose and no table whose 目录 lists tables pairs with
    the one other file of its folder (of the same year) that holds at least
    80% of them, if no other narrative claims that file.  A narrative that
    could pair with several files is left alone and reported in
    :attr:`Pairing.unsure`; a tables file whose narrative is not among *paths*
    stays alone.
    """
    names = [os.fspath(p) for p in paths]
    by_key: dict[tuple[str, str], str] = {}
    for n in names:
        by_key.setdefault((str(Path(n).parent), _norm(Path(n).stem).lower()), n)
    candidates: dict[str, list[str]] = {}
    for n in names:
        base = _stem_base(n)
        if base is None:
            continue
        narrative = by_key.get((str(Path(n).parent), _norm(base).lower()))
        if narrative is not None and narrative != n:
            candidates.setdefault(narrative, []).append(n)
    decided = {n: (ts[0], "paired by name") for n, ts in candidates.items() if len(ts) == 1}
    unsure = [
        (n, f"could pair with {len(ts)} files ({', '.join(ts)}); not paired")
        for n, ts in candidates.items()
        if len(ts) > 1
    ]
    if contents:
        named = {f for n, (t, _) in decided.items() for f in (n, t)}
        more, doubts = _by_contents([n for n in names if n not in named])
        decided.update(more)
        settled = set(more)
        unsure = [u for u in unsure if u[0] not in settled] + doubts
    partner = {t: n for n, (t, _) in decided.items()}
    groups: list[tuple[tuple[str, ...], str]] = []
    for n in names:
        if n in partner:
            continue  # grouped with its narrative
        if n in decided:
            t, how = decided[n]
            groups.append(((n, t), how))
        else:
            groups.append(((n,), ""))
    return Pairing(tuple(groups), tuple(unsure))
