"""Tests of catalogues: bundled data, look-ups, children, walk, reverse look-up, diff, files."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govfin.classification import (
    Catalog,
    CatalogDiff,
    Classification,
    Code,
    Entry,
    Level,
    Rename,
    Source,
    Trust,
    bundled,
    bundled_years,
    harvest,
    load_catalog,
    normalise_name,
)
from govfin.classification._files import read_packaged, write_packaged
from govfin.errors import CatalogError, CodeError, LoadError, UnknownCode, UnknownEdition
from govfin.testing import code_digits

REFERENCE = Path(__file__).resolve().parents[2] / "scripts" / "reference" / "classification"


def entry(code: str, name: str, trust: Trust = Trust.OBSERVED) -> Entry:
    return Entry(Code.parse(code), name, (Source("test", trust),))


@pytest.fixture
def functional() -> Catalog:
    return bundled("functional", 2024)


class TestBundled:
    def test_years(self) -> None:
        for classification in Classification:
            assert bundled_years(classification)[-1] == 2024
        # observed in the 江苏 2017 and 2018 预算
        assert bundled_years("functional") == (2017, 2018, 2024)
        assert bundled_years("economic-dept") == (2017, 2018, 2024)

    def test_editions_keep_their_names(self) -> None:
        # 210 was 医疗卫生与计划生育支出 until 2018, 卫生健康支出 from 2019
        assert bundled("functional", 2017).name("210") == "医疗卫生与计划生育支出"
        assert bundled("functional", 2018).name("210") == "医疗卫生与计划生育支出"
        later = bundled("functional", 2020)
        assert (later.year, later.is_fallback) == (2024, True)
        assert later.name("210") == "卫生健康支出"
        assert bundled("functional", 2016).year == 2017
        entry = bundled("functional", 2017)["2010101"]
        assert entry.trust is Trust.OBSERVED
        assert any("jiangsu" in s.document for s in entry.sources)

    def test_seed_names(self, functional: Catalog) -> None:
        assert functional.name("2010301") == "行政运行"
        assert functional.name("201") == "一般公共服务支出"
        assert functional.name("20103") == "政府办公厅（室）及相关机构事务"
        assert bundled("economic-dept", 2024).name("30217") == "公务接待费"

    def test_every_observed_row_is_bundled_with_its_name(self) -> None:
        for name, cls in (
            ("functional_2024_observed.csv", "functional"),
            ("economic_dept_2024_observed.csv", "economic_dept"),
        ):
            with (REFERENCE / name).open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            catalog = bundled(cls, 2024)
            for row in rows:
                found = catalog[row["code"]]
                assert found.name == row["name"]
                assert found.trust is Trust.OBSERVED
                assert found.level.value == row["level"]

    def test_provenance(self, functional: Catalog) -> None:
        documents = [s.document for s in functional["2050205"].sources]
        assert len(documents) == 3
        assert all("shanghai-2024-final-template.pdf" in d for d in documents)
        assert functional["2010301"].sources[0].document.startswith("seeds/lukou-xzspj")

    def test_guesses_are_marked_unverified(self, functional: Catalog) -> None:
        # 202 外交支出: name printed as a row label, code from general knowledge.
        assert functional["202"].trust is Trust.UNVERIFIED
        assert "verify" in functional["202"].sources[0].note
        dept = bundled("economic_dept", 2024)
        for code in ("309", "311", "312", "313", "30703", "30704"):
            assert dept[code].trust is Trust.UNVERIFIED
        for cls in ("economic_gov", "revenue"):
            assert len(bundled(cls, 2024)) > 0
            assert {e.trust for e in bundled(cls, 2024)} == {Trust.UNVERIFIED}

    def test_nothing_is_claimed_verified(self) -> None:
        for cls in Classification:
            assert all(e.trust is not Trust.VERIFIED for e in bundled(cls))

    def test_fallback_year(self) -> None:
        later = bundled("functional", 2025)
        assert (later.year, later.requested_year, later.is_fallback) == (2024, 2025, True)
        assert later.name("2010301") == "行政运行"
        earlier = bundled("functional", 2019)
        assert (earlier.year, earlier.is_fallback) == (2024, True)
        assert bundled("functional").year == 2024
        assert not bundled("functional", 2024).is_fallback

    def test_strict(self) -> None:
        with pytest.raises(UnknownEdition, match="2025"):
            bundled("functional", 2025, strict=True)

    def test_cached(self) -> None:
        assert bundled("functional", 2024) is bundled("functional", 2024)
        assert bundled("functional", 2030) is bundled("functional", 2030)

    def test_trust_order(self) -> None:
        assert Trust.UNVERIFIED < Trust.OBSERVED < Trust.VERIFIED
        assert max(Trust) is Trust.VERIFIED


class TestLookups:
    def test_unknown_is_none_not_error(self, functional: Catalog) -> None:
        assert functional.name("2010399") is None
        assert functional.get("2010399") is None
        assert "2010399" not in functional
        assert "2010301" in functional
        assert "junk" not in functional

    def test_getitem_unknown(self, functional: Catalog) -> None:
        with pytest.raises(UnknownCode, match="2010399"):
            functional["2010399"]

    def test_malformed_raises(self, functional: Catalog) -> None:
        with pytest.raises(CodeError):
            functional.name("20103x")
        with pytest.raises(CodeError):
            functional.name("30201")  # another classification's code
        with pytest.raises(CodeError, match="not a functional code"):
            functional.lookup(Code.parse("30201"))
        assert Code.parse("30201") not in functional
        assert functional.name(Code.parse("2010301")) == "行政运行"

    def test_lookup_known(self, functional: Catalog) -> None:
        found = functional.lookup("201 03 01")
        assert found.known
        assert found.level is Level.XIANG
        assert found.to_dict() == {
            "code": "2010301",
            "classification": "functional",
            "level": "项",
            "name": "行政运行",
            "known": True,
            "ancestors": [
                {"code": "201", "name": "一般公共服务支出"},
                {"code": "20103", "name": "政府办公厅（室）及相关机构事务"},
            ],
        }

    def test_lookup_unknown_keeps_structure(self, functional: Catalog) -> None:
        found = functional.lookup("2359901")
        assert not found.known
        assert [(a.code.digits, a.name) for a in found.ancestors] == [
            ("235", None),
            ("23599", None),
        ]

    def test_children(self, functional: Catalog) -> None:
        assert [e.digits for e in functional.children("201")] == ["20103", "20111", "20199"]
        assert [e.digits for e in functional.children("20103")] == ["2010301", "2010350"]
        assert functional.children("2010301") == ()
        assert functional.children("2359901") == ()
        tops = functional.children()
        assert all(e.level is Level.LEI for e in tops)
        assert len(tops) == len([e for e in functional if len(e.digits) == 3])

    def test_walk(self, functional: Catalog) -> None:
        assert [e.digits for e in functional.walk("201")] == [
            "201", "20103", "2010301", "2010350", "20111", "2011199", "20199", "2019999",
        ]  # fmt: skip
        assert list(functional.walk()) == list(functional)

    def test_walk_reaches_orphans(self) -> None:
        catalog = Catalog("functional", 2024, [entry("2010301", "行政运行")])
        assert [e.digits for e in catalog.walk("201")] == ["2010301"]
        assert catalog.children("201") == ()

    def test_find(self, functional: Catalog) -> None:
        assert [e.digits for e in functional.find("政府办公厅(室)及相关机构事务")] == ["20103"]
        assert [e.digits for e in functional.find("其他一般公共服务支出")] == ["20199", "2019999"]
        assert [e.digits for e in functional.find("其他一般公共服务支出", Level.XIANG)] == [
            "2019999"
        ]
        assert functional.find("不存在的科目") == ()

    def test_normalise_name(self) -> None:
        assert normalise_name("因公出国（境）费用") == normalise_name(" 因公出国(境)费用 ")


class TestConstruction:
    def test_duplicate(self) -> None:
        with pytest.raises(CatalogError, match="twice"):
            Catalog("functional", 2024, [entry("201", "a"), entry("201", "b")])

    def test_wrong_classification(self) -> None:
        with pytest.raises(CatalogError, match="economic_dept"):
            Catalog("functional", 2024, [entry("30201", "办公费")])

    def test_with_entries(self, functional: Catalog) -> None:
        more = functional.with_entries([entry("2010302", "一般行政管理事务")])
        assert more.name("2010302") == "一般行政管理事务"
        assert functional.name("2010302") is None
        with pytest.raises(CatalogError):
            functional.with_entries([entry("201", "x")])
        assert functional.with_entries([entry("201", "x")], replace=True).name("201") == "x"

    def test_equality(self) -> None:
        a = Catalog("functional", 2024, [entry("201", "a")])
        assert a == Catalog("functional", 2024, [entry("201", "a")])
        assert a != Catalog("functional", 2025, [entry("201", "a")])
        assert len({a, Catalog("functional", 2024, [entry("201", "a")])}) == 1


class TestDiff:
    def test_diff(self) -> None:
        old = Catalog(
            "functional",
            2024,
            [entry("201", "一般公共服务支出"), entry("20103", "政府办公厅(室)及相关机构事务"),
             entry("20104", "发展与改革事务")],
        )  # fmt: skip
        new = Catalog(
            "functional",
            2025,
            [entry("201", "一般公共服务"), entry("20103", "政府办公厅（室）及相关机构事务"),
             entry("22911", "新款")],
        )  # fmt: skip
        diff = old.diff(new)
        assert [e.digits for e in diff.added] == ["22911"]
        assert [e.digits for e in diff.removed] == ["20104"]
        # Only 201 is renamed: a change of parenthesis width is not a rename.
        assert diff.renamed == (Rename(Code.parse("201"), "一般公共服务支出", "一般公共服务"),)
        assert diff
        assert not old.diff(old)
        assert old.diff(old) == CatalogDiff((), (), ())

    def test_diff_other_classification(self) -> None:
        with pytest.raises(CatalogError):
            bundled("functional").diff(bundled("economic_dept"))


class TestPackagedFormat:
    def test_round_trip(self, functional: Catalog) -> None:
        out = io.StringIO()
        write_packaged(functional, out, ["header line", ""])
        text = out.getvalue()
        assert text.startswith("# header line\n#\ncode,name,trust,source,note\n")
        back = read_packaged(text, "functional", 2024)
        assert back == functional
        assert [e.sources for e in back] == [e.sources for e in functional]

    def test_conflicting_names(self) -> None:
        text = "code,name,trust,source,note\n201,a,observed,x,\n201,b,observed,y,\n"
        with pytest.raises(CatalogError, match="two names"):
            read_packaged(text, "functional", 2024)

    def test_packaged_files_cite_sources(self) -> None:
        folder = resources.files("govfin") / "data" / "classification"
        for cls in Classification:
            text = (folder / f"{cls.value}_2024.csv").read_text(encoding="utf-8")
            assert text.startswith("# govfin classification catalogue")
            assert "NOT the complete official catalogue" in text
        assert (
            (folder / "provenance_2024.csv")
            .read_text(encoding="utf-8")
            .startswith("classification,year,code,name_as_seen,source")
        )


class TestLoadCatalog:
    def test_csv_with_title_rows(self, tmp_path: Path) -> None:
        path = tmp_path / "kemu.csv"
        path.write_text(
            "2024年政府收支分类科目\n\n科目编码,科目名称,说明\n"
            "201,一般公共服务支出,\n201 01,人大事务,\n2010101,行政运行,\n"
            "合计,,\n",
            encoding="utf-8",
        )
        catalog = load_catalog(path, year=2024)
        assert catalog.classification is Classification.FUNCTIONAL
        assert catalog.year == 2024
        assert [e.digits for e in catalog] == ["201", "20101", "2010101"]
        assert catalog.name("20101") == "人大事务"
        assert catalog["201"].trust is Trust.VERIFIED
        assert catalog["201"].sources[0].document == str(path)
        assert [e.digits for e in catalog.children("201")] == ["20101"]

    def test_csv_gb18030_english_headers(self, tmp_path: Path) -> None:
        path = tmp_path / "codes.csv"
        path.write_bytes("name,code\n办公费,30201\n商品和服务支出,302\n".encode("gb18030"))
        catalog = load_catalog(path, trust="observed")
        assert catalog.classification is Classification.ECONOMIC_DEPT
        assert catalog.name("30201") == "办公费"
        assert catalog["302"].trust is Trust.OBSERVED

    def test_best_header_wins(self, tmp_path: Path) -> None:
        path = tmp_path / "report-like.csv"
        path.write_text(
            "项目,功能分类科目编码,科目名称,金额\n一般公共服务,201,一般公共服务支出,1.00\n",
            encoding="utf-8",
        )
        assert load_catalog(path).name("201") == "一般公共服务支出"

    def test_xls_refused_clearly(self, tmp_path: Path) -> None:
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(LoadError, match=r"\.xlsx or \.csv"):
            load_catalog(path)

    def test_csv_without_header(self, tmp_path: Path) -> None:
        path = tmp_path / "plain.csv"
        path.write_text("501,机关工资福利支出\n50101,工资奖金津补贴\n", encoding="utf-8")
        assert load_catalog(path).name("50101") == "工资奖金津补贴"

    def test_xlsx(self, tmp_path: Path) -> None:
        path = tmp_path / "kemu.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "支出功能分类"
        sheet.append(["2024年政府收支分类科目"])
        sheet.append([])
        sheet.append(["科目编码", "科目名称"])
        sheet.append([201, "一般公共服务支出"])  # a number cell
        sheet.append(["20103", "政府办公厅（室）及相关机构事务"])
        sheet.append([2010301, "\u3000\u3000行政运行"])  # indented with full-width spaces
        other = book.create_sheet("经济分类")
        other.append(["编码", "名称"])
        other.append(["30201", "办公费"])
        book.save(path)
        catalog = load_catalog(path, year=2024)
        assert catalog.name("2010301") == "行政运行"
        assert catalog.name("201") == "一般公共服务支出"
        assert bundled("functional", 2024).diff(catalog).renamed == ()
        dept = load_catalog(path, sheet="经济分类")
        assert dept.name("30201") == "办公费"

    def test_mixed_file_with_explicit_classification(self, tmp_path: Path) -> None:
        path = tmp_path / "all.csv"
        path.write_text("code,name\n101,税收收入\n201,一般公共服务支出\n", encoding="utf-8")
        assert [e.digits for e in load_catalog(path, "functional")] == ["201"]
        with pytest.raises(LoadError, match="line 3"):
            load_catalog(path)

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("科目编码,科目名称\n20103x,错\n", r"line 2.*only digits"),
            ("科目编码,科目名称\n201,a\n201,b\n", "two names"),
            ("科目编码,科目名称\n201,\n", "no name"),
            ("foo,bar\nbaz,qux\n", "no header row"),
            ("科目编码,科目名称\n", "no code found"),
        ],
    )
    def test_errors(self, tmp_path: Path, content: str, message: str) -> None:
        path = tmp_path / "bad.csv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(LoadError, match=message) as info:
            load_catalog(path)
        assert str(path) in str(info.value)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match=r"missing\.csv"):
            load_catalog(tmp_path / "missing.csv")


class TestHarvest:
    def test_builds_catalogue_with_provenance(self) -> None:
        found = harvest(
            [
                ("2010301", "行政运行", "report A p.3"),
                ("2010301", "行政运行", Source("report B", Trust.OBSERVED)),
                ("201", "一般公共服务支出"),
            ],
            "functional",
            year=2024,
        )
        assert found.conflicts == ()
        assert found.rejected == ()
        catalog = found.catalog
        assert catalog.year == 2024
        assert catalog.name("2010301") == "行政运行"
        assert [s.document for s in catalog["2010301"].sources] == ["report A p.3", "report B"]
        assert catalog["2010301"].trust is Trust.OBSERVED
        assert catalog["201"].sources == ()

    def test_inconsistent_names(self) -> None:
        found = harvest(
            [("20103", "政府办公厅(室)及相关机构事务"), ("20103", "政府办公厅（室）及相关机构事务"),
             ("20111", "纪检监察事务"), ("20111", "纪检监察"), ("20111", "纪检监察")],
            "functional",
        )  # fmt: skip
        # Parenthesis width is not a conflict; the most frequent name wins.
        assert found.catalog.name("20103") == "政府办公厅(室)及相关机构事务"
        assert found.catalog.name("20111") == "纪检监察"
        (conflict,) = found.conflicts
        assert conflict.code.digits == "20111"
        assert conflict.seen == ("纪检监察", "纪检监察事务")
        assert conflict.kind == "inconsistent"

    def test_against_reference(self) -> None:
        found = harvest(
            [("2010301", "行政运行"), ("20103", "政府办公室"), ("2010399", "新项目")],
            "functional",
            against=bundled("functional", 2024),
        )
        (conflict,) = found.conflicts
        assert conflict.code.digits == "20103"
        assert conflict.kind == "differs"
        assert conflict.reference == "政府办公厅（室）及相关机构事务"
        added = bundled("functional", 2024).diff(found.catalog).added
        assert [e.digits for e in added] == ["2010399"]

    def test_rejects_instead_of_raising(self) -> None:
        found = harvest(
            [("合计", "合计"), ("30201", "办公费"), ("2010301", "  "), (None, "x")],  # type: ignore[list-item]
            "functional",
        )
        assert [r.code for r in found.rejected] == ["合计", "30201", "2010301", "None"]
        assert len(found.catalog) == 0

    def test_against_other_classification(self) -> None:
        with pytest.raises(CatalogError):
            harvest([], "functional", against=bundled("economic_dept"))


@given(st.lists(code_digits(Classification.FUNCTIONAL), max_size=40, unique=True), st.data())
def test_tree_operations_agree(digits: list[str], data: st.DataObject) -> None:
    catalog = harvest([(d, f"科目{d}") for d in digits], "functional").catalog
    assert len(catalog) == len(digits)
    for item in catalog:
        parent = item.code.parent
        assert item in (catalog.children() if parent is None else catalog.children(parent))
        below = [e for e in catalog if e.digits.startswith(item.digits)]
        assert list(catalog.walk(item.code)) == below
        found = catalog.lookup(item.digits)
        assert found.name == item.name
        assert [a.name for a in found.ancestors] == [catalog.name(a) for a in item.code.ancestors]
        assert catalog.find(item.name) == (item,)
    kept = data.draw(st.sets(st.sampled_from(digits))) if digits else set()
    subset = Catalog("functional", 2025, [e for e in catalog if e.digits in kept])
    diff = catalog.diff(subset)
    assert {e.digits for e in diff.removed} == set(digits) - kept
    assert diff.added == ()
    assert diff.renamed == ()
    assert {e.digits for e in subset.diff(catalog).added} == set(digits) - kept
