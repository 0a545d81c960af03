"""Check many reports at once: in this process, in a process pool, or on a Dask cluster.

:func:`check_many` loads and checks each input and yields one
:class:`FileResult` per input, **in input order**, as soon as it (and every
input before it) is done.  Work runs on any :class:`concurrent.futures.Executor`:

- none (``jobs=1``, the default): one file after the other, in this process;
- a :class:`~concurrent.futures.ProcessPoolExecutor` of *jobs* processes,
  made and shut down by :func:`check_many` (``jobs > 1``, or ``0`` for one
  per CPU);
- the executor you pass, e.g. a Dask distributed client's
  (``Client.get_executor()``) to spread the files over a cluster.  The files
  must then be readable from every worker, and govfin installed there.

At most *window* files are in flight at any time, so that memory stays bounded
however many files there are: a result is handed to the caller and then
forgotten.  An unreadable file is a result too (:attr:`FileResult.failure`),
never an exception that stops the others, and never a clean report.  Results
are plain frozen values and pickle, so they can cross processes and machines.

>>> from govfin.io import example_path
>>> (item,) = check_many([example_path()])
>>> item.ok, item.failure is None, item.info.tables, item.result.summary.errors > 0
(True, True, 9, True)
"""

from __future__ import annotations

import concurrent.futures
import functools
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Final

import attrs

from govfin.errors import GovfinError, LoadError

if TYPE_CHECKING:
    from govfin.classification import Catalog
    from govfin.report import Report
    from govfin.rules import CheckResult, RuleSet

__all__ = ["Failure", "FileResult", "Options", "ReportInfo", "check_many", "check_one"]

_WINDOW_PER_WORKER: Final = 4
_EXTERNAL_WINDOW: Final = 64


@attrs.frozen
class Failure:
    """Why one input could not be checked.

    *type* is the exception's class name (``LoadError``, ``FileNotFoundError``
    …), *message* its text, which names the file and, where known, the page
    or line; *file*, *page* and *line* repeat those of a
    :class:`~govfin.errors.LoadError`.  *internal* is true when the exception
    was not one govfin raises for bad input (a defect of govfin, not of the
    file): the file is still reported as not checked, never as clean.
    """

    type: str
    message: str
    file: str | None = None
    page: int | None = None
    line: int | None = None
    internal: bool = False

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        """The failure that *exc* stands for."""
        internal = not isinstance(exc, GovfinError | OSError)
        message = str(exc) or type(exc).__name__
        if internal:
            where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
            message = f"internal error{at}: {type(exc).__name__}: {message}"
        if isinstance(exc, LoadError):
            return cls(type(exc).__name__, message, exc.file, exc.page, exc.line)
        file = exc.filename if isinstance(exc, OSError) and exc.filename else None
        return cls(type(exc).__name__, message, str(file) if file else None, internal=internal)


@attrs.frozen
class ReportInfo:
    """Who published a checked report and how much of it govfin recognised.

    *kind* and *scope* are the printed values (``决算`` / ``预算``, ``部门`` /
    ``单位``); *tables* counts the tables read, *recognised* those matched to a
    schema (the rest were kept as printed), *problems* what loading met.
    """

    department: str | None
    region: str | None
    year: int | None
    kind: str
    scope: str
    tables: int
    recognised: int
    problems: int

    @classmethod
    def of(cls, report: Report) -> ReportInfo:
        """The information of *report*."""
        return cls(
            department=report.department,
            region=report.region,
            year=report.year,
            kind=report.kind.value,
            scope=report.scope.value,
            tables=len(report.tables),
            recognised=len(report.tables) - len(report.unrecognised),
            problems=len(report.problems),
        )


@attrs.frozen
class FileResult:
    """The outcome of one input: its findings, or why it could not be checked.

    Exactly one of *result* and *failure* is set.  *index* is the input's
    position, *source* the input as given, *elapsed* the seconds spent loading
    and checking it (in the worker).  *report* is the loaded report itself,
    kept only when asked (``keep_reports=True``: HTML pages, annotated PDFs).
    """

    index: int
    source: str
    elapsed: float
    info: ReportInfo | None = None
    result: CheckResult | None = None
    failure: Failure | None = None
    report: Report | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def ok(self) -> bool:
        """Whether the input was read and checked (whatever its findings)."""
        return self.failure is None and self.result is not None

    def brief(self) -> FileResult:
        """This result without its findings, pass records and report: the counts stay.

        What a batch summary needs of each file, in a few hundred bytes.
        """
        if self.result is None:
            return attrs.evolve(self, report=None)
        result = attrs.evolve(self.result, findings=(), passes=())
        return attrs.evolve(self, result=result, report=None)


@attrs.frozen
class Options:
    """How each input is checked (the keyword arguments of :func:`check_many`)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    previous: str | None = None
    catalogs: tuple[str, ...] = ()
    keep_passes: bool = False
    keep_reports: bool = False


def _default_load(source: str) -> Report:
    from govfin.io import load  # noqa: PLC0415 - loaders import their back ends lazily

    return load(source)


def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> RuleSet:
    """The rule set (built per file: a tenth of a millisecond, and it sees rules added later)."""
    from govfin.rules import default_rules  # noqa: PLC0415

    rules = default_rules()
    if select:
        rules = rules.select(*select)
    if ignore:
        rules = rules.ignore(*ignore)
    return rules


def _stamp(path: str) -> tuple[int, int] | None:
    """When *path* last changed and its size: a cached copy is reused only while they hold."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):  # not a file (the bundled example, a group of files)
        return None
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=4)
def _previous_cached(
    load: Callable[[str], Report], source: str, stamp: tuple[int, int] | None
) -> Report:
    return load(source)


def _previous(load: Callable[[str], Report], source: str) -> Report:
    return _previous_cached(load, source, _stamp(source))


@functools.lru_cache(maxsize=16)
def _catalog_cached(path: str, year: int | None, stamp: tuple[int, int] | None) -> Catalog:
    from govfin.classification import load_catalog  # noqa: PLC0415

    return load_catalog(path, year=year)


def _catalog(path: str, year: int | None) -> Catalog:
    return _catalog_cached(path, year, _stamp(path))


def check_one(
    index: int,
    source: str,
    options: Options = Options(),
    load: Callable[[str], Report] = _default_load,
) -> FileResult:
    """Load and check one input; never raises for a bad input (this runs in workers).

    Last year's report and the catalogues are read once per worker process
    and reused for every file it checks (while the files are unchanged).
    """
    from govfin.rules import check  # noqa: PLC0415

    start = time.perf_counter()
    try:
        report = load(source)
        last = _previous(load, options.previous) if options.previous else None
        catalogs = [_catalog(path, report.year) for path in options.catalogs]
        result = check(
            report,
            _rules(options.select, options.ignore),
            previous=last,
            catalogs=catalogs,
            keep_passes=options.keep_passes,
        )
    except Exception as exc:
        return FileResult(index, source, time.perf_counter() - start, failure=Failure.of(exc))
    return FileResult(
        index,
        source,
        time.perf_counter() - start,
        info=ReportInfo.of(report),
        result=result,
        report=report if options.keep_reports else None,
    )


def check_many(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    executor: concurrent.futures.Executor | None = None,
    jobs: int = 1,
    window: int | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: str | os.PathLike[str] | None = None,
    catalogs: Sequence[str | os.PathLike[str]] = (),
    keep_passes: bool = False,
    keep_reports: bool = False,
    load: Callable[[str], Report] | None = None,
) -> Iterator[FileResult]:
    """Check every input; yield one :class:`FileResult` per input, in input order.

    Args:
        inputs: report files (any suffix :func:`govfin.io.load` reads); read
            lazily, so a generator of ten thousand paths is fine.
        executor: where to run the work; default: this process when
            *jobs* is 1, else a process pool of *jobs* processes.  A given
            executor is used as is and not shut down.
        jobs: processes of the default pool (``0``: one per CPU).
        window: the most inputs in flight at once (default: four per
            process, or 64 with a given executor); bounds memory.
        select: rule selectors (ids, prefixes, tags, table ids), as
            :meth:`RuleSet.select <govfin.rules.RuleSet.select>`.
        ignore: rules to leave out, same forms.
        previous: last year's report, for the rules that compare with it.
        catalogs: official classification catalogues (.csv/.xlsx).
        keep_passes: keep the pass records in each result.
        keep_reports: keep each loaded report in :attr:`FileResult.report`.
        load: the function that reads one input (module-level, so that it
            pickles); default :func:`govfin.io.load`.

    Raises:
        ValueError: for a negative *jobs* or *window*, or a selector that
            names no rule (checked before any work starts).
    """
    if jobs < 0:
        raise ValueError("jobs must be 0 or more")
    if window is not None and window < 1:
        raise ValueError("window must be 1 or more")
    options = Options(
        select=tuple(select),
        ignore=tuple(ignore),
        previous=os.fspath(previous) if previous is not None else None,
        catalogs=tuple(os.fspath(c) for c in catalogs),
        keep_passes=keep_passes,
        keep_reports=keep_reports,
    )
    _rules(options.select, options.ignore)  # a bad selector fails here, not in every worker
    reader = load or _default_load
    sources = (os.fspath(source) for source in inputs)
    if executor is not None:
        return _stream(executor, sources, options, reader, window or _EXTERNAL_WINDOW)
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers == 1:
        return (check_one(i, s, options, reader) for i, s in enumerate(sources))
    return _pooled(workers, sources, options, reader, window or _WINDOW_PER_WORKER * workers)


def _pooled(
    workers: int,
    sources: Iterator[str],
    options: Options,
    load: Callable[[str], Report],
    window: int,
) -> Iterator[FileResult]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _stream(pool, sources, options, load, window)


def _stream(
    executor: concurrent.futures.Executor,
    sources: Iterator[str],
    options: Options,
    load: Callable[[str], Report],
    window: int,
) -> Iterator[FileResult]:
    pending: deque[Future[FileResult]] = deque()
    index = 0
    try:
        for source in sources:
            pending.append(executor.submit(check_one, index, source, options, load))
            index += 1
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
