from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govfin.amounts import CellState, Unit
from govfin.errors import LoadError
from govfin.io import load, load_example, save
from govfin.io.jsonio import FORMAT, VERSION, from_json, schema_path, to_dict, to_json
from govfin.report import (
    Cell,
    Column,
    Narrative,
    Problem,
    Provenance,
    Report,
    ReportKind,
    Row,
    Scope,
    Section,
    Table,
)
from govfin.testing import decimals_at

# ------------------------------------------------------------ a tiny JSON Schema checker
# jsonschema is not a dependency; this checks the subset of draft 2020-12 the shipped
# schema uses (type, enum, const, required, properties, additionalProperties, items,
# $ref, oneOf, pattern, minimum, minItems, maxItems).

_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "null": type(None),
    "boolean": bool,
}


def _is(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


def check(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return check(value, target, root, path)
    errors: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, t) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "oneOf" in schema:
        passing = [s for s in schema["oneOf"] if not check(value, s, root, path)]
        if len(passing) != 1:
            errors.append(f"{path}: {value!r} matches {len(passing)} of oneOf")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{path}: missing {k!r}" for k in schema.get("required", []) if k not in value]
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                errors += check(item, props[key], root, f"{path}.{key}")
            elif extra is False:
                errors.append(f"{path}: unexpected {key!r}")
            elif isinstance(extra, dict):
                errors += check(item, extra, root, f"{path}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 1e9):
            errors.append(f"{path}: {len(value)} items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += check(item, schema["items"], root, f"{path}[{i}]")
    return errors


@pytest.fixture(scope="module")
def json_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------ a small Report strategy

_texts = st.text(alphabet="收入支出合计一般公共服务abc -（）\n", max_size=12)
_opt_texts = st.none() | _texts
_files = st.none() | st.sampled_from(["r.txt", "r.pdf", "其他.txt"])


@st.composite
def provenances(draw: st.DrawFn) -> Provenance | None:
    if draw(st.booleans()):
        return None
    box = draw(
        st.none() | st.tuples(*[st.floats(0, 1000, allow_nan=False, allow_infinity=False)] * 4)
    )
    return Provenance(
        file=draw(_files),
        page=draw(st.none() | st.integers(1, 99)),
        line=draw(st.none() | st.integers(1, 9999)),
        bbox=box,
        sheet=draw(st.none() | st.sampled_from(["公开01表", "Sheet1"])),
        cell=draw(st.none() | st.sampled_from(["A1", "B7", "AA120"])),
    )


@st.composite
def cells(draw: st.DrawFn) -> Cell:
    state = draw(st.sampled_from(CellState))
    prov = draw(provenances())
    if state is CellState.NUMBER:
        value = draw(decimals_at(draw(st.integers(0, 4)), min_value=-(10**6), max_value=10**6))
        text = draw(st.sampled_from([str(value), f"{value:,f}", f" {value} "]))
        return Cell(text, state, value, prov)
    if state is CellState.DASH:
        return Cell(draw(st.sampled_from(["-", "－", "—"])), state, None, prov)
    return Cell(draw(st.sampled_from(["", "　", "n/a"])), state, None, prov)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    keys = draw(
        st.lists(
            st.sampled_from(["total", "basic", "project", "amount", "col7"]),
            unique=True,
            max_size=4,
        )
    )
    columns = tuple(Column(k, draw(_texts), draw(st.none() | st.integers(0, 4))) for k in keys)
    row_keys = draw(
        st.lists(
            st.sampled_from(
                ["total", "201", "20103", "2010301", "income.total", "expenditure.201"]
            ),
            unique=True,
            max_size=5,
        )
    )
    rows = tuple(
        Row(
            key,
            draw(_texts),
            {k: draw(cells()) for k in draw(st.lists(st.sampled_from(keys), unique=True)) if keys}
            if keys
            else {},
            code=draw(st.none() | st.just(key) if key.isdigit() else st.none()),
            line_no=draw(st.none() | st.sampled_from(["1", "27", "60"])),
            side=draw(st.sampled_from([None, "income", "expenditure"])),
            provenance=draw(provenances()),
        )
        for key in row_keys
    )
    return Table(
        schema=draw(
            st.none() | st.sampled_from(["final.summary", "final.expenditure", "budget.income"])
        ),
        title=draw(_texts),
        unit=draw(st.sampled_from(Unit)),
        columns=columns,
        rows=rows,
        number=draw(st.none() | st.sampled_from(["公开01表", "表七"])),
        notes=tuple(draw(st.lists(_texts, max_size=2))),
        provenance=draw(provenances()),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    return Report(
        kind=draw(st.sampled_from(ReportKind)),
        tables=tuple(draw(st.lists(tables(), max_size=3))),
        department=draw(_opt_texts),
        region=draw(_opt_texts),
        year=draw(st.none() | st.integers(1990, 2100)),
        scope=draw(st.sampled_from(Scope)),
        narrative=Narrative(
            tuple(
                Section(draw(_texts), draw(_texts), draw(provenances()))
                for _ in range(draw(st.integers(0, 2)))
            )
        ),
        source=draw(_files),
        problems=tuple(
            Problem(
                draw(_texts),
                draw(st.sampled_from(["error", "warning", "info"])),
                table=draw(_opt_texts),
                row=draw(_opt_texts),
                column=draw(_opt_texts),
                provenance=draw(provenances()),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
    )


def _provenances(report: Report) -> list[Provenance | None]:
    out: list[Provenance | None] = [s.provenance for s in report.narrative.sections]
    out += [p.provenance for p in report.problems]
    for t in report.tables:
        out.append(t.provenance)
        for r in t.rows:
            out.append(r.provenance)
            out += [c.provenance for c in r.cells.values()]
    return out


class TestRoundTrip:
    @given(reports())
    def test_generated_reports_survive(self, report: Report) -> None:
        back = from_json(to_json(report))
        assert back == report
        assert _provenances(back) == _provenances(report)
        assert [[r.cells for r in t.rows] for t in back.tables] == [
            [r.cells for r in t.rows] for t in report.tables
        ]

    @given(reports())
    def test_generated_reports_fit_the_schema(self, report: Report) -> None:
        schema = json.loads(schema_path().read_text(encoding="utf-8"))
        assert check(json.loads(to_json(report)), schema, schema) == []

    def test_seed(self, tmp_path: Path) -> None:
        report = load_example()
        path = tmp_path / "seed.json"
        save(report, path)
        back = load(path)
        assert back == report
        assert _provenances(back) == _provenances(report)
        assert back.table("final.general_basic").row("30214").cell("amount").provenance == (
            Provenance(file="lukou-xzspj-2024-final.txt", line=1443)
        )
        assert to_json(back) == to_json(report)

    def test_seed_fits_the_schema(self, json_schema: dict[str, Any]) -> None:
        assert check(to_dict(load_example()), json_schema, json_schema) == []

    def test_checker_catches_errors(self, json_schema: dict[str, Any]) -> None:
        data = to_dict(load_example())
        data["tables"][0]["rows"][0]["cells"]["amount"]["value"] = 972.81
        del data["tables"][1]["title"]
        errors = check(data, json_schema, json_schema)
        assert len(errors) == 2


class TestFormat:
    def test_header_and_exact_strings(self) -> None:
        data = to_dict(load_example())
        assert (data["format"], data["version"]) == (FORMAT, VERSION)
        assert data["tables"][0]["schema"] == "final.summary"
        cell = next(r for r in data["tables"][0]["rows"] if r["key"] == "208")["cells"]["amount"]
        assert (cell["text"], cell["state"], cell["value"]) == ("22.3", "number", "22.3")
        assert set(cell["provenance"]) == {"line"}  # the file is the report's source
        blank = next(r for r in data["tables"][0]["rows"] if r["key"] == "202")["cells"]["amount"]
        assert (blank["text"], blank["state"], blank["value"]) == ("", "blank", None)

    def test_decimal_exponent_kept(self) -> None:
        table = Table(
            "final.income",
            "收入决算表",
            Unit.YUAN,
            (Column("total", "合计"),),
            (Row("total", "合计", {"total": Cell("1E+2", CellState.NUMBER, Decimal("1E+2"))}),),
        )
        report = Report(ReportKind.FINAL, (table,))
        back = from_json(to_json(report))
        value = back.table("final.income").value("total", "total")
        assert value is not None
        assert str(value) == "1E+2"

    def test_file_left_out_when_it_is_the_source(self) -> None:
        prov = Provenance(file="a.txt", line=3)
        row = Row("total", "合计", {"total": Cell("1", CellState.NUMBER, Decimal(1), prov)})
        table = Table("final.income", "t", Unit.YUAN, (Column("total", "合计"),), (row,))
        data = to_dict(Report(ReportKind.FINAL, (table,), source="a.txt"))
        assert data["tables"][0]["rows"][0]["cells"]["total"]["provenance"] == {"line": 3}
        data = to_dict(Report(ReportKind.FINAL, (table,), source="b.txt"))
        assert data["tables"][0]["rows"][0]["cells"]["total"]["provenance"] == {
            "file": "a.txt",
            "line": 3,
        }


class TestRejects:
    def _doc(self) -> dict[str, Any]:
        return to_dict(load_example())

    def test_not_json(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"format": "govfin-report",\n "version": }', encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load(path)
        assert (info.value.file, info.value.line) == (str(path), 2)

    def test_other_json(self) -> None:
        with pytest.raises(LoadError, match="not a govfin report"):
            from_json('{"format": "geojson"}')

    def test_newer_version(self) -> None:
        doc = self._doc()
        doc["version"] = VERSION + 1
        with pytest.raises(LoadError, match="unsupported version"):
            from_json(json.dumps(doc))

    def test_float_amount(self) -> None:
        doc = self._doc()
        doc["tables"][2]["rows"][1]["cells"]["total"]["value"] = 683.64
        with pytest.raises(LoadError) as info:
            from_json(json.dumps(doc), file="x.json")
        message = str(info.value)
        for part in ("x.json", "tables[2] (支出决算表)", "row 201", "column total", "'value'"):
            assert part in message

    def test_state_and_value_disagree(self) -> None:
        doc = self._doc()
        doc["tables"][2]["rows"][1]["cells"]["total"]["state"] = "blank"
        with pytest.raises(LoadError, match="does not fit"):
            from_json(json.dumps(doc))

    def test_bad_decimal(self) -> None:
        doc = self._doc()
        doc["tables"][2]["rows"][1]["cells"]["total"]["value"] = "683,64"
        with pytest.raises(LoadError, match="not a decimal"):
            from_json(json.dumps(doc))
