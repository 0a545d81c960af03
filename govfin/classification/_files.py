"""Reading catalogues: the bundled editions, official files the user holds, and harvests."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Final

import attrs

from govfin.classification._catalog import Catalog, Entry, Source, Trust, normalise_name
from govfin.classification._scheme import Classification, Code, _compact, _validate, guess
from govfin.errors import CatalogError, CodeError, LoadError, UnknownEdition

__all__ = [
    "Conflict",
    "Harvest",
    "Rejected",
    "bundled",
    "bundled_years",
    "harvest",
    "load_catalog",
    "read_packaged",
    "write_packaged",
]

PACKAGED_COLUMNS: Final = ("code", "name", "trust", "source", "note")
_FILE_RE: Final = re.compile(r"^(?P<cls>[a-z_]+)_(?P<year>\d{4})\.csv$")


# --------------------------------------------------------------------------- packaged files


def write_packaged(
    entries: Iterable[Entry], out: io.TextIOBase | io.StringIO, header: Sequence[str]
) -> None:
    """Write *entries* in the packaged format: ``#`` comment lines, then one row per source.

    Columns: ``code, name, trust, source, note``.  An entry attested by three
    documents has three rows with the same code and name.
    """
    for line in header:
        out.write(f"# {line}\n" if line else "#\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PACKAGED_COLUMNS)
    for entry in sorted(entries, key=lambda e: e.digits):
        for source in entry.sources or (Source("", Trust.UNVERIFIED),):
            writer.writerow(
                (entry.digits, entry.name, source.trust.value, source.document, source.note)
            )


def read_packaged(
    text: str, classification: Classification | str, year: int | None, source: str = ""
) -> Catalog:
    """Read a catalogue written by :func:`write_packaged`.

    Raises:
        CatalogError: when a code appears with two names.
        CodeError: when a code is malformed.
    """
    which = Classification.parse(classification)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    names: dict[str, str] = {}
    sources: dict[str, list[Source]] = {}
    for row in csv.DictReader(lines):
        digits = _validate(which, row["code"])
        name = row["name"]
        if names.setdefault(digits, name) != name:
            raise CatalogError(f"{digits} has two names: {names[digits]!r} and {name!r}")
        if row["source"]:
            sources.setdefault(digits, []).append(
                Source(row["source"], Trust(row["trust"]), row["note"])
            )
    entries = [Entry(Code(which, d), n, tuple(sources.get(d, ()))) for d, n in names.items()]
    return Catalog(which, year, entries, source=source)


def _data_dir() -> resources.abc.Traversable:
    return resources.files("govfin") / "data" / "classification"


@functools.cache
def _editions() -> dict[Classification, tuple[int, ...]]:
    found: dict[Classification, list[int]] = {c: [] for c in Classification}
    for item in _data_dir().iterdir():
        match = _FILE_RE.match(item.name)
        if match and match["cls"] in {c.value for c in Classification}:
            found[Classification(match["cls"])].append(int(match["year"]))
    return {c: tuple(sorted(years)) for c, years in found.items()}


def bundled_years(classification: Classification | str) -> tuple[int, ...]:
    """The edition years bundled for *classification*, oldest first.

    >>> bundled_years("functional")
    (2017, 2018, 2024)
    """
    return _editions()[Classification.parse(classification)]


@functools.cache
def _load_bundled(classification: Classification, year: int) -> Catalog:
    name = f"{classification.value}_{year}.csv"
    text = (_data_dir() / name).read_text(encoding="utf-8")
    return read_packaged(
        text, classification, year, source=f"bundled govfin/data/classification/{name}"
    )


def bundled(
    classification: Classification | str, year: int | None = None, *, strict: bool = False
) -> Catalog:
    """The catalogue packaged with govfin for *classification* and edition *year*.

    The bundled data are what was observed in official disclosures (trust
    ``observed``) and a few entries from general knowledge (trust
    ``unverified``); none of it is the complete official catalogue.  Load the
    official file with :func:`load_catalog` when you hold it.

    When no edition of *year* is bundled, the first edition after *year* is
    returned (the latest one when *year* follows them all or is ``None``): the
    bundled editions are partial, and an earlier one would accept names
    abolished since (210 医疗卫生与计划生育支出, the 2018 name, in a 2020 report);
    the catalogue's ``year`` says which edition it is, ``requested_year``
    what was asked and ``is_fallback`` whether they differ.  With *strict*, a
    missing edition raises instead.

    >>> catalog = bundled("functional", 2025)
    >>> catalog.year, catalog.requested_year, catalog.is_fallback
    (2024, 2025, True)
    >>> bundled("economic-dept", 2024).name("30201")
    '办公费'

    Raises:
        UnknownEdition: with *strict*, when *year* is not bundled.
    """
    which = Classification.parse(classification)
    years = bundled_years(which)
    if not years:  # pragma: no cover - every classification ships at least one edition
        raise UnknownEdition(f"no bundled {which.value} catalogue")
    if year is None:
        return _load_bundled(which, years[-1])
    if year in years:
        return _load_bundled(which, year)
    if strict:
        shipped = ", ".join(map(str, years))
        raise UnknownEdition(
            f"no bundled {which.value} catalogue for {year} (bundled editions: {shipped})"
        )
    # Between two bundled editions, the later one: the bundled editions are partial,
    # and an earlier one would accept names abolished since (医疗卫生与计划生育支出 in
    # 2020); after the newest, the newest.
    later = [y for y in years if y > year]
    return _fallback(which, later[0] if later else years[-1], year)


@functools.cache
def _fallback(classification: Classification, edition: int, requested: int) -> Catalog:
    return attrs.evolve(_load_bundled(classification, edition), requested_year=requested)


# --------------------------------------------------------------------------- user files

# Header names, best first: an exact name beats a suffix match, which beats a loose word.
_CODE_HEADERS: Final = ("code", "科目编码", "科目代码", "编码", "代码", "科目编号", "编号")
_NAME_HEADERS: Final = ("name", "科目名称", "名称", "分类名称")


def _header_key(cell: object) -> str:
    return normalise_name(str(cell)).lower() if cell is not None else ""


def _code_rank(key: str) -> int | None:
    if key in _CODE_HEADERS:
        return 0
    if key.endswith(("编码", "代码")):  # 功能分类科目编码, 经济分类科目编码 …
        return 1
    return None


def _name_rank(key: str) -> int | None:
    if key in _NAME_HEADERS:
        return 0
    if key.endswith("名称"):
        return 1
    if key == "项目":  # the row-label column of the 公开 tables
        return 2
    return None


def _best(keys: Sequence[str], rank: Callable[[str], int | None], skip: int = -1) -> int | None:
    ranked = [(r, i) for i, k in enumerate(keys) if i != skip and (r := rank(k)) is not None]
    return min(ranked)[1] if ranked else None


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):  # a spreadsheet number; codes are whole numbers
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip().strip("\u3000").strip()


def _rows_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:  # pragma: no cover - gb18030 decodes almost anything
        raise LoadError("neither UTF-8 nor GB18030 text", file=str(path))
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _rows_xlsx(path: Path, sheet: str | None) -> list[list[object]]:
    try:
        import openpyxl  # noqa: PLC0415 - optional back end, imported lazily
    except ImportError as exc:  # pragma: no cover - the excel extra is missing
        raise LoadError("reading xlsx needs openpyxl (pip install govfin[excel])") from exc
    fh = open(path, "rb")  # noqa: SIM115 - closed below, also when loading fails
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, a damaged part: never a traceback
        fh.close()
        raise LoadError(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=str(path)
        ) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise LoadError(f"no sheet {sheet!r} (it has {book.sheetnames})", file=str(path))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        return [list(row) for row in ws.iter_rows(values_only=True)]
    except LoadError:
        raise
    except Exception as exc:  # a damaged sheet found while reading it
        raise LoadError(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", file=str(path)
        ) from exc
    finally:
        book.close()
        fh.close()


def _find_columns(rows: Sequence[Sequence[object]], file: str) -> tuple[int, int, int]:
    """(header row index or -1, code column, name column)."""
    for index, row in enumerate(rows[:50]):
        keys = [_header_key(c) for c in row]
        code_col = _best(keys, _code_rank)
        name_col = None if code_col is None else _best(keys, _name_rank, skip=code_col)
        if code_col is not None and name_col is not None:
            return index, code_col, name_col
    first = next((r for r in rows if any(_cell_text(c) for c in r)), None)
    if first is not None and len(first) >= 2 and _compact(_cell_text(first[0])).isdigit():
        return -1, 0, 1
    raise LoadError(
        "no header row with a code column (科目编码, code …) and a name column (科目名称, name …)",
        file=file,
    )


def load_catalog(
    path: str | Path,
    classification: Classification | str | None = None,
    *,
    year: int | None = None,
    sheet: str | None = None,
    trust: Trust | str = Trust.VERIFIED,
) -> Catalog:
    r"""Load a catalogue from a CSV or xlsx file with a code column and a name column.

    The header row is found among the first 50 rows by its column names
    (科目编码/科目代码/编码/code and 科目名称/名称/name); a file without one is
    read as code, name in the first two columns.  Rows without a code (titles,
    totals) are skipped.  CSV files may be UTF-8 or GB18030.  The
    classification is guessed from the first code when not given; rows of
    other classifications are then an error, but skipped when it is given (an
    official file that lists every classification can be loaded piecewise).

    *trust* defaults to ``verified``: loading a file declares it the official
    catalogue.  Pass ``observed`` or ``unverified`` otherwise.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "kemu.csv"
    ...     _ = path.write_text("科目编码,科目名称\n20101,人大事务\n", "utf-8")
    ...     load_catalog(path, year=2024).name("20101")
    '人大事务'

    Raises:
        LoadError: when the file cannot be read, has no code/name columns, or
            holds a malformed code or a code with two names.
    """
    file = Path(path)
    label = str(file)
    if file.suffix.lower() == ".xls":
        raise LoadError(
            "the old .xls format is not read: save the file as .xlsx or .csv", file=label
        )
    try:
        if file.suffix.lower() in {".xlsx", ".xlsm"}:
            rows = _rows_xlsx(file, sheet)
        else:
            rows = _rows_csv(file)
    except OSError as exc:
        raise LoadError(str(exc), file=label) from exc
    header, code_col, name_col = _find_columns(rows, label)
    level = Trust(trust)
    which = None if classification is None else Classification.parse(classification)
    guessed = which is None
    names: dict[str, str] = {}
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        text = _cell_text(row[code_col]) if code_col < len(row) else ""
        if not any(ch.isdigit() for ch in text):  # blank, or a title such as 合计
            continue
        name = _cell_text(row[name_col]) if name_col < len(row) else ""
        try:
            if which is None:
                which = guess(text)
            elif not guessed and _compact(text)[:1] != which.prefix:
                continue
            digits = _validate(which, text)
        except CodeError as exc:
            raise LoadError(str(exc), file=label, line=number) from exc
        if not name:
            raise LoadError(f"code {digits} has no name", file=label, line=number)
        if names.setdefault(digits, name) != name:
            raise LoadError(
                f"code {digits} has two names: {names[digits]!r} and {name!r}",
                file=label,
                line=number,
            )
    if which is None:
        raise LoadError("no code found", file=label)
    source = Source(label, level)
    entries = [Entry(Code(which, d), n, (source,)) for d, n in names.items()]
    return Catalog(which, year, entries, source=label)


# --------------------------------------------------------------------------- harvesting


@attrs.frozen
class Conflict:
    """A code whose harvested names disagree among themselves or with a reference catalogue.

    ``seen`` holds the distinct names found (by :func:`normalise_name`, first
    spelling kept), most frequent first; ``reference`` the reference catalogue's
    name, ``None`` when it has none.
    """

    code: Code
    seen: tuple[str, ...]
    reference: str | None = None

    @property
    def kind(self) -> str:
        """``inconsistent`` when the sightings disagree, else ``differs`` (from the reference)."""
        return "inconsistent" if len(self.seen) > 1 else "differs"


@attrs.frozen
class Rejected:
    """A harvested pair that was not a well-formed code of the classification."""

    code: str
    name: str
    reason: str


@attrs.frozen
class Harvest:
    """The result of :func:`harvest`: the catalogue built, the conflicts and the rejected pairs."""

    catalog: Catalog
    conflicts: tuple[Conflict, ...]
    rejected: tuple[Rejected, ...]


Pair = tuple[str, str] | tuple[str, str, Source | str]
"""What :func:`harvest` reads: ``(code, name)`` or ``(code, name, source)``."""


def _sightings(pairs: Iterable[Pair]) -> Iterator[tuple[str, str, Source | None]]:
    for pair in pairs:
        if len(pair) == 2:
            yield pair[0], pair[1], None
        else:
            where = pair[2]
            yield (
                pair[0],
                pair[1],
                Source(where, Trust.OBSERVED) if isinstance(where, str) else where,
            )


def harvest(
    pairs: Iterable[Pair],
    classification: Classification | str,
    *,
    year: int | None = None,
    against: Catalog | None = None,
    source: str = "harvested",
) -> Harvest:
    """Build a catalogue from ``(code, name[, source])`` sightings, reporting conflicts.

    Each code takes its most frequent name (the first spelling seen of it); a
    ``str`` source becomes an ``observed`` :class:`Source`.  Pairs that are not
    well-formed codes of *classification* are set aside as :class:`Rejected`,
    never raised.  With *against*, every harvested name that differs from the
    reference catalogue's is a :class:`Conflict` too.

    >>> found = harvest(
    ...     [("2010301", "行政运行", "report A"), ("2010301", "行政運行", "report B"),
    ...      ("2010301", "行政运行", "report C"), ("x", "合计")],
    ...     "functional",
    ... )
    >>> found.catalog.name("2010301"), found.conflicts[0].seen, found.rejected[0].code
    ('行政运行', ('行政运行', '行政運行'), 'x')
    """
    which = Classification.parse(classification)
    if against is not None and against.classification is not which:
        raise CatalogError(f"cannot check {which.value} codes against a {against.label}")
    counts: dict[str, Counter[str]] = {}
    spelling: dict[tuple[str, str], str] = {}
    sources: dict[str, list[Source]] = {}
    rejected: list[Rejected] = []
    for text, name, where in _sightings(pairs):
        try:
            digits = _validate(which, text)
        except (CodeError, TypeError) as exc:
            rejected.append(Rejected(str(text), str(name), str(exc)))
            continue
        key = normalise_name(name)
        if not key:
            rejected.append(Rejected(text, name, "no name"))
            continue
        counts.setdefault(digits, Counter())[key] += 1
        spelling.setdefault((digits, key), name.strip())
        if where is not None and where not in sources.setdefault(digits, []):
            sources[digits].append(where)
    entries: list[Entry] = []
    conflicts: list[Conflict] = []
    for digits, counter in counts.items():
        ranked = [spelling[(digits, key)] for key, _ in counter.most_common()]
        code = Code(which, digits)
        entries.append(Entry(code, ranked[0], tuple(sources.get(digits, ()))))
        reference = None if against is None else against.name(code)
        differs = reference is not None and normalise_name(reference) != normalise_name(ranked[0])
        if len(ranked) > 1 or differs:
            conflicts.append(Conflict(code, tuple(ranked), reference))
    catalog = Catalog(which, year, entries, source=source)
    conflicts.sort(key=lambda c: c.code.digits)
    return Harvest(catalog, tuple(conflicts), tuple(rejected))
