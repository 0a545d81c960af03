"""``govfin check`` and ``govfin rules``."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from govfin.cli import main
from govfin.io import load_example, save


def _schema() -> dict[str, Any]:
    text = (
        resources.files("govfin")
        .joinpath("data/schema/findings.schema.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def _validate(instance: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> None:
    """A small validator for the JSON Schema subset the findings schema uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        _validate(instance, root["$defs"][name], root, path)
    if "const" in schema:
        assert instance == schema["const"], path
    if "enum" in schema:
        assert instance in schema["enum"], (path, instance)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "null": lambda v: v is None,
            "boolean": lambda v: isinstance(v, bool),
        }
        assert any(checks[t](instance) for t in types), (path, instance, types)
    if isinstance(instance, str) and "pattern" in schema:
        assert re.search(schema["pattern"], instance), (path, instance)
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            assert key in instance, (path, key)
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            assert set(instance) <= set(props), (path, set(instance) - set(props))
        for key, value in instance.items():
            if key in props:
                _validate(value, props[key], root, f"{path}.{key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                _validate(value, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            _validate(item, schema["items"], root, f"{path}[{i}]")


class TestCheckExample:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        code = main(["check", "--example", "--select", "GF-T,GF-R,GF-X", "--show", "info"])
        out = capsys.readouterr().out
        assert code == 0
        assert "公开06表 一般公共预算财政拨款基本支出决算明细表, row 301 工资福利支出" in out
        assert "expected 321.40  actual 321.41  difference +0.01  tolerance ±0.055 (万元)" in out
        assert out.rstrip().splitlines()[-1].startswith("OK: 0 errors, 0 warnings, 2 info;")

    def test_whole_registry_finds_the_prose_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--example"]) == 1
        assert "449.57" in capsys.readouterr().out

    def test_fail_on_warning(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--example", "--select", "GF-S003"]) == 0
        assert main(["check", "--example", "--select", "GF-S003", "--fail-on", "warning"]) == 1
        capsys.readouterr()

    def test_ignore(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--example", "--ignore", "GF-N", "--ignore", "GF-S003"]) == 0
        assert "GF-N" not in capsys.readouterr().out

    def test_json_matches_the_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--example", "--format", "json"]) == 1
        doc = json.loads(capsys.readouterr().out)
        schema = _schema()
        _validate(doc, schema, schema)
        (report,) = doc["reports"]
        assert report["source"] == "example:lukou-xzspj-2024-final.txt"
        residue = next(f for f in report["findings"] if f["rule"] == "GF-R002")
        assert (residue["expected"], residue["actual"], residue["difference"]) == (
            "321.40",
            "321.41",
            "0.01",
        )
        assert residue["locations"][0]["table"] == "final.general_basic"
        assert report["summary"]["errors"] == doc["summary"]["errors"] >= 1

    def test_jsonl_one_line_per_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        copy = tmp_path / "seed.json"
        save(load_example(), copy)
        assert main(["check", "--example", str(copy), "--format", "jsonl", "--select", "GF-R"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert [json.loads(line)["source"] for line in lines] == [
            "example:lukou-xzspj-2024-final.txt",
            str(copy),
        ]
        schema = _schema()
        for line in lines:
            _validate(json.loads(line), schema["$defs"]["report"], schema)


class TestManyInputs:
    def test_jobs_and_summary_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        paths = []
        for i in range(3):
            path = tmp_path / f"r{i}.json"
            save(load_example(), path)
            paths.append(str(path))
        code = main(["check", *paths, "--jobs", "2", "--select", "GF-T,GF-R,GF-X"])
        out = capsys.readouterr().out
        assert code == 0
        start = re.search(r"^source\s+errors", out, re.M)
        assert start is not None
        table = out[start.start() :].split("\n\n")[0].splitlines()
        assert [row.split()[0] for row in table] == ["source", *paths, "total"]
        assert table[-1].split()[1:4] == ["0", "0", "6"]

    def test_unreadable_input_is_exit_2_and_the_rest_is_checked(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text("{not json", encoding="utf-8")
        code = main(["check", "--example", str(bad), "--select", "GF-R", "-v"])
        captured = capsys.readouterr()
        assert code == 2
        assert "1 of 2 inputs could not be checked" in captured.err
        assert "GF-R002" in captured.out
        assert f"{bad}, line 1: not JSON" in captured.out

    def test_output_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "findings.json"
        assert (
            main(["check", "--example", "--select", "GF-R", "--format", "json", "-o", str(out)])
            == 0
        )
        assert capsys.readouterr().out == ""
        assert json.loads(out.read_text(encoding="utf-8"))["summary"]["info"] == 1


class TestUsage:
    def test_no_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check"]) == 2
        assert "INPUT" in capsys.readouterr().err

    def test_unknown_rule(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--example", "--select", "GF-Z9"]) == 2
        assert "no rule matches 'GF-Z9'" in capsys.readouterr().err

    def test_bad_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exc:
            main(["check", "--example", "--format", "xml"])
        assert exc.value.code == 2
        capsys.readouterr()

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", str(tmp_path / "none.txt")]) == 2
        assert "none.txt" in capsys.readouterr().err


class TestRules:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules"]) == 0
        out = capsys.readouterr().out
        assert re.search(r"^GF-R002\s+error\s+A 类 equals the sum of its 款", out, re.M)
        assert out.rstrip().endswith("rules")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["rules", "--format", "json", "--select", "GF-K"]) == 0
        rules = json.loads(capsys.readouterr().out)["rules"]
        assert [r["id"] for r in rules] == ["GF-K001", "GF-K002", "GF-K003", "GF-K004"]
        assert rules[3]["severity"] == "info"


class TestFolders:
    """``govfin check FOLDER`` checks every readable report below it, in sorted order."""

    def test_a_folder_of_reports(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (tmp_path / "b").mkdir()
        save(load_example(), tmp_path / "b" / "seed.json")
        save(load_example(), tmp_path / "a.json")
        (tmp_path / "readme.md").write_text("not a report", encoding="utf-8")
        assert main(["check", str(tmp_path), "--format", "json", "--ignore", "GF-N"]) == 0
        doc = json.loads(capsys.readouterr().out)
        sources = [Path(r["source"]).name for r in doc["reports"]]
        assert sources == ["a.json", "seed.json"]

    def test_a_folder_with_no_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "readme.md").write_text("not a report", encoding="utf-8")
        assert main(["check", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert str(tmp_path) in err
        assert "no file govfin reads" in err
