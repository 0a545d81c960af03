"""``govfin check`` over many inputs: one summary, failures once, JSON Lines and Parquet."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from govfin.cli import ExitCode, main
from govfin.io import load, load_example, save
from govfin.rules import check
from govfin.testing import Perturbation, perturb


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of two readable reports (one with a planted error) and one unreadable file."""
    seed = load_example()
    save(seed, tmp_path / "a.json")
    save(
        perturb(seed, Perturbation("final.general_basic", "301", "amount", None, Decimal(999))),
        tmp_path / "b.json",
    )
    (tmp_path / "c.json").write_text("{not json", encoding="utf-8")
    return tmp_path


class TestText:
    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_one_summary_and_each_failure_once(
        self, folder: Path, jobs: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(["check", str(folder), "--jobs", jobs, "--select", "GF-R,GF-T"])
        captured = capsys.readouterr()
        assert code == ExitCode.BAD_INPUT
        out = captured.out
        assert (
            len(re.findall(r"^source\s+errors\s+warnings\s+info\s+tables\s+time$", out, re.M)) == 1
        )
        bad = str(folder / "c.json")
        assert out.count(bad) == 1  # the failure is listed once, with its reason
        assert re.search(rf"^  {re.escape(bad)}, line 1: not JSON", out, re.M)
        assert "1 of 3 files could not be checked:" in out
        assert bad not in captured.err
        assert "1 of 3 inputs could not be checked" in captured.err
        rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
        a, b, total = rows[str(folder / "a.json")], rows[str(folder / "b.json")], rows["total"]
        assert a[1] == "0"
        assert int(b[1]) > 0
        assert a[4] == b[4] == "9/9"
        assert total[4] == "18/18"
        assert re.fullmatch(r"\d+\.\d\ds", total[5])

    def test_findings_exit_1_without_failures(
        self, folder: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (folder / "c.json").unlink()
        assert main(["check", str(folder), "--select", "GF-R"]) == ExitCode.FINDINGS
        out = capsys.readouterr().out
        assert "could not be checked" not in out
        assert out.count("total") == 1


class TestJsonLines:
    def test_one_line_per_input_streamed_failures_included(
        self, folder: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(["check", str(folder), "-j", "2", "--format", "jsonl", "--select", "GF-R"])
        captured = capsys.readouterr()
        assert code == ExitCode.BAD_INPUT
        lines = [json.loads(line) for line in captured.out.splitlines()]
        assert [Path(line["source"]).name for line in lines] == ["a.json", "b.json", "c.json"]
        a, b, c = lines
        assert (a["department"], a["region"], a["year"], a["kind"]) == (
            "株洲市渌口区行政审批服务局",
            "株洲市渌口区",
            2024,
            "决算",
        )
        assert a["summary"]["errors"] == 0
        assert b["summary"]["errors"] > 0
        assert set(c) == {"source", "error"}
        assert "c.json" in c["error"]
        assert "c.json" in captured.err


class TestParquet:
    def test_one_row_per_finding_with_the_report(
        self, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        pq = pytest.importorskip("pyarrow.parquet")
        out = tmp_path / "findings.parquet"
        code = main(["check", str(folder), "--format", "parquet", "-o", str(out)])
        assert code == ExitCode.BAD_INPUT
        capsys.readouterr()
        table = pq.read_table(out)
        rows = table.to_pylist()
        a = check(load(folder / "a.json"))
        by_file: dict[str, list[dict[str, object]]] = {}
        for row in rows:
            by_file.setdefault(Path(str(row["file"])).name, []).append(row)
        assert len(by_file["a.json"]) == len(a.findings)
        (failed,) = by_file["c.json"]
        assert failed["rule"] is None
        assert "c.json" in str(failed["error"])
        errors = [r for r in by_file["b.json"] if r["severity"] == "error"]
        assert errors
        first = errors[0]
        assert (first["department"], first["year"], first["kind"]) == (
            "株洲市渌口区行政审批服务局",
            2024,
            "决算",
        )
        cell = next(r for r in errors if r["table"] == "final.general_basic" and r["row"] == "301")
        assert cell["actual"] == "999"
        assert Decimal(str(cell["difference"])) != 0
        assert table.schema.field("year").type == "int32"

    def test_a_run_that_fails_half_way_leaves_the_old_file(self, tmp_path: Path) -> None:
        pytest.importorskip("pyarrow.parquet")
        from govfin.batch import check_many  # noqa: PLC0415
        from govfin.render.batch import write_parquet  # noqa: PLC0415

        out = tmp_path / "findings.parquet"
        out.write_bytes(b"the older dataset")
        source = tmp_path / "a.json"
        save(load_example(), source)

        def items_then_ctrl_c() -> object:
            yield from check_many([str(source)])
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_parquet(items_then_ctrl_c(), out, rows_per_group=1)  # type: ignore[arg-type]
        assert out.read_bytes() == b"the older dataset"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "findings.parquet"]

    def test_needs_an_output_file(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", str(folder), "--format", "parquet"]) == ExitCode.BAD_INPUT
        assert "-o" in capsys.readouterr().err
