from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.errors import LoadError
from govfin.io import example_path, load, load_example
from govfin.io.combine import combine, load_many, pair
from govfin.report import Narrative, Report, ReportKind, Section
from govfin.rules import Finding, assess, check
from govfin.testing import final_reports

JIANGSU = Path(__file__).resolve().parents[1] / "data" / "pdf" / "jiangsu"
THIRD_PART = 1810  # the seed's 第三部分 (情况说明) starts on line 1811


def _section(f: Finding) -> str | None:
    return f.location.section if f.location is not None else None


def _split_seed(folder: Path) -> tuple[Path, Path]:
    """The seed as two files: the 情况说明 alone, and the 概况 with the nine tables."""
    lines = example_path().read_text(encoding="utf-8").splitlines(keepends=True)
    narrative, tables = folder / "lukou-2024.txt", folder / "lukou-2024-tables.txt"
    narrative.write_text("".join(lines[THIRD_PART:]), encoding="utf-8")
    tables.write_text("".join(lines[:THIRD_PART]), encoding="utf-8")
    return narrative, tables


def _key(f: Finding) -> str:
    where = tuple((loc.table, loc.row, loc.column, loc.section, loc.start) for loc in f.locations)
    return repr((f.rule, f.severity, f.outcome, f.message, where))


class TestSeedInTwoFiles:
    def test_alone_the_narrative_has_no_table(self, tmp_path: Path) -> None:
        narrative, _ = _split_seed(tmp_path)
        report = load(narrative)  # read, prose kept; checking it says the tables are missing
        assert report.tables == ()
        (gap,) = check(report).by_rule("GF-S004")
        assert "--one-report" in gap.message

    def test_together_they_check_like_the_whole(self, tmp_path: Path) -> None:
        narrative, tables = _split_seed(tmp_path)
        one = load([narrative, tables])
        seed = load_example()
        assert (one.department, one.year, one.kind, one.scope) == (
            seed.department,
            seed.year,
            seed.kind,
            seed.scope,
        )
        assert one.source == f"{narrative} + {tables}"
        assert sorted(map(_key, check(one).findings)) == sorted(map(_key, check(seed).findings))

    def test_every_cell_and_section_names_its_file(self, tmp_path: Path) -> None:
        narrative, tables = _split_seed(tmp_path)
        one = load_many([narrative, tables])
        files = {
            c.provenance.file if c.provenance else None
            for t in one.tables
            for r in t
            for c in r.cells.values()
        }
        assert files == {str(tables)}  # every cell has one, naming the tables file
        section = one.narrative.find("收入决算情况说明")
        assert section is not None
        assert section.provenance is not None
        assert section.provenance.file == str(narrative)
        assert one.narrative.sections[0].provenance is not None
        assert one.narrative.sections[0].provenance.file == str(narrative)

    def test_the_narrative_claims_resolve_against_the_other_file(self, tmp_path: Path) -> None:
        narrative, tables = _split_seed(tmp_path)
        one = load([narrative, tables])
        resolved = [v for v in assess(one) if v.is_pass]
        assert len(resolved) == len([v for v in assess(load_example()) if v.is_pass]) > 10
        in_narrative = {
            s.heading
            for s in one.narrative.sections
            if s.provenance is not None and s.provenance.file == str(narrative)
        }
        assert (
            len(
                [
                    v
                    for v in resolved
                    if v.location is not None and v.location.section in in_narrative
                ]
            )
            > 10
        )


def _part(report: Report, **changes: Any) -> Report:
    return report.evolve(**changes)


class TestMetadata:
    def test_different_years_are_not_one_report(self) -> None:
        seed = load_example()
        with pytest.raises(LoadError, match=r"years differ \(a: 2024, b: 2023\)"):
            combine([seed, _part(seed, year=2023)], sources=["a", "b"])

    def test_different_kinds_are_not_one_report(self) -> None:
        seed = load_example()
        budget = _part(seed, kind=ReportKind.BUDGET)
        with pytest.raises(LoadError, match="kind"):
            combine([seed, budget], sources=["a", "b"])

    def test_a_file_without_tables_does_not_decide_the_kind(self) -> None:
        seed = load_example()
        prose = _part(seed, tables=(), kind=ReportKind.BUDGET)
        assert combine([prose, seed], sources=["a", "b"]).kind is ReportKind.FINAL

    def test_an_abbreviated_department_is_the_same(self) -> None:
        seed = load_example()
        full = _part(seed, department="中国共产党江苏省委员会办公厅")
        short = _part(seed, tables=(), department="江苏省委办公厅")
        one = combine([short, full], sources=["a", "b"])
        assert one.department == "中国共产党江苏省委员会办公厅"
        assert not [p for p in one.problems if "department" in p.message]

    def test_different_departments_are_a_warning(self) -> None:
        seed = load_example()
        other = _part(seed, tables=(), department="株洲市财政局")
        one = combine([other, seed], sources=["a", "b"])
        (problem,) = [p for p in one.problems if "department" in p.message]
        assert problem.severity == "warning"
        assert "株洲市财政局 in a" in problem.message
        assert one.department == seed.department

    def test_a_table_in_two_files_is_reported(self) -> None:
        seed = load_example()
        one = combine([seed, seed], sources=["a", "b"])
        assert len(one.tables) == 18
        doubled = [p for p in one.problems if "is in two files" in p.message]
        assert len(doubled) == 9
        assert all(p.severity == "warning" for p in doubled)

    def test_one_report_is_itself(self) -> None:
        seed = load_example()
        assert combine([seed]) is seed

    def test_nothing_to_combine(self) -> None:
        with pytest.raises(LoadError):
            combine([])
        with pytest.raises(LoadError):
            load_many([])

    def test_no_table_in_any_file(self, tmp_path: Path) -> None:
        a, b = tmp_path / "a.txt", tmp_path / "b.txt"
        a.write_text("一、说明\n收入合计1万元。\n", encoding="utf-8")
        b.write_text("二、其他\n", encoding="utf-8")
        with pytest.raises(LoadError, match="no table found in any of the files"):
            load([a, b])


def _with_contents(report: Report, entries: list[str]) -> Report:
    contents = Section("目录", "\n".join(["第一部分 部门概况", *entries, "第三部分 情况说明"]))
    return report.evolve(tables=(), narrative=Narrative((contents,)))


class TestContents:
    def test_every_listed_table_found(self) -> None:
        seed = load_example()
        entries = [
            f"{n}、{t.title}" for n, t in zip("一二三四五六七八九", seed.tables, strict=True)
        ]
        one = combine([_with_contents(seed, entries), seed], sources=["n.pdf", "t.pdf"])
        (problem,) = [p for p in one.problems if p.message.startswith("目录")]
        assert problem.severity == "info"
        assert "lists 9 tables; 9 found" in problem.message

    def test_a_listed_table_not_found_is_named(self) -> None:
        seed = load_example()
        entries = ["一、收入支出决算总表", "二、政府采购支出预算表……12"]
        one = combine([_with_contents(seed, entries), seed], sources=["n.pdf", "t.pdf"])
        (problem,) = [p for p in one.problems if p.message.startswith("目录")]
        assert problem.severity == "warning"
        assert "lists 2 tables; 1 found" in problem.message
        # named as listed, without the dot leaders and page number
        assert problem.message.endswith("not found: 二、政府采购支出预算表")

    def test_names_in_another_order_or_with_a_year_match(self) -> None:
        seed = load_example()
        renamed = seed.evolve(
            tables=(
                attrs.evolve(seed.tables[6], title="2024年基金预算政府性财政拨款收入支出决算表"),
                attrs.evolve(seed.tables[8], title="“三公”经费支出决算表（财政拨款）"),
            )
        )
        entries = ["七、政府性基金预算财政拨款收入支出决算表", "九、财政拨款“三公”经费支出决算表"]
        one = combine([_with_contents(seed, entries), renamed], sources=["n", "t"])
        (problem,) = [p for p in one.problems if p.message.startswith("目录")]
        assert problem.severity == "info", problem.message

    @pytest.mark.slow
    @settings(max_examples=min(settings().max_examples, 20), deadline=None)
    @given(report=final_reports(), data=st.data())
    def test_a_generated_report_split_in_two(self, report: Report, data: st.DataObject) -> None:
        cut = data.draw(st.integers(0, len(report.tables)))
        first = report.evolve(tables=report.tables[:cut])
        second = report.evolve(tables=report.tables[cut:], narrative=Narrative())
        one = combine([first, second], sources=["a", "b"])
        assert one.tables == report.tables
        assert one.narrative == report.narrative
        assert (one.kind, one.year, one.department) == (report.kind, report.year, report.department)
        assert check(one).summary.by_outcome == check(report).summary.by_outcome


class TestPair:
    def test_by_name(self) -> None:
        pairing = pair(["d/x-tables.pdf", "d/x.pdf", "d/y.pdf", "d/z表.xlsx", "d/z.docx"])
        assert pairing.groups == (
            (("d/x.pdf", "d/x-tables.pdf"), "paired by name"),
            (("d/y.pdf",), ""),
            (("d/z.docx", "d/z表.xlsx"), "paired by name"),
        )
        assert pairing.unsure == ()

    def test_never_across_folders(self) -> None:
        pairing = pair(["a/x.pdf", "b/x-tables.pdf"])
        assert [g for g, _ in pairing.groups] == [("a/x.pdf",), ("b/x-tables.pdf",)]

    def test_ambiguous_is_left_alone_and_said(self) -> None:
        pairing = pair(["d/x.pdf", "d/x-tables.pdf", "d/x_附表.xlsx"])
        assert [g for g, _ in pairing.groups] == [
            ("d/x.pdf",),
            ("d/x-tables.pdf",),
            ("d/x_附表.xlsx",),
        ]
        ((file, why),) = pairing.unsure
        assert file == "d/x.pdf"
        assert "could pair with 2 files" in why


def _seed_with_contents(folder: Path, narrative_name: str, tables_name: str) -> tuple[Path, Path]:
    """The seed in two files whose names do not pair, the narrative opening with a 目录."""
    narrative, tables = _split_seed(folder)
    titles = [
        f"{n}、{t.title}" for n, t in zip("一二三四五六七八九", load_example().tables, strict=True)
    ]
    contents = "\n".join(
        ["2024年度部门决算", "目 录", "第一部分 部门概况", "第二部分 部门决算表", *titles]
    )
    text = narrative.read_text(encoding="utf-8")
    narrative.unlink()
    named_narrative, named_tables = folder / narrative_name, folder / tables_name
    named_narrative.write_text(contents + "\n" + text, encoding="utf-8")
    tables.rename(named_tables)
    return named_narrative, named_tables


class TestPairByContents:
    def test_the_contents_pair_what_the_names_do_not(self, tmp_path: Path) -> None:
        narrative, tables = _seed_with_contents(tmp_path, "情况说明.txt", "附件.txt")
        other = tmp_path / "其他.txt"
        other.write_text("一、说明\n没有表。\n", encoding="utf-8")
        files = sorted(str(p) for p in (narrative, tables, other))
        assert pair(files).groups == tuple(((f,), "") for f in files)  # names alone: nothing
        pairing = pair(files, contents=True)
        assert pairing.groups == (
            ((str(other),), ""),
            ((str(narrative), str(tables)), "paired by 目录: 9 of its 9 tables in 附件.txt"),
        )
        one = load(list(pairing.groups[1][0]))
        (problem,) = [p for p in one.problems if p.message.startswith("目录")]
        assert problem.severity == "info"

    def test_two_fitting_files_are_not_paired(self, tmp_path: Path) -> None:
        narrative, tables = _seed_with_contents(tmp_path, "情况说明.txt", "附件.txt")
        shutil.copy(tables, tmp_path / "附件二.txt")
        pairing = pair(sorted(str(p) for p in tmp_path.iterdir()), contents=True)
        assert all(len(files) == 1 for files, _ in pairing.groups)
        ((file, why),) = pairing.unsure
        assert file == str(narrative)
        assert "its 目录 fits several files" in why

    def test_another_year_is_not_paired(self, tmp_path: Path) -> None:
        narrative, tables = _seed_with_contents(tmp_path, "情况说明.txt", "附件.txt")
        text = tables.read_text(encoding="utf-8").replace("2024", "2023")
        tables.write_text(text, encoding="utf-8")
        pairing = pair([str(narrative), str(tables)], contents=True)
        assert [files for files, _ in pairing.groups] == [(str(narrative),), (str(tables),)]


@pytest.mark.slow
class TestJiangsuPairs:
    """江苏 publishes the narrative and the tables of a 部门预算 as two PDFs."""

    @pytest.mark.parametrize(
        "name",
        [f"jiangsu-{d}-{y}" for d in ("shengweibgt", "zhengxie") for y in (2017, 2018)],
    )
    def test_checked_as_one_report(self, name: str) -> None:
        narrative = JIANGSU / f"{name}-budget.pdf"
        tables = JIANGSU / f"{name}-budget-tables.pdf"
        alone = load(narrative)  # read: checking it says the 目录's tables are missing
        assert alone.tables == ()
        assert check(alone).by_rule("GF-S004")
        one = load([narrative, tables])
        coverage = check(one).coverage
        assert coverage is not None
        assert (coverage.expected_from, coverage.tables_expected) == ("contents", 12)
        assert coverage.missing == ()
        assert one.kind is ReportKind.BUDGET
        assert one.year == int(name[-4:])
        assert one.department is not None
        # the 目录 of the narrative is matched against the tables file
        (contents,) = [p for p in one.problems if p.message.startswith("目录")]
        assert contents.severity == "info"
        assert f"目录 of {narrative} lists 12 tables; 12 found" in contents.message
        assert str(tables) in contents.message
        assert all(t.schema for t in one.tables)
        # the narrative's figures are resolved against the other file's tables
        in_narrative = {
            s.heading
            for s in one.narrative.sections
            if s.provenance is not None and s.provenance.file == str(narrative)
        }
        resolved = [
            v
            for v in assess(one)
            if v.is_pass and v.location is not None and v.location.section in in_narrative
        ]
        assert len(resolved) >= 25
        cells = {
            c.provenance.file
            for t in one.tables
            for r in t
            for c in r.cells.values()
            if c.provenance is not None
        }
        assert cells == {str(tables)}
        assert check(one).summary.by_outcome

    def test_paired_by_contents_under_other_names(self, tmp_path: Path) -> None:
        shutil.copy(JIANGSU / "jiangsu-zhengxie-2018-budget.pdf", tmp_path / "说明.pdf")
        shutil.copy(JIANGSU / "jiangsu-zhengxie-2018-budget-tables.pdf", tmp_path / "附表.pdf")
        pairing = pair([str(tmp_path / "说明.pdf"), str(tmp_path / "附表.pdf")], contents=True)
        ((files, how),) = pairing.groups
        assert files == (str(tmp_path / "说明.pdf"), str(tmp_path / "附表.pdf"))
        assert how == "paired by 目录: 12 of its 12 tables in 附表.pdf"

    def test_paired_by_name(self) -> None:
        files = sorted(str(p) for p in JIANGSU.glob("*.pdf"))
        groups = [g for g, how in pair(files).groups if how]
        pairs = {Path(g[0]).name.removesuffix("-budget.pdf") for g in groups}
        assert pairs == {
            f"jiangsu-{d}-{y}" for d in ("shengweibgt", "zhengxie") for y in (2017, 2018)
        }
        assert all(g[1] == g[0].replace("-budget.pdf", "-budget-tables.pdf") for g in groups)
