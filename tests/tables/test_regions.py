"""Other regions' table sets: the titles and headings they print map to the intended schema.

The titles and headings in ``tests/data/regions/`` were collected from published
部门决算 and 部门预算 reports and their 目录 (region, year and where each was seen
are kept beside it).  Every title must be recognised as exactly its schema (or
stay unrecognised when it names no standard table), every heading must map to its
column or line, and a generated report printed with regional titles and headings
must read back as the same tables with no error finding.
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govfin.amounts import Unit
from govfin.io.excel import NARRATIVE_SHEET
from govfin.io.jsonio import from_json, to_json
from govfin.io.text import load_text
from govfin.report import Narrative, Report, ReportKind, Section, Table
from govfin.rules import check, measure_coverage
from govfin.rules._finding import Severity
from govfin.tables import KEPT_IDS, bind_table, get_schema, recognise, schemas
from govfin.tables._vocabulary import is_caption
from govfin.tables.contents import entry_title, listed_tables, match_listed
from govfin.tables.raw import RawCell, RawTable
from govfin.tables.registry import _title_score
from govfin.tables.schema import normalise_title
from govfin.testing import budget_reports, final_reports
from govfin.testing.office import _printed, _sheets

DATA = Path(__file__).resolve().parent.parent / "data" / "regions"


@attrs.frozen
class _Title:
    kind: ReportKind
    printed: str
    expected: str
    seen_in: str
    region: str
    year: str
    source: str

    @property
    def title(self) -> str:
        """The title recognition is given: a 目录 line as :func:`entry_title` reads it."""
        return entry_title(self.printed) if self.seen_in.startswith("目录") else self.printed


def _titles() -> list[_Title]:
    with (DATA / "titles.csv").open(encoding="utf-8") as f:
        return [
            _Title(
                ReportKind.FINAL if r["kind"] == "final" else ReportKind.BUDGET,
                r["printed"],
                r["expected"],
                r["seen_in"],
                r["region"],
                r["year"],
                r["source"],
            )
            for r in csv.DictReader(f)
        ]


def _headings() -> list[dict[str, str]]:
    with (DATA / "headings.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


TITLES = _titles()
HEADINGS = _headings()


def _id(t: _Title) -> str:
    return f"{t.printed}@{t.region}{t.year}"


class TestHarvest:
    def test_every_row_says_where_it_was_seen(self) -> None:
        assert len(TITLES) >= 80
        assert len(HEADINGS) >= 40
        for t in TITLES:
            assert t.printed
            assert t.seen_in
            assert t.source
            assert not t.expected or get_schema(t.expected).kind is t.kind
        for h in HEADINGS:
            assert h["heading"]
            assert h["source"]
            assert get_schema(h["schema"])

    def test_several_regions_and_numbering_styles(self) -> None:
        regions = {t.region.split()[0] for t in TITLES if t.year}
        assert len(regions) >= 6
        starts = {t.printed[:2] for t in TITLES}
        assert {"一、", "表 ", "2.", "3.", "表一", "九、"} <= starts


@pytest.mark.parametrize("row", TITLES, ids=_id)
def test_harvested_title_is_recognised_as_its_schema(row: _Title) -> None:
    found = recognise(row.title, kind=row.kind)
    assert (found.id if found else "") == row.expected


@pytest.mark.parametrize("row", [t for t in TITLES if t.expected], ids=_id)
def test_harvested_title_matches_no_other_schema_as_well(row: _Title) -> None:
    """The intended schema wins on the title alone: no header is needed to break a tie."""
    norm = normalise_title(row.title)
    scores = {s.id: _title_score(s, norm) for s in schemas(row.kind)}
    best = scores[row.expected]
    assert best > 0
    assert [i for i, v in scores.items() if v >= best and i != row.expected] == []


def _contents() -> Iterator[tuple[str, ReportKind, list[_Title]]]:
    groups: dict[tuple[str, ReportKind], list[_Title]] = defaultdict(list)
    for t in TITLES:
        if t.seen_in.startswith("目录"):
            groups[(t.source, t.kind)].append(t)
    for (source, kind), rows in groups.items():
        yield source, kind, rows


@pytest.mark.parametrize(("source", "kind", "rows"), list(_contents()), ids=lambda v: str(v)[:40])
def test_harvested_contents_are_listed_and_matched(
    source: str, kind: ReportKind, rows: list[_Title]
) -> None:
    """Each 目录 lists its tables, and each entry finds its own table in the report."""
    tables = tuple(
        Table(
            schema=t.expected or None,
            title=f"某某局2024年度{t.title}",
            unit=Unit.WANYUAN,
            columns=(),
            rows=(),
        )
        for t in rows
    )
    contents = Section("目录", "\n".join(t.printed for t in rows))
    report = Report(kind, tables, narrative=Narrative((contents,)))
    entries = listed_tables(report)
    assert [entry_title(e) for e in entries] == [t.title for t in rows]
    assert [id(t) for t in match_listed(entries, report)] == [id(t) for t in tables]


@pytest.mark.parametrize("row", HEADINGS, ids=lambda h: f"{h['schema']}:{h['heading']}")
def test_harvested_heading_maps_to_its_column_or_line(row: dict[str, str]) -> None:
    schema = get_schema(row["schema"])
    if row["what"] == "column":
        matched = [c.key for c in schema.columns if c.matches(row["heading"])]
        assert row["key"] in matched
    elif row["what"] == "line":
        line = schema.match_line(row["heading"])
        assert line is not None
        assert line.key == row["key"]
    else:  # a group printed over the column
        column = schema.column(row["key"])
        assert column is not None
        assert column.matches_groups([row["heading"]])
        others = [c.key for c in schema.columns if c.title == column.title and c is not column]
        assert all(
            not get_schema(row["schema"]).column(k).matches_groups([row["heading"]])  # type: ignore[union-attr]
            for k in others
            if k != row["key"] and k.split("_")[0] != row["key"].split("_")[0]
        )


@pytest.mark.parametrize(
    "title",
    [
        "资产负债表",
        "资产负债情况表",
        "项目支出绩效自评表",
        "部门整体支出绩效自评表",
        "收入费用表",
        "固定资产情况表",
        "2024年度部门决算公开表",
    ],
)
def test_unrelated_tables_stay_unrecognised(title: str) -> None:
    assert recognise(title) is None


def test_every_title_and_variant_is_its_own_schemas() -> None:
    """No variant steals another schema's title (a title two schemas share: the header decides)."""
    for schema in schemas():
        for title in schema.titles:
            found = recognise(title, kind=schema.kind)
            assert found is not None, title
            assert found is schema or normalise_title(title) in {
                normalise_title(t) for t in found.titles
            }, (title, schema.id, found.id)


_NUMBERS = [
    "公开01表",
    "公开09表",
    "表1",
    "表 1:",
    "表一",
    "表十二",
    "公开表十一",
    "附表3",
    "（表三）",
    "1-1",
    "一、",
    "十一、",
    "（一）",
    "1.",
    "5．",
]
_OWNERS = ["", "某某市某某局", "2024年度", "某某县人民政府办公室2025年", "2025年部门"]
_SEPARATORS = ["", " ", "\u3000", "：", "  "]
_CN_DIGITS = "一二三四五六七八九十"
_STANDARD_TITLES = sorted({t.title for t in TITLES if t.expected})


@st.composite
def _spaced(draw: st.DrawFn, text: str) -> str:
    """*text* with spaces (ASCII or full-width) put between some of its characters."""
    out = []
    for ch in text:
        out.append(ch)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from([" ", "\u3000", "  "])))
    return "".join(out)


@settings(deadline=None)
@given(
    st.sampled_from(_STANDARD_TITLES),
    st.sampled_from(_NUMBERS),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_OWNERS),
    st.sampled_from(["", "（公开05表）", " 公开01表", "(表九)", " 表3"]),
    st.data(),
)
def test_numbering_owner_and_spacing_never_change_the_schema(
    title: str, number: str, sep: str, owner: str, suffix: str, data: st.DataObject
) -> None:
    assume(not (sep == "" and number[-1] in _CN_DIGITS and (owner or title)[0] in _CN_DIGITS))
    printed = number + sep + owner + data.draw(_spaced(title)) + suffix
    for kind in ReportKind:
        assert recognise(printed, kind=kind) is recognise(title, kind=kind), printed


class TestKeptTables:
    def test_kept_ids_are_registered_unchecked(self) -> None:
        for schema_id in KEPT_IDS:
            schema = get_schema(schema_id)
            assert not schema.checked
            assert schema.columns == ()
        assert all(s.checked for s in schemas() if s.id not in KEPT_IDS)

    def test_bound_as_printed_with_its_id(self) -> None:
        cells = [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "12.50", "10.00", "2.50"],
        ]
        raw = RawTable(
            "某某局2024年度财政拨款支出决算明细表",
            tuple(tuple(RawCell(c) for c in r) for r in cells),
            captions=("单位：万元",),
        )
        table, problems = bind_table(raw)
        assert table.schema == "final.fiscal_detail"
        assert [r.code for r in table.rows] == ["201"]
        assert [c.title for c in table.columns] == cells[0]
        assert table.rows[0].cells["col3"].value is not None
        assert [p.severity for p in problems] == ["info"]
        assert "not checked" in problems[0].message

    def test_coverage_finds_them_but_never_counts_them_recognised(self) -> None:
        kept = Table("budget.performance_projects", "项目支出绩效目标表", Unit.YUAN, (), ())
        report = Report(
            ReportKind.BUDGET,
            (kept,),
            narrative=Narrative((Section("目录", "1.项目支出绩效目标表"),)),
        )
        coverage = measure_coverage(report)
        assert coverage.tables_found == 1
        assert coverage.missing == ()
        assert coverage.tables_recognised == 0
        assert coverage.tables_unrecognised == 0
        # nothing standard was read: still an error, never a clean report
        assert not coverage.complete
        assert any(f.rule == "GF-S004" for f in check(report).findings)

    def test_json_round_trip(self) -> None:
        kept = Table("final.assets", "国有资产占用情况表", Unit.WANYUAN, (), ())
        report = Report(ReportKind.FINAL, (kept,))
        assert from_json(to_json(report)) == report


# --- a generated report printed with regional titles and headings, read back -----------

_FINAL_TITLES = {
    "final.summary": "表 1:收入支出决算总表",
    "final.income": "二、收入决算总表",
    "final.expenditure": "某某县审计局2020年支出决算总表",
    "final.fiscal_summary": "表 4:财政拨款收入支出决算总表",
    "final.general_budget": "表 5:一般公共预算财政拨款支出决算表",
    "final.general_basic": "六、一般公共预算财政拨款基本支出决算表",
    "final.fund_budget": "八、政府性基金预算财政拨款收入支出决算表",
    "final.state_capital": "九、《国有资本经营预算财政拨款收入支出决算表》",
    "final.three_public": "表 7:一般公共预算财政拨款“三公”经费支出决算表",
}
_BUDGET_TITLES = {
    "budget.summary": "表六部门收支总表",
    "budget.income": "表七部门收入总表",
    "budget.expenditure": "表八部门支出总表",
    "budget.fiscal_summary": "2.18单位财政拨款收支总表",
    "budget.general_budget": "表二一般公共预算支出表",
    "budget.fund_budget": "表五政府性基金预算支出表",
    "budget.state_capital": "国有资本经营预算支出表",
    "budget.general_basic": "表三一般公共预算基本支出表",
    "budget.three_public": "表四一般公共预算“三公”经费支出表",
}
_HEADINGS = {
    ("final.income", "fiscal"): "财政拨款",
    ("budget.income", "general_budget"): "一般公共预算拨款收入",
    ("budget.income", "fund_budget"): "政府性基金预算拨款收入",
    ("budget.income", "carryover"): "上年结余",
    ("budget.expenditure", "subsidiary"): "对下级单位补助支出",
}
_KEPT_GRID = (
    "五、财政拨款支出决算明细表",
    "单位：万元",
    "\t科目编码\t科目名称\t合计\t基本支出\t项目支出",
    "",
    "\t201\t一般公共服务支出\t1.00\t1.00\t0.00",
    "",
)


def _regional(report: Report) -> Report:
    titles = _FINAL_TITLES if report.kind is ReportKind.FINAL else _BUDGET_TITLES
    tables = []
    for t in report.tables:
        assert t.schema is not None
        columns = tuple(
            attrs.evolve(c, title=_HEADINGS.get((t.schema, c.key), c.title)) for c in t.columns
        )
        tables.append(attrs.evolve(t, title=titles[t.schema], number=None, columns=columns))
    return report.evolve(tables=tuple(tables))


def _word_text(report: Report, contents: list[str], extra: tuple[str, ...] = ()) -> str:
    """*report* as a Word document saved as plain text: a 目录, then each table's grid."""
    out = ["目录", *contents, ""]
    for sheet in _sheets(report):
        if sheet.name == NARRATIVE_SHEET:
            continue
        rows = [
            [
                _printed(sheet.cells[(r, c)]) if (r, c) in sheet.cells else ""
                for c in range(sheet.cols)
            ]
            for r in range(sheet.rows)
        ]
        grid = [
            i
            for i, r in enumerate(rows)
            if sum(1 for t in r if t) >= 2 and not all(is_caption(t) for t in r if t)
        ]
        if not grid:
            continue
        for r in rows[: grid[0]]:
            out += [t for t in r if t]
        for r in rows[grid[0] : grid[-1] + 1]:
            out += ["\t" + "\t".join(r), ""]
        for r in rows[grid[-1] + 1 :]:
            out += [t for t in r if t]
        out.append("")
    return "\n".join([*out, *extra]) + "\n"


def _values(table: Table) -> dict[str, dict[str, Decimal]]:
    """The figures of each row (rows with no figure, blank cells left out)."""
    out = {
        r.key: {k: c.value for k, c in r.cells.items() if c.value is not None} for r in table.rows
    }
    return {k: v for k, v in out.items() if v}


def _round_trip(report: Report) -> None:
    regional = _regional(report)
    titles = [t.title for t in regional.tables]
    final = report.kind is ReportKind.FINAL
    contents = titles + (["五、财政拨款支出决算明细表"] if final else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text(
            _word_text(regional, contents, _KEPT_GRID if final else ()), encoding="utf-8"
        )
        back = load_text(path)
    assert back.kind is report.kind
    for table in report.tables:
        read = back.get_table(table.schema or "")
        assert read is not None, table.schema
        assert _values(read) == _values(table), table.schema
    assert not [p for p in back.problems if p.severity == "error"]
    result = check(back)
    assert [f.rule for f in result.findings if f.severity is Severity.ERROR] == []
    coverage = measure_coverage(back)
    assert coverage.expected_from == "contents"
    assert coverage.missing == ()
    assert coverage.tables_recognised == len(report.tables)
    if final:
        assert back.get_table("final.fiscal_detail") is not None


@pytest.mark.slow
@settings(max_examples=4, deadline=None)
@given(final_reports())
def test_final_report_with_regional_titles_reads_back(report: Report) -> None:
    _round_trip(report)


@pytest.mark.slow
@settings(max_examples=4, deadline=None)
@given(budget_reports())
def test_budget_report_with_regional_titles_reads_back(report: Report) -> None:
    _round_trip(report)


@settings(max_examples=10, deadline=None)
@given(final_reports())
def test_regional_titles_survive_json(report: Report) -> None:
    regional = _regional(report)
    assert from_json(to_json(regional)) == regional
    assert [f.rule for f in check(regional).findings if f.severity is Severity.ERROR] == []
