"""Loaders and writers: one :func:`load` and one :func:`save`, dispatching by file suffix.

========== ==============================================  ====================================
suffix     read                                            write
========== ==============================================  ====================================
``.txt``   :func:`govfin.io.text.load_text`                —
``.json``  :func:`govfin.io.jsonio.load_json`              :func:`govfin.io.jsonio.save_json`
``.pdf``   ``govfin.io.pdf.load_pdf``                      —
``.xlsx``  ``govfin.io.excel.load_xlsx`` (``excel``)       ``govfin.io.excel.save_xlsx``
``.xls``   ``govfin.io.xls.load_xls`` (``xls``)            —
``.docx``  ``govfin.io.docx.load_docx`` (``docx``)         —
``.doc``   refused, naming the conversion (``soffice``)    —
========== ==============================================  ====================================

Several files of one report (a narrative PDF and a tables PDF, a Word
document and a workbook): ``load([narrative, tables])`` reads them into one
report (:func:`govfin.io.combine.load_many`), every cell and section keeping
its file; :func:`govfin.io.combine.pair` groups a folder's files by name.

The PDF, Excel and Word back ends are imported on first use, so ``import govfin``
stays fast and a missing extra gives a :class:`~govfin.errors.LoadError` that
says which one to install.

>>> report = load_example()
>>> report.department, report.year, report.kind.value
('株洲市渌口区行政审批服务局', 2024, '决算')
>>> str(report.table("公开06表").value("30214", "amount"))
'160'
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final

from govfin._install import install_hint
from govfin.errors import LoadError
from govfin.report import Report

__all__ = ["EXAMPLE", "FORMATS", "example_path", "expand", "load", "load_example", "save"]

EXAMPLE: Final = "lukou-xzspj-2024-final.txt"
"""The bundled seed: 株洲市渌口区行政审批服务局 2024年度部门决算 (plain-text export)."""

FORMATS: Final = {
    "txt": ("govfin.io.text", "load_text", None, None),
    "text": ("govfin.io.text", "load_text", None, None),
    "json": ("govfin.io.jsonio", "load_json", "save_json", None),
    "pdf": ("govfin.io.pdf", "load_pdf", None, None),  # pypdfium2 is a dependency
    "xlsx": ("govfin.io.excel", "load_xlsx", "save_xlsx", "excel"),
    "xls": ("govfin.io.xls", "load_xls", None, "xls"),
    "docx": ("govfin.io.docx", "load_docx", None, "docx"),
    "doc": ("govfin.io.docx", "load_doc", None, None),
}
"""Format name → (module, reader, writer or ``None``, extra needed or ``None``)."""

_KNOWN_SUFFIXES: Final = ", ".join(sorted({f".{k}" for k in FORMATS if k not in ("text", "doc")}))


def _format_of(path: str, fmt: str | None) -> str:
    name = fmt.lower().lstrip(".") if fmt is not None else Path(path).suffix.lower().lstrip(".")
    if name not in FORMATS:
        what = f"format {fmt!r}" if fmt else f"suffix {Path(path).suffix or '(none)'!r}"
        raise LoadError(f"unknown {what}; govfin reads {_KNOWN_SUFFIXES}", file=path)
    return name


def _readable(path: str, fmt: str | None) -> None:
    """Say what is wrong with a path that names no file, before looking at its suffix."""
    if fmt is None and path == "-":
        raise LoadError(
            "reading a report from standard input is not supported; give its file "
            f"({_KNOWN_SUFFIXES})"
        )
    if not os.path.lexists(path):
        raise LoadError("no such file", file=path)
    if Path(path).is_dir():
        raise LoadError(
            "a folder, not a file (govfin check takes folders: it reads every report in them)",
            file=path,
        )


def _function(fmt: str, which: int, path: str) -> Callable[..., Any]:
    module_name, reader, writer, extra = FORMATS[fmt]
    attr = reader if which == 1 else writer
    if attr is None:
        raise LoadError(f"govfin cannot write .{fmt} files (write .json or .xlsx)", file=path)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if extra is None:
            raise
        if exc.name == module_name:
            raise LoadError(f".{fmt} files are not supported in this version", file=path) from exc
        raise LoadError(
            f"reading or writing .{fmt} files needs the {extra!r} extra "
            f"({install_hint(extra)}); missing module {exc.name!r}",
            file=path,
        ) from exc
    func: Callable[..., Any] = getattr(module, attr)
    return func


def load(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    strict: bool = False,
) -> Report:
    """Read a file, or the several files of one report, into a :class:`~govfin.report.Report`.

    Args:
        path: the file; its suffix chooses the reader unless *format* is given.
            A list or tuple of files is read as one report
            (:func:`govfin.io.combine.load_many`): the files' tables and prose
            together, each cell and section keeping its file.
        format: ``"txt"``, ``"json"``, ``"pdf"``, ``"xlsx"``, ``"xls"`` or ``"docx"``.
        strict: raise instead of recording a problem of severity ``error``
            (an unreadable cell, a missing column).

    Raises:
        LoadError: for an unknown format, a missing extra, or a file that
            cannot be read (naming file, page or line, table, row, column);
            for several files that are not one report (different years or
            kinds); in *strict* mode also for the first error-level problem.
    """
    if not isinstance(path, str | os.PathLike):
        from govfin.io.combine import load_many  # noqa: PLC0415

        files = list(path)
        name = " + ".join(os.fspath(p) for p in files)
        report = load_many(files, format=format, strict=strict)
    else:
        name = os.fspath(path)
        _readable(name, format)
        fmt = _format_of(name, format)
        try:
            report = _function(fmt, 1, name)(name)
        except LoadError as exc:
            if not exc.message.startswith("no table found"):
                raise
            raise LoadError(
                f"{exc.message} (if its tables are published in another file, read both as "
                "one report: load([narrative, tables]), or --one-report on the command line)",
                file=exc.file or name,
            ) from exc
    if strict:
        first = next((p for p in report.problems if p.severity == "error"), None)
        if first is not None:
            prov = first.provenance
            cell = f"sheet {prov.sheet!r} cell {prov.cell}: " if prov and prov.cell else ""
            raise LoadError(
                cell + first.message,
                file=(prov.file if prov else None) or name,
                page=prov.page if prov else None,
                line=prov.line if prov else None,
                table=first.table,
                row=first.row,
                column=first.column,
            )
    return report


def save(
    report: Report,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
) -> None:
    """Write *report* as ``.json`` (native, lossless) or ``.xlsx`` (official layout).

    Raises:
        LoadError: for a format govfin cannot write or a missing extra.
    """
    name = os.fspath(path)
    fmt = _format_of(name, format)
    _function(fmt, 2, name)(report, name)


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files to read for *paths*: files as given, folders as the readable files inside.

    A folder stands for every file below it (at any depth) whose suffix govfin
    reads (see :data:`FORMATS`), in sorted order, so that ``govfin check
    reports/`` checks a district's folder of reports.  Files are passed through
    as given, whatever their suffix (:func:`load` then says what is wrong).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.pdf", "a.txt", "notes.odt"):
    ...     _ = (folder / name).write_text("")
    >>> [pathlib.Path(p).name for p in expand([folder])]
    ['a.txt', 'b.pdf']

    Raises:
        LoadError: for a folder that holds no readable file.
    """
    out: list[str] = []
    for path in paths:
        name = os.fspath(path)
        if not Path(name).is_dir():
            out.append(name)
            continue
        found = sorted(
            str(p)
            for p in Path(name).rglob("*")
            if p.is_file() and p.suffix.lower().lstrip(".") in FORMATS
        )
        if not found:
            raise LoadError(f"a folder with no file govfin reads ({_KNOWN_SUFFIXES})", file=name)
        out.extend(found)
    return out


def example_path() -> Path:
    """The path of the bundled seed report (a plain-text export).

    >>> example_path().name
    'lukou-xzspj-2024-final.txt'
    """
    return Path(str(resources.files("govfin").joinpath("data", "examples", EXAMPLE)))


@functools.cache
def load_example() -> Report:
    """The bundled seed report (渌口区行政审批服务局 2024 决算), loaded once and cached.

    Its provenance names the file by its bare name (``lukou-xzspj-2024-final.txt``),
    so that output does not depend on where govfin is installed.
    """
    from govfin.io.text import parse_text  # noqa: PLC0415 - keeps ``import govfin.io`` light
    from govfin.tables.bind import bind_document  # noqa: PLC0415

    text = example_path().read_text(encoding="utf-8")
    return bind_document(parse_text(text, EXAMPLE))
